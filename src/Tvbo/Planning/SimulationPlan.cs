using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>
/// What the backends run for one exploration, and how their results become the user's result. Backends only ever
/// integrate an autonomous system from its initial state over one time grid (<see cref="BackendJob"/>); this plan
/// reduces an experiment to that and maps the answer back, the same way for every backend:
/// <list type="bullet">
/// <item>networks: the nodes, coupling and delays are lowered into one system (<see cref="NetworkLowering"/>); axes
/// on coupling parameters, node parameters and edge weights become parameters of it; the network also reaches the
/// backend as data (<see cref="NetworkSystem"/>), with each condition's conduction speed, so a speed sweep is one run
/// (the lowered system holds the slowest speed's delays); only outputs computed from the series (derived variables,
/// observations), which read the lowered system's delays, split the grid into one run per speed, put back in grid order;
/// outputs are <c>V[node]</c>, variable-major (<c>[condition, time, variable, node]</c>) (<see cref="PartBuilder"/>);</item>
/// <item>time: a model that uses <c>t</c> is integrated with time as an extra last state variable (<c>dt/dt = 1</c>,
/// starting at <c>-transient_time</c>), so every stage of every method sees its own time;</item>
/// <item><c>transient_time</c>: the integration runs for transient + duration and the leading samples are dropped;
/// the result's time starts at 0;</item>
/// <item>outputs: state variables are copied, derived variables and observations are computed from the stored state
/// after the run (<see cref="OutputMapping"/>); <c>record:</c> and the model's <c>output:</c> select them.</item>
/// </list>
/// </summary>
internal sealed class SimulationPlan
{
    private readonly PlanPart[] _parts;
    private readonly string[] _outputNames;
    private readonly OutputMapping _mapping;

    private SimulationPlan(ExplorationGrid grid, PlanPart[] parts, string[] outputNames, OutputMapping mapping)
    {
        Grid = grid;
        _parts = parts;
        _outputNames = outputNames;
        _mapping = mapping;
    }

    /// <summary>The exploration's grid (axes as the user addresses them).</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>The backend jobs, one per part (several when the grid is split by conduction speed).</summary>
    public IReadOnlyList<BackendJob> Jobs => _parts.Select(p => p.Job).ToArray();

    /// <summary>The result's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>Plans one exploration (or, with <paramref name="exploration"/> null, the plain integration).</summary>
    /// <param name="experiment">The validated experiment.</param>
    /// <param name="grid">The exploration's grid.</param>
    /// <param name="exploration">The exploration, for its <c>record:</c>.</param>
    /// <param name="options">The user's options: what the jobs store, the summary window, the logger.</param>
    /// <param name="conditionOffset">The index in the whole grid of <paramref name="grid"/>'s first condition (a shard):
    /// noise and per-condition inputs are those of the whole grid's conditions.</param>
    /// <param name="gridConditions">The conditions of the whole grid (per-condition inputs are checked against it), or
    /// null when <paramref name="grid"/> is the whole grid.</param>
    public static SimulationPlan Create(SimulationExperiment experiment, ExplorationGrid grid, Exploration? exploration, RunOptions options, int conditionOffset = 0, int? gridConditions = null)
    {
        var integration = experiment.Integration;
        var skip = integration.TransientTime > 0 ? (int)Math.Round(integration.TransientTime / integration.SampleInterval, MidpointRounding.ToEven) : 0;
        InputLowering.Validate(experiment.Model, experiment.Inputs, integration, gridConditions ?? grid.ConditionCount, exploration?.Name);
        var parts = new PartBuilder(experiment, grid, conditionOffset, options, skip).Build(experiment.OutputNamesFor(exploration));
        var outputNames = parts[0].Outputs.Select(o => o.Name).ToArray();
        return new SimulationPlan(grid, parts, outputNames, new OutputMapping(experiment, grid, skip, outputNames));
    }

