using Tvbo.Results;

namespace Tvbo.Validation;

/// <summary>Two results of an experiment compared exploration by exploration (see
/// <see cref="CrossCheck.Compare(ExperimentResult, ExperimentResult, CheckTolerance?, string?, string?)"/> and
/// <see cref="Experiment.SimulationExperiment.CrossCheck(string, string, CheckTolerance?, Backends.RunOptions?, IProgress{Backends.RunProgress}?, CancellationToken)"/>).</summary>
public sealed class CrossCheckResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="labelA">The first result's label.</param>
    /// <param name="labelB">The second result's label.</param>
    /// <param name="tolerance">The tolerance used.</param>
    /// <param name="explorations">The explorations' checks, in the experiment's order.</param>
    public CrossCheckResult(string labelA, string labelB, CheckTolerance tolerance, IReadOnlyList<ExplorationCheck> explorations)
    {
        ArgumentNullException.ThrowIfNull(labelA);
        ArgumentNullException.ThrowIfNull(labelB);
        ArgumentNullException.ThrowIfNull(tolerance);
        ArgumentNullException.ThrowIfNull(explorations);
        LabelA = labelA;
        LabelB = labelB;
        Tolerance = tolerance;
        Explorations = explorations;
    }

    /// <summary>The first result's label (usually its backend).</summary>
    public string LabelA { get; }

    /// <summary>The second result's label.</summary>
    public string LabelB { get; }

    /// <summary>The tolerance the results were judged by.</summary>
    public CheckTolerance Tolerance { get; }

    /// <summary>The explorations' checks, in the experiment's order.</summary>
    public IReadOnlyList<ExplorationCheck> Explorations { get; }

    /// <summary>The two results compared, when the check ran them (<see langword="null"/> otherwise).</summary>
    public (ExperimentResult A, ExperimentResult B)? Results { get; init; }

    /// <summary>The check of one exploration.</summary>
    /// <param name="name">The exploration's name.</param>
    /// <exception cref="KeyNotFoundException">No exploration of that name.</exception>
    public ExplorationCheck this[string name] => Explorations.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"No exploration '{name}' in the check; explorations: {string.Join(", ", Explorations.Select(e => e.Name))}.");

    /// <summary>Whether no condition of any exploration is a disagreement. Sensitive dependence passes (the results
    /// agree up to the horizon the report gives); see <see cref="CheckVerdict"/>.</summary>
    public bool Passed => Explorations.All(e => e.Passed);

    /// <summary>The conditions that are real disagreements (systematic, or diverged in one result), over all explorations.</summary>
    public IReadOnlyList<ConditionCheck> Disagreements => Explorations.SelectMany(e => e.Disagreements).ToArray();

    /// <summary>Every condition, over all explorations.</summary>
    public IEnumerable<ConditionCheck> Conditions => Explorations.SelectMany(e => e.Conditions);

    /// <summary>The number of conditions with the given verdict, over all explorations.</summary>
    /// <param name="verdict">The verdict.</param>
    public int Count(CheckVerdict verdict) => Explorations.Sum(e => e.Count(verdict));

    /// <summary>The check as a Markdown report: one table (exploration, variable, verdict counts, worst condition with
    /// its parameter values, max absolute and relative error) and a list of the conditions that do not agree.</summary>
    public string ToMarkdown() => CheckMarkdownWriter.Write(Explorations, LabelA, LabelB, Tolerance);

    /// <summary>Everything the check found, as JSON (tolerance, per exploration, condition and variable: verdict,
    /// errors, first time above the tolerance, growth fit, divergences).</summary>
    public string ToJson() => CheckJsonWriter.Write(Explorations, LabelA, LabelB, Tolerance, Passed);

    /// <inheritdoc/>
    public override string ToString() =>
        $"CrossCheckResult({LabelA} vs {LabelB}, explorations={Explorations.Count}, conditions={Conditions.Count()}, disagreements={Disagreements.Count}, passed={Passed})";
}
