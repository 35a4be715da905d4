using System.Numerics;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// Follows a fold or a Hopf point in two free parameters (codimension-two continuation,
/// <see cref="ArclengthContinuation{TPoint}"/>) from a fold or Hopf point of a branch of equilibria.
/// <list type="bullet">
/// <item>Fold curve: unknowns <c>(x, a, b)</c>, equations <c>f = 0</c> and <c>g = 0</c>, where g is the last component of
/// the solution of the bordered system <c>[f_x β; γᵀ 0]·(v, g) = (0, 1)</c> (minimally augmented, Govaerts): g vanishes
/// exactly where <c>f_x</c> is singular. β and γ are the left and right null vectors of the last point's Jacobian.
/// Special points: cusps (CP), where the fold's quadratic coefficient <c>⟨w, B(v, v)⟩</c> vanishes, and
/// Bogdanov–Takens points (BT), where <c>⟨w, v⟩</c> does (a double zero eigenvalue).</item>
/// <item>Hopf curve: unknowns <c>(x, v, κ, a, b)</c>, equations <c>f = 0</c>, <c>(f_x² + κ)·v = 0</c>, <c>⟨γ, v⟩ = 1</c> and
/// <c>⟨δ, f_x v⟩ = 0</c> (the standard augmented system, Roose and Hlavaček): a pair of eigenvalues ±i√κ. Special points:
/// Bogdanov–Takens points (BT, κ = 0: the curve ends there, as beyond it it is one of neutral saddles), generalized Hopf points (GH,
/// the first Lyapunov coefficient vanishes) and zero-Hopf points (ZH, another eigenvalue is 0).</item>
/// </list>
/// The augmented systems' Jacobians are central differences of their residuals (in which <c>f_x</c> is analytic).
/// </summary>
internal sealed class BifurcationCurve : ArclengthContinuation<BifurcationCurve.Point>
{
    private const int MaxCorrectorIterations = 20;
    private const double CorrectorTolerance = 1e-10;

    private readonly ContinuationSystem _system;
    private readonly Continuation _settings;
    private readonly bool _hopf;
    private readonly int _n;
    private readonly int[] _free;
    private readonly double[] _p;
    private readonly Monitor[] _monitors;

    /// <summary>Prepares the curve.</summary>
    /// <param name="system">The model.</param>
    /// <param name="settings">The continuation (two free parameters).</param>
    /// <param name="hopf">A Hopf curve (else a fold curve).</param>
    /// <param name="parameters">Every parameter's value.</param>
    public BifurcationCurve(ContinuationSystem system, Continuation settings, bool hopf, double[] parameters)
        : base(settings.FreeParameters, settings.MinStep, settings.MaxStep, settings.MaxSteps)
    {
        _system = system;
        _settings = settings;
        _hopf = hopf;
        _n = system.Dimension;
        _free = settings.FreeParameters.Select(f => system.IndexOfParameter(f.Name)).ToArray();
        _p = (double[])parameters.Clone();
        _monitors = hopf
            ?
            [
                new Monitor(SpecialPointKind.BogdanovTakens, q => q.Kappa, Confirm: _ => new Label(SpecialPointKind.BogdanovTakens, Reason: "Bogdanov–Takens point: beyond it the pair ±i√κ becomes a real pair ±√−κ (neutral saddles, not Hopf points)", Terminal: true)),
                new Monitor(SpecialPointKind.GeneralizedHopf, q => q.Lyapunov, Confirm: q => q.Kappa > 0 ? new Label(SpecialPointKind.GeneralizedHopf, Math.Sqrt(q.Kappa)) : null),
                new Monitor(SpecialPointKind.ZeroHopf, q => q.Determinant, Confirm: q => q.Kappa > 0 ? new Label(SpecialPointKind.ZeroHopf, Math.Sqrt(q.Kappa)) : null),
            ]
            :
            [
                new Monitor(SpecialPointKind.Cusp, q => q.Quadratic),
                new Monitor(SpecialPointKind.BogdanovTakens, q => q.Overlap),
            ];
    }

