namespace Tvbo.Validation;

/// <summary>One variable of one exploration over all conditions: a row of the Markdown report.</summary>
/// <param name="Exploration">The exploration's name.</param>
/// <param name="Variable">The variable's name.</param>
/// <param name="Conditions">The number of conditions.</param>
/// <param name="Agree">Conditions where this variable agrees.</param>
/// <param name="SensitiveDependence">Conditions where it shows sensitive dependence.</param>
/// <param name="Systematic">Conditions where it differs systematically.</param>
/// <param name="Diverged">Conditions where it diverged in one or both results.</param>
/// <param name="Worst">The worst condition for this variable: the most serious verdict (disagreements first), then
/// the largest relative error.</param>
/// <param name="MaxAbsoluteError">The largest absolute error of this variable over all conditions (compared samples only).</param>
/// <param name="MaxRelativeError">The largest relative error of this variable over all conditions.</param>
/// <param name="FirstExceedTime">The earliest time this variable passes the tolerance in any condition, or <see langword="null"/>.</param>
public sealed record VariableSummary(
    string Exploration,
    string Variable,
    int Conditions,
    int Agree,
    int SensitiveDependence,
    int Systematic,
    int Diverged,
    ConditionCheck Worst,
    double MaxAbsoluteError,
    double MaxRelativeError,
    double? FirstExceedTime)
{
    /// <summary>The worst condition's check of this variable.</summary>
    public VariableCheck WorstVariable => Worst.Variables.First(v => v.Variable == Variable);

    internal static VariableSummary Create(string exploration, string variable, IReadOnlyList<ConditionCheck> conditions)
    {
        var checks = conditions.Select(c => (Condition: c, Variable: c.Variables.First(v => v.Variable == variable))).ToArray();
        var worst = checks
            .OrderByDescending(x => x.Condition.IsDisagreement && x.Variable.Verdict != CheckVerdict.Agree)
            .ThenByDescending(x => x.Variable.Verdict)
            .ThenByDescending(x => x.Variable.MaxRelativeError)
            .First();
        return new VariableSummary(
            exploration,
            variable,
            checks.Length,
            checks.Count(x => x.Variable.Verdict == CheckVerdict.Agree),
            checks.Count(x => x.Variable.Verdict == CheckVerdict.SensitiveDependence),
            checks.Count(x => x.Variable.Verdict == CheckVerdict.Systematic),
            checks.Count(x => x.Variable.Verdict == CheckVerdict.Diverged),
            worst.Condition,
            checks.Max(x => x.Variable.MaxAbsoluteError),
            checks.Max(x => x.Variable.MaxRelativeError),
            checks.Select(x => x.Variable.FirstExceedTime).Where(t => t is not null).Min());
    }
}
