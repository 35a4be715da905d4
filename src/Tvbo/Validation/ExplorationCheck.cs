namespace Tvbo.Validation;

/// <summary>Two results of one exploration compared condition by condition (see <see cref="CrossCheck.Compare(Results.ExplorationResult, Results.ExplorationResult, CheckTolerance?, string?, string?)"/>).</summary>
public sealed class ExplorationCheck
{
    private IReadOnlyList<VariableSummary>? _summaries;

    /// <summary>The exploration's name.</summary>
    public required string Name { get; init; }

    /// <summary>The exploration's label, or <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>The first result's label (usually its backend).</summary>
    public required string LabelA { get; init; }

    /// <summary>The second result's label.</summary>
    public required string LabelB { get; init; }

    /// <summary>The tolerance the results were judged by.</summary>
    public required CheckTolerance Tolerance { get; init; }

    /// <summary>The varied parameters, in axis order.</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>The compared outputs, in the first result's order.</summary>
    public required IReadOnlyList<string> OutputNames { get; init; }

    /// <summary>The common sample times.</summary>
    public required IReadOnlyList<double> Time { get; init; }

    /// <summary>One entry per condition, in C order.</summary>
    public required IReadOnlyList<ConditionCheck> Conditions { get; init; }

    /// <summary>Whether no condition is a disagreement (<see cref="ConditionCheck.IsDisagreement"/>): every condition
    /// agrees, shows sensitive dependence (agreeing up to its horizon), or diverged identically in both results.</summary>
    public bool Passed => !Disagreements.Any() && Observables.All(o => o.Passed);

    /// <summary>The observables compared (empty when the experiment has none).</summary>
    public IReadOnlyList<ObservableCheck> Observables { get; init; } = [];

    /// <summary>The conditions that are real disagreements, in C order.</summary>
    public IEnumerable<ConditionCheck> Disagreements => Conditions.Where(c => c.IsDisagreement);

    /// <summary>The number of conditions with the given verdict.</summary>
    /// <param name="verdict">The verdict.</param>
    public int Count(CheckVerdict verdict) => Conditions.Count(c => c.Verdict == verdict);

    /// <summary>One summary per output: verdict counts, worst condition, largest errors.</summary>
    public IReadOnlyList<VariableSummary> Variables => _summaries ??= OutputNames.Select(v => VariableSummary.Create(Name, v, Conditions)).ToArray();

    /// <summary>The check as a Markdown report (a table per variable and a list of the conditions that do not agree).</summary>
    public string ToMarkdown() => CheckMarkdownWriter.Write([this], LabelA, LabelB, Tolerance);

    /// <summary>Everything the check found, as JSON.</summary>
    public string ToJson() => CheckJsonWriter.Write([this], LabelA, LabelB, Tolerance, Passed);

    /// <inheritdoc/>
    public override string ToString() =>
        $"ExplorationCheck(name='{Name}', {LabelA} vs {LabelB}, conditions={Conditions.Count}, agree={Count(CheckVerdict.Agree)}, sensitive={Count(CheckVerdict.SensitiveDependence)}, systematic={Count(CheckVerdict.Systematic)}, diverged={Count(CheckVerdict.Diverged)}, passed={Passed})";
}
