using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Files.ExperimentFile;
using Tvbo.Model;
using Tvbo.Planning;
using Tvbo.Observables;
using Tvbo.Results;

namespace Tvbo.Experiment;

/// <summary>
/// A model with integration settings and named explorations, run by a backend found by name.
/// </summary>
/// <example>
/// <code>
/// var exp = new SimulationExperiment(vdp);
/// exp.Integration.Duration = 50.0;
/// exp.Integration.StepSize = 1e-2;
/// exp.Explorations["mu_sweep"] = new Exploration("mu_sweep",
///     [new ExplorationParameter("mu", Domain.Range(lo: 0.1, hi: 10.0, n: 6))]) { Label = "μ sweep" };
/// var result = exp.Run("native");
/// </code>
/// </example>
public sealed class SimulationExperiment
{
    /// <summary>Creates an experiment on a model. State variables that carry their own noise in the model's file
    /// (<c>noise:</c> under a state variable) are driven by it: <see cref="IntegrationSettings.Noise"/> is TVBO's default
    /// noise (gaussian, seed 42) on those variables, with their own σ (<see cref="NoiseSettings.StateSigmas"/>).</summary>
    /// <param name="model">The model.</param>
    public SimulationExperiment(Dynamics model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        ApplyStateNoise();
    }

    /// <summary>Records the state variables' own noise in the integration noise (TVBO's noise_sigma_array: a
    /// variable's own σ wins; the others keep the integration's noise). Without integration noise, TVBO's default
    /// noise (gaussian, seed 42) drives only those variables.</summary>
    internal void ApplyStateNoise()
    {
        if (Model.StateNoise.Count == 0)
        {
            return;
        }

        if (Integration.Noise is null)
        {
            Integration.Noise = new NoiseSettings();
            foreach (var s in Model.StateNoise.Keys)
            {
                Integration.Noise.Targets.Add(s);
            }
        }

        foreach (var (s, (sigma, _)) in Model.StateNoise)
        {
            Integration.Noise.StateSigmas[s] = sigma;
        }
    }

    /// <summary>The model.</summary>
    public Dynamics Model { get; }

    /// <summary>TVBO's experiment identifier (<c>id:</c>), or <see langword="null"/>.</summary>
    public string? Id { get; set; }

    /// <summary>The network the model runs on, or <see langword="null"/> for a single node (coupling inputs 0).</summary>
    public Networks.Network? Network { get; set; }

    /// <summary>Time-dependent inputs added to model symbols, by name (TVBO's <c>events</c> of type stimulus); their
    /// parameters are explored as <c>&lt;name&gt;.&lt;parameter&gt;</c>.</summary>
    public IDictionary<string, Stimulus> Stimuli { get; } = new Dictionary<string, Stimulus>(StringComparer.Ordinal);

    /// <summary>Series fed in per integration step, keyed by the model symbol they are added to (a parameter or a
    /// coupling input: <c>I</c> reads <c>I + u[k]</c> during step k; on a network, at every node), or by an input
    /// symbol of the model (<see cref="Dynamics.Inputs"/>) as given to backends.</summary>
    public IDictionary<string, InputSeries> Inputs { get; } = new Dictionary<string, InputSeries>(StringComparer.Ordinal);

    /// <summary>A human-readable label, or <see langword="null"/>.</summary>
    public string? Label { get; set; }

    /// <summary>A description, or <see langword="null"/>.</summary>
    public string? Description { get; set; }

    /// <summary>The integration settings.</summary>
    public IntegrationSettings Integration { get; } = new();

    /// <summary>The explorations, by name. With none, <see cref="Run(string, RunOptions?, IProgress{RunProgress}?, CancellationToken)"/>
    /// runs the plain integration as one condition, under the name <see cref="IntegrationName"/> (as TVBO does).</summary>
    public ExplorationCollection Explorations { get; } = new();

    /// <summary>Extra outputs computed from the state after integration (TVBO's <c>observations</c>).</summary>
    public ObservationCollection Observations { get; } = new();

    /// <summary>The numerical continuations (TVBO's <c>continuations:</c>): branches of equilibria and periodic orbits
    /// and curves of bifurcation points, run by <c>BifurcationAnalysis</c>.</summary>
    public ContinuationCollection Continuations { get; } = new();