    /// <summary>A point of the curve: the unknowns, the unit tangent, the borders of its residual, and what the test
    /// functions read.</summary>
    internal sealed record Point(double[] Z, double[] Tangent, double[] Border1, double[] Border2, Complex[] Eigenvalues, double Quadratic, double Overlap, double Kappa, double Lyapunov, double Determinant, int Iterations);

    /// <inheritdoc/>
    protected override IReadOnlyList<Monitor> Monitors => _monitors;

    private int Unknowns => _hopf ? (2 * _n) + 3 : _n + 2;

    /// <summary>Follows the curve from a fold or Hopf point.</summary>
    /// <param name="x">The equilibrium at the point.</param>
    /// <param name="omega">At a Hopf point, its frequency.</param>
    /// <param name="cancellationToken">Stops the continuation.</param>
    /// <returns>The curve.</returns>
    public Branch Run(double[] x, double omega, CancellationToken cancellationToken)
    {
        var p = (double[])_p.Clone();
        var z = new double[Unknowns];
        Array.Copy(x, z, _n);
        z[^2] = p[_free[0]];
        z[^1] = p[_free[1]];
        double[] border1, border2;
        if (_hopf)
        {
            var q = HopfCoefficient.Eigenvector(_system, x, p, omega);
            var v = q.Select(c => c.Real).ToArray();
            if (v.Sum(c => c * c) < 1e-12)
            {
                v = q.Select(c => c.Imaginary).ToArray();
            }

            (border1, border2) = HopfBorders(Jacobian(x, p), v);
            var scale = Dot(border1, v);
            for (var i = 0; i < _n; i++)
            {
                z[_n + i] = v[i] / scale;
            }

            z[2 * _n] = omega * omega;
        }
        else
        {
            var (right, left) = NullVectors(Jacobian(x, p));
            (border1, border2) = (left, right);
        }

        var start = Evaluate(z, border1, border2, null, 0)
            ?? throw new ContinuationException($"Continuation '{_settings.Name}': the augmented system is singular at its start ({(_hopf ? "Hopf" : "fold")} point); the point may be degenerate.", _settings.Name, "initial_state");
        if (Math.Sign(start.Tangent[^1]) * Math.Sign(_settings.InitialStep) < 0)
        {
            start = Reversed(start);
        }

        return Walk(start, Math.Abs(_settings.InitialStep), _settings.BothSides,
            (points, special) => new Branch(_settings.Name, _hopf ? BranchKind.HopfCurve : BranchKind.FoldCurve, _settings.FreeParameters.Select(f => f.Name).ToArray(), _system.StateNames, points, special), cancellationToken);
    }

    /// <inheritdoc/>
    protected override int IterationsOf(Point point) => point.Iterations;

    /// <inheritdoc/>
    protected override double Parameter(Point point, int k) => point.Z[Unknowns - 2 + k];

    /// <inheritdoc/>
    protected override Point Reversed(Point point) => point with { Tangent = point.Tangent.Select(t => -t).ToArray() };

    /// <inheritdoc/>
    protected override BranchPoint ToBranchPoint(Point point)
    {
        var x = point.Z[.._n];
        return new BranchPoint
        {
            Parameters = [point.Z[^2], point.Z[^1]],
            State = x,
            Minimum = x,
            Maximum = x,
            Stable = false,
            Eigenvalues = point.Eigenvalues,
        };
    }

