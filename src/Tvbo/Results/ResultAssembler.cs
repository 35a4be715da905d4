using Tvbo.Experiment;

namespace Tvbo.Results;

/// <summary>
/// Builds an exploration's result from pieces of its conditions as they arrive — a backend's blocks, PyRates chunks,
/// Dask tasks, shards of a split grid — in grid order: series rows or summary rows placed by condition, failed
/// conditions filled with NaN and reported, failures sorted by condition. Every backend and the shard merge use it.
/// </summary>
public sealed class ResultAssembler
{
    private readonly int _variables;
    private readonly List<ConditionFailure> _failures = [];
    private readonly double[][]? _stats;
    private double[]? _series;

    /// <summary>Starts the result of a grid.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="outputNames">The outputs.</param>
    /// <param name="samples">Samples per condition.</param>
    /// <param name="store">Series, or summaries only.</param>
    /// <param name="summaryWindowStart">The first sample of the summary window (summaries only).</param>
    public ResultAssembler(ExplorationGrid grid, IReadOnlyList<string> outputNames, int samples, ResultStore store, int summaryWindowStart)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(outputNames);
        Grid = grid;
        OutputNames = outputNames;
        SampleCount = samples;
        Store = store;
        SummaryWindowStart = summaryWindowStart;
        _variables = outputNames.Count;
        if (store == ResultStore.Summary)
        {
            _stats = Enumerable.Range(0, 5).Select(_ => new double[checked(grid.ConditionCount * _variables)]).ToArray();
        }
    }

    /// <summary>The grid.</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>The outputs.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Samples per condition.</summary>
    public int SampleCount { get; }

    /// <summary>What is kept.</summary>
    public ResultStore Store { get; }

    /// <summary>The first sample of the summary window.</summary>
    public int SummaryWindowStart { get; }

    /// <summary>The series being assembled, [condition, time, variable] (allocated on first use); a backend may fill
    /// it in place.</summary>
    /// <exception cref="InvalidOperationException">The result keeps summaries only.</exception>
    public double[] Series => Store == ResultStore.Series
        ? _series ??= GC.AllocateUninitializedArray<double>(checked(Grid.ConditionCount * SampleCount * _variables))
        : throw new InvalidOperationException("This result keeps summaries only.");

    /// <summary>The failures so far.</summary>
    public IReadOnlyList<ConditionFailure> Failures => _failures;

    /// <summary>Copies the series of conditions <paramref name="firstCondition"/> … into place.</summary>
    /// <param name="firstCondition">The first condition.</param>
    /// <param name="rows">Their series, [condition, time, variable].</param>
    public void PlaceSeries(int firstCondition, ReadOnlySpan<double> rows)
    {
        var row = (long)SampleCount * _variables;
        CheckRange(firstCondition, (int)(rows.Length / row), rows.Length % row == 0);
        rows.CopyTo(Series.AsSpan((int)(firstCondition * row)));
    }

    /// <summary>Takes the series of the whole grid as it is (no copy): a piece that is the whole result.</summary>
    /// <param name="series">[condition, time, variable] for every condition.</param>
    public void AdoptSeries(double[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (Store != ResultStore.Series || _series is not null || series.LongLength != (long)Grid.ConditionCount * SampleCount * _variables)
        {
            throw new InvalidOperationException($"Exploration '{Grid.Exploration}': a whole series is adopted once, before any piece, with {Grid.ConditionCount} x {SampleCount} x {_variables} values.");
        }

        _series = series;
    }

    /// <summary>Sets one condition's statistics of one output.</summary>
    public void SetSummary(int condition, int variable, double first, double final, double min, double max, double mean)
    {
        var s = _stats ?? throw new InvalidOperationException("This result keeps series.");
        var o = (condition * _variables) + variable;
        (s[0][o], s[1][o], s[2][o], s[3][o], s[4][o]) = (first, final, min, max, mean);
    }

    /// <summary>Copies the statistics of conditions <paramref name="firstCondition"/> … <paramref name="firstCondition"/> +
    /// <paramref name="count"/> − 1 into place.</summary>
    /// <param name="firstCondition">The first condition.</param>
    /// <param name="count">The number of conditions.</param>
    /// <param name="stacked">first, final, min, max, mean one after the other, each [condition, variable].</param>
    public void PlaceSummary(int firstCondition, int count, ReadOnlySpan<double> stacked)
    {
        var s = _stats ?? throw new InvalidOperationException("This result keeps series.");
        CheckRange(firstCondition, count, stacked.Length == 5 * count * _variables);
        for (var k = 0; k < 5; k++)
        {
            stacked.Slice(k * count * _variables, count * _variables).CopyTo(s[k].AsSpan(firstCondition * _variables));
        }
    }

    /// <summary>Records a failure (the backend has already put NaN where the condition has no numbers).</summary>
    public void AddFailure(ConditionFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failures.Add(failure);
    }

    /// <summary>Conditions that produced nothing: NaN in all their numbers, and a failure for each.</summary>
    /// <param name="firstCondition">The first condition.</param>
    /// <param name="count">The number of conditions.</param>
    /// <param name="failure">The failure of a condition (e.g. <see cref="ConditionFailure.Cancelled"/>).</param>
    public void FailConditions(int firstCondition, int count, Func<int, ConditionFailure> failure)
    {
        CheckRange(firstCondition, count, true);
        if (Store == ResultStore.Series)
        {
            var row = SampleCount * _variables;
            Series.AsSpan(firstCondition * row, count * row).Fill(double.NaN);
        }
        else
        {
            foreach (var s in _stats!)
            {
                s.AsSpan(firstCondition * _variables, count * _variables).Fill(double.NaN);
            }
        }

        for (var c = firstCondition; c < firstCondition + count; c++)
        {
            _failures.Add(failure(c));
        }
    }

    /// <summary>After a cancellation: every condition not marked done (<paramref name="done"/>, by condition) becomes
    /// NaN with a <see cref="ConditionFailure.Cancelled"/> failure (failures already recorded for it are
    /// dropped), and the result is built with the conditions that finished.</summary>
    /// <param name="done">Whether each condition finished.</param>
    /// <param name="time">The sample times.</param>
    /// <param name="dt">The step.</param>
    /// <param name="backend">The backend's name.</param>
    public ExplorationResult BuildCancelled(IReadOnlyList<bool> done, double[] time, double dt, string backend)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (done.Count != Grid.ConditionCount)
        {
            throw new ArgumentException($"Exploration '{Grid.Exploration}': {done.Count} flags for {Grid.ConditionCount} conditions.", nameof(done));
        }

        _failures.RemoveAll(f => !done[f.Condition]);
        for (var c = 0; c < done.Count;)
        {
            if (done[c])
            {
                c++;
                continue;
            }

            var end = c;
            while (end < done.Count && !done[end])
            {
                end++;
            }

            FailConditions(c, end - c, ConditionFailure.Cancelled);
            c = end;
        }

        return Build(time, dt, backend);
    }

    /// <summary>The result.</summary>
    /// <param name="time">The sample times.</param>
    /// <param name="dt">The step.</param>
    /// <param name="backend">The backend's name.</param>
    public ExplorationResult Build(double[] time, double dt, string backend)
    {
        var failures = _failures.OrderBy(f => f.Condition).ToArray();
        if (Store == ResultStore.Series)
        {
            return new ExplorationResult(Grid, OutputNames, time, dt, Series, null, failures, backend);
        }

        var s = _stats!;
        return new ExplorationResult(Grid, OutputNames, time, dt, null, new SummaryStatistics(Grid.ConditionCount, _variables, SummaryWindowStart, s[0], s[1], s[2], s[3], s[4]), failures, backend);
    }

    private void CheckRange(int first, int count, bool shapeOk)
    {
        if (!shapeOk || first < 0 || count < 0 || first + count > Grid.ConditionCount)
        {
            throw new ArgumentException($"Exploration '{Grid.Exploration}': a piece of {count} conditions from {first} does not fit the grid of {Grid.ConditionCount} (or its shape is not [condition, time, variable]).");
        }
    }
}
