using System.Globalization;
using Tvbo.Results;

namespace Tvbo.Validation;

/// <summary>
/// Compares two results of the same experiment (two backends, or two stored runs) condition by condition and variable
/// by variable, and gives each condition a <see cref="CheckVerdict"/>. Both results must have the same grid (axes and
/// every condition's parameter values), the same outputs (matched by name) and the same sample times; anything else
/// is a <see cref="CrossCheckException"/> naming the mismatch.
/// </summary>
/// <example>
/// <code>
/// var check = exp.CrossCheck("pyrates", "native");          // runs both, compares every exploration
/// Console.WriteLine(check.ToMarkdown());
/// if (!check.Passed) foreach (var c in check.Disagreements) Console.WriteLine(c);
/// var one = CrossCheck.Compare(a.Explorations["mu_sweep"], b.Explorations["mu_sweep"], new CheckTolerance(1e-9, 1e-9));
/// </code>
/// </example>
public static class CrossCheck
{
    /// <summary>Compares every exploration of two experiment results (matched by name, in the first one's order).</summary>
    /// <param name="a">The first result.</param>
    /// <param name="b">The second result.</param>
    /// <param name="tolerance">The tolerance; <see cref="CheckTolerance.Default"/> when <see langword="null"/> (use
    /// <see cref="CheckTolerance.For"/> for RK45).</param>
    /// <param name="labelA">How the report names the first result; its backend when <see langword="null"/>.</param>
    /// <param name="labelB">How the report names the second result; its backend when <see langword="null"/>.</param>
    /// <returns>The check.</returns>
    /// <exception cref="CrossCheckException">The results do not hold the same explorations, or an exploration does not match.</exception>
    public static CrossCheckResult Compare(ExperimentResult a, ExperimentResult b, CheckTolerance? tolerance = null, string? labelA = null, string? labelB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (la, lb) = Labels(labelA ?? a.Backend, labelB ?? b.Backend);
        var missingInB = a.Order.Where(n => !b.Explorations.ContainsKey(n)).ToArray();
        var missingInA = b.Order.Where(n => !a.Explorations.ContainsKey(n)).ToArray();
        if (missingInA.Length > 0 || missingInB.Length > 0)
        {
            throw new CrossCheckException(
                $"The two results hold different explorations: {la} has ({string.Join(", ", a.Order)}), {lb} has ({string.Join(", ", b.Order)})"
                + (missingInB.Length > 0 ? $"; missing in {lb}: {string.Join(", ", missingInB)}" : string.Empty)
                + (missingInA.Length > 0 ? $"; missing in {la}: {string.Join(", ", missingInA)}" : string.Empty) + ".");
        }

        tolerance ??= CheckTolerance.Default;
        var checks = a.Order.Select(n => Compare(a.Explorations[n], b.Explorations[n], tolerance, la, lb)).ToArray();
        return new CrossCheckResult(la, lb, tolerance, checks) { Results = (a, b) };
    }

    /// <summary>Compares two results of one exploration condition by condition.</summary>
    /// <param name="a">The first result.</param>
    /// <param name="b">The second result.</param>
    /// <param name="tolerance">The tolerance; <see cref="CheckTolerance.Default"/> when <see langword="null"/>.</param>
    /// <param name="labelA">How the report names the first result; its backend when <see langword="null"/>.</param>
    /// <param name="labelB">How the report names the second result; its backend when <see langword="null"/>.</param>
    /// <returns>The check.</returns>
    /// <exception cref="CrossCheckException">A result holds no series, or the grids, outputs or time grids differ;
    /// the message names the mismatch and both sides' values.</exception>
    public static ExplorationCheck Compare(ExplorationResult a, ExplorationResult b, CheckTolerance? tolerance = null, string? labelA = null, string? labelB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        tolerance ??= CheckTolerance.Default;
        tolerance.Validate();
        var (la, lb) = Labels(labelA ?? a.Backend, labelB ?? b.Backend);
        var what = a.Name == b.Name ? $"Exploration '{a.Name}'" : $"Explorations '{a.Name}' ({la}) and '{b.Name}' ({lb})";
        CheckSeries(a, la, what);
        CheckSeries(b, lb, what);
        CheckGrid(a, b, la, lb, what);
        var map = MapOutputs(a, b, la, lb, what);
        CheckTime(a, b, la, lb, what);

        var names = a.Axes.Select(x => x.Name).ToArray();
        var conditions = new ConditionCheck[a.ConditionCount];
        var buffer = new double[a.SampleCount];
        for (var c = 0; c < conditions.Length; c++)
        {
            conditions[c] = CompareCondition(a, b, c, map, tolerance, names, (la, lb), buffer);
        }

        return new ExplorationCheck
        {
            Name = a.Name,
            Label = a.Label ?? b.Label,
            LabelA = la,
            LabelB = lb,
            Tolerance = tolerance,
            ParameterNames = names,
            OutputNames = a.OutputNames.ToArray(),
            Time = a.Time.ToArray(),
            Conditions = conditions,
            Observables = CompareObservables(a, b, tolerance, la, lb, what),
        };
    }