    /// <inheritdoc/>
    protected override Point? Correct(Point from, double s)
    {
        var m = Unknowns;
        var z = new double[m];
        for (var i = 0; i < m; i++)
        {
            z[i] = from.Z[i] + (s * from.Tangent[i]);
        }

        for (var iteration = 1; iteration <= MaxCorrectorIterations; iteration++)
        {
            var residual = Residual(z, from.Border1, from.Border2);
            if (residual is null)
            {
                return null;
            }

            var matrix = Bordered(z, from.Border1, from.Border2, from.Tangent);
            if (matrix is null)
            {
                return null;
            }

            var rhs = new double[m];
            var along = 0.0;
            for (var i = 0; i < m; i++)
            {
                along += from.Tangent[i] * (z[i] - from.Z[i]);
            }

            for (var i = 0; i < m - 1; i++)
            {
                rhs[i] = -residual[i];
            }

            rhs[^1] = s - along;
            var dz = DenseLinearAlgebra.Solve(matrix, rhs);
            if (dz is null)
            {
                return null;
            }

            var size = 0.0;
            var scale = 1.0;
            for (var i = 0; i < m; i++)
            {
                z[i] += dz[i];
                size = Math.Max(size, Math.Abs(dz[i]));
                scale = Math.Max(scale, Math.Abs(z[i]));
            }

            if (!z.All(double.IsFinite))
            {
                return null;
            }

            if (size <= CorrectorTolerance * scale)
            {
                if (_hopf)
                {
                    var (gamma, delta) = HopfBorders(Jacobian(z[.._n], With(z)), z[_n..(2 * _n)]);
                    return Evaluate(z, gamma, delta, from.Tangent, iteration);
                }

                var (right, left) = NullVectors(Jacobian(z[.._n], With(z)));
                return Evaluate(z, Oriented(left, from.Border1), Oriented(right, from.Border2), from.Tangent, iteration);
            }
        }

        return null;
    }

    /// <summary>The tangent (oriented along <paramref name="previous"/>, or towards the second parameter's growth at the
    /// start) and the test functions at a solution.</summary>
    private Point? Evaluate(double[] z, double[] border1, double[] border2, double[]? previous, int iterations)
    {
        var m = Unknowns;
        var last = previous ?? Enumerable.Range(0, m).Select(i => i == m - 1 ? 1.0 : 0.0).ToArray();
        var matrix = Bordered(z, border1, border2, last);
        var tangent = matrix is null ? null : DenseLinearAlgebra.Solve(matrix, Enumerable.Range(0, m).Select(i => i == m - 1 ? 1.0 : 0.0).ToArray());
        if (tangent is null)
        {
            return null;
        }

        var norm = Math.Sqrt(Dot(tangent, tangent));
        for (var i = 0; i < m; i++)
        {
            tangent[i] /= norm;
        }

        var x = z[.._n];
        var p = With(z);
        var jac = Jacobian(x, p);
        var eigenvalues = DenseLinearAlgebra.Eigenvalues(jac, _n);
        double quadratic = double.NaN, overlap = double.NaN, kappa = double.NaN, lyapunov = double.NaN, determinant = double.NaN;
        if (_hopf)
        {
            kappa = z[2 * _n];
            lyapunov = kappa > 0 ? HopfCoefficient.FirstLyapunov(_system, x, p, Math.Sqrt(kappa)) : double.NaN;
            determinant = DenseLinearAlgebra.Determinant(jac, _n);
        }
        else
        {
            var (right, left) = NullVectors(jac);
            var (v, w) = (Oriented(right, border2), Oriented(left, border1));
            overlap = Dot(v, w);
            var bvv = SecondDerivative(x, p, v);
            quadratic = Dot(w, bvv);
        }

        return new Point(z, tangent, border1, border2, eigenvalues, quadratic, overlap, kappa, lyapunov, determinant, iterations);
    }

    /// <summary>The residual of the augmented system (length: unknowns − 1), or null where its border is singular.</summary>
    private double[]? Residual(double[] z, double[] border1, double[] border2)
    {
        var n = _n;
        var x = z[..n];
        var p = With(z);
        var f = new double[n];
        _system.Evaluate(x, p, f);
        var jac = Jacobian(x, p);
        if (!_hopf)
        {
            // [J β; γᵀ 0]·(v, g) = (0, 1): border1 = β (left null vector), border2 = γ (right).
            var m = n + 1;
            var bordered = new double[m * m];
            for (var i = 0; i < n; i++)
            {
                Array.Copy(jac, i * n, bordered, i * m, n);
                bordered[(i * m) + n] = border1[i];
                bordered[(n * m) + i] = border2[i];
            }

            var solution = DenseLinearAlgebra.Solve(bordered, Enumerable.Range(0, m).Select(i => i == n ? 1.0 : 0.0).ToArray());
            return solution is null ? null : [.. f, solution[n]];
        }

        var v = z[n..(2 * n)];
        var kappa = z[2 * n];
        var jv = Multiply(jac, v);
        var jjv = Multiply(jac, jv);
        var residual = new double[(2 * n) + 2];
        Array.Copy(f, residual, n);
        for (var i = 0; i < n; i++)
        {
            residual[n + i] = jjv[i] + (kappa * v[i]);
        }

        residual[2 * n] = Dot(border1, v) - 1;
        residual[(2 * n) + 1] = Dot(border2, jv);
        return residual;
    }