    /// <summary>Per-condition measurements computed from every exploration's series after the run (an order parameter,
    /// a power spectrum, a functional connectivity): <see cref="ExplorationResult.Observables"/>.</summary>
    public ObservableCollection Observables { get; } = new();

    /// <summary>The functions the observables' pipelines may call by name (TVBO's <c>functions:</c>): equations,
    /// time-range kernels, Python expressions and callables of numpy/scipy.</summary>
    public PipelineFunctionCollection Functions { get; } = new();

    /// <summary>The result name of the plain integration of an experiment without explorations.</summary>
    public const string IntegrationName = "integration";

    /// <summary>Loads an experiment file (YAML; see the README for the format).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="Files.TvboFileException">The file is missing or invalid; the message names the file and line.</exception>
    public static SimulationExperiment Load(string path) => ExperimentFileReader.ReadFile(path);

    /// <summary>Loads an experiment file, or one experiment of a TVBO study file, with options.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Model folders for IRIs, the experiment of a study, the logger for warnings and defaults.</param>
    /// <exception cref="Files.TvboFileException">The file is missing or invalid; the message names the file and line.</exception>
    public static SimulationExperiment Load(string path, ExperimentLoadOptions options) => ExperimentFileReader.ReadFile(path, options);

    /// <summary>The experiments of a TVBO study file (<c>simulation_experiments:</c>) as their ids and labels; empty
    /// for a plain experiment file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="Files.TvboFileException">The file is missing or not YAML.</exception>
    public static IReadOnlyList<(string? Id, string? Label)> ListExperiments(string path) => ExperimentFileReader.ListExperiments(path);

    /// <summary>Whether a YAML file is an experiment or study file (a top-level <c>dynamics:</c>, <c>model:</c>,
    /// <c>integration:</c>, <c>explorations:</c> or <c>simulation_experiments:</c>, and no <c>state_variables:</c>)
    /// rather than a TVBO model file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="Files.TvboFileException">The file is missing or not YAML.</exception>
    public static bool IsExperimentFile(string path) => ExperimentFileReader.IsExperiment(path);

    /// <summary>Checks the model, the integration settings and every exploration, and expands the explorations.</summary>
    /// <returns>The grids of the explorations, in order.</returns>
    /// <exception cref="TvboException">The first problem found (a <see cref="ModelException"/> or <see cref="ExperimentException"/>).</exception>
    public IReadOnlyList<ExplorationGrid> Validate() => Plans().Select(p => p.Grid).ToArray();

    /// <summary>The names of the outputs an exploration's result holds: its <c>record:</c> when given, else the
    /// model's <c>output:</c> (or every state variable) followed by the observations.</summary>
    /// <param name="exploration">The exploration; <see langword="null"/> for the plain integration.</param>
    public IReadOnlyList<string> OutputNamesFor(Exploration? exploration)
    {
        if (exploration is { Record.Count: > 0 })
        {
            return exploration.Record;
        }

        var outputs = Model.Outputs.Count > 0 ? Model.Outputs : Model.StateVariables.Select(s => s.Name).ToArray();
        return outputs.Concat(Observations.Select(o => o.Name)).ToArray();
    }

    /// <summary>The output names an exploration's result will have: <see cref="OutputNamesFor"/>, and on a network
    /// each of them per node (<c>V[label]</c>, variable-major).</summary>
    /// <param name="exploration">The exploration; <see langword="null"/> for the plain integration.</param>
    public IReadOnlyList<string> ResultOutputNames(Exploration? exploration)
    {
        var names = OutputNamesFor(exploration);
        return Network is not { } network ? names : names.SelectMany(n => network.Nodes.Select(node => $"{n}[{node.Label}]")).ToArray();
    }