    // The observables both results have, value by value; the same names and shapes are expected (one experiment).
    private static ObservableCheck[] CompareObservables(ExplorationResult a, ExplorationResult b, CheckTolerance tolerance, string la, string lb, string what)
    {
        var checks = new List<ObservableCheck>();
        foreach (var (name, oa) in a.Observables.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!b.Observables.TryGetValue(name, out var ob) || ob.Values.Length != oa.Values.Length)
            {
                throw new CrossCheckException(
                    $"{what}: observable '{name}' has {oa.Values.Length} values in {la} and {(b.Observables.TryGetValue(name, out var other) ? other.Values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} in {lb}; both results must come from the same experiment.");
            }

            int agree = 0, worst = 0;
            double maxAbs = 0, maxRel = 0;
            for (var c = 0; c < oa.ConditionCount; c++)
            {
                ReadOnlySpan<double> va = oa.Condition(c), vb = ob.Condition(c);
                var ok = true;
                for (var i = 0; i < va.Length; i++)
                {
                    if (double.IsNaN(va[i]) && double.IsNaN(vb[i]))
                    {
                        continue;
                    }

                    var diff = Math.Abs(va[i] - vb[i]);
                    var scale = Math.Max(Math.Abs(va[i]), Math.Abs(vb[i]));
                    ok &= diff <= tolerance.Threshold(scale);
                    if (diff > maxAbs || double.IsNaN(diff))
                    {
                        maxAbs = double.IsNaN(diff) ? double.PositiveInfinity : diff;
                        worst = c;
                    }

                    maxRel = Math.Max(maxRel, scale > 0 ? diff / scale : 0);
                }

                agree += ok ? 1 : 0;
            }

            checks.Add(new ObservableCheck { Name = name, Conditions = oa.ConditionCount, Agree = agree, WorstCondition = worst, MaxAbsoluteError = maxAbs, MaxRelativeError = maxRel });
        }

