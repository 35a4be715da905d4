using Tvbo.Observables;

namespace Tvbo.Experiment;

/// <summary>
/// A per-condition measurement (TVBO's <c>observations</c> with a <c>pipeline</c>): built-in functions
/// (<see cref="ObservableLibrary"/>) applied one after the other to the series of source outputs, e.g. the Kuramoto
/// order parameter of <c>theta</c> or the power spectrum of <c>V</c>. Each condition of a run gets one value per cell of
/// the last step's dimensions.
/// </summary>
public sealed class Observable
{
    /// <summary>Creates an observable.</summary>
    /// <param name="name">Its name (a result variable).</param>
    /// <param name="source">The outputs it reads: state variables, derived variables or observations (a network's
    /// <c>V</c> gives every node's <c>V[node]</c>).</param>
    /// <param name="steps">The pipeline: each step's function and arguments; a step reads the previous step's output,
    /// which must then be a series (<c>[time, channel]</c>: <c>temporal_average</c>, <c>subsample</c>).</param>
    /// <exception cref="ExperimentException">No source or no step, or a step calls a function the library does not
    /// have.</exception>
    public Observable(string name, IReadOnlyList<string> source, IReadOnlyList<ObservableStep> steps)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(steps);
        if (!Model.Dynamics.IsIdentifier(name))
        {
            throw new ExperimentException($"Observable name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (source.Count == 0)
        {
            throw new ExperimentException($"Observable '{name}' has no source; give the outputs it reads (source: [V]).");
        }

        if (steps.Count == 0)
        {
            throw new ExperimentException($"Observable '{name}' has no pipeline step; give at least one (pipeline: [{{function: mean}}]).");
        }

        foreach (var step in steps)
        {
            step.Check(name);
        }

        Name = name;
        Source = source.ToArray();
        Steps = steps.ToArray();
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The outputs it reads.</summary>
    public IReadOnlyList<string> Source { get; }

    /// <summary>The pipeline's steps.</summary>
    public IReadOnlyList<ObservableStep> Steps { get; }

    /// <summary>Names for the dimensions of the value (TVBO's <c>dims</c>, e.g. <c>[node]</c>), one per dimension of
    /// the last step's value, or null to keep the function's own names (<c>channel</c>, <c>frequency</c>, …).</summary>
    public IReadOnlyList<string>? DimensionNames { get; init; }

    /// <summary>The name of the network's matrix (its <c>observational_measures</c>) a comparison step reads as
    /// <c>empirical</c> (<c>fc_correlation</c>), or null.</summary>
    public string? Empirical { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {string.Join(" | ", Steps)}({string.Join(", ", Source)})";
}
