using System.Reflection;
using System.Runtime.InteropServices;

namespace Tvbo.Backends;

/// <summary>
/// What a backend is and how it is set up: its name, its version, the software it runs on and its settings. The
/// command line prints it and a run folder's <c>run.json</c> records it (<see cref="IO.RunFolder"/>).
/// </summary>
/// <param name="Name">The backend's name, e.g. <c>native</c>.</param>
/// <param name="Version">The version of what computes the numbers (the backend's assembly, or PyRates' version for
/// the PyRates backend), or <see langword="null"/> when it cannot be told.</param>
/// <param name="Software">Name and version of each piece of software involved, in order (the backend's assembly,
/// .NET, the operating system, then e.g. PyRates, Python, numpy); a version may be <see langword="null"/>.</param>
/// <param name="Settings">The backend's own settings by name (e.g. the PyRates backend's interpreter and chunk
/// size); empty when it has none.</param>
public sealed record BackendDescription(
    string Name,
    string? Version,
    IReadOnlyList<KeyValuePair<string, string?>> Software,
    IReadOnlyDictionary<string, object?> Settings)
{
    /// <summary>The description every backend starts from: its name, its assembly's version, .NET and the
    /// operating system, no settings.</summary>
    /// <param name="backend">The backend.</param>
    /// <returns>The description.</returns>
    public static BackendDescription Of(ISimulationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var assembly = backend.GetType().Assembly;
        var version = IO.ResultMetadata.VersionOf(assembly);
        return new BackendDescription(backend.Name, version, SoftwareOf(assembly, backend.Name), new Dictionary<string, object?>(StringComparer.Ordinal));
    }

    /// <summary>This description with more software listed after the rest.</summary>
    /// <param name="software">Name and version pairs to add.</param>
    /// <returns>The new description.</returns>
    public BackendDescription WithSoftware(IEnumerable<KeyValuePair<string, string?>> software) =>
        this with { Software = [.. Software, .. software] };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} {Version ?? "(version unknown)"} ({string.Join(", ", Software.Select(s => $"{s.Key} {s.Value ?? "?"}"))})";

    private static List<KeyValuePair<string, string?>> SoftwareOf(Assembly assembly, string fallbackName) =>
    [
        new(assembly.GetName().Name ?? fallbackName, IO.ResultMetadata.VersionOf(assembly)),
        new(".NET", Environment.Version.ToString()),
        new("os", RuntimeInformation.OSDescription),
    ];
}
