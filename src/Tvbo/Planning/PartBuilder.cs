using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>
/// The backend runs of one exploration (<see cref="PlanPart"/>): the experiment reduced to an autonomous system without
/// transient, the grid under the system's parameter names, the inputs and outputs. A network is lowered into one system
/// (<see cref="NetworkLowering"/>); the network also goes as data (<see cref="NetworkSystem"/>) with each condition's conduction speed, so a speed sweep is one part
/// unless outputs computed from the series need one lowered system per speed.
/// </summary>
internal sealed class PartBuilder
{
    private readonly SimulationExperiment _experiment;
    private readonly ExplorationGrid _grid;
    private readonly int _conditionOffset;
    private readonly RunOptions _options;
    private readonly int _skip;
    private readonly Dynamics _model;
    private readonly IReadOnlyList<InputLowering.Source> _sources;

    /// <summary>Prepares the parts of <paramref name="grid"/>.</summary>
    /// <param name="experiment">The validated experiment.</param>
    /// <param name="grid">The exploration's grid (or a shard of it).</param>
    /// <param name="conditionOffset">The index in the whole grid of the grid's first condition.</param>
    /// <param name="options">The user's options (what to store, the summary window, the logger).</param>
    /// <param name="skip">Samples of transient to drop.</param>
    public PartBuilder(SimulationExperiment experiment, ExplorationGrid grid, int conditionOffset, RunOptions options, int skip)
    {
        _experiment = experiment;
        _grid = grid;
        _conditionOffset = conditionOffset;
        _options = options;
        _skip = skip;
        (_model, _sources) = experiment.LoweredModel();
    }

    /// <summary>The parts: one for a single node or a network without a speed axis, one per conduction speed else.</summary>
    /// <param name="names">The result's output names (the model's or the exploration's <c>record:</c>).</param>
    public PlanPart[] Build(IReadOnlyList<string> names)
    {
        var network = _experiment.Network;
        if (network is null)
        {
            var outputs = names.Select(n => Resolve(_experiment, n)).ToArray();
            var flatNames = _grid.Axes.Select(a => a.Name == ExplorationGrid.TrialAxis && _model.FindParameter(a.Name) is null ? null : StimulusLowering.ResolveAxis(a.Name, _model, _experiment.Stimuli, _grid.Exploration)).ToArray();
            return [MakePart(_model, BackendGrid(null, flatNames, BackendJob.Carrier(_model)), null, outputs, new Dictionary<string, string>(), InputsFor(null, null, 1))];
        }

        var axes = _grid.Axes.Select(a => NetworkAxis.Resolve(a.Name, _model, network, _grid.Exploration, _experiment.Stimuli)).ToArray();
        var speedAxis = Array.FindIndex(axes, a => a.Kind == NetworkAxisKind.ConductionSpeed);
        if (speedAxis < 0)
        {
            return [NetworkPart(network, axes, network.ConductionSpeed, null, names, Enumerable.Repeat(network.ConductionSpeed, _grid.ConditionCount).ToArray())];
        }

        var speeds = Enumerable.Range(0, _grid.ConditionCount).Select(c => _grid.Condition(c)[speedAxis]).ToArray();
        CheckSpeeds(speeds);
        if (names.All(n => Resolve(_experiment, n).StateIndex >= 0))
        {
            // One run for every speed: a backend that takes the network as data reads each condition's delays; the
            // lowered system has the slowest speed's delays (any delay there is, it has), for a backend that cannot.
            return [NetworkPart(network, axes, speeds.Min(), null, names, speeds)];
        }

        return BySpeed(network, axes, speedAxis, names);
    }

    /// <summary>The first state variable, parameter or observation named <paramref name="name"/> as an output.</summary>
    private static PlanOutput Resolve(SimulationExperiment experiment, string name)
    {
        var model = experiment.Model;
        var state = model.StateVariables.Select((s, i) => (s.Name, i)).FirstOrDefault(x => x.Name == name);
        if (state.Name is not null)
        {
            return new PlanOutput(name, state.i, null);
        }

        if (model.DerivedVariables.FirstOrDefault(d => d.Name == name) is { } derived)
        {
            return new PlanOutput(name, -1, new SymbolExpr(derived.Name));
        }

        if (experiment.Observations.FirstOrDefault(o => o.Name == name) is { } obs)
        {
            return new PlanOutput(name, -1, obs.Equation);
        }

        throw new ExperimentException($"Output '{name}' is not a state variable, derived variable or observation of the experiment.");
    }

