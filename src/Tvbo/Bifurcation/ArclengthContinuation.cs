using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// The walk along a branch shared by equilibria and periodic orbits: pseudo-arclength steps (Keller) from the last
/// point along its unit tangent, the step adapted within <c>ds_min..ds_max</c> (doubled after a corrector of at most
/// two iterations, halved when the corrector fails, the branch ending when it fails at <c>ds_min</c>), both directions
/// from the start when asked, and special points: each <see cref="Monitor"/>'s test function is read at every point, and
/// where it crosses between two consecutive points the zero is located by Illinois regula falsi on the arclength of the
/// step (each evaluation a corrected point) and inserted into the branch. The free parameter's domain ends the branch
/// exactly at lo or hi (EP), as does <c>max_steps</c>.
/// </summary>
/// <typeparam name="TPoint">A corrected point with its tangent.</typeparam>
internal abstract class ArclengthContinuation<TPoint>
    where TPoint : class
{
    private readonly IReadOnlyList<ContinuationParameter> _free;
    private readonly double _minStep;
    private readonly double _maxStep;
    private readonly int _maxSteps;

    /// <summary>Prepares the walk.</summary>
    /// <param name="free">The free parameters and their domains (one, or two for a curve of bifurcation points).</param>
    /// <param name="minStep">The smallest step (ds_min).</param>
    /// <param name="maxStep">The largest step (ds_max).</param>
    /// <param name="maxSteps">The most steps per direction (max_steps).</param>
    protected ArclengthContinuation(IReadOnlyList<ContinuationParameter> free, double minStep, double maxStep, int maxSteps)
    {
        _free = free;
        _minStep = minStep;
        _maxStep = maxStep;
        _maxSteps = maxSteps;
    }

    /// <summary>A test function: where it crosses between two points, a special point of <see cref="Kind"/> lies.</summary>
    /// <param name="Kind">The kind of point.</param>
    /// <param name="Value">The test function, smooth along the branch near its zero (regula falsi locates the zero).</param>
    /// <param name="Crossed">Whether it crossed between two points; null for a sign change of <paramref name="Value"/>.</param>
    /// <param name="Confirm">Checks the located point and gives its label (with what it measures there), or null to drop
    /// it; null labels every located point with <paramref name="Kind"/>.</param>
    protected sealed record Monitor(SpecialPointKind Kind, Func<TPoint, double> Value, Func<TPoint, TPoint, bool>? Crossed = null, Func<TPoint, Label?>? Confirm = null);

    /// <summary>What a special point is, with what is measured there.</summary>
    /// <param name="Kind">The kind.</param>
    /// <param name="Frequency">At a Hopf point, ω.</param>
    /// <param name="Lyapunov">At a Hopf point, the first Lyapunov coefficient.</param>
    /// <param name="Reason">Why a branch ends here.</param>
    /// <param name="Edge">Where a branch ends on its domain's edge: the free parameter and the end's value.</param>
    /// <param name="Terminal">Whether the branch ends at this special point (beyond it, it is not what it follows).</param>
    protected sealed record Label(SpecialPointKind Kind, double Frequency = double.NaN, double Lyapunov = double.NaN, string? Reason = null, (int Parameter, double Value)? Edge = null, bool Terminal = false)
    {
        /// <summary>Whether the branch ends here.</summary>
        public bool Ends => Kind == SpecialPointKind.EndPoint || Terminal;
    }

    /// <summary>A point of a walk with its label if it is special.</summary>
    private sealed record Entry(TPoint Point, Label? Label = null);

    /// <summary>The test functions read at every point.</summary>
    protected abstract IReadOnlyList<Monitor> Monitors { get; }

    /// <summary>Newton's method from the predictor <c>from + s·tangent</c>, bordered by the arclength condition; the
    /// corrected point with its tangent oriented as <paramref name="from"/>'s, or null when it does not converge.</summary>
    /// <param name="from">The last point.</param>
    /// <param name="s">The step.</param>
    protected abstract TPoint? Correct(TPoint from, double s);

    /// <summary>The point with its tangent reversed.</summary>
    /// <param name="point">The point.</param>
    protected abstract TPoint Reversed(TPoint point);

    /// <summary>The Newton iterations the point took.</summary>
    /// <param name="point">The point.</param>
    protected abstract int IterationsOf(TPoint point);

    /// <summary>A free parameter's value at the point.</summary>
    /// <param name="point">The point.</param>
    /// <param name="k">The free parameter's index.</param>
    protected abstract double Parameter(TPoint point, int k);

    /// <summary>The point as the user sees it.</summary>
    /// <param name="point">The point.</param>
    protected abstract BranchPoint ToBranchPoint(TPoint point);

    /// <summary>Walks the branch from <paramref name="start"/> (its tangent pointing the first way) and, with
    /// <paramref name="bothSides"/>, the other way too.</summary>
    /// <param name="start">The first point.</param>
    /// <param name="firstStep">The first step's size.</param>
    /// <param name="bothSides">Whether to walk the other way too.</param>
    /// <param name="build">Makes the branch from its points and special points.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The branch, in order from the end reached going backwards to the end reached going forwards.</returns>
    protected Branch Walk(TPoint start, double firstStep, bool bothSides, Func<IReadOnlyList<BranchPoint>, IReadOnlyList<SpecialPoint>, Branch> build, CancellationToken cancellationToken)
    {
        var entries = Follow(start, firstStep, cancellationToken);
        if (bothSides)
        {
            var backward = Follow(Reversed(start), firstStep, cancellationToken);
            backward.Reverse();
            entries = backward.Concat(entries.Skip(1)).ToList();
        }

        var points = entries.Select(e => e.Label?.Edge is { } edge ? OnEdge(ToBranchPoint(e.Point), edge.Parameter, edge.Value) : ToBranchPoint(e.Point)).ToArray();
        var counts = new Dictionary<SpecialPointKind, int>();
        var special = new List<SpecialPoint>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Label is not { } label)
            {
                continue;
            }

            counts[label.Kind] = counts.GetValueOrDefault(label.Kind) + 1;
            special.Add(new SpecialPoint
            {
                Kind = label.Kind,
                Number = counts[label.Kind],
                PointIndex = i,
                Parameters = points[i].Parameters,
                State = points[i].State,
                Frequency = label.Frequency,
                FirstLyapunovCoefficient = label.Lyapunov,
                Reason = label.Reason,
            });
        }

        return build(points, special);
    }

    /// <summary>A located end point with its parameter set to the domain's end exactly (it is within round-off).</summary>
    private static BranchPoint OnEdge(BranchPoint point, int parameter, double value)
    {
        var parameters = point.Parameters.ToArray();
        parameters[parameter] = value;
        return point with { Parameters = parameters };
    }

    private List<Entry> Follow(TPoint start, double firstStep, CancellationToken cancellationToken)
    {
        var entries = new List<Entry> { new(start) };
        var current = start;
        var ds = firstStep;
        var steps = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (steps >= _maxSteps)
            {
                entries[^1] = entries[^1] with { Label = new(SpecialPointKind.EndPoint, Reason: $"max_steps ({_maxSteps}) reached") };
                return entries;
            }

            var next = Correct(current, ds);
            if (next is null)
            {
                ds /= 2;
                if (ds < _minStep)
                {
                    entries[^1] = entries[^1] with { Label = new(SpecialPointKind.EndPoint, Reason: FormattableString.Invariant($"Newton's method does not converge even at the smallest step (ds_min = {_minStep})")) };
                    return entries;
                }

                continue;
            }

            steps++;
            if (LeavesFromEdge(current, next) is { } edge)
            {
                entries[^1] = entries[^1] with { Label = edge };
                return entries;
            }

            foreach (var (_, entry) in Detect(current, next, ds))
            {
                entries.Add(entry);
                if (entry.Label?.Ends == true)
                {
                    return entries;
                }
            }

            entries.Add(new Entry(next));
            current = next;
            if (IterationsOf(next) <= 2)
            {
                ds = Math.Min(ds * 2, _maxStep);
            }
        }
    }

    /// <summary>The special points between two consecutive points, located, in order along the step, up to the first end.</summary>
    private List<(double S, Entry Entry)> Detect(TPoint from, TPoint to, double ds)
    {
        var found = new List<(double S, Entry Entry)>();
        foreach (var monitor in Monitors)
        {
            var crossed = monitor.Crossed?.Invoke(from, to) ?? SignChanges(monitor.Value(from), monitor.Value(to));
            if (crossed && Locate(from, to, ds, monitor.Value) is { } located)
            {
                var label = monitor.Confirm is null ? new Label(monitor.Kind) : monitor.Confirm(located.Point);
                if (label is not null)
                {
                    found.Add((located.S, new Entry(located.Point, label)));
                }
            }
        }

        for (var k = 0; k < _free.Count; k++)
        {
            var free = _free[k];
            var index = k;
            foreach (var (bound, name) in new[] { (free.Lower, "lo"), (free.Upper, "hi") })
            {
                if (double.IsFinite(bound) && SignChanges(Parameter(from, index) - bound, Parameter(to, index) - bound)
                    && Locate(from, to, ds, p => Parameter(p, index) - bound) is { } edge)
                {
                    var reason = string.Create(CultureInfo.InvariantCulture, $"{free.Name} reached the domain's {name} ({bound})");
                    found.Add((edge.S, new Entry(edge.Point, new Label(SpecialPointKind.EndPoint, Reason: reason, Edge: (index, bound)))));
                }
            }
        }

        var end = found.Where(f => f.Entry.Label!.Ends).Select(f => f.S).DefaultIfEmpty(double.PositiveInfinity).Min();
        return found.Where(f => f.S <= end).OrderBy(f => f.S).ToList();
    }

    /// <summary>Whether a test function changes sign between two points (not where it is undefined, NaN, at either).</summary>
    /// <remarks>A value of exactly 0 at the first point is a zero already found there (a located point, or the start),
    /// not a new one.</remarks>
    private static bool SignChanges(double a, double b) => !double.IsNaN(a) && !double.IsNaN(b) && a != 0 && Math.Sign(a) != Math.Sign(b);

    /// <summary>Where a step from a point exactly on the domain's edge leaves the domain: the edge's label, or null.</summary>
    private Label? LeavesFromEdge(TPoint from, TPoint to)
    {
        for (var k = 0; k < _free.Count; k++)
        {
            var (lambda, next) = (Parameter(from, k), Parameter(to, k));
            if ((lambda == _free[k].Lower && next < lambda) || (lambda == _free[k].Upper && next > lambda))
            {
                var name = lambda == _free[k].Lower ? "lo" : "hi";
                return new Label(SpecialPointKind.EndPoint, Reason: string.Create(CultureInfo.InvariantCulture, $"{_free[k].Name} reached the domain's {name} ({lambda})"), Edge: (k, lambda));
            }
        }

        return null;
    }

    /// <summary>Locates the zero of a test function between two points by Illinois regula falsi on the arclength.</summary>
    private (double S, TPoint Point)? Locate(TPoint from, TPoint to, double ds, Func<TPoint, double> psi)
    {
        double sa = 0, sb = ds, fa = psi(from), fb = psi(to);
        var best = Math.Abs(fa) < Math.Abs(fb) ? from : to;
        var bestS = Math.Abs(fa) < Math.Abs(fb) ? 0 : ds;
        var bestValue = Math.Min(Math.Abs(fa), Math.Abs(fb));
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
                break;
            }

            var f = psi(p);
            if (double.IsNaN(f))
            {
                break;
            }

            if (Math.Abs(f) <= bestValue)
            {
                (best, bestS, bestValue) = (p, s, Math.Abs(f));
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

        return ReferenceEquals(best, from) || ReferenceEquals(best, to) ? null : (bestS, best);
    }
}
