using Tvbo.Backends;
using Tvbo.Model;
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
    /// <summary>Creates an experiment on a model.</summary>
    /// <param name="model">The model.</param>
    public SimulationExperiment(Dynamics model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The model.</summary>
    public Dynamics Model { get; }

    /// <summary>A human-readable label, or <see langword="null"/>.</summary>
    public string? Label { get; set; }

    /// <summary>A description, or <see langword="null"/>.</summary>
    public string? Description { get; set; }

    /// <summary>The integration settings.</summary>
    public IntegrationSettings Integration { get; } = new();

    /// <summary>The explorations, by name.</summary>
    public ExplorationCollection Explorations { get; } = new();

    /// <summary>Loads an experiment file (YAML; see the README for the format).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="Yaml.TvboFileException">The file is missing or invalid; the message names the file and line.</exception>
    public static SimulationExperiment Load(string path) => ExperimentFileReader.ReadFile(path);

    /// <summary>Whether a YAML file is an experiment file (it has a top-level <c>model:</c>) rather than a TVBO model file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="Yaml.TvboFileException">The file is missing or not YAML.</exception>
    public static bool IsExperimentFile(string path) => ExperimentFileReader.IsExperiment(path);

    /// <summary>Checks the model, the integration settings and every exploration, and expands the explorations.</summary>
    /// <returns>The grids of the explorations, in order.</returns>
    /// <exception cref="TvboException">The first problem found (a <see cref="ModelException"/> or <see cref="ExperimentException"/>).</exception>
    public IReadOnlyList<ExplorationGrid> Validate()
    {
        Model.Validate();
        Integration.Validate();
        if (Explorations.Count == 0)
        {
            throw new ExperimentException("The experiment has no explorations; add one to Explorations (or 'explorations:' in the file).");
        }

        return Explorations.Select(e => e.CreateGrid(Model)).ToArray();
    }

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
    public ExperimentResult Run(ISimulationBackend backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new RunOptions();
        var grids = Validate();
        foreach (var grid in grids)
        {
            options.Validate(grid, Integration, Model.StateVariables.Count);
        }

        var results = new List<ExplorationResult>(grids.Count);
        foreach (var grid in grids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(backend.RunExploration(this, grid, options, progress, cancellationToken));
        }

        return new ExperimentResult(backend.Name, results);
    }

    /// <summary>Runs every exploration on a worker thread.</summary>
    /// <param name="backend">The backend's name.</param>
    /// <param name="options">Storage, limits and logging.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The results by exploration name.</returns>
    public Task<ExperimentResult> RunAsync(string backend, RunOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(backend, options, progress, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public override string ToString() =>
        $"SimulationExperiment(model='{Model.Name}', {Integration}, explorations=[{string.Join(", ", Explorations.Select(e => e.Name))}])";
}
