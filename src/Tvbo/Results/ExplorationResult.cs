using Tvbo.Experiment;

namespace Tvbo.Results;

/// <summary>
/// The result of one exploration: its grid (axes with explored values, shape, each condition's parameter
/// values), the time grid, the output names and either the full series as one contiguous float64 array laid
/// out [condition, time, variable] (<see cref="ResultStore.Series"/>) or per-condition
/// <see cref="SummaryStatistics"/> (<see cref="ResultStore.Summary"/>).
/// </summary>
public sealed class ExplorationResult
{
    private readonly double[] _time;
    private readonly double[]? _results;

    /// <summary>Creates a result. Backends call this (through the result assembler and the readers); users receive
    /// results from runs. The result takes ownership of <paramref name="time"/> and <paramref name="results"/>: it
    /// exposes them read-only and the caller must not write into them afterwards.</summary>
    /// <param name="grid">The exploration's grid (conditions in C order).</param>
    /// <param name="outputNames">The variables, in the order of the last axis of <paramref name="results"/>.</param>
    /// <param name="time">The sample times (owned by the result from now on).</param>
    /// <param name="dt">The integration step size.</param>
    /// <param name="results">The series [condition, time, variable] (owned by the result from now on), or <see langword="null"/> for a summary run.</param>
    /// <param name="summary">The summary, required when <paramref name="results"/> is <see langword="null"/>, optional otherwise.</param>
    /// <param name="failures">Conditions that failed (may be empty).</param>
    /// <param name="backend">The backend that produced the result.</param>
    public ExplorationResult(
        ExplorationGrid grid,
        IReadOnlyList<string> outputNames,
        double[] time,
        double dt,
        double[]? results,
        SummaryStatistics? summary,
        IReadOnlyList<ConditionFailure> failures,
        string backend)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(backend);
        if (results is null && summary is null)
        {
            throw new ArgumentException("A result needs a series or a summary.");
        }

        var expected = (long)grid.ConditionCount * time.Length * outputNames.Count;
        if (results is not null && results.LongLength != expected)
        {
            throw new ArgumentException($"The series must have {grid.ConditionCount} x {time.Length} x {outputNames.Count} = {expected} values; got {results.LongLength}.", nameof(results));
        }

