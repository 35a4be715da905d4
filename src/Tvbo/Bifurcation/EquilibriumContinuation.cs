using System.Globalization;
using System.Numerics;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// Follows a branch of equilibria <c>f(x, λ) = 0</c> in one free parameter λ by pseudo-arclength continuation (Keller):
/// an Euler predictor along the unit tangent of <c>u = (x, λ)</c>, Newton's method on <c>f = 0</c> bordered by the
/// arclength condition <c>t·(u − u₀) = s</c> with the analytic Jacobian, and the step adapted within
/// <c>ds_min..ds_max</c> (doubled after a corrector of at most two iterations, halved when the corrector fails).
/// <para>Special points are detected by sign changes of test functions between consecutive points and located by
/// Illinois regula falsi on the arclength of the step, each evaluation a corrected point:</para>
/// <list type="bullet">
/// <item>folds (LP): the λ-component of the tangent;</item>
/// <item>Hopf points (HB): the bialternate product Π(μᵢ + μⱼ) of the eigenvalues, then the real part of the critical
/// complex pair (a sign change where the critical pair is real is a neutral saddle, not reported, as AUTO does);</item>
/// <item>branch points (BP): the determinant of the bordered Jacobian <c>[f_x f_λ; tᵀ]</c>;</item>
/// <item>the domain's ends: λ − lo and λ − hi, where the branch ends (EP).</item>
/// </list>
/// Stability is read from the eigenvalues of <c>f_x</c> at every point.
/// </summary>
internal sealed class EquilibriumContinuation
{
    private const int MaxCorrectorIterations = 12;
    private const double CorrectorTolerance = 1e-11;

    private readonly ContinuationSystem _system;
    private readonly Continuation _settings;
    private readonly int _free;
    private readonly double[] _p;
    private readonly int _n;
    private readonly double _lower;
    private readonly double _upper;

    /// <summary>Prepares the continuation of <paramref name="system"/>'s equilibria.</summary>
    /// <param name="system">The model.</param>
    /// <param name="settings">The continuation's settings (one free parameter).</param>
    /// <param name="parameters">Every parameter's value; the free one is where the branch starts.</param>
    public EquilibriumContinuation(ContinuationSystem system, Continuation settings, double[] parameters)
    {
        _system = system;
        _settings = settings;
        var free = settings.FreeParameters[0];
        _free = system.IndexOfParameter(free.Name);
        _p = (double[])parameters.Clone();
        _n = system.Dimension;
        _lower = free.Lower;
        _upper = free.Upper;
    }

    /// <summary>A corrected point: <c>u = (x, λ)</c>, its unit tangent, and what the test functions read.</summary>
    private sealed record Point(double[] U, double[] Tangent, Complex[] Eigenvalues, double BorderedDeterminant, int Iterations)
    {
        public double Lambda => U[^1];
    }

    /// <summary>A point of one direction's walk, with its label if it is special.</summary>
    private sealed record Entry(Point Point, SpecialPointKind? Kind = null, string? Reason = null, double Frequency = double.NaN, double Lyapunov = double.NaN);

    /// <summary>Follows the branch from an equilibrium.</summary>
    /// <param name="x0">The equilibrium at the free parameter's start value.</param>
    /// <param name="cancellationToken">Stops the continuation.</param>
    /// <returns>The branch, in order of increasing arclength from the end reached going backwards (with
    /// <see cref="Continuation.BothSides"/>) to the end reached going in the direction of <c>ds</c>.</returns>
    public Branch Run(double[] x0, CancellationToken cancellationToken)
    {
        var u0 = x0.Append(_p[_free]).ToArray();
        var start = Evaluate(u0, null, 0) ?? throw Fail("the start's Jacobian is singular (it is a fold or branch point); start the continuation elsewhere");
        var sign = Math.Sign(_settings.InitialStep) * Math.Sign(start.Tangent[_n]);
        var forwardStart = sign < 0 ? Reversed(start) : start;
        var forward = Follow(forwardStart, cancellationToken);
        var entries = forward;
        if (_settings.BothSides)
        {
            var backward = Follow(Reversed(forwardStart), cancellationToken);
            backward.Reverse();
            entries = backward.Concat(forward.Skip(1)).ToList();
        }

        return Build(entries);
    }

