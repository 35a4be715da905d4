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
    /// <param name="source">What it reads as <c>integration.result</c>: state variables, derived variables or
    /// observations (a network's <c>V</c> gives every node's <c>V[node]</c>), an earlier observable, or a network's
    /// <c>network.observations.&lt;measure&gt;</c>; empty when its steps name what they read.</param>
    /// <param name="steps">The pipeline: each step's function and arguments; a step reads the previous step's output,
    /// which must then be a series (<c>[time, channel]</c>: <c>temporal_average</c>, <c>subsample</c>).</param>
    /// <exception cref="ExperimentException">Neither a source nor a step. (What a step calls is checked when the
    /// experiment runs, against the built-ins and the experiment's <see cref="SimulationExperiment.Functions"/>.)</exception>
    public Observable(string name, IReadOnlyList<string> source, IReadOnlyList<ObservableStep> steps)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(steps);
        if (!Model.Dynamics.IsIdentifier(name))
        {
            throw new ExperimentException($"Observable name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (source.Count == 0 && steps.Count == 0)
        {
            throw new ExperimentException($"Observable '{name}' has neither a source nor a pipeline step; give the outputs it reads (source: [V]) and what it computes (pipeline: [{{function: mean}}]).");
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

    /// <summary>Whether <c>integration.result</c> keeps a state axis, [time, state, node] (TVBO's <c>source: [theta]</c>,
    /// a list), rather than [time, node] (<c>source: S</c>), for one source; several sources always keep it. Only
    /// steps other than the built-ins see it (these read every node's series of every source as channels).</summary>
    public bool SourceHasStateAxis { get; init; }

    /// <summary>The name of the network's matrix (its <c>observational_measures</c>) a comparison step reads as
    /// <c>empirical</c> (<c>fc_correlation</c>), or null.</summary>
    public string? Empirical { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {string.Join(" | ", Steps)}({string.Join(", ", Source)})";
}