        Grid = grid;
        OutputNames = outputNames;
        _time = time;
        Dt = dt;
        _results = results;
        Summary = summary;
        Failures = failures;
        Backend = backend;
    }

    /// <summary>The same data (time, series, summary; shared, not copied) under another grid, outputs and failures.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="outputNames">The outputs' names (as many as this result's).</param>
    /// <param name="failures">The failures.</param>
    internal ExplorationResult Relabel(ExplorationGrid grid, IReadOnlyList<string> outputNames, IReadOnlyList<ConditionFailure> failures) =>
        new(grid, outputNames, _time, Dt, _results, Summary, failures, Backend) { Observables = Observables, EventTimes = EventTimes };

    /// <summary>The same result with its observables; with <paramref name="summaryWindow"/>, keeping only the summary
    /// of the series (they were stored for the observables alone).</summary>
    /// <param name="observables">The observables.</param>
    /// <param name="summaryWindow">The summary window, or null to keep the series.</param>
    internal ExplorationResult WithObservables(IReadOnlyDictionary<string, ObservableResult> observables, double? summaryWindow) =>
        summaryWindow is { } window
            ? new(Grid, OutputNames, _time, Dt, null, Summarize(window), Failures, Backend) { Observables = observables, EventTimes = EventTimes }
            : new(Grid, OutputNames, _time, Dt, _results, Summary, Failures, Backend) { Observables = observables, EventTimes = EventTimes };

    /// <summary>The same result with the times its model's events fired.</summary>
    /// <param name="events">The event times, or null.</param>
    internal ExplorationResult WithEventTimes(EventTimes? events) =>
        new(Grid, OutputNames, _time, Dt, _results, Summary, Failures, Backend) { Observables = Observables, EventTimes = events, Transient = Transient };

    /// <summary>The outputs over the transient (times from −transient_time), kept only while observables that read
    /// <c>integration.transient</c> are computed; null otherwise. Never written.</summary>
    internal ExplorationResult? Transient { get; set; }

    /// <summary>The observables (per-condition measurements: order parameter, spectra, FC…) by name; empty when the
    /// experiment has none.</summary>
    public IReadOnlyDictionary<string, ObservableResult> Observables { get; private init; } = new Dictionary<string, ObservableResult>(StringComparer.Ordinal);

    /// <summary>The times at which the model's spike-and-reset events fired, per event and condition (the end time of
    /// the step after which each was detected; at most <see cref="Backends.RunOptions.MaxEventTimes"/> kept per event
    /// and condition, all counted); kept in summary runs too. Null when the model has no events or the backend does
    /// not record them (only the native backend applies events).</summary>
    public EventTimes? EventTimes { get; internal init; }

    /// <summary>The exploration's name.</summary>
    public string Name => Grid.Exploration;

    /// <summary>The exploration's label, or <see langword="null"/>.</summary>
    public string? Label => Grid.Label;

    /// <summary>The grid of conditions.</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>The axes: one per varied parameter, with its explored values.</summary>
    public IReadOnlyList<ExplorationAxis> Axes => Grid.Axes;

    /// <summary>The grid's shape.</summary>
    public IReadOnlyList<int> Shape => Grid.Shape;

    /// <summary>The number of conditions.</summary>
    public int ConditionCount => Grid.ConditionCount;

    /// <summary>The number of samples per condition.</summary>
    public int SampleCount => Time.Length;

    /// <summary>The variables, in the order of the last axis of <see cref="Results"/>.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Joins the results of shards of one exploration (runs of condition ranges, <see cref="Backends.RunOptions.Conditions"/>)
    /// into the result of the whole grid.</summary>
    /// <param name="grid">The exploration's whole grid.</param>
    /// <param name="shards">Each shard's range and result; together the ranges cover the grid once.</param>
    /// <returns>The whole result, conditions in grid order, failures renumbered.</returns>
    /// <exception cref="ArgumentException">The shards do not cover the grid exactly once, differ in outputs, samples or
    /// storage, or a shard's conditions are not the grid's.</exception>
    public static ExplorationResult Merge(ExplorationGrid grid, IReadOnlyList<(Backends.ConditionRange Range, ExplorationResult Shard)> shards) =>
        Merge(grid, shards, partial: false);

    /// <summary>Joins the shards of one exploration that finished before a cancellation: the conditions of no shard are
    /// NaN, with <see cref="ConditionFailure.Cancelled"/> failures (as a cancelled run's result).</summary>
    /// <param name="grid">The exploration's whole grid.</param>
    /// <param name="shards">The shards that finished (at least one); no condition in two.</param>
    /// <returns>The whole grid's result.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Merge(ExplorationGrid, IReadOnlyList{ValueTuple{Backends.ConditionRange, ExplorationResult}})"/>,
    /// except that the shards may leave conditions out.</exception>
    public static ExplorationResult MergeFinished(ExplorationGrid grid, IReadOnlyList<(Backends.ConditionRange Range, ExplorationResult Shard)> shards) =>
        Merge(grid, shards, partial: true);

    private static ExplorationResult Merge(ExplorationGrid grid, IReadOnlyList<(Backends.ConditionRange Range, ExplorationResult Shard)> shards, bool partial)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("Give at least one shard.", nameof(shards));
        }

        foreach (var (range, shard) in shards)
        {
            if (range.Start < 0 || range.Stop > grid.ConditionCount || shard.ConditionCount != range.Count)
            {
                throw new ArgumentException($"The shard {range} of exploration '{grid.Exploration}' holds {shard.ConditionCount} conditions; the grid has {grid.ConditionCount}.", nameof(shards));
            }

            for (var k = 0; k < range.Count; k++)
            {
                if (!shard.Grid.Condition(k).SequenceEqual(grid.Condition(range.Start + k)))
                {
                    throw new ArgumentException($"Condition {range.Start + k} of the shard {range} of exploration '{grid.Exploration}' has other parameter values than the grid's; the shards are not of this grid.", nameof(shards));
                }
            }
        }

        var pieces = shards.Select(s => (Enumerable.Range(s.Range.Start, s.Range.Count).ToArray(), s.Shard)).ToArray();
        return partial ? ShardAssembly.AssemblePartial(grid, shards[0].Shard.OutputNames, pieces) : ShardAssembly.Assemble(grid, shards[0].Shard.OutputNames, pieces);
    }

    /// <summary>The node labels of a network's result (its outputs are <c>variable[node]</c>, variable-major, so the
    /// series is also [condition, time, variable, node]); empty for a single node.</summary>
    public IReadOnlyList<string> Nodes => NodeLayout.Nodes;

    /// <summary>The variables of a network's result without their nodes (<c>V</c> for <c>V[0]</c>, <c>V[1]</c>, …); the
    /// same as <see cref="OutputNames"/> for a single node.</summary>
    public IReadOnlyList<string> Variables => NodeLayout.Variables;

    private (string[] Variables, string[] Nodes) NodeLayout => _nodeLayout ??=
        NodeStructure.TryParse(OutputNames, out var variables, out var nodes) ? (variables, nodes) : (OutputNames.ToArray(), []);

    private (string[] Variables, string[] Nodes)? _nodeLayout;

    /// <summary>The sample times, read-only.</summary>
    public ReadOnlyMemory<double> Time => _time;

    /// <summary>The integration step size.</summary>
    public double Dt { get; }

    /// <summary>What was stored.</summary>
    public ResultStore Store => _results is null ? ResultStore.Summary : ResultStore.Series;

    /// <summary>Whether the full series is available (<see cref="Store"/> is <see cref="ResultStore.Series"/>).</summary>
    public bool HasSeries => _results is not null;

    /// <summary>The series as one contiguous, read-only float64 block laid out [condition, time, variable].</summary>
    /// <exception cref="InvalidOperationException">The run stored a summary only.</exception>
    public ReadOnlyMemory<double> Results => SeriesArray;

    private double[] SeriesArray => _results ?? throw new InvalidOperationException(
        $"Exploration '{Name}' was run with Store = Summary, so no series was kept; use Summary, or run with Store = Series.");

    /// <summary>The summary statistics, when the run computed them (always for <see cref="ResultStore.Summary"/>).</summary>
    public SummaryStatistics? Summary { get; }

    /// <summary>Conditions that failed (diverged); empty when all completed.</summary>
    public IReadOnlyList<ConditionFailure> Failures { get; }

    /// <summary>The backend that produced the result.</summary>
    public string Backend { get; }

    /// <summary>The timeseries' shape (conditions, samples, variables).</summary>
    public (int Conditions, int Samples, int Variables) TimeseriesShape => (ConditionCount, SampleCount, OutputNames.Count);

    /// <summary>One value of the series.</summary>
    /// <param name="condition">The condition index.</param>
    /// <param name="time">The sample index.</param>
    /// <param name="variable">The variable index.</param>
    public double this[int condition, int time, int variable]
    {
        get
        {
            if ((uint)condition >= (uint)ConditionCount || (uint)time >= (uint)SampleCount || (uint)variable >= (uint)OutputNames.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(condition), $"[{condition}, {time}, {variable}] is outside the result's shape ({ConditionCount}, {SampleCount}, {OutputNames.Count}).");
            }

            return SeriesArray[(((long)condition * SampleCount) + time) * OutputNames.Count + variable];
        }
    }

    /// <summary>The index of a variable in <see cref="OutputNames"/>.</summary>
    /// <param name="name">The variable's name.</param>
    /// <exception cref="ArgumentException">No such output.</exception>
    public int VariableIndex(string name)
    {
        for (var i = 0; i < OutputNames.Count; i++)
        {
            if (OutputNames[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Exploration '{Name}' has no output '{name}'; outputs: {string.Join(", ", OutputNames)}.", nameof(name));
    }

    /// <summary>One condition's block of the series, [time, variable], without copying.</summary>
    /// <param name="condition">The condition index.</param>
    public ReadOnlySpan<double> ConditionSeries(int condition)
    {
        if ((uint)condition >= (uint)ConditionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(condition), $"Condition {condition} is outside [0, {ConditionCount}).");
        }

        var block = SampleCount * OutputNames.Count;
        return SeriesArray.AsSpan(condition * block, block);
    }

    /// <summary>One variable's trajectory in one condition (a copy, since the layout interleaves variables).</summary>
    /// <param name="condition">The condition index.</param>
    /// <param name="variable">The variable's name.</param>
    public double[] Series(int condition, string variable)
    {
        var v = VariableIndex(variable);
        var block = ConditionSeries(condition);
        var n = OutputNames.Count;
        var result = new double[SampleCount];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = block[(t * n) + v];
        }

        return result;
    }

    /// <summary>The varied parameters' values of one condition, in axis order.</summary>
    /// <param name="condition">The condition index.</param>
    public ReadOnlySpan<double> ParameterValues(int condition) => Grid.Condition(condition);

    /// <summary>The summary statistics, computed from the series when the run did not compute them.</summary>
    /// <param name="windowFraction">The fraction of samples at the end over which min/max/mean are taken.</param>
    public SummaryStatistics Summarize(double windowFraction = 0.2) =>
        Summary is { } s && s.WindowStart == SummaryStatistics.WindowStartFor(SampleCount, windowFraction)
            ? s
            : SummaryStatistics.FromSeries(Results.Span, ConditionCount, SampleCount, OutputNames.Count, windowFraction);

    /// <summary>Reads a result back from the files Tvbo writes (bit for bit): an exploration's CSV folder
    /// (<c>DIR/&lt;exploration&gt;/</c>, any layout) or its NetCDF file (<c>DIR/&lt;exploration&gt;.nc</c>).
    /// <see cref="IO.ResultFiles.Read"/> also returns what the files record about the run.</summary>
    /// <param name="path">The folder or file.</param>
    /// <exception cref="IO.ResultFileException">Not one of Tvbo's result files.</exception>
    public static ExplorationResult Load(string path) => IO.ResultFiles.Read(path).Result;

    /// <inheritdoc/>
    public override string ToString() =>
        HasSeries
            ? $"ExplorationResult(name='{Name}', grid={Grid.ShapeText}, timeseries=({ConditionCount}, {SampleCount}, {OutputNames.Count}))"
            : $"ExplorationResult(name='{Name}', grid={Grid.ShapeText}, summary=({ConditionCount}, {OutputNames.Count}))";
}