    private void CheckSpeeds(double[] speeds)
    {
        foreach (var speed in speeds)
        {
            if (!(double.IsFinite(speed) && speed > 0))
            {
                throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"Exploration '{_grid.Exploration}': {NetworkAxis.ConductionSpeedAddress} takes the value {speed}; a conduction speed is a finite number > 0."), _grid.Exploration, NetworkAxis.ConductionSpeedAddress);
            }
        }
    }

    /// <summary>Outputs computed from the stored series (derived variables, observations) read the lowered system's
    /// delays: one backend run per conduction speed, on its conditions.</summary>
    private PlanPart[] BySpeed(Network network, NetworkAxis[] axes, int speedAxis, IReadOnlyList<string> names) =>
        Enumerable.Range(0, _grid.ConditionCount)
            .GroupBy(c => _grid.Condition(c)[speedAxis])
            .Select(g => NetworkPart(network, axes, g.Key, g.ToArray(), names, Enumerable.Repeat(g.Key, g.Count()).ToArray()))
            .ToArray();

    private PlanPart NetworkPart(Network network, NetworkAxis[] axes, double speed, int[]? conditions, IReadOnlyList<string> names, double[] speeds)
    {
        if (_model.Events.Count > 0)
        {
            throw new ExperimentException($"Model '{_model.Name}' has spike-and-reset events ({string.Join(", ", _model.Events.Select(e => e.Name))}); they are applied to a single node, not yet on a network of {network.NodeCount} nodes. Run the model as a single node.", _grid.Exploration);
        }

        var flatAxes = axes.Where(a => a.Kind is not (NetworkAxisKind.ConductionSpeed or NetworkAxisKind.Trial)).ToArray();
        var flatNames = axes.Select(a => a.Kind is NetworkAxisKind.ConductionSpeed or NetworkAxisKind.Trial ? null : a.FlatName).ToArray();
        var integration = _experiment.Integration;
        var runSteps = (long)(integration.SampleCount + _skip) * integration.StepsPerSample;
        var lowering = NetworkLowering.Create(_model, network, integration.StepSize, speed, runSteps, flatAxes, StimulusLowering.NodeValues(_experiment.Stimuli), integration.CouplingEvaluation);
        var n = network.NodeCount;
        var outputs = new List<PlanOutput>();
        foreach (var name in names)
        {
            var base_ = Resolve(_experiment, name);
            for (var i = 0; i < n; i++)
            {
                // The lowered system's states are [state, node].
                var output = $"{name}[{network.Nodes[i].Label}]";
                outputs.Add(base_.StateIndex >= 0
                    ? new PlanOutput(output, (NodeState(name) * n) + i, null)
                    : new PlanOutput(output, -1, lowering.Rename(i, base_.Expression!)));
            }
        }

        var variableNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in _experiment.Model.StateVariables)
        {
            for (var i = 0; i < n; i++)
            {
                variableNames[NetworkLowering.NodeName(s.Name, i)] = $"{s.Name}[{network.Nodes[i].Label}]";
            }
        }

        var grid = BackendGrid(conditions, flatNames, lowering.Parameters.FirstOrDefault());
        return MakeNetworkPart(lowering, grid, conditions, outputs.ToArray(), variableNames, InputsFor(conditions, NetworkLowering.NodeName, n), speeds);
    }

    private int NodeState(string name)
    {
        for (var k = 0; k < _model.StateVariables.Count; k++)
        {
            if (_model.StateVariables[k].Name == name)
            {
                return k;
            }
        }

        throw new InvalidOperationException($"'{name}' is not a state variable of model '{_model.Name}'.");
    }

    /// <summary>A network's part: its lowered system built only if the backend asks for it (a backend that runs the
    /// network as data never does).</summary>
    private PlanPart MakeNetworkPart(NetworkLowering lowering, ExplorationGrid grid, int[]? conditions, PlanOutput[] outputs, IReadOnlyDictionary<string, string> variableNames, IReadOnlyDictionary<string, InputSeries> inputs, double[] speeds)
    {
        var integration = _experiment.Integration;
        var transient = integration.TransientTime;
        var settings = Settings(integration);
        var network = lowering.AsData(speeds, -transient);
        var model = new Lazy<Dynamics>(() => lowering.Model.IsAutonomous ? lowering.Model : lowering.Model.WithTimeState(-transient));
        var stateCount = lowering.StateVariables.Count + (network.HasTime ? 1 : 0);
        var job = new BackendJob(model, _model.Name, stateCount, lowering.Inputs, settings, inputs, grid, StoreFor(_options, _skip, outputs), _options.SummaryWindow, _options.Logger) { Network = network, TransientSamples = _skip, MaxEventTimes = _options.MaxEventTimes };
        return new PlanPart(job, conditions, outputs, variableNames);
    }

    private Dictionary<string, InputSeries> InputsFor(int[]? conditions, Func<string, int, string>? nodeName, int nodes)
    {
        conditions = _conditionOffset == 0 ? conditions
            : (conditions ?? Enumerable.Range(0, _grid.ConditionCount).ToArray()).Select(c => c + _conditionOffset).ToArray();
        var integration = _experiment.Integration;
        var inputs = new Dictionary<string, InputSeries>(StringComparer.Ordinal);
        foreach (var s in _sources)
        {
            for (var i = 0; i < nodes; i++)
            {
                inputs[nodeName is null ? s.Symbol : nodeName(s.Symbol, i)] = InputLowering.SeriesFor(s, integration.Noise, integration.StepSize, i, conditions);
            }
        }

        return inputs;
    }

    /// <summary>
    /// The grid a backend runs for some of the plan's conditions (null: all): the axes under the lowered system's
    /// names (<paramref name="flatNames"/>), without those that are not parameters of it (null: the trial axis, the
    /// conduction speed). When axes are dropped or conditions picked, the conditions are listed one by one (a zip);
    /// with no axis left and several conditions, the carrier parameter (<see cref="BackendJob.GridWithAxis"/>) repeated
    /// at its value carries them.
    /// </summary>
    private ExplorationGrid BackendGrid(int[]? conditions, string?[] flatNames, Parameter? carrier)
    {
        var grid = _grid;
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

        if (carrier is null)
        {
            throw new ExperimentException($"Exploration '{grid.Exploration}' repeats conditions (trials) of model '{_model.Name}', which has no parameter to carry them; add a parameter.", grid.Exploration);
        }

        return ExplorationGrid.Restore(grid.Exploration, grid.Label, ExplorationMode.Zip, [new ExplorationAxis(carrier.Name, Enumerable.Repeat(carrier.Value, list.Length).ToArray())]);
    }

    /// <summary>A part: the system made autonomous (time as a state where used), the transient folded into the
    /// duration, the store decided (the series where outputs are computed from it or a transient dropped first).</summary>
    private PlanPart MakePart(Dynamics model, ExplorationGrid grid, int[]? conditions, PlanOutput[] outputs, IReadOnlyDictionary<string, string> variableNames, IReadOnlyDictionary<string, InputSeries> inputs)
    {
        var transient = _experiment.Integration.TransientTime;
        var integratedModel = model.IsAutonomous ? model : model.WithTimeState(-transient);
        var job = new BackendJob(integratedModel, Settings(_experiment.Integration), inputs, grid, StoreFor(_options, _skip, outputs), _options.SummaryWindow, _options.Logger) { TransientSamples = _skip, MaxEventTimes = _options.MaxEventTimes };
        return new PlanPart(job, conditions, outputs, variableNames);
    }

    /// <summary>The job's integration: the user's, the transient folded into the duration.</summary>
    private IntegrationSettings Settings(IntegrationSettings integration)
    {
        var settings = new IntegrationSettings();
        CopyIntegration(integration, settings);
        settings.TransientTime = 0;
        settings.Duration = integration.TransientTime > 0 ? (integration.SampleCount + _skip) * integration.SampleInterval : integration.Duration;
        return settings;
    }

    /// <summary>What the backend keeps: the user's store, but the series where outputs must be computed from it or a
    /// transient dropped before summarising.</summary>
    internal static ResultStore StoreFor(RunOptions options, int skip, PlanOutput[] outputs) =>
        skip > 0 || outputs.Any(o => o.StateIndex < 0) ? ResultStore.Series : options.Store;

    private static void CopyIntegration(IntegrationSettings from, IntegrationSettings to)
    {
        to.Duration = from.Duration;
        to.StepSize = from.StepSize;
        to.Method = from.Method;
        to.CouplingEvaluation = from.CouplingEvaluation;
        to.SamplingStepSize = from.SamplingStepSize;
        to.RelativeTolerance = from.RelativeTolerance;
        to.AbsoluteTolerance = from.AbsoluteTolerance;
        to.TransientTime = from.TransientTime;
        to.TimeUnit = from.TimeUnit;
    }
}