    /// <summary>Checks that the result fits <see cref="RunOptions.MaxResultBytes"/>, from the grid's size, before
    /// anything runs.</summary>
    /// <param name="options">The user's options.</param>
    /// <exception cref="ExperimentException">The result would be too large; the message says what would fit.</exception>
    /// <param name="store">What is kept in the end, when it is not what the jobs store (a summary run whose series
    /// are kept only a chunk at a time, for its observables).</param>
    public void CheckSize(RunOptions options, ResultStore? store = null)
    {
        var job = _parts[0].Job;
        var backendOptions = new RunOptions { Store = store ?? job.Store, SummaryWindow = options.SummaryWindow, MaxResultBytes = options.MaxResultBytes, Logger = options.Logger };
        backendOptions.Validate(Grid, job.Integration, Math.Max(_parts.Max(p => p.Job.StateCount), _outputNames.Length));
    }

    /// <summary>The integration steps one condition takes (the unit of <see cref="RunProgress"/>).</summary>
    public long StepsPerCondition => _parts[0].Job.StepsPerCondition;

    /// <summary>The bytes one condition's series take while it runs (every state or output, the transient included).</summary>
    public long SeriesBytesPerCondition =>
        (long)_parts[0].Job.Integration.SampleCount * Math.Max(_parts.Max(p => p.Job.StateCount), _outputNames.Length) * sizeof(double);

    /// <summary>Runs the plan on a backend: every part, each finished into the user's outputs, put together in grid order.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="options">The user's options.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public ExplorationResult Run(ISimulationBackend backend, RunOptions options, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var finished = new List<(int[]? Conditions, ExplorationResult Result)>(_parts.Length);
        var total = _parts.Sum(p => p.Job.Grid.ConditionCount * p.Job.StepsPerCondition);
        var offset = 0L;
        foreach (var part in _parts)
        {
            ExplorationResult raw;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw = backend.RunExploration(part.Job, OffsetProgress.For(progress, offset, total, Grid.ConditionCount), cancellationToken);
                offset += part.Job.Grid.ConditionCount * part.Job.StepsPerCondition;
            }
            catch (OperationCanceledException ex) when (ex is not RunCancelledException && finished.Count > 0)
            {
                // Between the parts of a split grid: the parts that ran are kept.
                throw new RunCancelledException([], ShardAssembly.AssemblePartial(Grid, _outputNames, finished.Select(f => (f.Conditions!, f.Result)).ToArray()), ex.CancellationToken);
            }
            catch (RunCancelledException ex)
            {
                throw Cancelled(part, ex, finished, options);
            }

            finished.Add((part.Conditions, _mapping.Finish(part, raw, options)));
        }

        if (finished.Count == 1 && finished[0].Conditions is null)
        {
            return finished[0].Result;
        }

        var assembled = ShardAssembly.Assemble(Grid, _outputNames, finished.Select(f => (f.Conditions!, f.Result)).ToArray());
        if (finished.All(f => f.Result.Transient is not null))
        {
            assembled.Transient = ShardAssembly.Assemble(Grid, _outputNames, finished.Select(f => (f.Conditions!, f.Result.Transient!)).ToArray());
        }

        return assembled;
    }

    /// <summary>Keeps what finished: of one part (the usual case) its finished conditions; of a split grid (conduction
    /// speeds) the parts that ran and the finished conditions of the stopped one, the others NaN.</summary>
    private RunCancelledException Cancelled(PlanPart part, RunCancelledException ex, List<(int[]? Conditions, ExplorationResult Result)> finished, RunOptions options)
    {
        var stopped = ex.Interrupted is { } partial ? _mapping.Finish(part, partial, options) : null;
        if (part.Conditions is null)
        {
            return new RunCancelledException([], stopped, ex.CancellationToken);
        }

        var pieces = finished.Select(f => (f.Conditions!, f.Result)).ToList();
        if (stopped is not null)
        {
            pieces.Add((part.Conditions, stopped));
        }

        return new RunCancelledException([], pieces.Count == 0 ? null : ShardAssembly.AssemblePartial(Grid, _outputNames, pieces), ex.CancellationToken);
    }
}
