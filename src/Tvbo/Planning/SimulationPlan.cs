using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Backends;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>
/// What a backend integrates for one exploration, and how its raw result becomes the user's result. Backends only
/// ever integrate an autonomous system from its initial state over one time grid; this plan reduces an experiment to
/// that and maps the answer back, the same way for every backend:
/// <list type="bullet">
/// <item>networks: the nodes, coupling and delays are lowered into one system (<see cref="NetworkLowering"/>); axes
/// on coupling parameters, node parameters and edge weights become parameters of it; an axis on the conduction speed
/// splits the grid into one backend run per speed (delays are structural) and the parts are put back in grid order;
/// outputs are <c>V[node]</c>, variable-major (<c>[condition, time, variable, node]</c>);</item>
/// <item>time: a model that uses <c>t</c> is integrated with time as an extra last state variable (<c>dt/dt = 1</c>,
/// starting at <c>-transient_time</c>), so every stage of every method sees its own time;</item>
/// <item><c>transient_time</c>: the integration runs for transient + duration and the leading samples are dropped;
/// the result's time starts at 0;</item>
/// <item>outputs: state variables are copied, derived variables and observations are computed from the stored state
/// after the run (in float64, with <see cref="ExpressionEvaluator"/>); <c>record:</c> and the model's
/// <c>output:</c> select them.</item>
/// </list>
/// </summary>
internal sealed class SimulationPlan
{
    private readonly SimulationExperiment _experiment;
    private readonly int _skip;
    private readonly Part[] _parts;
    private readonly string[] _outputNames;
    private readonly bool _needsSeries;

    private SimulationPlan(SimulationExperiment experiment, ExplorationGrid grid, int skip, Part[] parts, string[] outputNames, bool needsSeries)
    {
        _experiment = experiment;
        Grid = grid;
        _skip = skip;
        _parts = parts;
        _outputNames = outputNames;
        _needsSeries = needsSeries;
    }

    /// <summary>The exploration's grid (axes as the user addresses them).</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>The experiment the backend integrates (autonomous, no transient); the first of several when the grid
    /// is split.</summary>
    public SimulationExperiment Integrated => _parts[0].Integrated;

    /// <summary>The most state variables a backend run integrates.</summary>
    public int IntegratedVariableCount => _parts.Max(p => p.Integrated.Model.StateVariables.Count);

