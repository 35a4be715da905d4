using System.Globalization;
using System.Numerics;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// Follows a branch of equilibria <c>f(x, λ) = 0</c> in one free parameter λ (<see cref="ArclengthContinuation{TPoint}"/>):
/// Newton's method on <c>f = 0</c> bordered by the arclength condition <c>t·(u − u₀) = s</c> for <c>u = (x, λ)</c>, with
/// the analytic Jacobian. Special points are where these test functions cross zero:
/// <list type="bullet">
/// <item>folds (LP): the λ-component of the tangent;</item>
/// <item>Hopf points (HB): the bialternate product Π(μᵢ + μⱼ) of the eigenvalues changes sign, located on the real part
/// of the critical complex pair (a sign change where the critical pair is real is a neutral saddle, not reported, as
/// AUTO does); the frequency and the first Lyapunov coefficient are measured there;</item>
/// <item>branch points (BP): the determinant of the bordered Jacobian <c>[f_x f_λ; tᵀ]</c>.</item>
/// </list>
/// Stability is read from the eigenvalues of <c>f_x</c> at every point.
/// </summary>
internal sealed class EquilibriumContinuation : ArclengthContinuation<EquilibriumContinuation.Point>
{
    private const int MaxCorrectorIterations = 12;
    private const double CorrectorTolerance = 1e-11;

    private readonly ContinuationSystem _system;
    private readonly Continuation _settings;
    private readonly int _free;
    private readonly double[] _p;
    private readonly int _n;
    private readonly Monitor[] _monitors;

    /// <summary>Prepares the continuation of <paramref name="system"/>'s equilibria.</summary>
    /// <param name="system">The model.</param>
    /// <param name="settings">The continuation's settings (one free parameter).</param>
    /// <param name="parameters">Every parameter's value; the free one is where the branch starts.</param>
    public EquilibriumContinuation(ContinuationSystem system, Continuation settings, double[] parameters)
        : base([settings.FreeParameters[0]], settings.MinStep, settings.MaxStep, settings.MaxSteps)
    {
        _system = system;
        _settings = settings;
        _free = system.IndexOfParameter(settings.FreeParameters[0].Name);
        _p = (double[])parameters.Clone();
        _n = system.Dimension;
        var monitors = new List<Monitor>();
        if (settings.DetectFold)
        {
            monitors.Add(new Monitor(SpecialPointKind.Fold, p => p.Tangent[_n]));
        }

        if (settings.DetectBifurcation >= 1)
        {
            monitors.Add(new Monitor(SpecialPointKind.Hopf, p => CriticalSum(p.Eigenvalues).Real, (a, b) => BialternateSign(a.Eigenvalues) != BialternateSign(b.Eigenvalues), ConfirmHopf));
            monitors.Add(new Monitor(SpecialPointKind.BranchPoint, p => p.BorderedDeterminant));
        }

        _monitors = [.. monitors];
    }

    /// <summary>A corrected point: <c>u = (x, λ)</c>, its unit tangent, and what the test functions read.</summary>
    internal sealed record Point(double[] U, double[] Tangent, Complex[] Eigenvalues, double BorderedDeterminant, int Iterations);

    /// <inheritdoc/>
    protected override IReadOnlyList<Monitor> Monitors => _monitors;

    /// <summary>Follows the branch from an equilibrium.</summary>
    /// <param name="x0">The equilibrium at the free parameter's start value.</param>
    /// <param name="cancellationToken">Stops the continuation.</param>
    /// <returns>The branch, in order of increasing arclength from the end reached going backwards (with
    /// <see cref="Continuation.BothSides"/>) to the end reached going in the direction of <c>ds</c>.</returns>
    public Branch Run(double[] x0, CancellationToken cancellationToken)
    {
        var u0 = x0.Append(_p[_free]).ToArray();
        var start = Evaluate(u0, null, 0) ?? throw new ContinuationException($"Continuation '{_settings.Name}': the start's Jacobian is singular (it is a fold or branch point); start the continuation elsewhere.", _settings.Name, "initial_state");
        var forward = Math.Sign(_settings.InitialStep) * Math.Sign(start.Tangent[_n]) < 0 ? Reversed(start) : start;
        return Walk(forward, Math.Abs(_settings.InitialStep), _settings.BothSides,
            (points, special) => new Branch(_settings.Name, BranchKind.Equilibria, [_settings.FreeParameters[0].Name], _system.StateNames, points, special), cancellationToken);
    }

    /// <inheritdoc/>
    protected override int IterationsOf(Point point) => point.Iterations;

    /// <inheritdoc/>
    protected override double Parameter(Point point, int k) => point.U[_n];

    /// <inheritdoc/>
    protected override BranchPoint ToBranchPoint(Point point)
    {
        var x = point.U[.._n];
        return new BranchPoint
        {
            Parameters = [point.U[_n]],
            State = x,
            Minimum = x,
            Maximum = x,
            Stable = point.Eigenvalues.All(z => z.Real < 0),
            Eigenvalues = point.Eigenvalues,
        };
    }

    /// <summary>The point with its tangent reversed (the bordered determinant, linear in the tangent, changes sign).</summary>
    protected override Point Reversed(Point point) => point with { Tangent = point.Tangent.Select(x => -x).ToArray(), BorderedDeterminant = -point.BorderedDeterminant };

    private Label? ConfirmHopf(Point hopf)
    {
        var critical = CriticalSum(hopf.Eigenvalues);
        if (critical.Imaginary <= 0 || Math.Abs(critical.Real) > 1e-6 * (1 + critical.Imaginary))
        {
            return null;
        }

        var omega = critical.Imaginary / 2;
        return new Label(SpecialPointKind.Hopf, omega, HopfCoefficient.FirstLyapunov(_system, hopf.U[.._n], With(hopf.U[_n]), omega));
    }

