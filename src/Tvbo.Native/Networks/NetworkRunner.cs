using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Native.Compilation;
using Tvbo.Native.Execution;
using Tvbo.Native.Kernels;
using Tvbo.Planning;
using Tvbo.Results;

namespace Tvbo.Native.Networks;

/// <summary>
/// Runs a network exploration over the network as data (<see cref="BackendJob.Network"/>): the nodes' model compiled
/// once (<see cref="NodeKernel{TVec}"/>), each coupling compiled once over the edges (<see cref="CouplingKernel{TVec}"/>),
/// the weights, delays and per-node values in arrays, so neither the network's size nor its delays change the code
/// and a conduction-speed sweep is one run. One SIMD lane per condition; the conditions are ordered by conduction
/// speed so that a block's lanes share their delays where they can (else each lane reads its own).
/// </summary>
/// <remarks>
/// <para>The numbers are those of the lowered system (<see cref="BackendJob.Model"/>) run by the compiled kernel: the
/// same scheme tables (<see cref="FixedStepScheme"/>), the same expression code per node, each coupling's terms summed
/// pairwise in the lowering's order, the history written at each step's start (position <c>k mod L</c>, L the longest
/// delay + 1) and read <c>d</c> positions before the stage's (<c>(k + c − d) mod L</c>), the coupling held over
/// the step's stages under <see cref="CouplingEvaluation.PerStep"/>, boundaries clamped after each step, and the same
/// divergence, summary, progress and cancellation contract as <see cref="ExplorationRunner{TVec}"/>.</para>
/// </remarks>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class NetworkRunner<TVec>
    where TVec : struct
{
    /// <summary>Work (lane-steps × (values + edges)) per call between cancellation checks and progress reports.</summary>
    private const long ChunkWork = 1L << 22;

    private static readonly int Lanes = LaneOps<TVec>.Lanes;

    private readonly NetworkLayout _layout;
    private readonly NetworkSystem _system;
    private readonly ExplorationGrid _grid;
    private readonly IntegrationSettings _integration;
    private readonly FixedStepScheme _scheme;
    private readonly CancellationToken _cancellationToken;
    private readonly ProgressMeter _progress;
    private readonly int _conditions;
    private readonly int _samples;
    private readonly int _stepsPerSample;
    private readonly int _windowStart;
    private readonly bool _summary;
    private readonly bool _held;
    private readonly bool _sourcesOnly;
    private readonly int[] _axisSlots;
    private readonly double[] _baseValues;
    private readonly double[] _initial;
    private readonly int[] _flatOf;
    private readonly string[] _names;
    private readonly double[] _time;
    private readonly int[] _order;
    private readonly InputSeries[] _inputs;
    private readonly Tvbo.Model.Boundaries?[] _bounds;
    private readonly ResultAssembler _result;
    private readonly double[] _series;
    private readonly Action<NetworkBlock<TVec>> _nodes;
    private readonly ConcurrentDictionary<double, int[]> _delaysBySpeed = new();
    private readonly bool[] _blockDone;
    private readonly List<ConditionFailure> _failures = [];

    private NetworkRunner(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        _layout = new NetworkLayout(job);
        _system = _layout.System;
        _grid = job.Grid;
        _integration = job.Integration;
        _scheme = _system.Node.IsDiscrete ? FixedStepScheme.Map : FixedStepScheme.For(_integration.Method);
        _cancellationToken = cancellationToken;
        _conditions = _grid.ConditionCount;
        _samples = _integration.SampleCount;
        _stepsPerSample = _integration.StepsPerSample;
        _windowStart = job.WindowStart;
        _summary = job.Store == ResultStore.Summary;
        _held = _integration.CouplingEvaluation == CouplingEvaluation.PerStep;
        var flatParameters = _system.Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _axisSlots = _grid.Axes.Select(a => flatParameters[a.Name]).ToArray();
        _baseValues = _system.Parameters.Select(p => p.Value).ToArray();
        _names = [.. _system.StateVariables.Select(s => s.Name), .. _layout.HasTime ? [Tvbo.Model.Dynamics.TimeSymbol] : Array.Empty<string>()];
        var values = _layout.ValueCount;
        _flatOf = new int[values];
        _initial = new double[values];
        _bounds = new Tvbo.Model.Boundaries?[values];
        for (var n = 0; n < _layout.NodeCount; n++)
        {
            for (var i = 0; i < _layout.StateCount; i++)
            {
                var v = (n * _layout.StateCount) + i;
                _flatOf[v] = _layout.FlatState(n, i);
                _initial[v] = _system.StateVariables[_flatOf[v]].InitialValue;
                _bounds[v] = _layout.Node.StateVariables[i].Boundaries;
            }
        }

        if (_layout.HasTime)
        {
            _flatOf[values - 1] = _layout.FlatState(0, _layout.StateCount);
            _initial[values - 1] = _system.TimeStart;
        }

        var nodeInputs = _layout.Node.Inputs;
        _inputs = new InputSeries[_layout.NodeCount * nodeInputs.Count];
        for (var n = 0; n < _layout.NodeCount; n++)
        {
            for (var u = 0; u < nodeInputs.Count; u++)
            {
                _inputs[(n * nodeInputs.Count) + u] = job.Inputs[NetworkSystem.NodeName(n, nodeInputs[u])];
            }
        }

        _time = _integration.CreateTimeGrid();
        _order = Enumerable.Range(0, _conditions).OrderBy(_system.SpeedOf).ToArray();
        _sourcesOnly = _layout.DelayedStates.Length > 0 && _layout.DelayedCouplings.All(d => d)
            && _system.Couplings.All(c => c.Symbols.All(m => m.Values.All(v => v.Where != PreSource.Target)));
        CheckHistory();
        _nodes = KernelCache.Get(typeof(TVec), "nodes|" + _layout.NodeKey(), () => NodeKernel<TVec>.Build(_layout));
        _result = new ResultAssembler(_grid, _names, _samples, job.Store, _windowStart);
        _series = _summary ? [] : _result.Series;
        _progress = new ProgressMeter(progress, _grid.Exploration, _conditions, job.StepsPerCondition);
        _blockDone = new bool[(_conditions + Lanes - 1) / Lanes];
    }

    /// <summary>Runs a network exploration.</summary>
    /// <param name="job">The planned job (a network, a fixed-step method).</param>
    /// <param name="progress">Progress receiver.</param>
    /// <param name="backendOptions">Parallelism.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static ExplorationResult Run(BackendJob job, IProgress<RunProgress>? progress, NativeBackendOptions backendOptions, CancellationToken cancellationToken)
    {
        var parallelism = backendOptions.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        var runner = new NetworkRunner<TVec>(job, progress, cancellationToken);
        var blocks = runner._blockDone.Length;
        try
        {
            KernelThreads.Run(blocks, blocks == 1 ? 1 : parallelism, runner.NewBlock, runner.RunBlock, b => runner._failures.AddRange(b.Failures), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            runner._progress.Complete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw runner.Cancelled();
        }
        finally
        {
            runner._progress.Dispose();
        }

        runner._failures.Sort((a, b) => a.Condition.CompareTo(b.Condition));
        if (runner._failures.Count > 0)
        {
            job.Logger.LogWarning(
                "Exploration '{Exploration}': {Failed} of {Conditions} conditions diverged (first: {First}); their samples from the failure on are NaN.",
                job.Exploration,
                runner._failures.Count,
                runner._conditions,
                runner._failures[0]);
        }

        foreach (var f in runner._failures)
        {
            runner._result.AddFailure(f);
        }

        return runner._result.Build(runner._time, job.Integration.StepSize, NativeBackend.BackendName);
    }

    /// <summary>The delay history a block keeps is within <see cref="KernelBudget"/>'s limit for its slowest speed.</summary>
    private void CheckHistory()
    {
        if (_layout.DelayedStates.Length == 0 || _conditions == 0)
        {
            return;
        }

        var longest = DelaysAt(_system.SpeedOf(_order[0])).DefaultIfEmpty(0).Max();
        KernelBudget.CheckHistory(_system.Node.Name, (long)_layout.DelayedStates.Length * _layout.NodeCount, longest + 1, _integration.StepSize);
    }

    private int[] DelaysAt(double speed) => _delaysBySpeed.GetOrAdd(speed, _system.DelaySteps);

    private RunCancelledException Cancelled()
    {
        var done = new bool[_conditions];
        for (var k = 0; k < _conditions; k++)
        {
            done[_order[k]] = Volatile.Read(ref _blockDone[k / Lanes]);
        }

        lock (_failures)
        {
            foreach (var f in _failures)
            {
                _result.AddFailure(f);
            }
        }

        return new RunCancelledException([], _result.BuildCancelled(done, _time, _integration.StepSize, NativeBackend.BackendName), _cancellationToken);
    }

    private int ChunkSamples => (int)Math.Clamp(ChunkWork / ((long)Lanes * _stepsPerSample * (_layout.ValueCount + _system.EdgeCount + 1)), 1, Math.Max(1, _samples));

    private Block NewBlock()
    {
        var values = _layout.ValueCount;
        var block = new Block(values, _scheme.Stages.Length)
        {
            Kernel = new NetworkBlock<TVec>
            {
                Parameters = new TVec[Math.Max(1, _layout.SharedParameters.Count)],
                NodeParameters = new TVec[Math.Max(1, _layout.NodeCount * _layout.PerNodeParameters.Count)],
                CouplingParameters = new TVec[Math.Max(1, _layout.CouplingParameters.Count)],
                EdgeWeights = new TVec[Math.Max(1, _layout.EdgeWeightSources.Length)],
                Inputs = new TVec[Math.Max(1, ChunkSamples * _stepsPerSample * _inputs.Length)],
                RowStart = _system.RowStart,
                Sources = _system.Sources,
                Weights = _system.Weights,
                WeightSlots = _layout.WeightSlots,
                NodeCount = _layout.NodeCount,
            },
        };
        if (_layout.HasTime)
        {
            foreach (var k in block.Slopes)
            {
                MemoryMarshal.Cast<TVec, double>(k.AsSpan(values - 1, 1)).Fill(1.0); // dt/dt = 1
            }
        }

        return block;
    }

    /// <summary>Runs one block to the end; false when cancelled.</summary>
    private bool RunBlock(int index, Block block)
    {
        var first = index * Lanes;
        var valid = Math.Min(Lanes, _conditions - first);
        for (var l = 0; l < Lanes; l++)
        {
            block.Conditions[l] = _order[first + Math.Min(l, valid - 1)];
        }

        block.Valid = valid;
        StartBlock(block);
        var chunk = ChunkSamples;
        for (var s = 0; s < _samples; s += chunk)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var end = Math.Min(_samples, s + chunk);
            FillInputs(block, s, end);
            RunSamples(block, s, end);
            var stepsDone = (long)(end - s - (end == _samples ? 1 : 0)) * _stepsPerSample;
            _progress.Add(stepsDone * valid);
        }

        if (_summary)
        {
            SetSummaries(block);
        }

        Volatile.Write(ref _blockDone[index], true);
        return true;
    }

    /// <summary>The lanes' parameters, delays, initial state, history and summary accumulators.</summary>
    private void StartBlock(Block block)
    {
        var kernel = block.Kernel;
        var flat = new double[_baseValues.Length];
        var shared = Doubles(kernel.Parameters);
        var own = Doubles(kernel.NodeParameters);
        var couplingParameters = Doubles(kernel.CouplingParameters);
        var edgeWeights = Doubles(kernel.EdgeWeights);
        for (var l = 0; l < Lanes; l++)
        {
            _baseValues.CopyTo(flat, 0);
            var condition = _grid.Condition(block.Conditions[l]);
            for (var a = 0; a < _axisSlots.Length; a++)
            {
                flat[_axisSlots[a]] = condition[a];
            }

            Scatter(shared, _layout.SharedParameterSources, flat, l);
            Scatter(own, _layout.NodeParameterSources, flat, l);
            Scatter(couplingParameters, _layout.CouplingParameterSources, flat, l);
            Scatter(edgeWeights, _layout.EdgeWeightSources, flat, l);
        }

        var y = Doubles(block.State);
        for (var v = 0; v < _initial.Length; v++)
        {
            y.Slice(v * Lanes, Lanes).Fill(_initial[v]);
        }

        for (var l = 0; l < Lanes; l++)
        {
            block.Alive[l] = l < block.Valid;
        }

        Doubles(block.Min).Fill(double.PositiveInfinity);
        Doubles(block.Max).Fill(double.NegativeInfinity);
        Doubles(block.Sum).Clear();
        SetDelays(block);
    }

    /// <summary>Every lane's delays (one array when the lanes share a conduction speed), and the history filled with
    /// the initial state (what a source reads before the start).</summary>
    private void SetDelays(Block block)
    {
        var kernel = block.Kernel;
        var nh = _layout.DelayedStates.Length;
        if (nh == 0)
        {
            block.LaneDelays = false;
            block.HistoryLength = 0;
            SetBlocking(block);
            return;
        }

        var speeds = block.Conditions.Select(_system.SpeedOf).ToArray();
        block.LaneDelays = speeds.Any(s => s != speeds[0]);
        int longest;
        if (block.LaneDelays)
        {
            var lanes = new int[_system.EdgeCount * Lanes];
            longest = 0;
            for (var l = 0; l < Lanes; l++)
            {
                var d = DelaysAt(speeds[l]);
                for (var e = 0; e < d.Length; e++)
                {
                    lanes[(e * Lanes) + l] = d[e];
                    longest = Math.Max(longest, d[e]);
                }
            }

            kernel.Delays = lanes;
        }
        else
        {
            kernel.Delays = DelaysAt(speeds[0]);
            longest = kernel.Delays.DefaultIfEmpty(0).Max();
        }

        block.HistoryLength = longest + 1;
        kernel.HistoryRow = block.HistoryLength;
        SetBlocking(block);
        var size = nh * _layout.NodeCount * block.HistoryLength;
        if (kernel.History.Length != size)
        {
            kernel.History = new TVec[size];
        }

        var history = Doubles(kernel.History);
        var length = block.HistoryLength;
        for (var n = 0; n < _layout.NodeCount; n++)
        {
            for (var h = 0; h < nh; h++)
            {
                var value = _initial[(n * _layout.StateCount) + _layout.DelayedStates[h]];
                history.Slice(((n * nh) + h) * length * Lanes, length * Lanes).Fill(value);
            }
        }
    }

    /// <summary>Whether the block computes its couplings for several steps at once: when every coupling reads only its
    /// sources, each delayed by at least 2 steps, the coupling of the next <c>B</c> steps (B the shortest delay, at most
    /// <see cref="CouplingKernel{TVec}.MaxBlockSteps"/>) is already in the history — each at every time it is needed
    /// (Heun's second stage of one step and the next step's first read the same time) is computed once, edge by edge
    /// over consecutive positions.</summary>
    private void SetBlocking(Block block)
    {
        var kernel = block.Kernel;
        var shortest = kernel.Delays.DefaultIfEmpty(0).Min();
        var steps = _sourcesOnly && shortest >= 2 ? Math.Min(shortest, CouplingKernel<TVec>.MaxBlockSteps) : 0;
        kernel.BlockSteps = steps;
        var times = Math.Max(1, steps + 1);
        var size = Math.Max(1, times * _layout.NodeCount * _layout.CouplingTerms.Count);
        if (kernel.Coupling.Length != size)
        {
            kernel.Coupling = new TVec[size];
            kernel.Terms = new TVec[times * CouplingKernel<TVec>.StackDepth];
        }
    }

    /// <summary>The inputs of the steps of samples [start, end): [step, node · inputs + input].</summary>
    private void FillInputs(Block block, int start, int end)
    {
        if (_inputs.Length == 0)
        {
            return;
        }

        var steps = (end - start) * _stepsPerSample;
        var into = Doubles(block.Kernel.Inputs);
        var values = new double[steps];
        for (var l = 0; l < Lanes; l++)
        {
            for (var u = 0; u < _inputs.Length; u++)
            {
                _inputs[u].Fill(block.Conditions[l], start * _stepsPerSample, values);
                for (var k = 0; k < steps; k++)
                {
                    into[((((k * _inputs.Length) + u) * Lanes) + l)] = values[k];
                }
            }
        }
    }

    /// <summary>Samples [start, end): each checked and recorded, then (before the last) the steps to the next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void RunSamples(Block block, int start, int end)
    {
        var kernel = block.Kernel;
        for (var sample = start; sample < end; sample++)
        {
            Check(block, sample);
            Record(block, sample);
            if (sample == _samples - 1)
            {
                break;
            }

            for (var j = 0; j < _stepsPerSample; j++)
            {
                var step = ((long)sample * _stepsPerSample) + j;
                kernel.InputBase = ((((sample - start) * _stepsPerSample) + j) * _inputs.Length);
                Step(block, step);
            }
        }
    }

    /// <summary>One step of the scheme: the history's record, every stage (couplings, then nodes), the update, the clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void Step(Block block, long step)
    {
        var kernel = block.Kernel;
        var position = 0;
        if (block.HistoryLength > 0)
        {
            position = (int)(step % block.HistoryLength);
            RecordHistory(block, position);
        }

        for (var s = 0; s < _scheme.Stages.Length; s++)
        {
            var stage = _scheme.Stages[s];
            var point = block.State;
            if (stage.From >= 0)
            {
                point = block.Points[s];
                Offset(point, block.State, _integration.StepSize / stage.Divisor, block.Slopes[stage.From]);
            }

            kernel.Point = point;
            if (kernel.BlockSteps > 0)
            {
                if (s == 0 && step % kernel.BlockSteps == 0)
                {
                    kernel.HistoryBase = position;
                    RunCouplings(block, blocked: true);
                }

                var time = (int)(step % kernel.BlockSteps) + (_held ? 0 : stage.StepOffset);
                kernel.CouplingOffset = time * _layout.NodeCount * _layout.CouplingTerms.Count;
            }
            else if (!_held || s == 0)
            {
                kernel.HistoryBase = position + stage.StepOffset;
                kernel.CouplingOffset = 0;
                RunCouplings(block, blocked: false);
            }

            kernel.Slope = block.Slopes[s];
            _nodes(kernel);
        }

        Update(block);
        Clamp(block);
    }

    private void RunCouplings(Block block, bool blocked)
    {
        for (var c = 0; c < _system.Couplings.Count; c++)
        {
            var laneDelays = block.LaneDelays;
            KernelCache.Get(typeof(TVec), CouplingKernel<TVec>.Key(_layout, c, laneDelays, blocked), () => CouplingKernel<TVec>.Build(_layout, c, laneDelays, blocked))(block.Kernel);
        }
    }

    /// <summary>At the start of a step, every delayed source's state at its position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void RecordHistory(Block block, int position)
    {
        var history = block.Kernel.History;
        var nh = _layout.DelayedStates.Length;
        var nv = _layout.StateCount;
        var length = block.HistoryLength;
        for (var n = 0; n < _layout.NodeCount; n++)
        {
            for (var h = 0; h < nh; h++)
            {
                history[(((n * nh) + h) * length) + position] = block.State[(n * nv) + _layout.DelayedStates[h]];
            }
        }
    }

    /// <summary><c>point = y + h·k</c>, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private static void Offset(TVec[] point, TVec[] y, double h, TVec[] k)
    {
        var p = Doubles(point);
        var ys = Doubles(y);
        var ks = Doubles(k);
        var i = 0;
        var hv = new Vector<double>(h);
        for (; i + Vector<double>.Count <= p.Length; i += Vector<double>.Count)
        {
            (new Vector<double>(ys[i..]) + (hv * new Vector<double>(ks[i..]))).CopyTo(p[i..]);
        }

        for (; i < p.Length; i++)
        {
            p[i] = ys[i] + (h * ks[i]);
        }
    }

    /// <summary><c>y = y + (dt / UpdateDivisor)·Σ weight·k[stage]</c>, the terms summed left to right (pass by pass,
    /// which is the same order per element); for a map, <c>y = k[0]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void Update(Block block)
    {
        if (_scheme.IsMap)
        {
            // A map: every node's next values, computed from the previous iterate (couplings included), replace the state.
            Doubles(block.Slopes[0]).CopyTo(Doubles(block.State));
            return;
        }

        var terms = _scheme.Update;
        var slope = Doubles(block.Slope);
        Weighted(slope, Doubles(block.Slopes[terms[0].Stage]), terms[0].Weight, accumulate: false);
        for (var t = 1; t < terms.Length; t++)
        {
            Weighted(slope, Doubles(block.Slopes[terms[t].Stage]), terms[t].Weight, accumulate: true);
        }

        Offset(block.State, block.State, _integration.StepSize / _scheme.UpdateDivisor, block.Slope);
    }

    /// <summary><c>into = weight·k</c> or <c>into += weight·k</c> (just <c>k</c> for weight 1), element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private static void Weighted(Span<double> into, Span<double> k, double weight, bool accumulate)
    {
        var i = 0;
        var w = new Vector<double>(weight);
        for (; i + Vector<double>.Count <= into.Length; i += Vector<double>.Count)
        {
            var term = weight == 1 ? new Vector<double>(k[i..]) : w * new Vector<double>(k[i..]);
            (accumulate ? new Vector<double>(into[i..]) + term : term).CopyTo(into[i..]);
        }

        for (; i < into.Length; i++)
        {
            var term = weight == 1 ? k[i] : weight * k[i];
            into[i] = accumulate ? into[i] + term : term;
        }
    }

    /// <summary>Bounded states clamped (or wrapped) into their boundaries after the step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void Clamp(Block block)
    {
        var y = Doubles(block.State);
        for (var v = 0; v < _bounds.Length; v++)
        {
            if (_bounds[v] is { } b)
            {
                foreach (ref var x in y.Slice(v * Lanes, Lanes))
                {
                    x = b.Clamp(x);
                }
            }
        }
    }

    /// <summary>A live lane whose state is not finite fails at this sample: the first such variable in the lowered
    /// system's order is reported, the lane's state becomes NaN and it is not checked again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void Check(Block block, int sample)
    {
        var y = Doubles(block.State);
        for (var l = 0; l < block.Valid; l++)
        {
            if (!block.Alive[l])
            {
                continue;
            }

            var worst = -1;
            for (var v = 0; v < _flatOf.Length; v++)
            {
                if (!double.IsFinite(y[(v * Lanes) + l]) && (worst < 0 || _flatOf[v] < _flatOf[worst]))
                {
                    worst = v;
                }
            }

            if (worst < 0)
            {
                continue;
            }

            block.Failures.Add(ConditionFailure.Diverged(block.Conditions[l], _time[sample], _names[_flatOf[worst]]));
            for (var v = 0; v < _flatOf.Length; v++)
            {
                y[(v * Lanes) + l] = double.NaN;
            }

            block.Alive[l] = false;
        }
    }

    /// <summary>The sample into the summary accumulators (from the window on) or into the series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called every step: optimised from the first run
    private void Record(Block block, int sample)
    {
        var y = Doubles(block.State);
        if (_summary)
        {
            if (sample < _windowStart)
            {
                return;
            }

            var min = Doubles(block.Min);
            var max = Doubles(block.Max);
            var sum = Doubles(block.Sum);
            for (var i = 0; i < y.Length; i++)
            {
                var x = y[i];
                min[i] = x < min[i] ? x : min[i];
                max[i] = x > max[i] ? x : max[i];
                sum[i] += x;
            }

            return;
        }

        var nv = _names.Length;
        for (var l = 0; l < block.Valid; l++)
        {
            var row = _series.AsSpan((int)((((long)block.Conditions[l] * _samples) + sample) * nv), nv);
            for (var v = 0; v < _flatOf.Length; v++)
            {
                row[_flatOf[v]] = y[(v * Lanes) + l];
            }
        }
    }

    private void SetSummaries(Block block)
    {
        var y = Doubles(block.State);
        var min = Doubles(block.Min);
        var max = Doubles(block.Max);
        var sum = Doubles(block.Sum);
        var count = _samples - _windowStart;
        for (var l = 0; l < block.Valid; l++)
        {
            for (var v = 0; v < _flatOf.Length; v++)
            {
                var s = (v * Lanes) + l;
                var (lo, hi, mean) = SummaryAccumulator.Close(min[s], max[s], sum[s], count);
                _result.SetSummary(block.Conditions[l], _flatOf[v], _initial[v], y[s], lo, hi, mean);
            }
        }
    }

    private static void Scatter(Span<double> into, int[] sources, double[] flat, int lane)
    {
        for (var k = 0; k < sources.Length; k++)
        {
            into[(k * Lanes) + lane] = flat[sources[k]];
        }
    }

    private static Span<double> Doubles(TVec[] a) => MemoryMarshal.Cast<TVec, double>(a.AsSpan());


    /// <summary>A block's working memory: the kernels' view, the state and the stages, the lanes' conditions.</summary>
    private sealed class Block
    {
        public Block(int values, int stages)
        {
            State = new TVec[values];
            Points = Enumerable.Range(0, stages).Select(_ => new TVec[values]).ToArray();
            Slopes = Enumerable.Range(0, stages).Select(_ => new TVec[values]).ToArray();
            Min = new TVec[values];
            Max = new TVec[values];
            Sum = new TVec[values];
            Slope = new TVec[values];
        }

        public required NetworkBlock<TVec> Kernel { get; init; }

        public TVec[] State { get; }

        public TVec[][] Points { get; }

        public TVec[][] Slopes { get; }

        public TVec[] Min { get; }

        public TVec[] Max { get; }

        public TVec[] Sum { get; }

        /// <summary>Scratch for the update's weighted sum of the stages' slopes.</summary>
        public TVec[] Slope { get; }

        public int[] Conditions { get; } = new int[Lanes];

        public bool[] Alive { get; } = new bool[Lanes];

        public int Valid { get; set; }

        public bool LaneDelays { get; set; }

        public int HistoryLength { get; set; }

        /// <summary>The failures of every block this thread ran (collected once, when the thread is done).</summary>
        public List<ConditionFailure> Failures { get; } = [];
    }
}