    /// <summary>The Jacobian of the residual by central differences, bordered by <paramref name="last"/> as its last row
    /// (row-major, unknowns × unknowns).</summary>
    private double[]? Bordered(double[] z, double[] border1, double[] border2, double[] last)
    {
        var m = Unknowns;
        var matrix = new double[m * m];
        var shifted = (double[])z.Clone();
        for (var j = 0; j < m; j++)
        {
            var h = 1e-6 * (1 + Math.Abs(z[j]));
            shifted[j] = z[j] + h;
            var plus = Residual(shifted, border1, border2);
            shifted[j] = z[j] - h;
            var minus = Residual(shifted, border1, border2);
            shifted[j] = z[j];
            if (plus is null || minus is null)
            {
                return null;
            }

            for (var i = 0; i < m - 1; i++)
            {
                matrix[(i * m) + j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        Array.Copy(last, 0, matrix, (m - 1) * m, m);
        return matrix;
    }

    /// <summary>The Hopf curve's normalization vectors from the last eigenvector v: γ = v/|v|², δ ⟂ f_x·v.</summary>
    private static (double[] Gamma, double[] Delta) HopfBorders(double[] jac, double[] v)
    {
        var n = v.Length;
        var jv = Multiply(jac, v);
        var vv = Dot(v, v);
        var gamma = v.Select(c => c / vv).ToArray();
        var ratio = Dot(v, jv) / Dot(jv, jv);
        var delta = Enumerable.Range(0, n).Select(i => v[i] - (ratio * jv[i])).ToArray();
        return (gamma, delta);
    }

    /// <summary>The right and left null vectors (unit) of a nearly singular Jacobian.</summary>
    private (double[] Right, double[] Left) NullVectors(double[] jac)
    {
        var n = _n;
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => jac[(i * n) + j]);
        var svd = matrix.Svd(true);
        var right = svd.VT.Row(n - 1).ToArray();
        var left = svd.U.Column(n - 1).ToArray();
        return (right, left);
    }

    /// <summary>The vector, or its negative, whichever points along <paramref name="reference"/> (null vectors are only
    /// defined up to sign; the test functions need them oriented continuously along the curve).</summary>
    private static double[] Oriented(double[] v, double[] reference) => Dot(v, reference) < 0 ? v.Select(c => -c).ToArray() : v;

    /// <summary>B(v, v): the derivative of f_x·v along v, by central differences.</summary>
    private double[] SecondDerivative(double[] x, double[] p, double[] v)
    {
        var h = 1e-5 * (1 + x.Max(Math.Abs));
        var plus = Multiply(Jacobian(x.Select((c, i) => c + (h * v[i])).ToArray(), p), v);
        var minus = Multiply(Jacobian(x.Select((c, i) => c - (h * v[i])).ToArray(), p), v);
        return plus.Select((c, i) => (c - minus[i]) / (2 * h)).ToArray();
    }

    private double[] Jacobian(double[] x, double[] p)
    {
        var jac = new double[_n * _n];
        _system.Jacobian(x, p, jac);
        return jac;
    }

    private double[] With(double[] z)
    {
        var p = (double[])_p.Clone();
        p[_free[0]] = z[^2];
        p[_free[1]] = z[^1];
        return p;
    }

    private static double[] Multiply(double[] matrix, double[] v)
    {
        var n = v.Length;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i] += matrix[(i * n) + j] * v[j];
            }
        }

        return result;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