    /// <inheritdoc/>
    protected override Point? Correct(Point from, double s)
    {
        var m = _n + 1;
        var u = new double[m];
        for (var i = 0; i < m; i++)
        {
            u[i] = from.U[i] + (s * from.Tangent[i]);
        }

        var f = new double[_n];
        var matrix = new double[m * m];
        for (var iteration = 1; iteration <= MaxCorrectorIterations; iteration++)
        {
            Bordered(u, from.Tangent, matrix, f);
            var rhs = new double[m];
            var along = 0.0;
            for (var i = 0; i < m; i++)
            {
                along += from.Tangent[i] * (u[i] - from.U[i]);
            }

            for (var i = 0; i < _n; i++)
            {
                rhs[i] = -f[i];
            }

            rhs[_n] = s - along;
            var du = DenseLinearAlgebra.Solve(matrix, rhs);
            if (du is null)
            {
                return null;
            }

            var size = 0.0;
            var scale = 1.0;
            for (var i = 0; i < m; i++)
            {
                u[i] += du[i];
                size = Math.Max(size, Math.Abs(du[i]));
                scale = Math.Max(scale, Math.Abs(u[i]));
            }

            if (!u.All(double.IsFinite))
            {
                return null;
            }

            if (size <= CorrectorTolerance * scale)
            {
                return Evaluate(u, from.Tangent, iteration);
            }
        }

        return null;
    }

    /// <summary>The tangent, eigenvalues and bordered determinant at a corrected point; the tangent is oriented along
    /// <paramref name="previous"/> (or has a positive λ-component at the start).</summary>
    private Point? Evaluate(double[] u, double[]? previous, int iterations)
    {
        var m = _n + 1;
        var border = previous ?? Enumerable.Range(0, m).Select(i => i == _n ? 1.0 : 0.0).ToArray();
        var matrix = new double[m * m];
        var f = new double[_n];
        Bordered(u, border, matrix, f);
        var tangent = DenseLinearAlgebra.Solve(matrix, Enumerable.Range(0, m).Select(i => i == _n ? 1.0 : 0.0).ToArray());
        if (tangent is null)
        {
            return null;
        }

        var norm = Math.Sqrt(tangent.Sum(v => v * v));
        for (var i = 0; i < m; i++)
        {
            tangent[i] /= norm;
        }

        // The determinant of [f_x f_λ; tᵀ] with the point's own tangent: its sign changes at branch points only. The
        // matrix already holds f_x and f_λ at u; only its last row changes.
        Array.Copy(tangent, 0, matrix, _n * m, m);
        var determinant = DenseLinearAlgebra.Determinant(matrix, m);
        var jacobian = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            Array.Copy(matrix, i * m, jacobian, i * _n, _n);
        }

        return new Point(u, tangent, DenseLinearAlgebra.Eigenvalues(jacobian, _n), determinant, iterations);
    }

    /// <summary>Fills <c>[f_x f_λ; borderᵀ]</c> (row-major) and <c>f</c> at <paramref name="u"/>.</summary>
    private void Bordered(double[] u, double[] border, double[] matrix, double[] f)
    {
        var m = _n + 1;
        var x = u[.._n];
        var p = With(u[_n]);
        var jacobian = new double[_n * _n];
        var dp = new double[_n];
        _system.Evaluate(x, p, f);
        _system.Jacobian(x, p, jacobian);
        _system.ParameterDerivative(_free, x, p, dp);
        for (var i = 0; i < _n; i++)
        {
            Array.Copy(jacobian, i * _n, matrix, i * m, _n);
            matrix[(i * m) + _n] = dp[i];
        }

        Array.Copy(border, 0, matrix, _n * m, m);
    }

    private double[] With(double lambda)
    {
        var p = (double[])_p.Clone();
        p[_free] = lambda;
        return p;
    }

    /// <summary>The sign of the bialternate product Π_{i&lt;j}(μᵢ + μⱼ), which changes where a pair of eigenvalues sums
    /// to zero (a Hopf point, or a neutral saddle).</summary>
    private static int BialternateSign(Complex[] eigenvalues)
    {
        var sign = Complex.One;
        for (var i = 0; i < eigenvalues.Length; i++)
        {
            for (var j = i + 1; j < eigenvalues.Length; j++)
            {
                var sum = eigenvalues[i] + eigenvalues[j];
                sign *= sum == Complex.Zero ? Complex.Zero : sum / Complex.Abs(sum);
            }
        }

        return Math.Sign(sign.Real);
    }

    /// <summary>The pair sum μᵢ + μⱼ closest to the imaginary axis among complex-conjugate pairs (written as
    /// <c>2·Re + 2i·|Im|</c>), or the real pair sum closest to zero when there is no complex pair.</summary>
    private static Complex CriticalSum(Complex[] eigenvalues)
    {
        var best = new Complex(double.PositiveInfinity, 0);
        foreach (var z in eigenvalues.Where(z => z.Imaginary > 0))
        {
            if (Math.Abs(2 * z.Real) < Math.Abs(best.Real))
            {
                best = new Complex(2 * z.Real, 2 * z.Imaginary);
            }
        }

        if (double.IsFinite(best.Real))
        {
            return best;
        }

        for (var i = 0; i < eigenvalues.Length; i++)
        {
            for (var j = i + 1; j < eigenvalues.Length; j++)
            {
                var sum = eigenvalues[i].Real + eigenvalues[j].Real;
                if (Math.Abs(sum) < Math.Abs(best.Real))
                {
                    best = new Complex(sum, 0);
                }
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"EquilibriumContinuation('{_settings.Name}', {_system.ParameterNames[_free]})");
}
