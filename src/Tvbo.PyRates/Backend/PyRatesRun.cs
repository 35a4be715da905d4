using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Planning;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Templates;
using Tvbo.Results;

namespace Tvbo.PyRates.Backend;

/// <summary>
/// One run of one exploration on PyRates: the grid is cut into chunks of <see cref="PyRatesBackendOptions.ChunkSize"/>
/// conditions (a network circuit's into chunks of at most <see cref="PyRatesCircuit.MaxConditionsPerCall"/>, and of one
/// conduction speed when it has delays), each chunk is one <c>grid_search</c> call (in this process, or a Dask task),
/// and every call's output is placed into one result as it arrives. A call on which Python raises is reported as failures of its conditions and
/// the run goes on; cancelling keeps the chunks that finished.
/// </summary>
internal sealed class PyRatesRun
{
    private readonly PyRatesBackend _backend;
    private readonly BackendJob _job;
    private readonly ExplorationGrid _grid;
    private readonly string _solver;
    private readonly PyRatesTemplate _template;
    private readonly PyRatesCircuit? _circuit;
    private readonly PythonRuntime? _runtime;
    private readonly ILogger _logger;
    private readonly IProgress<RunProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly (double[] Lower, double[] Upper)? _bounds;
    private readonly ResultAssembler _assembler;
    private readonly int _windowStart;
    private readonly bool _summary;
    private readonly bool _bisect;
    private readonly bool[] _done;
    private readonly int[][] _chunks;
    private readonly IReadOnlyList<StateVariable> _states;
    private readonly long _stepsPerCondition;
    private ProgressMeter? _meter;
    private readonly Stopwatch _callClock = new();
    private GridSearchCalls? _calls;
    private double[]? _time;
    private long _doneConditions;
    private int _lonelyFailures;

    /// <summary>Prepares the run: warns about boundaries PyRates cannot enforce, gives a grid without axes its one
    /// swept constant (a parameter, or the template's <see cref="PyRatesTemplate.SweepConstant"/>), and lays out the chunks and the result. A network given as <paramref name="circuit"/> runs as that
    /// PyRates circuit of the template's node, otherwise the template is the whole system.</summary>
    /// <exception cref="PyRatesTranslationException">The grid has no axes, the model no parameter and the template no
    /// constant to sweep.</exception>
    public PyRatesRun(PyRatesBackend backend, BackendJob job, string solver, PyRatesTemplate template, PyRatesCircuit? circuit, PythonRuntime? runtime, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        _circuit = circuit;
        _backend = backend;
        _job = job;
        _solver = solver;
        _template = template;
        _runtime = runtime;
        _logger = job.Logger;
        _progress = progress;
        _cancellationToken = cancellationToken;
        // A circuit's run never builds the lowered system: its states and parameters are the network's.
        _states = circuit is null ? job.Model.StateVariables : job.Network!.SystemStateVariables;
        _bounds = Bounds(_states, job.ModelName, _logger);
        // Without a parameter to carry the condition, the template's constant that no equation uses is swept over one
        // value; the result keeps the job's grid, so nothing shows it.
        var carried = job.GridWithAxis();
        _grid = carried ?? (template.SweepConstant is { } sweep ? job.Grid.WithAxis(sweep, 0.0) : throw new PyRatesTranslationException(
            $"Model '{job.ModelName}' has no parameters and its template no constant to sweep; PyRates' grid_search needs one."));
        var integration = job.Integration;
        _summary = job.Store == ResultStore.Summary;
        _windowStart = job.WindowStart;
        _bisect = integration.Method == IntegrationMethod.RK45;
        _stepsPerCondition = job.StepsPerCondition;
        ConditionCount = _grid.ConditionCount;
        ChunkSize = Math.Min(Math.Min(backend.Options.ChunkSize, circuit?.MaxConditionsPerCall ?? int.MaxValue), Math.Max(ConditionCount, 1));
        _chunks = Chunks(ConditionCount, ChunkSize, circuit is { HasDelays: true } ? circuit.SpeedOf : null);
        ChunkCount = _chunks.Length;
        _done = new bool[ConditionCount];

        // Chunks are placed as they arrive; with one chunk the transferred array is the series itself (no copy).
        _assembler = new ResultAssembler(carried is null ? job.Grid : _grid, _states.Select(s => s.Name).ToArray(), integration.SampleCount, _summary ? ResultStore.Summary : ResultStore.Series, _windowStart);
        if (_bisect && ChunkCount > 1)
        {
            _logger.LogInformation("Exploration '{Exploration}': RK45 runs {Chunks} grid_search calls of up to {Chunk} conditions; scipy shares one adaptive step among the conditions of a call, so results depend on the chunk size.", _grid.Exploration, ChunkCount, ChunkSize);
        }
    }