    /// <summary>Checks an exploration's <c>record:</c>: every name an output the experiment can compute.</summary>
    /// <param name="exploration">The exploration.</param>
    /// <exception cref="ExperimentException">A name is not a state variable, derived variable or observation.</exception>
    public void CheckRecord(Exploration exploration)
    {
        ArgumentNullException.ThrowIfNull(exploration);
        var valid = Model.StateVariables.Select(s => s.Name).Concat(Model.DerivedVariables.Select(d => d.Name)).Concat(Observations.Select(o => o.Name)).ToArray();
        foreach (var name in exploration.Record)
        {
            if (!valid.Contains(name, StringComparer.Ordinal))
            {
                throw new ExperimentException($"Exploration '{exploration.Name}' records '{name}', which is not a state variable, derived variable or observation; valid: {string.Join(", ", valid)}.", exploration.Name);
            }
        }

        if (exploration.Record.Distinct(StringComparer.Ordinal).Count() != exploration.Record.Count)
        {
            throw new ExperimentException($"Exploration '{exploration.Name}' records an output twice: {string.Join(", ", exploration.Record)}.", exploration.Name);
        }
    }

    /// <summary>Whether the experiment file gave an <c>integration:</c> section (set by the file reader): <c>tvbo run</c> of a
    /// file with continuations and no explorations then integrates as well.</summary>
    internal bool IntegrationInFile { get; set; }

    /// <summary>The model with the stimuli applied (the model itself without stimuli).</summary>
    internal Dynamics EffectiveModel => LoweredModel().Model;

    /// <summary>The model with the stimuli applied and the inputs and noise as input symbols, with their sources.</summary>
    internal (Dynamics Model, IReadOnlyList<InputLowering.Source> Sources) LoweredModel() =>
        InputLowering.Apply(StimulusLowering.Apply(Model, Stimuli, Network), Inputs, Integration.Noise);

    /// <summary>Validates everything and plans each exploration (or the plain integration), or a shard of each.</summary>
    /// <param name="range">The conditions to plan, or null for all.</param>
    /// <param name="options">What the backend jobs store and log; defaults when <see langword="null"/>.</param>
    internal IReadOnlyList<SimulationPlan> Plans(ConditionRange? range = null, RunOptions? options = null)
    {
        options ??= new RunOptions();
        ValidateSettings();
        if (Explorations.Count == 0)
        {
            var grid = ExplorationGrid.Single(IntegrationName, Label);
            return [SimulationPlan.Create(this, range is { } r0 ? grid.Slice(r0.Start, r0.Stop) : grid, null, options, range?.Start ?? 0, grid.ConditionCount)];
        }

        return Explorations.Select(e =>
        {
            var grid = e.CreateGrid(this);
            CheckRecord(e);
            foreach (var o in Observables.Where(o => Model.Resolve(o.Name) is not (null or Tvbo.Model.SymbolKind.Constant) || Observations.Any(x => x.Name == o.Name)))
            {
                var what = Observations.Any(x => x.Name == o.Name) ? "an observation" : $"a {Tvbo.Model.Dynamics.KindName(Model.Resolve(o.Name)!.Value)}";
                throw new ExperimentException($"Observable '{o.Name}' has the name of {what} of the experiment; result files name both by it, so choose another name.");
            }

            _ = ObservableEvaluator.Compile(Observables.ToArray(), Functions, Network, options.AllowCode, Observations.Select(o => o.Name).ToArray());
            if (e.Observable is { } observable && !Observables.Any(o => o.Name == observable))
            {
                throw new ExperimentException($"Exploration '{e.Name}' reports observable '{observable}', which the experiment does not have. Its observables: {(Observables.Count == 0 ? "none" : string.Join(", ", Observables.Select(o => o.Name)))}.");
            }

            return SimulationPlan.Create(this, range is { } r ? grid.Slice(r.Start, r.Stop) : grid, e, options, range?.Start ?? 0, grid.ConditionCount);
        }).ToArray();
    }

