namespace Tvbo.PyRates.Bridge;

/// <summary>One <c>grid_search</c> job for the Python side (<c>tvbo_pyrates.run</c>).</summary>
internal sealed record GridSearchCall
{
    /// <summary>The template's YAML text (or the path of a YAML file).</summary>
    public required string Template { get; init; }

    /// <summary>The circuit template's name.</summary>
    public required string Circuit { get; init; }

    /// <summary>The grid keys (PyRates names of the swept parameters), in axis order.</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>The parameter targets (<c>op/var</c>), one per grid key.</summary>
    public required IReadOnlyList<string> ParameterTargets { get; init; }

    /// <summary>The nodes each parameter is set on, one list per grid key; null for the template's only node.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? ParameterNodes { get; init; }

    /// <summary>Per grid key, null or the circuit's edges (source <c>node/op/var</c>, target <c>node/op/var</c>) whose
    /// attribute <see cref="ParameterTargets"/> names it sets; null when no key sets edges.</summary>
    public IReadOnlyList<IReadOnlyList<(string Source, string Target)>?>? ParameterEdges { get; init; }

    /// <summary>The network to build as a PyRates circuit from the template's node, or null to run the template's
    /// circuit.</summary>
    public CircuitNetwork? Network { get; init; }

    /// <summary>The conditions' values, [condition, axis] row-major, in C order.</summary>
    public required double[] Conditions { get; init; }

    /// <summary>The output keys, in variable order.</summary>
    public required IReadOnlyList<string> OutputKeys { get; init; }

    /// <summary>The output targets (<c>node/op/var</c>), one per key.</summary>
    public required IReadOnlyList<string> OutputTargets { get; init; }

    /// <summary>The integration step.</summary>
    public required double StepSize { get; init; }

    /// <summary>The simulated time.</summary>
    public required double SimulationTime { get; init; }

    /// <summary>The sampling step, or null for every step.</summary>
    public double? SamplingStepSize { get; init; }

    /// <summary><c>euler</c>, <c>heun</c> or <c>scipy</c>.</summary>
    public required string Solver { get; init; }

    /// <summary>scipy's relative tolerance (scipy solver only).</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>scipy's absolute tolerance (scipy solver only).</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>Reduce to summary statistics on the Python side.</summary>
    public bool Summary { get; init; }

    /// <summary>The first sample of the summary window (<see cref="Results.SummaryStatistics.WindowStartFor"/>).</summary>
    public int SummaryWindowStart { get; init; }

    /// <summary>Per-output lower bounds, or null.</summary>
    public double[]? Lower { get; init; }

    /// <summary>Per-output upper bounds, or null.</summary>
    public double[]? Upper { get; init; }

    /// <summary>Per-axis values to let PyRates build the product itself (<c>permute_grid=True</c>), or null to pass
    /// <see cref="Conditions"/> as the grid.</summary>
    public IReadOnlyList<double[]>? PermuteAxes { get; init; }

    /// <summary>Input series (grid_search's <c>inputs</c>): the target (<c>node/op/var</c>), the values [step,
    /// condition] row-major for this call's conditions, and the number of conditions (columns); or null.</summary>
    public IReadOnlyList<(string Target, double[] Values, int Columns)>? Inputs { get; init; }

    /// <summary>Whether PyRates' caches of this call are kept for the caller's scope (an exploration's chunks in this
    /// process, released by <see cref="PyRatesBridge.EndScope"/>); otherwise the call drops them (a Dask worker's).</summary>
    public bool KeepCaches { get; init; }

    /// <summary>The number of conditions.</summary>
    public int ConditionCount => Conditions.Length / ParameterNames.Count;
}
