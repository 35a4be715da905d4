using System.Globalization;
using System.Text;

namespace Tvbo.Validation;

/// <summary>Writes a cross-check as Markdown: a verdict line, one table row per exploration and variable, and one line
/// per condition that does not agree.</summary>
internal static class CheckMarkdownWriter
{
    /// <summary>The most conditions listed one by one; the rest are counted (the JSON report has them all).</summary>
    public const int MaxListed = 20;

    public static string Write(IReadOnlyList<ExplorationCheck> explorations, string labelA, string labelB, CheckTolerance tolerance)
    {
        var sb = new StringBuilder();
        var conditions = explorations.SelectMany(e => e.Conditions).ToArray();
        var disagreements = conditions.Count(c => c.IsDisagreement);
        int Count(CheckVerdict v) => conditions.Count(c => c.Verdict == v);
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Cross-check: {labelA} vs {labelB}");
        sb.AppendLine();
        var counts = string.Join(", ", new[]
        {
            (CheckVerdict.Agree, "agree"),
            (CheckVerdict.SensitiveDependence, "sensitive dependence"),
            (CheckVerdict.Systematic, "systematic"),
            (CheckVerdict.Diverged, "diverged"),
        }.Where(x => Count(x.Item1) > 0).Select(x => $"{Count(x.Item1)} {x.Item2}"));
        var scope = $"{conditions.Length} condition{(conditions.Length == 1 ? string.Empty : "s")} in {explorations.Count} exploration{(explorations.Count == 1 ? string.Empty : "s")}";
        var observables = explorations.SelectMany(e => e.Observables.Select(o => (Exploration: e.Name, Check: o))).ToArray();
        var failedObservables = observables.Count(o => !o.Check.Passed);
        var observablesText = failedObservables > 0 ? $"; {failedObservables} of {observables.Length} observables disagree" : string.Empty;
        sb.AppendLine(disagreements == 0 && failedObservables == 0
            ? $"**PASSED**: {scope}: {counts}{(observables.Length > 0 ? $"; {observables.Length} observable{(observables.Length == 1 ? " agrees" : "s agree")}" : string.Empty)}."
            : disagreements == 0
                ? $"**FAILED**: {scope}: {counts}{observablesText}."
                : $"**FAILED**: {disagreements} of {scope} disagree ({counts}){observablesText}.");
        var sensitive = conditions.Where(c => c.Verdict == CheckVerdict.SensitiveDependence).ToArray();
        if (sensitive.Length > 0)
        {
            var horizon = sensitive.Min(c => c.AgreesUntil!.Value);
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"Sensitive dependence passes: the difference grows exponentially from round-off, so no two float64 runs agree beyond a horizon. {labelA} and {labelB} agree up to t = {Num(horizon)} (the earliest horizon; each condition's is listed below); past it, the errors in the table are of the size of the trajectories themselves.");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Tolerance: |{labelA} − {labelB}| ≤ {Num(tolerance.Absolute)} + {Num(tolerance.Relative)} × scale, where scale is the variable's largest |value| in the condition (the smaller of the two results'); relative error = |difference| / scale.");
        sb.AppendLine();
        sb.AppendLine("| Exploration | Variable | Conditions | Agree | Sensitive | Systematic | Diverged | Worst condition | Max abs error | Max rel error | First above tolerance |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|---|--:|--:|--:|");
        foreach (var e in explorations)
        {
            foreach (var v in e.Variables)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(e.Name)} | {Cell(v.Variable)} | {v.Conditions} | {v.Agree} | {v.SensitiveDependence} | {Bold(v.Systematic)} | {Bold(v.Diverged)} | {Cell(v.Worst.Name)} | {Num(v.MaxAbsoluteError)} | {Num(v.MaxRelativeError)} | {(v.FirstExceedTime is { } t ? "t = " + Num(t) : "—")} |");
            }
        }

        if (observables.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| Exploration | Observable | Conditions | Agree | Worst condition | Max abs error | Max rel error |");
            sb.AppendLine("|---|---|--:|--:|--:|--:|--:|");
            foreach (var (exploration, o) in observables)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(exploration)} | {Cell(o.Name)} | {o.Conditions} | {(o.Passed ? o.Agree.ToString(CultureInfo.InvariantCulture) : $"**{o.Agree}**")} | #{o.WorstCondition} | {Num(o.MaxAbsoluteError)} | {Num(o.MaxRelativeError)} |");
            }
        }

        var listed = conditions.Where(c => c.Verdict != CheckVerdict.Agree)
            .OrderByDescending(c => c.IsDisagreement).ThenByDescending(c => c.Verdict).ToArray();
        if (listed.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Conditions that do not agree:");
            sb.AppendLine();
            foreach (var c in listed.Take(MaxListed))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- {(c.IsDisagreement ? "**" : string.Empty)}{c.Exploration} {c.Name}{(c.IsDisagreement ? "**" : string.Empty)}: {c.Describe()}");
            }

            if (listed.Length > MaxListed)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- … and {listed.Length - MaxListed} more (every condition is in the JSON report).");
            }
        }

        return sb.ToString();
    }

    /// <summary>A number in at most three significant digits: <c>0</c>, <c>0.25</c>, <c>42.1</c>, <c>3.1e-12</c>.</summary>
    internal static string Num(double v)
    {
        if (v == 0)
        {
            return "0";
        }

        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
        }

        var a = Math.Abs(v);
        return a is >= 1e-3 and < 1e5 ? v.ToString("G3", CultureInfo.InvariantCulture) : v.ToString("0.##e+0", CultureInfo.InvariantCulture);
    }

    private static string Bold(int n) => n == 0 ? "0" : $"**{n}**";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
