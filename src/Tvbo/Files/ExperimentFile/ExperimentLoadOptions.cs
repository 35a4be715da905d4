using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tvbo.Files.ExperimentFile;

/// <summary>How experiment files are read: where model IRIs resolve, which experiment of a study file to take, and
/// where warnings and defaults are logged.</summary>
public sealed class ExperimentLoadOptions
{
    /// <summary>Folders searched first for <c>dynamics: {iri: tvbo:Name}</c> (then <c>TVBO_MODELS_DIR</c>); see
    /// <see cref="Model.ModelLibrary"/>.</summary>
    public IReadOnlyList<string> ModelDirectories { get; init; } = [];

    /// <summary>Called only when an IRI is in none of <see cref="ModelDirectories"/> and <c>TVBO_MODELS_DIR</c>: more
    /// folders to search (e.g. the <c>database/models</c> folder of an installed <c>tvbo</c> Python package).</summary>
    public Func<IEnumerable<string>>? FallbackModelDirectories { get; init; }

    /// <summary>In a TVBO study file (<c>simulation_experiments:</c>), the experiment to read, by <c>id</c> or
    /// <c>label</c>; may be left out when the study has one experiment.</summary>
    public string? Experiment { get; init; }

    /// <summary>Receives warnings (keys read but not applied) and, at information level, every TVBO default used
    /// where a key is absent.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