    /// <summary>The most PyRates nodes (conditions × network nodes) one grid_search call of a circuit holds: PyRates'
    /// cost per condition grows with the circuit it builds (100 dense nodes, 10 000 Euler steps: 0.5 s per condition
    /// alone, 0.6 in twos, 0.8 in fours, 1.2 in eights), so a network's conditions go in small chunks.</summary>
    public const int MaxCircuitNodes = 200;

    /// <summary>The exploration's name.</summary>
    public string Exploration => _grid.Exploration;

    /// <summary>The number of conditions of the grid.</summary>
    public int ConditionCount { get; }

    /// <summary>The most conditions of one chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>The number of chunks.</summary>
    public int ChunkCount { get; }

    /// <summary>The number of chunks whose output was accepted.</summary>
    public int CompletedChunks { get; private set; }

    /// <summary>Runs every chunk and returns the result.</summary>
    /// <exception cref="RunCancelledException">Cancelled; it holds the chunks that finished.</exception>
    public ExplorationResult Run()
    {
        using var meter = _meter = new ProgressMeter(_progress, _grid.Exploration, ConditionCount, _stepsPerCondition);
        var calls = new GridSearchCalls(_template, _job, _grid, _solver, _circuit)
        {
            Summary = _summary,
            SummaryWindowStart = _windowStart,
            Lower = _bounds?.Lower,
            Upper = _bounds?.Upper,
        };

        // In this process the chunks share PyRates' caches, dropped when the exploration ends; a Dask worker's calls
        // drop their own.
        var scope = _runtime is not null && !_backend.Options.UsesCluster ? PyRatesBridge.BeginScope(_runtime) : null;
        calls.KeepCaches = scope is not null;
        _calls = calls;
        try
        {
            RunChunks();
            meter.Complete();
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            throw new RunCancelledException([], Partial(), _cancellationToken);
        }
        finally
        {
            if (scope is not null)
            {
                PyRatesBridge.EndScope(_runtime!, scope);
            }
        }

        return _assembler.Build(_time ?? _job.Integration.CreateTimeGrid(), _job.Integration.StepSize, _backend.Name);
    }

    /// <summary>The grid_search call of chunk <paramref name="chunk"/>.</summary>
    public GridSearchCall CallOf(int chunk) => Calls.For(_chunks[chunk]);

    /// <summary>Places a chunk's output into the result.</summary>
    public void Accept(int chunk, GridSearchOutput output, double callSeconds) => AcceptConditions(_chunks[chunk], output, callSeconds);

    /// <summary>Reports a chunk's conditions as failures: NaN in the result, one failure per condition.</summary>
    public void Fail(int chunk, string pythonType, string pythonMessage, Exception? ex) => FailConditions(_chunks[chunk], pythonType, pythonMessage, ex);

    /// <summary>The chunks' conditions: runs of at most <paramref name="size"/> conditions in grid order; with
    /// <paramref name="speedOf"/>, each chunk's conditions share one conduction speed (slowest speed first).</summary>
    private static int[][] Chunks(int conditions, int size, Func<int, double>? speedOf)
    {
        var groups = speedOf is null
            ? [Enumerable.Range(0, conditions).ToArray()]
            : Enumerable.Range(0, conditions).GroupBy(speedOf).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        return groups.SelectMany(g => g.Chunk(size)).ToArray();
    }

    /// <summary>The runs of consecutive conditions in a chunk's list: each run's position in the list, first
    /// condition and length.</summary>
    private static IEnumerable<(int Position, int First, int Count)> Runs(int[] conditions)
    {
        var start = 0;
        for (var j = 1; j <= conditions.Length; j++)
        {
            if (j == conditions.Length || conditions[j] != conditions[j - 1] + 1)
            {
                yield return (start, conditions[start], j - start);
                start = j;
            }
        }
    }