    /// <summary>The result's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>Plans one exploration (or, with <paramref name="exploration"/> null, the plain integration).</summary>
    /// <param name="experiment">The validated experiment.</param>
    /// <param name="grid">The exploration's grid.</param>
    /// <param name="exploration">The exploration, for its <c>record:</c>.</param>
    /// <param name="conditionOffset">The index in the whole grid of <paramref name="grid"/>'s first condition (a shard):
    /// noise and per-condition inputs are those of the whole grid's conditions.</param>
    public static SimulationPlan Create(SimulationExperiment experiment, ExplorationGrid grid, Exploration? exploration, int conditionOffset = 0)
    {
        var integration = experiment.Integration;
        var transient = integration.TransientTime;
        var interval = integration.SampleInterval;
        var skip = transient > 0 ? (int)Math.Round(transient / interval, MidpointRounding.ToEven) : 0;
        var names = experiment.OutputNamesFor(exploration);
        var network = experiment.Network;
        var (model, sources) = experiment.LoweredModel();
        InputLowering.Validate(experiment.Model, experiment.Inputs, integration, grid.ConditionCount);
        var noise = integration.Noise;
        Dictionary<string, InputSeries> InputsFor(int[]? conditions, Func<string, int, string>? nodeName, int nodes)
        {
            conditions = conditionOffset == 0 ? conditions
                : (conditions ?? Enumerable.Range(0, grid.ConditionCount).ToArray()).Select(c => c + conditionOffset).ToArray();
            var inputs = new Dictionary<string, InputSeries>(StringComparer.Ordinal);
            foreach (var s in sources)
            {
                for (var i = 0; i < nodes; i++)
                {
                    inputs[nodeName is null ? s.Symbol : nodeName(s.Symbol, i)] = InputLowering.SeriesFor(s, noise, integration.StepSize, i, conditions);
                }
            }

            return inputs;
        }

        Part[] parts;
        if (network is null)
        {
            var outputs = names.Select(n => Resolve(experiment, n)).ToArray();
            var flatNames = grid.Axes.Select(a => a.Name == ExplorationGrid.TrialAxis && model.FindParameter(a.Name) is null ? null : StimulusLowering.ResolveAxis(a.Name, model, experiment.Stimuli, grid.Exploration)).ToArray();
            parts = [MakePart(experiment, model, BackendGrid(grid, null, flatNames, model), null, outputs, new Dictionary<string, string>(), InputsFor(null, null, 1))];
        }
        else
        {
            var axes = grid.Axes.Select(a => NetworkAxis.Resolve(a.Name, model, network, grid.Exploration, experiment.Stimuli)).ToArray();
            var nodeValues = StimulusLowering.NodeValues(experiment.Stimuli);
            var speedAxis = Array.FindIndex(axes, a => a.Kind == NetworkAxisKind.ConductionSpeed);
            var flatAxes = axes.Where(a => a.Kind is not (NetworkAxisKind.ConductionSpeed or NetworkAxisKind.Trial)).ToArray();
            var flatNames = axes.Select(a => a.Kind is NetworkAxisKind.ConductionSpeed or NetworkAxisKind.Trial ? null : a.FlatName).ToArray();
            if (speedAxis < 0)
            {
                var lowering = NetworkLowering.Create(model, network, integration.StepSize, network.ConductionSpeed, flatAxes, nodeValues);
                parts = [NetworkPart(experiment, lowering, BackendGrid(grid, null, flatNames, lowering.Model), null, names, InputsFor(null, NetworkLowering.NodeName, network.NodeCount))];
            }
            else
            {
                // The delays are part of the system: one backend run per conduction speed, on its conditions.
                var bySpeed = Enumerable.Range(0, grid.ConditionCount).GroupBy(c => grid.Condition(c)[speedAxis]).ToArray();
                parts = bySpeed.Select(g =>
                {
                    var conditions = g.ToArray();
                    var lowering = NetworkLowering.Create(model, network, integration.StepSize, g.Key, flatAxes, nodeValues);
                    return NetworkPart(experiment, lowering, BackendGrid(grid, conditions, flatNames, lowering.Model), conditions, names, InputsFor(conditions, NetworkLowering.NodeName, network.NodeCount));
                }).ToArray();
            }
        }

        var outputNames = parts[0].Outputs.Select(o => o.Name).ToArray();
        var needsSeries = skip > 0 || parts[0].Outputs.Any(o => o.StateIndex < 0);
        return new SimulationPlan(experiment, grid, skip, parts, outputNames, needsSeries);
    }

    /// <summary>The options the backend runs with: the user's, but storing the series where outputs must be computed
    /// from it or a transient dropped before summarising.</summary>
    /// <param name="options">The user's options.</param>
    public RunOptions BackendOptions(RunOptions options) =>
        _needsSeries && options.Store == ResultStore.Summary
            ? new RunOptions { Store = ResultStore.Series, SummaryWindow = options.SummaryWindow, MaxResultBytes = options.MaxResultBytes, Logger = options.Logger }
            : options;

    /// <summary>Runs the plan on a backend: every part, each finished into the user's outputs, put together in grid order.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="options">The user's options.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public ExplorationResult Run(ISimulationBackend backend, RunOptions options, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var finished = new List<(int[]? Conditions, ExplorationResult Result)>(_parts.Length);
        foreach (var part in _parts)
        {
            ExplorationResult raw;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw = backend.RunExploration(part.Integrated, part.Grid, BackendOptions(options), progress, cancellationToken);
            }
            catch (OperationCanceledException ex) when (ex is not RunCancelledException && finished.Count > 0)
            {
                // Between the parts of a split grid: the parts that ran are kept.
                throw new RunCancelledException([], ShardAssembly.AssemblePartial(Grid, _outputNames, finished.Select(f => (f.Conditions!, f.Result)).ToArray()), ex.CancellationToken);
            }
            catch (RunCancelledException ex)
            {
                // Keep what finished: of one part (the usual case) its finished conditions; of a split grid (conduction
                // speeds) the parts that ran and the finished conditions of the stopped one, the others NaN.
                var stopped = ex.Interrupted is { } partial ? Finish(part, partial, options) : null;
                if (part.Conditions is null)
                {
                    throw new RunCancelledException([], stopped, ex.CancellationToken);
                }

                var pieces = finished.Select(f => (f.Conditions!, f.Result)).ToList();
                if (stopped is not null)
                {
                    pieces.Add((part.Conditions, stopped));
                }

                throw new RunCancelledException([], pieces.Count == 0 ? null : ShardAssembly.AssemblePartial(Grid, _outputNames, pieces), ex.CancellationToken);
            }

