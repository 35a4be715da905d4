using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Hosting;

/// <summary>
/// Runs experiments with the backends registered in a service container (<c>services.AddTvbo().AddNative()</c>),
/// the container's <see cref="TvboOptions"/> and its logging (a logger named after the experiment's model).
/// </summary>
public sealed class ExperimentRunner
{
    private readonly Dictionary<string, ISimulationBackend> _backends;
    private readonly TvboOptions _options;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the runner (the container does).</summary>
    /// <param name="backends">The registered backends (one per name; a later registration of a name wins).</param>
    /// <param name="options">The run defaults.</param>
    /// <param name="loggers">The logging, or <see langword="null"/> for none.</param>
    public ExperimentRunner(IEnumerable<ISimulationBackend> backends, IOptions<TvboOptions> options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(options);
        _backends = new Dictionary<string, ISimulationBackend>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in backends)
        {
            _backends[b.Name] = b;
        }

        _options = options.Value;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>The names of the registered backends, in order.</summary>
    public IReadOnlyList<string> Backends => _backends.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The backend of a name (case-insensitive), or the default one.</summary>
    /// <param name="name">The name; <see langword="null"/> for <see cref="TvboOptions.DefaultBackend"/>, or the only one
    /// registered.</param>
    /// <exception cref="TvboException">No backend of that name is registered, or none is named and the choice is not
    /// clear; the message lists the registered ones.</exception>
    public ISimulationBackend Backend(string? name = null)
    {
        name ??= _options.DefaultBackend;
        if (name is null)
        {
            return _backends.Count == 1
                ? _backends.Values.Single()
                : throw new TvboException(_backends.Count == 0
                    ? "No backend is registered; add one: services.AddTvbo().AddNative() (package Tvbo.Native) or .AddPyRates() (package Tvbo.PyRates)."
                    : $"Several backends are registered ({string.Join(", ", Backends)}); name one, or set TvboOptions.DefaultBackend.");
        }

        return _backends.TryGetValue(name, out var backend)
            ? backend
            : throw new TvboException($"No backend named '{name}' is registered. Registered: {(_backends.Count == 0 ? "none (services.AddTvbo().AddNative() or .AddPyRates())" : string.Join(", ", Backends))}.");
    }

    /// <summary>Runs every exploration of <paramref name="experiment"/> on a thread of its own (the work is
    /// computation, so no thread-pool thread waits for it), with the options' defaults.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="backend">The backend's name, or <see langword="null"/> for the default (<see cref="Backend"/>).</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Cancels the run (see <see cref="RunCancelledException"/> for what is kept).</param>
    /// <returns>The results by exploration name.</returns>
    public Task<ExperimentResult> RunAsync(SimulationExperiment experiment, string? backend = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var chosen = Backend(backend);
        var options = _options.ToRunOptions(_loggers.CreateLogger($"Tvbo.{experiment.Model.Name}"));
        return experiment.RunAsync(chosen, options, progress, cancellationToken);
    }
}