    // "3..7", or "3..4, 9, 12..13" for conditions that are not consecutive.
    private static string Describe(int[] conditions) =>
        string.Join(", ", Runs(conditions).Select(r => r.Count == 1
            ? r.First.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.First}..{r.First + r.Count - 1}")));

    private GridSearchCalls Calls => _calls ?? throw new InvalidOperationException("The run has not started.");

    private void RunChunks()
    {
        if (_backend.Options.UsesCluster && _backend.ChunkRunner is null)
        {
            new DaskChunkRun(this, _runtime!, _backend.Options, _logger, _cancellationToken).Run();
            return;
        }

        for (var c = 0; c < ChunkCount; c++)
        {
            RunConditions(c, _chunks[c]);
        }
    }

    // RK45: scipy takes one adaptive step for all conditions of a call, so one diverging condition stops the call.
    // A failed call of several conditions is split in halves until the failing conditions are alone, so they,
    // not their neighbours, are the failures, whatever the order of the grid.
    private void RunConditions(int chunk, int[] conditions)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var count = conditions.Length;
        var call = Calls.For(conditions);
        GridSearchOutput output;
        try
        {
            _callClock.Restart();
            output = _backend.ChunkRunner is { } runner ? runner(call, chunk, _cancellationToken) : PyRatesBridge.Run(_runtime!, call, _cancellationToken);
        }
        catch (PyRatesException) when (IsTheRunsError(count))
        {
            throw;
        }
        catch (PyRatesException) when (_bisect && count > 1)
        {
            var half = count / 2;
            RunConditions(chunk, conditions[..half]);
            RunConditions(chunk, conditions[half..]);
            return;
        }
        catch (PyRatesException ex)
        {
            FailConditions(conditions, ex.PythonType, ex.PythonMessage, ex);
            return;
        }

        AcceptConditions(conditions, output, _callClock.Elapsed.TotalSeconds);
    }

    // Nothing has run yet: an error here (a bad template, an unsupported setting) would repeat on every chunk, so it
    // is the run's error, not a failure of these conditions. (With RK45, only after three conditions failed alone with
    // none done: one diverging condition is not the template's fault.) Evaluated in an exception filter, in this order.
    private bool IsTheRunsError(int count) =>
        CompletedChunks == 0 && !(_bisect && count > 1) && (!_bisect || ++_lonelyFailures >= 3);

    private void FailConditions(int[] conditions, string pythonType, string pythonMessage, Exception? ex)
    {
        // One line for the user; the Python traceback and .NET frames only at debug level (-v).
        var which = Describe(conditions);
        _logger.LogError("Exploration '{Exploration}': PyRates failed on conditions {Conditions} ({Type}: {Message}); they are reported as failures and the run goes on.", _grid.Exploration, which, pythonType, pythonMessage);
        _logger.LogDebug(ex, "Exploration '{Exploration}': the failure of conditions {Conditions}.", _grid.Exploration, which);
        var message = $"PyRates failed on the grid_search call of conditions {which}: {pythonType}: {pythonMessage}";
        foreach (var (_, first, count) in Runs(conditions))
        {
            _done.AsSpan(first, count).Fill(true);
            _assembler.FailConditions(first, count, c => ConditionFailure.CallFailed(c, message));
        }

        _doneConditions += conditions.Length;
        _meter?.Set(_doneConditions * _stepsPerCondition);
    }

    private void AcceptConditions(int[] conditions, GridSearchOutput output, double callSeconds)
    {
        LogOutput(conditions, output, callSeconds);
        var samples = _job.Integration.SampleCount;
        _time ??= CheckTime(output.Time, samples, _grid.Exploration);
        Place(conditions, output, samples);
        AddFailures(conditions, output);
        foreach (var c in conditions)
        {
            _done[c] = true;
        }

        CompletedChunks++;
        _doneConditions += conditions.Length;
        _meter?.Set(_doneConditions * _stepsPerCondition);
    }

