using System.Globalization;
using System.Text;

namespace Tvbo.Validation;

/// <summary>One condition of an exploration compared between two results: its verdict and one
/// <see cref="VariableCheck"/> per output.</summary>
public sealed class ConditionCheck
{
    /// <summary>The exploration's name.</summary>
    public required string Exploration { get; init; }

    /// <summary>The condition index (C order).</summary>
    public required int Condition { get; init; }

    /// <summary>The varied parameters' names, in axis order.</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>The varied parameters' values of this condition, in axis order.</summary>
    public required IReadOnlyList<double> ParameterValues { get; init; }

    /// <summary>The condition's verdict: <see cref="CheckVerdict.Diverged"/> when either result diverged, otherwise
    /// the most serious of its variables' verdicts.</summary>
    public required CheckVerdict Verdict { get; init; }

    /// <summary>One entry per output, in the first result's order.</summary>
    public required IReadOnlyList<VariableCheck> Variables { get; init; }

    /// <summary>Where each result that diverged stopped being finite (empty when neither did).</summary>
    public required IReadOnlyList<Divergence> Divergences { get; init; }

    /// <summary>The first result's label (usually its backend).</summary>
    public required string LabelA { get; init; }

    /// <summary>The second result's label.</summary>
    public required string LabelB { get; init; }

    /// <summary>The time of the last compared sample (every sample when neither result diverged).</summary>
    public required double ComparedUntil { get; init; }

    /// <summary>Which results diverged.</summary>
    public CheckSides DivergedIn => Divergences.Aggregate(CheckSides.None, (s, d) => s | d.Side);

    /// <summary>Whether this condition is a real disagreement of the two results: a systematic difference, or a
    /// divergence in only one result (or at different times, or with a systematic difference before it). Agreement,
    /// sensitive dependence and a divergence of both results at the same sample after agreeing are not.</summary>
    public bool IsDisagreement => Verdict switch
    {
        CheckVerdict.Systematic => true,
        CheckVerdict.Diverged => !(DivergedIn == CheckSides.Both && Divergences[0].Time == Divergences[1].Time
            && Variables.All(v => v.Verdict != CheckVerdict.Systematic)),
        _ => false,
    };

    /// <summary>The first sample time where any variable passes the tolerance, or <see langword="null"/>.</summary>
    public double? FirstExceedTime => Variables.Select(v => v.FirstExceedTime).Where(t => t is not null).Min();

    /// <summary>Up to when the two results agree within the tolerance: <see langword="null"/> when they agree over every
    /// compared sample and neither diverged; otherwise the earliest of <see cref="FirstExceedTime"/> and the
    /// divergence. For <see cref="CheckVerdict.SensitiveDependence"/> this is the predictability horizon: the results
    /// agree up to this time.</summary>
    public double? AgreesUntil
    {
        get
        {
            double? t = FirstExceedTime;
            foreach (var d in Divergences)
            {
                t = t is null ? d.Time : Math.Min(t.Value, d.Time);
            }

            return t;
        }
    }

    /// <summary>The largest absolute error over the variables.</summary>
    public double MaxAbsoluteError => Variables.Count == 0 ? 0 : Variables.Max(v => v.MaxAbsoluteError);

    /// <summary>The largest relative error over the variables.</summary>
    public double MaxRelativeError => Variables.Count == 0 ? 0 : Variables.Max(v => v.MaxRelativeError);

    /// <summary>The growth fit of the first variable with sensitive dependence (the fastest-growing one), or <see langword="null"/>.</summary>
    public GrowthFit? Growth => Variables.Where(v => v.Verdict == CheckVerdict.SensitiveDependence && v.Growth is not null)
        .OrderBy(v => v.FirstExceedTime).Select(v => v.Growth).FirstOrDefault();

    /// <summary>The condition as text: <c>#3 (mu = 4.06)</c>.</summary>
    public string Name => ParameterNames.Count == 0
        ? $"#{Condition}"
        : $"#{Condition} ({string.Join(", ", ParameterNames.Select((n, i) => $"{n} = {F(ParameterValues[i])}"))})";

