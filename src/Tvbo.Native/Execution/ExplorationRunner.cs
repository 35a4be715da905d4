using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Native.Compilation;
using Tvbo.Native.Kernels;
using Tvbo.Planning;
using Tvbo.Results;

namespace Tvbo.Native.Execution;

/// <summary>
/// Runs one exploration: splits the conditions (C order) into blocks of <c>groups × lanes</c>, runs the blocks on
/// up to <see cref="NativeBackendOptions.MaxDegreeOfParallelism"/> threads with the compiled kernel, and assembles
/// the series or the summary and the failures.
/// </summary>
/// <typeparam name="TVec">The vector type (one lane per condition).</typeparam>
internal sealed class ExplorationRunner<TVec>
    where TVec : struct
{
    /// <summary>Condition-steps per kernel call: between calls the driver checks cancellation and reports progress.</summary>
    private const int ChunkConditionSteps = 1 << 18;

    /// <summary>The size of a block's sample buffer in series runs (kept within the L2 cache).</summary>
    private const int SampleBufferBytes = 1 << 18;

    /// <summary>The most vectors interleaved in one block (more hides latency, fewer leaves more blocks to share out).</summary>
    private const int MaxGroups = 4;

    /// <summary>State variables above which a block is one vector.</summary>
    private const int LargeSystem = 32;

    private static readonly int Lanes = LaneOps<TVec>.Lanes;

    private readonly ModelLayout _layout;
    private readonly ExplorationGrid _grid;
    private readonly IntegrationSettings _integration;
    private readonly CancellationToken _cancellationToken;
    private readonly ProgressMeter _progress;
    private readonly int _conditions;
    private readonly int _samples;
    private readonly int _stepsPerSample;
    private readonly int _nv;
    private readonly int _np;
    private readonly int _groups;
    private readonly InputSeries[] _inputs;
    private readonly int _windowStart;
    private readonly int[] _axisSlots;
    private readonly double[] _baseValues;
    private readonly double[] _initial;
    private readonly double[] _time;
    private readonly string[] _names;
    private readonly ResultAssembler _result;
    private readonly double[] _series;
    private readonly Action<KernelContext<TVec>> _kernel;
    private readonly bool _summary;
    private readonly bool[] _blockDone;
    private readonly List<ConditionFailure> _failures = [];
    private readonly int _events;
    private readonly int _maxEventTimes;
    private readonly long _eventsFromStep;
    private readonly double[]?[] _eventTimes;
    private readonly long[] _eventCounts;

    private ExplorationRunner(BackendJob job, IProgress<RunProgress>? progress, int parallelism, int? groups, CancellationToken cancellationToken)
    {
        var grid = job.Grid;
        _layout = new ModelLayout(job.Model);
        _grid = grid;
        _integration = job.Integration;
        var map = job.Model.IsDiscrete;
        if (map && _integration.Method == IntegrationMethod.RK45)
        {
            throw new BackendException($"Model '{job.Model.Name}' is a discrete map (system_type: discrete): it is iterated once per step, and RK45 chooses its own steps. Use a fixed-step method (none is applied to a map).");
        }

        if (job.Model.Events.Count > 0 && _integration.Method == IntegrationMethod.RK45)
        {
            throw new BackendException($"Model '{job.Model.Name}' has spike-and-reset events ({string.Join(", ", job.Model.Events.Select(e => e.Name))}); the native backend applies them after each step of a fixed-step method (euler, heun, rk4), not within RK45's adaptive steps. Use a fixed-step method.");
        }

        var method = map ? IntegrationMethod.Euler : _integration.Method; // a map evaluates its right-hand sides once per step
        KernelBudget.Check(_layout, method, _integration.StepSize);
        _cancellationToken = cancellationToken;
        _conditions = grid.ConditionCount;
        _samples = _integration.SampleCount;
        _stepsPerSample = _integration.StepsPerSample;
        _nv = _layout.StateVariables.Count;
        _np = _layout.Parameters.Count;
        _summary = job.Store == ResultStore.Summary;
        _windowStart = job.WindowStart;
        _axisSlots = grid.Axes.Select(a => _layout.ParameterIndex(a.Name)).ToArray();
        _baseValues = _layout.Parameters.Select(p => p.Value).ToArray();
        _initial = _layout.StateVariables.Select(s => s.InitialValue).ToArray();
        _inputs = [.. job.ModelInputs()];
        _names = _layout.StateVariables.Select(s => s.Name).ToArray();
        _time = _integration.CreateTimeGrid();
        var adaptive = _integration.Method == IntegrationMethod.RK45;
        if (adaptive && _layout.Held.Count > 0)
        {
            throw new BackendException($"Model '{job.Model.Name}' holds {_layout.Held.Count} variables over each step (integration.coupling_evaluation: per_step); RK45 chooses its own steps and evaluates them at every stage. Use euler, heun or rk4, or per_stage.");
        }

        // Large systems (networks) get one vector per block: the generated code grows with groups × equations.
        _groups = adaptive || (groups is null && _nv > LargeSystem) ? 1 : groups ?? Math.Clamp((_conditions + (Lanes * parallelism) - 1) / (Lanes * parallelism), 1, MaxGroups);
        _kernel = KernelCache.Get<TVec>(_layout, new KernelKind(method, _groups, _summary, Lanes, VariedParameters.Of(_layout, _axisSlots), map));
        _result = new ResultAssembler(grid, _names, _samples, job.Store, _windowStart);
        _series = _summary ? [] : _result.Series; // the kernels write their blocks into it in place
        _progress = new ProgressMeter(progress, grid.Exploration, _conditions, job.StepsPerCondition);
        _blockDone = new bool[(_conditions + (_groups * Lanes) - 1) / (_groups * Lanes)];
        _events = job.Model.Events.Count;
        _maxEventTimes = job.MaxEventTimes;
        _eventsFromStep = (long)job.TransientSamples * _stepsPerSample;
        _eventTimes = new double[]?[_events * _conditions];
        _eventCounts = new long[_events * _conditions];
    }

    /// <summary>Runs an exploration.</summary>
    /// <param name="job">The planned job.</param>
    /// <param name="progress">Progress receiver.</param>
    /// <param name="backendOptions">Parallelism and vector settings.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static ExplorationResult Run(BackendJob job, IProgress<RunProgress>? progress, NativeBackendOptions backendOptions, CancellationToken cancellationToken)
    {
        var parallelism = backendOptions.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        var runner = new ExplorationRunner<TVec>(job, progress, parallelism, backendOptions.GroupsPerBlock, cancellationToken);
        List<ConditionFailure> failures;
        try
        {
            failures = runner.Execute(parallelism);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw runner.Cancelled();
        }
        finally
        {
            runner._progress.Dispose();
        }

        if (failures.Count > 0)
        {
            job.Logger.LogWarning(
                "Exploration '{Exploration}': {Failed} of {Conditions} conditions diverged (first: {First}); their samples from the failure on are NaN.",
                job.Exploration,
                failures.Count,
                runner._conditions,
                failures[0]);
        }

        foreach (var f in failures)
        {
            runner._result.AddFailure(f);
        }

        return runner.WithEvents(runner._result.Build(runner._time, job.Integration.StepSize, NativeBackend.BackendName));
    }

    /// <summary>The result with the event times of the blocks that finished (none for a model without events).</summary>
    private ExplorationResult WithEvents(ExplorationResult result) =>
        _events == 0 ? result : result.WithEventTimes(new EventTimes(_layout.Model.Events.Select(e => e.Name).ToArray(), _conditions, _maxEventTimes, _eventTimes, _eventCounts));

    /// <summary>The blocks that finished, as a result whose other conditions are NaN and marked cancelled.</summary>
    private RunCancelledException Cancelled()
    {
        var blockLanes = _groups * Lanes;
        var done = new bool[_conditions];
        for (var c = 0; c < _conditions; c++)
        {
            done[c] = Volatile.Read(ref _blockDone[c / blockLanes]);
        }

        lock (_failures)
        {
            foreach (var f in _failures)
            {
                _result.AddFailure(f);
            }
        }

        var partial = WithEvents(_result.BuildCancelled(done, _time, _integration.StepSize, NativeBackend.BackendName));
        return new RunCancelledException([], partial, _cancellationToken);
    }

    /// <summary>Runs every block on up to <paramref name="parallelism"/> kernel threads.</summary>
    /// <returns>The failures, by condition.</returns>
    private List<ConditionFailure> Execute(int parallelism)
    {
        var blockLanes = _groups * Lanes;
        var blocks = (_conditions + blockLanes - 1) / blockLanes;
        KernelThreads.Run(blocks, blocks == 1 ? 1 : parallelism, NewContext, RunBlock, ctx => _failures.AddRange(ctx.Failures), _cancellationToken);
        _cancellationToken.ThrowIfCancellationRequested();
        _progress.Complete();
        _failures.Sort((a, b) => a.Condition.CompareTo(b.Condition));
        return _failures;
    }

    private int ChunkSamples => Math.Max(1, Math.Min(
        ChunkConditionSteps / (_groups * Lanes * _stepsPerSample),
        _summary ? int.MaxValue : SampleBufferBytes / (_groups * _nv * Lanes * sizeof(double))));

    private KernelContext<TVec> NewContext() => new(_groups, _nv, _np)
    {
        History = new TVec[2 * _layout.HistoryLength * _groups * _layout.DelayedSources.Count],
        Inputs = new TVec[_layout.Inputs.Count == 0 ? 0 : Math.Min(ChunkSamples, _samples) * _stepsPerSample * _groups * _layout.Inputs.Count],
        SampleBuffer = _summary || _integration.Method == IntegrationMethod.RK45 ? [] : new TVec[Math.Min(ChunkSamples, _samples) * _groups * _nv],
        LastSample = _samples - 1,
        WindowStart = _windowStart,
        StepsPerSample = _stepsPerSample,
        Dt = _integration.StepSize,
        Time = _time,
        Series = _series,
        VariableNames = _names,
        Events = _events == 0 ? null : new EventLog(_groups * Lanes, _events, _maxEventTimes, _eventsFromStep),
        EventMasks = _events == 0 ? [] : new TVec[Math.Min(ChunkSamples, _samples) * _stepsPerSample * _events * _groups],
        EventSlots = _events == 0 ? [] : new int[Math.Min(ChunkSamples, _samples) * _stepsPerSample * _events * _groups],
    };

    /// <summary>Runs one block to the end; false when cancelled.</summary>
    private bool RunBlock(int block, KernelContext<TVec> ctx)
    {
        var first = block * _groups * Lanes;
        var valid = Math.Min(_groups * Lanes, _conditions - first);
        ctx.BeginBlock(first, valid);
        StartBlock(ctx);
        var completed = _integration.Method == IntegrationMethod.RK45
            ? new DormandPrinceIntegrator<TVec>(ctx, _kernel, _integration, _time, _summary, _progress, _cancellationToken).Run()
            : RunFixedStep(ctx, valid);
        if (!completed)
        {
            return false;
        }

        if (_summary)
        {
            SetSummaries(ctx);
        }

        if (ctx.Events is { } log)
        {
            // Each condition is in one block: its slots are written by this thread only.
            for (var lane = 0; lane < valid; lane++)
            {
                for (var e = 0; e < _events; e++)
                {
                    (_eventTimes[(e * _conditions) + first + lane], _eventCounts[(e * _conditions) + first + lane]) = log.Take(lane, e);
                }
            }
        }

        Volatile.Write(ref _blockDone[block], true);
        return true;
    }

    /// <summary>Every lane's parameters, initial state, summary accumulators (+∞, −∞, 0) and live mask. Padding lanes
    /// repeat the block's last real condition, so they compute finite, ignored numbers.</summary>
    private void StartBlock(KernelContext<TVec> ctx)
    {
        var pars = MemoryMarshal.Cast<TVec, double>(ctx.Parameters.AsSpan());
        var state = MemoryMarshal.Cast<TVec, double>(ctx.State.AsSpan());
        var alive = MemoryMarshal.Cast<TVec, long>(ctx.Alive.AsSpan());
        var min = MemoryMarshal.Cast<TVec, double>(ctx.Min.AsSpan());
        var max = MemoryMarshal.Cast<TVec, double>(ctx.Max.AsSpan());
        var sum = MemoryMarshal.Cast<TVec, double>(ctx.Sum.AsSpan());
        for (var lane = 0; lane < _groups * Lanes; lane++)
        {
            var g = lane / Lanes;
            var l = lane - (g * Lanes);
            var values = _grid.Condition(ctx.FirstCondition + Math.Min(lane, ctx.ValidLanes - 1));
            for (var j = 0; j < _np; j++)
            {
                pars[(((g * _np) + j) * Lanes) + l] = _baseValues[j];
            }

            for (var a = 0; a < _axisSlots.Length; a++)
            {
                pars[(((g * _np) + _axisSlots[a]) * Lanes) + l] = values[a];
            }

            for (var i = 0; i < _nv; i++)
            {
                var s = (((g * _nv) + i) * Lanes) + l;
                state[s] = _initial[i];
                min[s] = double.PositiveInfinity;
                max[s] = double.NegativeInfinity;
                sum[s] = 0;
            }

            alive[(g * Lanes) + l] = lane < ctx.ValidLanes ? -1L : 0L;
        }
    }

    /// <summary>The summaries of the block's real lanes: first = the initial state, final = the last state, and the
    /// window's min, max and mean closed by <see cref="SummaryAccumulator.Close"/>.</summary>
    private void SetSummaries(KernelContext<TVec> ctx)
    {
        var fin = MemoryMarshal.Cast<TVec, double>(ctx.Final.AsSpan());
        var min = MemoryMarshal.Cast<TVec, double>(ctx.Min.AsSpan());
        var max = MemoryMarshal.Cast<TVec, double>(ctx.Max.AsSpan());
        var sum = MemoryMarshal.Cast<TVec, double>(ctx.Sum.AsSpan());
        var count = _samples - _windowStart;
        for (var lane = 0; lane < ctx.ValidLanes; lane++)
        {
            var g = lane / Lanes;
            var l = lane - (g * Lanes);
            for (var i = 0; i < _nv; i++)
            {
                var s = (((g * _nv) + i) * Lanes) + l;
                var (lo, hi, mean) = SummaryAccumulator.Close(min[s], max[s], sum[s], count);
                _result.SetSummary(ctx.FirstCondition + lane, i, _initial[i], fin[s], lo, hi, mean);
            }
        }
    }

    private bool RunFixedStep(KernelContext<TVec> ctx, int valid)
    {
        var chunk = ChunkSamples;
        for (var s = 0; s < _samples; s += chunk)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            ctx.BeginCall(s, Math.Min(_samples, s + chunk));
            FillInputs(ctx, valid);
            ctx.EventCount = 0;
            _kernel(ctx);
            if (!_summary)
            {
                CopySamples(ctx, valid);
            }

            if (ctx.Events is { } log)
            {
                CollectEvents(ctx, log);
            }

            var stepsDone = (long)(ctx.SampleEnd - s - (ctx.SampleEnd == _samples ? 1 : 0)) * _stepsPerSample;
            _progress.Add(stepsDone * valid);
        }

        ctx.State.AsSpan().CopyTo(ctx.Final);
        return true;
    }

    /// <summary>Logs the firings of the last kernel call (<see cref="KernelContext{TVec}.EventMasks"/>, in step order).</summary>
    private void CollectEvents(KernelContext<TVec> ctx, EventLog log)
    {
        var firstStep = (long)ctx.SampleStart * _stepsPerSample;
        var bits = MemoryMarshal.Cast<TVec, long>(ctx.EventMasks.AsSpan(0, ctx.EventCount));
        for (var i = 0; i < ctx.EventCount; i++)
        {
            var slot = ctx.EventSlots[i];
            var (k, e, g) = (slot / (_events * _groups), slot / _groups % _events, slot % _groups);
            for (var l = 0; l < Lanes; l++)
            {
                if (bits[(i * Lanes) + l] != 0)
                {
                    log.Fire((g * Lanes) + l, e, firstStep + k + 1, ctx.Dt);
                }
            }
        }
    }

    /// <summary>Writes the inputs of the next kernel call's steps, [step, group, input, lane] (padding lanes repeat
    /// the block's last real condition).</summary>
    private void FillInputs(KernelContext<TVec> ctx, int valid)
    {
        var nIn = _layout.Inputs.Count;
        if (nIn == 0)
        {
            return;
        }

        var steps = (ctx.SampleEnd - ctx.SampleStart) * _stepsPerSample;
        var firstStep = ctx.SampleStart * _stepsPerSample;
        var into = MemoryMarshal.Cast<TVec, double>(ctx.Inputs.AsSpan());
        var values = new double[steps];
        for (var lane = 0; lane < _groups * Lanes; lane++)
        {
            var g = lane / Lanes;
            var l = lane - (g * Lanes);
            var condition = ctx.FirstCondition + Math.Min(lane, valid - 1);
            for (var u = 0; u < nIn; u++)
            {
                _inputs[u].Fill(condition, firstStep, values);
                for (var k = 0; k < steps; k++)
                {
                    into[(((((k * _groups) + g) * nIn) + u) * Lanes) + l] = values[k];
                }
            }
        }
    }

    /// <summary>Copies the samples of the last kernel call from the block's buffer [sample, group, variable, lane]
    /// into the series [condition, time, variable].</summary>
    private void CopySamples(KernelContext<TVec> ctx, int valid)
    {
        var buffer = MemoryMarshal.Cast<TVec, double>(ctx.SampleBuffer.AsSpan());
        var count = ctx.SampleEnd - ctx.SampleStart;
        var perSample = _groups * _nv * Lanes;
        var nv = _nv;
        for (var lane = 0; lane < valid; lane++)
        {
            var g = lane / Lanes;
            var l = lane - (g * Lanes);
            var src = (g * nv * Lanes) + l;
            var dst = _series.AsSpan((int)((((long)(ctx.FirstCondition + lane) * _samples) + ctx.SampleStart) * nv), count * nv);
            for (var s = 0; s < count; s++)
            {
                var from = buffer.Slice((s * perSample) + src);
                var to = dst.Slice(s * nv, nv);
                for (var i = 0; i < to.Length; i++)
                {
                    to[i] = from[i * Lanes];
                }
            }
        }
    }
}