    private void LogOutput(int[] conditions, GridSearchOutput output, double callSeconds)
    {
        foreach (var line in output.Log)
        {
            _logger.LogInformation("PyRates: {Line}", line);
        }

        foreach (var line in output.Warnings)
        {
            _logger.LogWarning("PyRates: {Warning}", line);
        }

        if (output.Timing is { Count: > 0 } timing && _logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug(
                "Exploration '{Exploration}': conditions {Conditions} took {Timing}, transfer and .NET side {Transfer:F1} ms.",
                _grid.Exploration,
                Describe(conditions),
                string.Join(", ", timing.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value * 1e3:F1} ms"))),
                Math.Max(0, callSeconds - timing.Values.Sum()) * 1e3);
        }
    }

    // The output's conditions are the chunk's, in its order; each run of consecutive conditions is copied at once.
    private void Place(int[] conditions, GridSearchOutput output, int samples)
    {
        var variables = _states.Count;
        var count = conditions.Length;
        if (_summary)
        {
            Expect(output.Shape, [5, count, variables], _grid.Exploration);
            foreach (var (position, first, length) in Runs(conditions))
            {
                if (length == count)
                {
                    _assembler.PlaceSummary(first, count, output.Data);
                    continue;
                }

                var stacked = new double[5 * length * variables];
                for (var k = 0; k < 5; k++)
                {
                    output.Data.AsSpan(((k * count) + position) * variables, length * variables).CopyTo(stacked.AsSpan(k * length * variables));
                }

                _assembler.PlaceSummary(first, length, stacked);
            }
        }
        else
        {
            Expect(output.Shape, [count, samples, variables], _grid.Exploration);
            if (count == ConditionCount && conditions[0] == 0 && conditions[^1] == count - 1)
            {
                _assembler.AdoptSeries(output.Data);
                return;
            }

            var row = samples * variables;
            foreach (var (position, first, length) in Runs(conditions))
            {
                _assembler.PlaceSeries(first, output.Data.AsSpan(position * row, length * row));
            }
        }
    }

    private void AddFailures(int[] conditions, GridSearchOutput output)
    {
        var states = _states;
        foreach (var f in output.Failures)
        {
            var state = states[f.Variable];
            var condition = conditions[f.Condition];
            _assembler.AddFailure(f.OutOfBounds
                ? ConditionFailure.LeftBounds(condition, output.Time[f.Sample], state.Name, state.Boundaries?.Lower ?? double.NegativeInfinity, state.Boundaries?.Upper ?? double.PositiveInfinity)
                : ConditionFailure.Diverged(condition, output.Time[f.Sample], state.Name));
        }
    }

    // Keep every chunk that finished; the others are NaN and marked cancelled.
    private ExplorationResult? Partial() =>
        _done.Contains(true)
            ? _assembler.BuildCancelled(_done, _time ?? _job.Integration.CreateTimeGrid(), _job.Integration.StepSize, _backend.Name)
            : null;

    private static (double[] Lower, double[] Upper)? Bounds(IReadOnlyList<StateVariable> states, string model, ILogger logger)
    {
        if (!states.Any(s => s.Boundaries is not null))
        {
            return null;
        }

        logger.LogWarning("Model '{Model}' has boundaries on {Variables}; PyRates cannot enforce them, so conditions that leave them are reported as failures.", model, string.Join(", ", states.Where(s => s.Boundaries is not null).Select(s => s.Name)));
        return (states.Select(s => s.Boundaries?.Lower ?? double.NegativeInfinity).ToArray(), states.Select(s => s.Boundaries?.Upper ?? double.PositiveInfinity).ToArray());
    }

    private static double[] CheckTime(double[] time, int samples, string exploration) =>
        time.Length == samples
            ? time
            : throw new BackendException($"Exploration '{exploration}': PyRates returned {time.Length} samples, the time grid has {samples}.");

    private static void Expect(int[] shape, int[] expected, string exploration)
    {
        if (!shape.SequenceEqual(expected))
        {
            throw new BackendException($"Exploration '{exploration}': the bridge returned shape ({string.Join(", ", shape)}), expected ({string.Join(", ", expected)}); the bridge package (python/tvbo_pyrates) does not match this library.");
        }
    }
}