    /// <summary>One sentence saying what was found, naming the variables, times and backends.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        switch (Verdict)
        {
            case CheckVerdict.Agree:
                sb.Append(CultureInfo.InvariantCulture, $"agree: max |difference| {F(MaxAbsoluteError)} (relative {F(MaxRelativeError)}).");
                break;
            case CheckVerdict.SensitiveDependence:
                {
                    var vars = Variables.Where(v => v.Verdict == CheckVerdict.SensitiveDependence).ToArray();
                    var g = Growth!;
                    sb.Append(CultureInfo.InvariantCulture,
                        $"sensitive dependence in {string.Join(", ", vars.Select(v => v.Variable))}: the difference starts at round-off ({F(g.StartDifference)} at t = {F(g.StartTime)}) and grows like exp(λt) with λ = {F(g.Rate)} per time unit (R² = {g.RSquared:0.00}, ×10 every {F(g.DecadeTime)}); it passes the tolerance at t = {F(AgreesUntil!.Value)}: {LabelA} and {LabelB} agree up to t = {F(AgreesUntil!.Value)}.");
                    break;
                }

            case CheckVerdict.Systematic:
                {
                    var first = Variables.Where(v => v.Verdict == CheckVerdict.Systematic).OrderBy(v => v.FirstExceedTime).ToArray();
                    var v0 = first[0];
                    sb.Append(CultureInfo.InvariantCulture,
                        $"systematic difference in {string.Join(", ", first.Select(v => v.Variable))}: {v0.Variable} differs by {F(v0.DifferenceAtFirstExceed ?? 0)} at t = {F(v0.FirstExceedTime ?? 0)} (tolerance {F(v0.Threshold)}; {Why(v0)}), at most {F(v0.MaxAbsoluteError)} at t = {F(v0.TimeOfMaxError)} (relative {F(v0.MaxRelativeError)}).");
                    break;
                }

            case CheckVerdict.Diverged:
                sb.Append("diverged ");
                sb.Append(DivergedIn switch
                {
                    CheckSides.A => $"in {LabelA} only",
                    CheckSides.B => $"in {LabelB} only",
                    _ => Divergences[0].Time == Divergences[1].Time ? $"in both {LabelA} and {LabelB} at the same time" : $"in both {LabelA} and {LabelB}",
                });
                sb.Append(": ");
                sb.Append(string.Join("; ", Divergences.Select(d => d.ToString())));
                sb.Append(double.IsNaN(ComparedUntil)
                    ? "; no sample before it could be compared."
                    : Variables.Any(v => v.Exceeds)
                    ? $"; before that the results differ by up to {F(MaxAbsoluteError)} (first above the tolerance at t = {F(FirstExceedTime!.Value)})."
                    : $"; before that (samples up to t = {F(ComparedUntil)}) they agree within the tolerance (max |difference| {F(MaxAbsoluteError)}).");
                break;
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Exploration} {Name}: {Describe()}";

    private static string Why(VariableCheck v)
    {
        if (v.InitialDifference > v.Threshold)
        {
            return "above the tolerance already in the first samples";
        }

        if (v.Growth is null)
        {
            return "a jump, not a growth from round-off";
        }

        if (v.Growth.StartDifference * GrowthClassifier.RoundOffHeadroom > v.Threshold)
        {
            return $"it starts at {F(v.Growth.StartDifference)} (t = {F(v.Growth.StartTime)}), not at round-off (at least {F(GrowthClassifier.RoundOffHeadroom)}× below the tolerance)";
        }

        return v.Growth.Rate <= 0
            ? "not growing"
            : v.Growth.PowerLawRSquared > v.Growth.RSquared
            ? $"growing like a power of time, not exponentially (R² {v.Growth.PowerLawRSquared.ToString("0.00", CultureInfo.InvariantCulture)} for a power law, {v.Growth.RSquared.ToString("0.00", CultureInfo.InvariantCulture)} for an exponential)"
            : $"growing, but not exponentially from round-off: λ = {F(v.Growth.Rate)}, R² = {v.Growth.RSquared.ToString("0.00", CultureInfo.InvariantCulture)}";
    }

    internal static string F(double v) => CheckMarkdownWriter.Num(v);
}