        return checks.ToArray();
    }

    private static (string, string) Labels(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) ? ($"{a} (A)", $"{b} (B)") : (a, b);

    private static void CheckSeries(ExplorationResult r, string label, string what)
    {
        if (!r.HasSeries)
        {
            throw new CrossCheckException(
                $"{what}: the result of {label} holds a summary only (Store = Summary); a cross-check compares series: run it with RunOptions.Store = Series (tvbo run --store series).");
        }
    }

    private static void CheckGrid(ExplorationResult a, ExplorationResult b, string la, string lb, string what)
    {
        var axesA = a.Axes.Select(x => x.Name).ToArray();
        var axesB = b.Axes.Select(x => x.Name).ToArray();
        if (!axesA.SequenceEqual(axesB, StringComparer.Ordinal))
        {
            throw new CrossCheckException(
                $"{what}: the grids differ: {la} varies ({string.Join(", ", axesA)}), {lb} varies ({string.Join(", ", axesB)}); both results must come from the same exploration.");
        }

        if (a.ConditionCount != b.ConditionCount)
        {
            throw new CrossCheckException(
                $"{what}: the grids differ: {la} has {a.ConditionCount} conditions (shape {a.Grid.ShapeText}), {lb} has {b.ConditionCount} (shape {b.Grid.ShapeText}).");
        }

        for (var c = 0; c < a.ConditionCount; c++)
        {
            ReadOnlySpan<double> pa = a.ParameterValues(c), pb = b.ParameterValues(c);
            for (var i = 0; i < pa.Length; i++)
            {
                if (!Same(pa[i], pb[i], 1e-12 * Math.Max(Math.Abs(pa[i]), Math.Abs(pb[i]))))
                {
                    throw new CrossCheckException(
                        $"{what}: the grids differ: condition {c} has {axesA[i]} = {R(pa[i])} in {la} and {R(pb[i])} in {lb}; both results must have the same parameter values in the same (C) order.");
                }
            }
        }
    }

    private static int[] MapOutputs(ExplorationResult a, ExplorationResult b, string la, string lb, string what)
    {
        var missingInB = a.OutputNames.Where(n => !b.OutputNames.Contains(n)).ToArray();
        var missingInA = b.OutputNames.Where(n => !a.OutputNames.Contains(n)).ToArray();
        if (missingInA.Length > 0 || missingInB.Length > 0)
        {
            throw new CrossCheckException(
                $"{what}: the outputs differ: {la} has ({string.Join(", ", a.OutputNames)}), {lb} has ({string.Join(", ", b.OutputNames)})"
                + (missingInB.Length > 0 ? $"; missing in {lb}: {string.Join(", ", missingInB)}" : string.Empty)
                + (missingInA.Length > 0 ? $"; missing in {la}: {string.Join(", ", missingInA)}" : string.Empty) + ".");
        }

        return a.OutputNames.Select(b.VariableIndex).ToArray();
    }

    private static void CheckTime(ExplorationResult a, ExplorationResult b, string la, string lb, string what)
    {
        ReadOnlySpan<double> ta = a.Time.Span, tb = b.Time.Span;
        if (ta.Length != tb.Length)
        {
            throw new CrossCheckException(
                $"{what}: the time grids differ: {la} has {Describe(ta)}, {lb} has {Describe(tb)}.");
        }

        var step = ta.Length > 1 ? Math.Abs(ta[1] - ta[0]) : Math.Max(1.0, Math.Abs(ta.Length == 0 ? 0 : ta[0]));
        for (var k = 0; k < ta.Length; k++)
        {
            if (!Same(ta[k], tb[k], 1e-9 * step))
            {
                throw new CrossCheckException(
                    $"{what}: the time grids differ at sample {k}: t = {R(ta[k])} in {la}, t = {R(tb[k])} in {lb} ({la}: {Describe(ta)}; {lb}: {Describe(tb)}).");
            }
        }
    }

    private static string Describe(ReadOnlySpan<double> t) => t.Length switch
    {
        0 => "no samples",
        1 => $"1 sample at t = {R(t[0])}",
        _ => $"{t.Length} samples from t = {R(t[0])} to {R(t[^1])} (step {R(t[1] - t[0])})",
    };

    private static int FirstAtOrAfter(ReadOnlySpan<double> time, double t)
    {
        for (var k = 0; k < time.Length; k++)
        {
            if (time[k] >= t)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool Same(double x, double y, double tol) => x == y || Math.Abs(x - y) <= tol;

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static ConditionCheck CompareCondition(ExplorationResult a, ExplorationResult b, int c, int[] map, CheckTolerance tolerance, string[] names, (string A, string B) labels, double[] buffer)
    {
        ReadOnlySpan<double> sa = a.ConditionSeries(c), sb = b.ConditionSeries(c);
        var nv = a.OutputNames.Count;
        var divergences = new List<Divergence>(2);
        var endA = FiniteEnd(a, c, sa, nv, CheckSides.A, labels.A, divergences);
        var endB = FiniteEnd(b, c, sb, nv, CheckSides.B, labels.B, divergences);
        var compared = Math.Min(endA, endB);
        var variables = new VariableCheck[nv];
        for (var v = 0; v < nv; v++)
        {
            variables[v] = CompareVariable(a, sa, sb, v, map[v], compared, tolerance, buffer.AsSpan(0, compared));
        }

        var conditionVerdict = divergences.Count > 0 ? CheckVerdict.Diverged : variables.Length == 0 ? CheckVerdict.Agree : variables.Max(v => v.Verdict);
        return new ConditionCheck
        {
            Exploration = a.Name,
            Condition = c,
            ParameterNames = names,
            ParameterValues = a.ParameterValues(c).ToArray(),
            Verdict = conditionVerdict,
            Variables = variables,
            Divergences = divergences,
            LabelA = labels.A,
            LabelB = labels.B,
            ComparedUntil = compared == 0 ? double.NaN : a.Time.Span[compared - 1],
        };
    }

    /// <summary>Compares output <paramref name="v"/> of a condition's series <paramref name="sa"/> with output
    /// <paramref name="vb"/> of <paramref name="sb"/> over the first <paramref name="compared"/> samples, keeping
    /// |a − b| in <paramref name="d"/>.</summary>
    private static VariableCheck CompareVariable(ExplorationResult a, ReadOnlySpan<double> sa, ReadOnlySpan<double> sb, int v, int vb, int compared, CheckTolerance tolerance, Span<double> d)
    {
        var nv = a.OutputNames.Count;
        var time = a.Time.Span;
        double scaleA = 0, scaleB = 0, sumSq = 0, max = 0;
        var at = 0;
        for (var k = 0; k < compared; k++)
        {
            double x = sa[(k * nv) + v], y = sb[(k * nv) + vb];
            var diff = Math.Abs(x - y);
            d[k] = diff;
            scaleA = Math.Max(scaleA, Math.Abs(x));
            scaleB = Math.Max(scaleB, Math.Abs(y));
            sumSq += diff * diff;
            if (diff > max)
            {
                max = diff;
                at = k;
            }
        }

        // The smaller of the two results' largest |value|: a result that runs away cannot widen the tolerance.
        var scale = Math.Min(scaleA, scaleB);
        var threshold = tolerance.Threshold(scale);
        var first = FirstAbove(d, threshold);
        var (verdict, growth) = first < 0 ? (CheckVerdict.Agree, (GrowthFit?)null) : GrowthClassifier.Classify(d, time, first, threshold, scale);
        if (NotFinite(sa, v, nv, compared) || NotFinite(sb, vb, nv, compared))
        {
            verdict = CheckVerdict.Diverged;
        }

        return new VariableCheck
        {
            Variable = a.OutputNames[v],
            Verdict = verdict,
            MaxAbsoluteError = max,
            TimeOfMaxError = compared == 0 ? 0 : time[at],
            MaxRelativeError = max == 0 ? 0 : scale == 0 ? double.PositiveInfinity : max / scale,
            RmsError = compared == 0 ? 0 : Math.Sqrt(sumSq / compared),
            Scale = scale,
            Threshold = threshold,
            FirstExceedTime = first < 0 ? null : time[first],
            DifferenceAtFirstExceed = first < 0 ? null : d[first],
            InitialDifference = InitialDifference(d, a.SampleCount),
            Growth = growth,
            ComparedSamples = compared,
        };
    }

    // The first sample whose difference exceeds the threshold, or -1.
    private static int FirstAbove(ReadOnlySpan<double> d, double threshold)
    {
        for (var k = 0; k < d.Length; k++)
        {
            if (d[k] > threshold)
            {
                return k;
            }
        }

        return -1;
    }

    // The largest difference over the first 1 % of the run's samples (at least 2).
    private static double InitialDifference(ReadOnlySpan<double> d, int samples)
    {
        var initialCount = Math.Min(d.Length, Math.Max(2, (samples + 99) / 100));
        var initial = 0.0;
        for (var k = 0; k < initialCount; k++)
        {
            initial = Math.Max(initial, d[k]);
        }

        return initial;
    }

    /// <summary>The number of leading samples of a condition that are finite and before any reported failure; adds the
    /// divergence when there is one.</summary>
    private static int FiniteEnd(ExplorationResult r, int c, ReadOnlySpan<double> s, int nv, CheckSides side, string label, List<Divergence> divergences)
    {
        var n = r.SampleCount;
        var end = n;
        string? variable = null;
        for (var i = 0; i < s.Length; i++)
        {
            if (!double.IsFinite(s[i]))
            {
                end = i / nv;
                variable = r.OutputNames[i % nv];
                break;
            }
        }

        var failure = r.Failures.Where(f => f.Condition == c).OrderBy(f => f.Time).FirstOrDefault();
        if (failure is not null)
        {
            var k = FirstAtOrAfter(r.Time.Span, failure.Time);
            if (k >= 0 && k < end)
            {
                end = k;
                variable = failure.Variable;
            }
        }

        if (end < n || failure is not null)
        {
            var t = end < n ? r.Time.Span[end] : failure!.Time;
            divergences.Add(new Divergence(side, label, t, failure?.Variable ?? variable, failure?.Reason ?? ConditionFailure.DivergedReason));
        }

        return end;
    }

    private static bool NotFinite(ReadOnlySpan<double> s, int v, int nv, int from)
    {
        for (var i = (from * nv) + v; i < s.Length; i += nv)
        {
            if (!double.IsFinite(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