    /// <summary>Refuses what has no meaning for a discrete map (<see cref="Dynamics.IsDiscrete"/>): an adaptive method
    /// (RK45; the fixed-step methods are not applied, the map is iterated), noise, stimuli and inputs (they are
    /// defined per unit of time), delays written into the model, and time <c>t</c> in the equations. A network of maps
    /// is a coupled map lattice: each node's next value reads its coupling inputs computed from the previous iterate
    /// (a conduction delay of d·dt reads the iterate d iterations before).</summary>
    private void ValidateMap()
    {
        var what = $"Model '{Model.Name}' is a discrete map (system_type: discrete), iterated once per step";
        if (Integration.Method == IntegrationMethod.RK45)
        {
            throw new ExperimentException($"{what}; integration method RK45 chooses its own steps and integrates an ODE. Use a fixed-step method (euler, heun or rk4: any of them iterates the map; none is applied).");
        }

        if (Integration.Noise is not null || Model.StateNoise.Count > 0)
        {
            throw new ExperimentException($"{what}; noise is not supported for maps (the noise is defined per unit of time). Remove integration.noise and the state variables' noise.");
        }

        if (Stimuli.Count > 0 || Inputs.Count > 0)
        {
            throw new ExperimentException($"{what}; stimuli and inputs are not supported for maps. Remove them, or write the drive into the map's equations.");
        }

        if (Model.DelayedStates.Count > 0)
        {
            throw new ExperimentException($"{what}; delayed states are not supported for maps. Add the earlier iterates as state variables instead (x_prev_next = x).");
        }

        if (!Model.IsAutonomous)
        {
            throw new ExperimentException($"{what}; its equations use time '{Dynamics.TimeSymbol}', which is not supported for maps. Add a counter as a state variable instead (n_next = n + 1).");
        }
    }

    /// <summary>Checks the model, the integration settings and the observations (not the explorations' grids).</summary>
    internal void ValidateSettings()
    {
        Model.Validate();
        Integration.Validate();
        if (Model.IsDiscrete)
        {
            ValidateMap();
        }

        StimulusLowering.Validate(Model, Stimuli, Network);
        InputLowering.Validate(Model, Inputs, Integration, null);
        var model = EffectiveModel;
        model.Validate();
        if (Network is not null)
        {
            Planning.NetworkLowering.Validate(model, Network, Integration);
        }

        foreach (var o in Observations)
        {
            foreach (var sym in o.Equation.FreeSymbols())
            {
                if (Model.Resolve(sym) is null)
                {
                    throw new ExperimentException($"Observation '{o.Name}' ('{o.EquationText}') uses '{sym}', which is not a state variable, derived variable, parameter or time of model '{Model.Name}'.");
                }
            }
        }
    }

    /// <summary>Validates the experiment and plans every exploration (or the plain integration): the jobs a backend
    /// runs, in order: one per exploration, several where an axis on the conduction speed splits one. For running a
    /// backend directly (a benchmark, a new backend's test); <see cref="Run(ISimulationBackend, RunOptions?, IProgress{RunProgress}?, CancellationToken)"/>
    /// runs them and maps their results to the user's outputs.</summary>
    /// <param name="options">What the jobs store and where they log; defaults when <see langword="null"/>.</param>
    /// <returns>The jobs.</returns>
    public IReadOnlyList<BackendJob> Jobs(RunOptions? options = null) =>
        Plans(options?.Conditions, options).SelectMany(p => p.Jobs).ToArray();