            finished.Add((part.Conditions, Finish(part, raw, options)));
        }

        if (finished.Count == 1 && finished[0].Conditions is null)
        {
            return finished[0].Result;
        }

        return ShardAssembly.Assemble(Grid, _outputNames, finished.Select(f => (f.Conditions!, f.Result)).ToArray());
    }

    /// <summary>
    /// The grid a backend runs for some of the plan's conditions (null: all): the axes under the lowered system's
    /// names (<paramref name="flatNames"/>), without those that are not parameters of it (null: the trial axis, the
    /// conduction speed). When axes are dropped or conditions picked, the conditions are listed one by one (a zip);
    /// with no axis left and several conditions, the first parameter repeated at its value carries them.
    /// </summary>
    private static ExplorationGrid BackendGrid(ExplorationGrid grid, int[]? conditions, string?[] flatNames, Dynamics model)
    {
        var kept = Enumerable.Range(0, flatNames.Length).Where(a => flatNames[a] is not null).ToArray();
        if (conditions is null && kept.Length == flatNames.Length)
        {
            return kept.Select(a => flatNames[a] == grid.Axes[a].Name).All(x => x)
                ? grid
                : ExplorationGrid.Restore(grid.Exploration, grid.Label, grid.Mode, grid.Axes.Select((a, i) => new ExplorationAxis(flatNames[i]!, a.ExploredValues)).ToArray());
        }

        var list = conditions ?? Enumerable.Range(0, grid.ConditionCount).ToArray();
        if (kept.Length > 0)
        {
            return ExplorationGrid.Restore(grid.Exploration, grid.Label, ExplorationMode.Zip, kept.Select(a => new ExplorationAxis(flatNames[a]!, list.Select(c => grid.Condition(c)[a]).ToArray())).ToArray());
        }

        if (list.Length == 1)
        {
            return ExplorationGrid.Single(grid.Exploration, grid.Label);
        }

        var carrier = model.Parameters.FirstOrDefault() ?? throw new ExperimentException($"Exploration '{grid.Exploration}' repeats conditions (trials) of model '{model.Name}', which has no parameter to carry them; add a parameter.", grid.Exploration);
        return ExplorationGrid.Restore(grid.Exploration, grid.Label, ExplorationMode.Zip, [new ExplorationAxis(carrier.Name, Enumerable.Repeat(carrier.Value, list.Length).ToArray())]);
    }

    private static Part MakePart(SimulationExperiment experiment, Dynamics model, ExplorationGrid grid, int[]? conditions, Output[] outputs, IReadOnlyDictionary<string, string> variableNames, IReadOnlyDictionary<string, InputSeries> inputs)
    {
        var transient = experiment.Integration.TransientTime;
        var integratedModel = model.IsAutonomous ? model : model.WithTimeState(-transient);
        var integrated = new SimulationExperiment(integratedModel) { Label = experiment.Label, Description = experiment.Description };
        foreach (var (name, series) in inputs)
        {
            integrated.Inputs[name] = series;
        }

        CopyIntegration(experiment.Integration, integrated.Integration);
        integrated.Integration.TransientTime = 0;
        var skip = transient > 0 ? (int)Math.Round(transient / experiment.Integration.SampleInterval, MidpointRounding.ToEven) : 0;
        integrated.Integration.Duration = transient > 0 ? (experiment.Integration.SampleCount + skip) * experiment.Integration.SampleInterval : experiment.Integration.Duration;
        return new Part(integrated, grid, conditions, outputs, variableNames);
    }

    private static Part NetworkPart(SimulationExperiment experiment, NetworkLowering lowering, ExplorationGrid grid, int[]? conditions, IReadOnlyList<string> names, IReadOnlyDictionary<string, InputSeries> inputs)
    {
        var network = lowering.Network;
        var flat = lowering.Model;
        var outputs = new List<Output>();
        var variableNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var base_ = Resolve(experiment, name);
            for (var i = 0; i < network.NodeCount; i++)
            {
                var output = $"{name}[{network.Nodes[i].Label}]";
                if (base_.StateIndex >= 0)
                {
                    var flatName = NetworkLowering.NodeName(name, i);
                    outputs.Add(new Output(output, flat.StateVariables.Select((s, k) => (s.Name, k)).First(x => x.Name == flatName).k, null));
                }
                else
                {
                    outputs.Add(new Output(output, -1, lowering.Rename(i, base_.Expression!)));
                }
            }
        }

        foreach (var s in experiment.Model.StateVariables)
        {
            for (var i = 0; i < network.NodeCount; i++)
            {
                variableNames[NetworkLowering.NodeName(s.Name, i)] = $"{s.Name}[{network.Nodes[i].Label}]";
            }
        }

        return MakePart(experiment, flat, grid, conditions, outputs.ToArray(), variableNames, inputs);
    }

    /// <summary>A part's result in the user's terms: its outputs, without the transient, failures named by output.</summary>
    private ExplorationResult Finish(Part part, ExplorationResult raw, RunOptions options)
    {
        var integration = _experiment.Integration;
        var time = integration.CreateTimeGrid();
        var grid = part.Conditions is null ? Grid : part.Grid;
        var failures = raw.Failures
            .Select(f => f with { Variable = f.Variable is { } v && part.VariableNames.TryGetValue(v, out var user) ? user : f.Variable })
            .Select(f => _skip > 0 ? f with { Time = Math.Max(0, f.Time - integration.TransientTime), Reason = f.Time < integration.TransientTime && !f.IsCancelled ? $"{f.Reason} (during the transient)" : f.Reason } : f)
            .ToArray();
        var outputs = part.Outputs;
        var rawVariables = part.Integrated.Model.StateVariables.Count;
        var identity = _skip == 0 && outputs.Length == rawVariables && outputs.Select((o, i) => o.StateIndex == i).All(x => x);
        if (identity)
        {
            // A backend may have run a grid without axes as a one-value axis: the result keeps the plan's grid.
            return new ExplorationResult(grid, _outputNames, raw.Time, raw.Dt, raw.HasSeries ? raw.Results : null, raw.Summary, failures, raw.Backend);
        }

        var n = part.Grid.ConditionCount;
        var nv = outputs.Length;
        if (!raw.HasSeries)
        {
            // Only state variables, no transient: select the summary's columns.
            var s = raw.Summary!;
            double[] Pick(double[] a)
            {
                var r = new double[n * nv];
                for (var c = 0; c < n; c++)
                {
                    for (var v = 0; v < nv; v++)
                    {
                        r[(c * nv) + v] = a[(c * rawVariables) + outputs[v].StateIndex];
                    }
                }

                return r;
            }

            var picked = new SummaryStatistics(n, nv, s.WindowStart, Pick(s.First), Pick(s.Final), Pick(s.Min), Pick(s.Max), Pick(s.Mean));
            return new ExplorationResult(grid, _outputNames, time, raw.Dt, null, picked, failures, raw.Backend);
        }

        var samples = time.Length;
        var series = ComputeOutputs(part, raw, samples);
        if (options.Store == ResultStore.Summary)
        {
            var summary = SummaryStatistics.FromSeries(series, n, samples, nv, options.SummaryWindow);
            return new ExplorationResult(grid, _outputNames, time, raw.Dt, null, summary, failures, raw.Backend);
        }

        return new ExplorationResult(grid, _outputNames, time, raw.Dt, series, null, failures, raw.Backend);
    }

    private double[] ComputeOutputs(Part part, ExplorationResult raw, int samples)
    {
        var grid = part.Grid;
        var outputs = part.Outputs;
        var n = grid.ConditionCount;
        var nv = outputs.Length;
        var rawSeries = raw.Results;
        var rawSamples = raw.SampleCount;
        var model = part.Integrated.Model;
        var rawVariables = model.StateVariables.Count;
        var result = GC.AllocateUninitializedArray<double>(checked(n * samples * nv));
        var computed = outputs.Any(o => o.StateIndex < 0);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var states = model.StateVariables;
        var stateIndex = states.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var delayed = model.DelayedStates.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var inputs = part.Integrated.Inputs;
        var one = new double[1];
        var hasTimeState = model.Resolve(Dynamics.TimeSymbol) == SymbolKind.StateVariable;
        var needed = computed ? NeededDerived(model, outputs) : [];
        var interval = _experiment.Integration.SampleInterval;
        var stepsPerSample = (int)Math.Round(interval / _experiment.Integration.StepSize);
        var c = 0;
        var k = 0;
        for (c = 0; c < n; c++)
        {
            if (computed)
            {
                values.Clear();
                foreach (var p in model.Parameters)
                {
                    values[p.Name] = p.Value;
                }

                foreach (var ct in model.CouplingTerms)
                {
                    values[ct.Name] = ct.Value;
                }

                var cond = grid.Condition(c);
                for (var a = 0; a < grid.Axes.Count; a++)
                {
                    values[grid.Axes[a].Name] = cond[a];
                }
            }

            for (k = 0; k < samples; k++)
            {
                var src = (((long)c * rawSamples) + k + _skip) * rawVariables;
                var dst = (((long)c * samples) + k) * nv;
                if (computed)
                {
                    for (var i = 0; i < states.Count; i++)
                    {
                        values[states[i].Name] = rawSeries[src + i];
                    }

                    if (!hasTimeState)
                    {
                        values[Dynamics.TimeSymbol] = k * interval;
                    }

                    foreach (var d in needed)
                    {
                        values[d.Name] = ExpressionEvaluator.Evaluate(d.Equation, Lookup);
                    }
                }

                for (var v = 0; v < nv; v++)
                {
                    var o = outputs[v];
                    result[dst + v] = o.StateIndex >= 0 ? rawSeries[src + o.StateIndex] : ExpressionEvaluator.Evaluate(o.Expression!, Lookup);
                }
            }
        }

        return result;

        double Lookup(string name)
        {
            if (values.TryGetValue(name, out var v))
            {
                return v;
            }

            if (delayed.TryGetValue(name, out var d))
            {
                // A delayed source at a returned sample: the sample d steps earlier, when it was returned.
                if (d.Steps % stepsPerSample != 0)
                {
                    throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"An output of exploration '{Grid.Exploration}' uses the coupling of a delayed network, which reads a source {d.Steps} steps back, between returned samples (every {stepsPerSample} steps); set sampling_step_size to the step size, or record only state variables."));
                }

                var back = k + _skip - (d.Steps / stepsPerSample);
                return back < 0 ? states[stateIndex[d.Source]].InitialValue : rawSeries[((((long)c * rawSamples) + back) * rawVariables) + stateIndex[d.Source]];
            }

            if (inputs.TryGetValue(name, out var series))
            {
                // An input at a returned sample: the value of the step that starts there.
                series.Fill(c, (k + _skip) * stepsPerSample, one);
                return one[0];
            }

            return Functions.Constants.TryGetValue(name, out var kv) ? kv
                : throw new ModelException(model.Name, $"Model '{model.Name}': output computation cannot resolve '{name}'.", name);
        }
    }

    /// <summary>The derived variables the computed outputs use, directly or through others, in evaluation order.</summary>
    private static List<DerivedVariable> NeededDerived(Dynamics model, Output[] outputs)
    {
        var derived = model.DerivedVariablesInEvaluationOrder;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>(outputs.Where(o => o.Expression is not null).Select(o => o.Expression!));
        var byName = derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            foreach (var s in stack.Pop().FreeSymbols())
            {
                if (byName.TryGetValue(s, out var d) && names.Add(s))
                {
                    stack.Push(d.Equation);
                }
            }
        }

        return derived.Where(d => names.Contains(d.Name)).ToList();
    }

    private static Output Resolve(SimulationExperiment experiment, string name)
    {
        var model = experiment.Model;
        var state = model.StateVariables.Select((s, i) => (s.Name, i)).FirstOrDefault(x => x.Name == name);
        if (state.Name is not null)
        {
            return new Output(name, state.i, null);
        }

        if (model.DerivedVariables.FirstOrDefault(d => d.Name == name) is { } derived)
        {
            return new Output(name, -1, new SymbolExpr(derived.Name));
        }

        if (experiment.Observations.FirstOrDefault(o => o.Name == name) is { } obs)
        {
            return new Output(name, -1, obs.Equation);
        }

        throw new ExperimentException($"Output '{name}' is not a state variable, derived variable or observation of the experiment.");
    }

    private static void CopyIntegration(IntegrationSettings from, IntegrationSettings to)
    {
        to.Duration = from.Duration;
        to.StepSize = from.StepSize;
        to.Method = from.Method;
        to.SamplingStepSize = from.SamplingStepSize;
        to.RelativeTolerance = from.RelativeTolerance;
        to.AbsoluteTolerance = from.AbsoluteTolerance;
        to.TransientTime = from.TransientTime;
    }

    private sealed record Output(string Name, int StateIndex, Expr? Expression);

    /// <summary>One backend run: the system, its grid, which of the plan's conditions it computes (null: all, in
    /// order), the outputs over its variables, and the user's names of its state variables.</summary>
    private sealed record Part(SimulationExperiment Integrated, ExplorationGrid Grid, int[]? Conditions, Output[] Outputs, IReadOnlyDictionary<string, string> VariableNames);
}