    private Branch Build(List<Entry> entries)
    {
        var points = entries.Select(e => ToBranchPoint(e.Point)).ToArray();
        var counts = new Dictionary<SpecialPointKind, int>();
        var special = new List<SpecialPoint>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Kind is not { } kind)
            {
                continue;
            }

            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            special.Add(new SpecialPoint
            {
                Kind = kind,
                Number = counts[kind],
                PointIndex = i,
                Parameters = points[i].Parameters,
                State = points[i].State,
                Frequency = entries[i].Frequency,
                FirstLyapunovCoefficient = entries[i].Lyapunov,
                Reason = entries[i].Reason,
            });
        }

        return new Branch(_settings.Name, BranchKind.Equilibria, [_settings.FreeParameters[0].Name], _system.StateNames, points, special);
    }

    private BranchPoint ToBranchPoint(Point p)
    {
        var x = p.U[.._n];
        return new BranchPoint
        {
            Parameters = [p.Lambda],
            State = x,
            Minimum = x,
            Maximum = x,
            Stable = p.Eigenvalues.All(z => z.Real < 0),
            Eigenvalues = p.Eigenvalues,
        };
    }

    /// <summary>Walks from <paramref name="start"/> along its tangent until an end.</summary>
    private List<Entry> Follow(Point start, CancellationToken cancellationToken)
    {
        var entries = new List<Entry> { new(start) };
        var current = start;
        var ds = Math.Abs(_settings.InitialStep);
        var steps = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (steps >= _settings.MaxSteps)
            {
                entries[^1] = entries[^1] with { Kind = SpecialPointKind.EndPoint, Reason = $"max_steps ({_settings.MaxSteps}) reached" };
                return entries;
            }

            var next = Correct(current, ds);
            if (next is null)
            {
                ds /= 2;
                if (ds < _settings.MinStep)
                {
                    entries[^1] = entries[^1] with { Kind = SpecialPointKind.EndPoint, Reason = FormattableString.Invariant($"Newton's method does not converge even at the smallest step (ds_min = {_settings.MinStep})") };
                    return entries;
                }

                continue;
            }

            steps++;
            var events = Detect(current, next, ds);
            foreach (var e in events.OrderBy(e => e.S))
            {
                entries.Add(e.Entry);
                if (e.Entry.Kind == SpecialPointKind.EndPoint)
                {
                    return entries;
                }
            }

            entries.Add(new Entry(next));
            current = next;
            if (next.Iterations <= 2)
            {
                ds = Math.Min(ds * 2, _settings.MaxStep);
            }
        }
    }

    /// <summary>The special points between two consecutive points, located, with the arclength of each from
    /// <paramref name="from"/>.</summary>
    private List<(double S, Entry Entry)> Detect(Point from, Point to, double ds)
    {
        var found = new List<(double, Entry)>();
        if (_settings.DetectFold && Math.Sign(from.Tangent[_n]) != Math.Sign(to.Tangent[_n]))
        {
            if (Locate(from, to, ds, p => p.Tangent[_n]) is { } fold)
            {
                found.Add((fold.S, new Entry(fold.Point, SpecialPointKind.Fold)));
            }
        }

        if (_settings.DetectBifurcation >= 1)
        {
            if (BialternateSign(from.Eigenvalues) != BialternateSign(to.Eigenvalues)
                && Locate(from, to, ds, p => CriticalSum(p.Eigenvalues).Real) is { } hopf)
            {
                var critical = CriticalSum(hopf.Point.Eigenvalues);
                if (critical.Imaginary > 0 && Math.Abs(critical.Real) <= 1e-6 * (1 + critical.Imaginary))
                {
                    var omega = critical.Imaginary / 2;
                    var lyapunov = HopfCoefficient.FirstLyapunov(_system, hopf.Point.U[.._n], With(hopf.Point.Lambda), omega);
                    found.Add((hopf.S, new Entry(hopf.Point, SpecialPointKind.Hopf, Frequency: omega, Lyapunov: lyapunov)));
                }
            }

            if (Math.Sign(from.BorderedDeterminant) != Math.Sign(to.BorderedDeterminant)
                && Locate(from, to, ds, p => p.BorderedDeterminant) is { } bp)
            {
                found.Add((bp.S, new Entry(bp.Point, SpecialPointKind.BranchPoint)));
            }
        }

        foreach (var (bound, name) in new[] { (_lower, "lo"), (_upper, "hi") })
        {
            if (double.IsFinite(bound) && Math.Sign(from.Lambda - bound) != Math.Sign(to.Lambda - bound)
                && Locate(from, to, ds, p => p.Lambda - bound) is { } edge)
            {
                // The edge itself, exactly: the located λ is within round-off of it.
                var u = (double[])edge.Point.U.Clone();
                u[^1] = bound;
                var reason = FormattableString.Invariant($"{_settings.FreeParameters[0].Name} reached the domain's {name} ({bound})");
                found.Add((edge.S, new Entry(edge.Point with { U = u }, SpecialPointKind.EndPoint, reason)));
            }
        }

        // Only what lies before the first end counts.
        var end = found.Where(f => f.Item2.Kind == SpecialPointKind.EndPoint).Select(f => f.Item1).DefaultIfEmpty(double.PositiveInfinity).Min();
        return found.Where(f => f.Item1 <= end).ToList();
    }

    /// <summary>Locates the zero of a test function between two points by Illinois regula falsi on the arclength.</summary>
    private (double S, Point Point)? Locate(Point from, Point to, double ds, Func<Point, double> psi)
    {
        double sa = 0, sb = ds, fa = psi(from), fb = psi(to);
        Point best = Math.Abs(fa) < Math.Abs(fb) ? from : to;
        var bestS = Math.Abs(fa) < Math.Abs(fb) ? 0 : ds;
        var side = 0;
        for (var i = 0; i < 100 && sb - sa > 1e-14 * ds; i++)
        {
            var s = Math.Clamp(sb - (fb * (sb - sa) / (fb - fa)), sa + (1e-3 * (sb - sa)), sb - (1e-3 * (sb - sa)));
            if (!double.IsFinite(s))
            {
                s = (sa + sb) / 2;
            }

            // At a branch point the bordered system is singular: a step just beside it still converges.
            var p = Correct(from, s) ?? Correct(from, s += 1e-9 * (sb - sa)) ?? Correct(from, s -= 2e-9 * (sb - sa));
            if (p is null)
            {
                return (bestS, best);
            }

            var f = psi(p);
            if (Math.Abs(f) <= Math.Abs(psi(best)))
            {
                (best, bestS) = (p, s);
            }

            if (f == 0)
            {
                break;
            }

            if (Math.Sign(f) == Math.Sign(fb))
            {
                (sb, fb) = (s, f);
                fa = side == -1 ? fa / 2 : fa;
                side = -1;
            }
            else
            {
                (sa, fa) = (s, f);
                fb = side == 1 ? fb / 2 : fb;
                side = 1;
            }
        }

        return (bestS, best);
    }

    /// <summary>Newton's method from the predictor <c>u₀ + s·t₀</c> on <c>f = 0</c>, <c>t₀·(u − u₀) = s</c>.</summary>
    private Point? Correct(Point from, double s)
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

        // The determinant of [f_x f_λ; tᵀ] with the point's own tangent: its sign changes at branch points only.
        Bordered(u, tangent, matrix, f);
        var determinant = DenseLinearAlgebra.Determinant(matrix, m);
        var jacobian = new double[_n * _n];
        _system.Jacobian(u[.._n], With(u[_n]), jacobian);
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

    /// <summary>The point with its tangent reversed (the bordered determinant, linear in the tangent, changes sign).</summary>
    private static Point Reversed(Point p) => p with { Tangent = p.Tangent.Select(x => -x).ToArray(), BorderedDeterminant = -p.BorderedDeterminant };

    private ContinuationException Fail(string what) =>
        new($"Continuation '{_settings.Name}': {what}.", _settings.Name, "initial_state");

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"EquilibriumContinuation('{_settings.Name}', {_system.ParameterNames[_free]})");
}