    /// <summary>Runs every exploration with the backend of the given name.</summary>
    /// <param name="backend">The backend's name, e.g. <c>native</c> or <c>pyrates</c>.</param>
    /// <param name="options">Storage, limits and logging; defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The results by exploration name.</returns>
    public ExperimentResult Run(string backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(BackendRegistry.Get(backend), options, progress, cancellationToken);

    /// <summary>Runs every exploration with the given backend.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="options">Storage, limits and logging; defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The results by exploration name.</returns>
    /// <exception cref="RunCancelledException">Cancelled; it holds the explorations that finished and the finished
    /// conditions of the one it stopped.</exception>
    public ExperimentResult Run(ISimulationBackend backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new RunOptions();

        // Observables are computed from the series: a summary run keeps them until then.
        var observe = Observables.Count > 0 && options.Store == ResultStore.Summary;
        // Compiled once for the run (refused here when a pipeline cannot run as written), then used for every result.
        var pipelines = Observables.Count > 0 ? ObservableEvaluator.Compile(Observables.ToArray(), Functions, Network, options.AllowCode, Observations.Select(o => o.Name).ToArray()) : [];
        var transient = pipelines.Any(p => p.ReadsTransient);
        var runOptions = observe || transient
            ? new RunOptions { Store = observe ? ResultStore.Series : options.Store, SummaryWindow = options.SummaryWindow, MaxResultBytes = options.MaxResultBytes, Logger = options.Logger, Conditions = options.Conditions, AllowCode = options.AllowCode, KeepTransient = transient, ObservableChunkBytes = options.ObservableChunkBytes, MaxEventTimes = options.MaxEventTimes }
            : options;
        var plans = Plans(runOptions.Conditions, runOptions);
        foreach (var plan in plans)
        {
            // A summary run with observables keeps the series of one chunk of conditions at a time.
            plan.CheckSize(runOptions, observe ? ResultStore.Summary : null);
        }

        var results = new List<ExplorationResult>(plans.Count);
        try
        {
            for (var k = 0; k < plans.Count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var plan = plans[k];
                var chunk = (int)Math.Clamp(options.ObservableChunkBytes / Math.Max(1, plan.SeriesBytesPerCondition), 1, int.MaxValue);
                results.Add(observe && Explorations.Count > 0 && chunk < plan.Grid.ConditionCount
                    ? RunInChunks(Explorations.ElementAt(k), plan, chunk, backend, runOptions, options, pipelines, progress, cancellationToken)
                    : Observe(plan.Run(backend, runOptions, progress, cancellationToken), options, pipelines, observe, cancellationToken));
            }
        }
        catch (RunCancelledException ex)
        {
            throw ex.WithFinished(results);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new RunCancelledException(results.ToArray(), null, ex.CancellationToken);
        }

        return new ExperimentResult(backend.Name, results);
    }

    /// <summary>A result with its observables computed, and with <paramref name="summarize"/> only the summary kept.</summary>
    private ExplorationResult Observe(ExplorationResult result, RunOptions options, IReadOnlyList<ObservablePipeline> pipelines, bool summarize, CancellationToken cancellationToken) =>
        Observables.Count == 0 ? result : result.WithObservables(
            ObservableEvaluator.Compute(Observables.ToArray(), Functions, result, Integration.SampleInterval, Network, options, Observations.Select(o => o.Name).ToArray(), pipelines, cancellationToken),
            summarize ? options.SummaryWindow : null);

    /// <summary>A summary run with observables, a chunk of conditions at a time (the same numbers as in one run: each
    /// condition keeps its noise): each chunk's series are reduced to its summary and observables before the next
    /// chunk runs, so the series of one chunk are held at once.</summary>
    private ExplorationResult RunInChunks(Exploration exploration, SimulationPlan plan, int chunk, ISimulationBackend backend, RunOptions runOptions, RunOptions options, IReadOnlyList<ObservablePipeline> pipelines, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var grid = exploration.CreateGrid(this);
        var first = options.Conditions?.Start ?? 0;
        var count = plan.Grid.ConditionCount;
        var pieces = new List<(ConditionRange Range, ExplorationResult Result)>();
        options.Logger.LogDebug("Exploration '{Exploration}': {Conditions} conditions in chunks of {Chunk}, for the observables of a summary run", exploration.Name, count, chunk);
        for (var a = 0; a < count; a += chunk)
        {
            var b = Math.Min(count, a + chunk);
            var part = SimulationPlan.Create(this, grid.Slice(first + a, first + b), exploration, runOptions, first + a, grid.ConditionCount);
            var offset = OffsetProgress.For(progress, a * plan.StepsPerCondition, count * plan.StepsPerCondition, count);
            try
            {
                pieces.Add((new ConditionRange(a, b), Observe(part.Run(backend, runOptions, offset, cancellationToken), options, pipelines, summarize: true, cancellationToken)));
            }
            catch (RunCancelledException ex)
            {
                // The chunks that finished, and what finished of the stopped one (its other conditions cancelled).
                if (ex.Interrupted is { } stopped)
                {
                    try
                    {
                        pieces.Add((new ConditionRange(a, b), Observe(stopped, options, pipelines, summarize: true, CancellationToken.None)));
                    }
                    catch (TvboException failed)
                    {
                        options.Logger.LogWarning("Exploration '{Exploration}': the observables of the stopped chunk (conditions {Start}:{Stop}) could not be computed, so its finished conditions are left out: {Message}", exploration.Name, first + a, first + b, failed.Message);
                    }
                }

                throw new RunCancelledException([], pieces.Count == 0 ? null : ExplorationResult.MergeFinished(plan.Grid, pieces), ex.CancellationToken);
            }
        }

        return ExplorationResult.Merge(plan.Grid, pieces);
    }

    /// <summary>Runs every exploration on a thread of its own (the work is computation: no thread-pool thread waits for
    /// it, and the caller's thread is free at once).</summary>
    /// <param name="backend">The backend's name (<see cref="BackendRegistry"/>).</param>
    /// <param name="options">Storage, limits and logging.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run (see <see cref="RunCancelledException"/> for what is kept).</param>
    /// <returns>The results by exploration name.</returns>
    public Task<ExperimentResult> RunAsync(string backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(BackendRegistry.Get(backend), options, progress, cancellationToken);

    /// <summary>Runs every exploration with <paramref name="backend"/> on a thread of its own (the work is computation:
    /// no thread-pool thread waits for it, and the caller's thread is free at once).</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="options">Storage, limits and logging.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run (see <see cref="RunCancelledException"/> for what is kept).</param>
    /// <returns>The results by exploration name.</returns>
    public Task<ExperimentResult> RunAsync(ISimulationBackend backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<ExperimentResult>(cancellationToken)
            : Task.Factory.StartNew(() => Run(backend, options, progress, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Runs every exploration with two backends and compares the results condition by condition and
    /// variable by variable (<see cref="Validation.CrossCheck"/>).</summary>
    /// <param name="backendA">The first backend's name, e.g. <c>pyrates</c>.</param>
    /// <param name="backendB">The second backend's name, e.g. <c>native</c>.</param>
    /// <param name="tolerance">The tolerance; when <see langword="null"/>, <see cref="Validation.CheckTolerance.For"/> the
    /// integration settings (1e-9 absolute and relative for Euler, Heun and RK4; from abs_tol/rel_tol for RK45).</param>
    /// <param name="options">Limits and logging; <see cref="RunOptions.Store"/> must be <see cref="ResultStore.Series"/>.</param>
    /// <param name="progress">Receives progress reports of both runs.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The check: <c>Passed</c>, <c>Disagreements</c>, <c>ToMarkdown()</c>, <c>ToJson()</c>.</returns>
    /// <exception cref="Validation.CrossCheckException">The options ask for a summary only.</exception>
    public Validation.CrossCheckResult CrossCheck(string backendA, string backendB, Validation.CheckTolerance? tolerance = null, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CrossCheck(BackendRegistry.Get(backendA), BackendRegistry.Get(backendB), tolerance, options, progress, cancellationToken);

    /// <summary>Runs every exploration with two backends and compares the results condition by condition and
    /// variable by variable (<see cref="Validation.CrossCheck"/>).</summary>
    /// <param name="backendA">The first backend.</param>
    /// <param name="backendB">The second backend.</param>
    /// <param name="tolerance">The tolerance; when <see langword="null"/>, <see cref="Validation.CheckTolerance.For"/> the
    /// integration settings.</param>
    /// <param name="options">Limits and logging; <see cref="RunOptions.Store"/> must be <see cref="ResultStore.Series"/>.</param>
    /// <param name="progress">Receives progress reports of both runs.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The check, holding both results in <c>Results</c>.</returns>
    /// <exception cref="Validation.CrossCheckException">The options ask for a summary only.</exception>
    public Validation.CrossCheckResult CrossCheck(ISimulationBackend backendA, ISimulationBackend backendB, Validation.CheckTolerance? tolerance = null, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backendA);
        ArgumentNullException.ThrowIfNull(backendB);
        options ??= new RunOptions();
        if (options.Store != ResultStore.Series)
        {
            throw new Validation.CrossCheckException("A cross-check compares series: RunOptions.Store must be Series, not Summary.");
        }

        tolerance ??= Validation.CheckTolerance.For(Integration);
        tolerance.Validate();
        var a = Run(backendA, options, progress, cancellationToken);
        var b = Run(backendB, options, progress, cancellationToken);
        return Validation.CrossCheck.Compare(a, b, tolerance);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SimulationExperiment(model='{Model.Name}', {Integration}, explorations=[{string.Join(", ", Explorations.Select(e => e.Name))}])";
}
