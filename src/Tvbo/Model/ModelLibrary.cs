namespace Tvbo.Model;

/// <summary>
/// Finds the model file of a TVBO IRI such as <c>tvbo:JansenRit</c> (a file <c>JansenRit.yaml</c>), searching in
/// order: the folders given by the caller (<c>--models DIR</c>, <see cref="Files.ExperimentFile.ExperimentLoadOptions.ModelDirectories"/>),
/// then the folders of the <c>TVBO_MODELS_DIR</c> environment variable (a path list).
/// </summary>
public static class ModelLibrary
{
    /// <summary>The environment variable holding extra model folders (separated by <see cref="Path.PathSeparator"/>).</summary>
    public const string EnvironmentVariable = "TVBO_MODELS_DIR";

    /// <summary>The folders searched for model IRIs, in order: <paramref name="directories"/> then <c>TVBO_MODELS_DIR</c>.</summary>
    /// <param name="directories">Folders given by the caller, searched first.</param>
    public static IReadOnlyList<string> SearchPath(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return directories
            .Concat(string.IsNullOrWhiteSpace(env) ? [] : env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The model name of an IRI: <c>tvbo:JansenRit</c> and <c>JansenRit</c> give <c>JansenRit</c>; a full
    /// URL gives its last path or fragment segment.</summary>
    /// <param name="iri">The IRI.</param>
    public static string NameOf(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        var s = iri.Trim();
        var cut = Math.Max(s.LastIndexOf('#'), Math.Max(s.LastIndexOf('/'), s.LastIndexOf(':')));
        return cut >= 0 ? s[(cut + 1)..] : s;
    }

    /// <summary>Finds the file of a model IRI.</summary>
    /// <param name="iri">The IRI, e.g. <c>tvbo:JansenRit</c>.</param>
    /// <param name="searchPath">The folders to search, in order (see <see cref="SearchPath"/>).</param>
    /// <returns>The file's path, or <see langword="null"/> when no folder has it.</returns>
    public static string? Find(string iri, IReadOnlyList<string> searchPath)
    {
        ArgumentNullException.ThrowIfNull(searchPath);
        var name = NameOf(iri);
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            return null;
        }

        foreach (var dir in searchPath)
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var ext in new[] { ".yaml", ".yml" })
            {
                var exact = Path.Combine(dir, name + ext);
                if (File.Exists(exact))
                {
                    return exact;
                }
            }

            var match = Directory.EnumerateFiles(dir).FirstOrDefault(f =>
                (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                && string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }
}
