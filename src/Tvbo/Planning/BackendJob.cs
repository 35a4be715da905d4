using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>
/// What a backend runs (<see cref="ISimulationBackend.RunExploration"/>): one autonomous system integrated from its
/// initial state over one time grid, for every condition of a grid, with what to keep. The plan builds and validates
/// it once (<see cref="SimulationExperiment.Run(ISimulationBackend, RunOptions?, IProgress{RunProgress}?, CancellationToken)"/>):
/// the model and the integration settings are valid, the model is autonomous (time is a state variable where it is
/// used) and has no transient, every input the model reads has its series, the grid's axes are parameters of the model,
/// the store and summary window are decided and the result fits the limit. A backend only checks what it cannot do
/// (a method it lacks) and never validates again.
/// </summary>
public sealed class BackendJob
{
    private readonly Dictionary<string, InputSeries> _inputs;
    private readonly Lazy<Dynamics> _model;
    private readonly string _name;

    internal BackendJob(Dynamics model, IntegrationSettings integration, IReadOnlyDictionary<string, InputSeries> inputs, ExplorationGrid grid, ResultStore store, double summaryWindow, ILogger logger)
        : this(new Lazy<Dynamics>(model), model.Name, model.StateVariables.Count, model.Inputs, integration, inputs, grid, store, summaryWindow, logger)
    {
    }

    /// <summary>A job whose system is built on first use (a network's lowered system, which a backend that runs the
    /// network as data never needs).</summary>
    internal BackendJob(Lazy<Dynamics> model, string name, int stateCount, IReadOnlyList<string> modelInputs, IntegrationSettings integration, IReadOnlyDictionary<string, InputSeries> inputs, ExplorationGrid grid, ResultStore store, double summaryWindow, ILogger logger)
    {
        _model = model;
        _name = name;
        StateCount = stateCount;
        Integration = integration;
        _inputs = new Dictionary<string, InputSeries>(inputs, StringComparer.Ordinal);
        Grid = grid;
        Store = store;
        SummaryWindow = summaryWindow;
        WindowStart = SummaryStatistics.WindowStartFor(integration.SampleCount, summaryWindow);
        Logger = logger;
        foreach (var u in modelInputs)
        {
            if (!_inputs.ContainsKey(u))
            {
                throw new ExperimentException($"Model '{name}' reads input '{u}', but the experiment gives no series for it (SimulationExperiment.Inputs).", grid.Exploration);
            }
        }
    }

    /// <summary>The integration steps one condition takes (sampling included, from the first sample to the last), the
    /// unit of <see cref="RunProgress"/> on every backend.</summary>
    public long StepsPerCondition => (long)Math.Max(0, Integration.SampleCount - 1) * Integration.StepsPerSample;

    /// <summary>The exploration's name.</summary>
    public string Exploration => Grid.Exploration;

    /// <summary>The system to integrate: autonomous, its state variables the outputs of the run, in order.</summary>
    public Dynamics Model => _model.Value;

    /// <summary>The model's name (known without building <see cref="Model"/>).</summary>
    internal string ModelName => _name;

    /// <summary>The number of <see cref="Model"/>'s state variables (known without building it).</summary>
    internal int StateCount { get; }

    /// <summary>The integration settings (no transient: the plan has folded it into the duration).</summary>
    public IntegrationSettings Integration { get; }

    /// <summary>The series of every input the model reads, by input name.</summary>
    public IReadOnlyDictionary<string, InputSeries> Inputs => _inputs;

    /// <summary>The grid, conditions in C order; its axes are parameters of <see cref="Model"/> (none for one
    /// condition at the model's own values).</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>What to keep: the series, or per-condition summaries accumulated while integrating.</summary>
    public ResultStore Store { get; }

    /// <summary>The fraction of samples at the end over which a summary's min, max and mean are taken.</summary>
    public double SummaryWindow { get; }

    /// <summary>The first sample index of the summary window (<see cref="SummaryStatistics.WindowStartFor"/>).</summary>
    public int WindowStart { get; }

    /// <summary>For a network, the network as data beside the lowered <see cref="Model"/> (the same numbers), for a
    /// backend that integrates the nodes' model once over the edges; null for a single system.</summary>
    internal NetworkSystem? Network { get; init; }

    /// <summary>The leading samples that are the transient (dropped from the user's result): a backend that records
    /// event times records those from the end of the transient on, at times counted from it.</summary>
    internal int TransientSamples { get; init; }

    /// <summary>The most event times kept per event and condition (<see cref="RunOptions.MaxEventTimes"/>).</summary>
    internal int MaxEventTimes { get; init; } = EventTimes.DefaultMaxTimesPerCondition;

    /// <summary>Where the backend logs.</summary>
    public ILogger Logger { get; }

    /// <summary>The series of the inputs the model reads, in the order of <see cref="Dynamics.Inputs"/>.</summary>
    /// <returns>The series.</returns>
    public IReadOnlyList<InputSeries> ModelInputs() => Model.Inputs.Select(u => _inputs[u]).ToArray();

    /// <summary>The grid with at least one axis, for a backend that must sweep something (PyRates' grid_search): a
    /// grid without axes carries its one condition on the model's first parameter at its own value. The same rule
    /// carries repeated conditions (trials) in the plan.</summary>
    /// <returns>The grid, or <see langword="null"/> when it has no axes and the model no parameter.</returns>
    public ExplorationGrid? GridWithAxis() =>
        Grid.Axes.Count > 0 ? Grid : (Network is { } n ? n.Parameters.FirstOrDefault() : Carrier(Model)) is { } p ? Grid.WithAxis(p.Name, p.Value) : null;

    /// <summary>The parameter that carries conditions without an axis of their own: the model's first.</summary>
    internal static Parameter? Carrier(Dynamics model) => model.Parameters.FirstOrDefault();

    /// <inheritdoc/>
    public override string ToString() =>
        $"BackendJob(exploration='{Exploration}', model='{_name}', conditions={Grid.ConditionCount}, samples={Integration.SampleCount}, store={Store})";
}
