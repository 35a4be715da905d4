using System.Runtime.CompilerServices;

namespace Tvbo.TestSupport;

/// <summary>Finds the real TVBO model files the tests read (never part of this repository): the folder named by
/// TVBO_MODELS_DIR, else a <c>shared/tvbo-models</c> folder beside an ancestor of the test binaries, the working
/// directory or this source file.</summary>
internal static class SharedTvboModels
{
    /// <summary>The reason tests give when they skip for want of the files.</summary>
    public const string MissingReason = "The shared TVBO model files are not here (set TVBO_MODELS_DIR or place them in ../shared/tvbo-models).";

    /// <summary>The folder, or null when there is none.</summary>
    public static string? Folder() => Locate(SourceFile());

    /// <summary>The model files, sorted, or null when there is no folder.</summary>
    public static string[]? Files() => Folder() is { } dir ? Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToArray() : null;

    private static string? Locate(string sourceFile)
    {
        if (Environment.GetEnvironmentVariable("TVBO_MODELS_DIR") is { Length: > 0 } env && Directory.Exists(env))
        {
            return env;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "." })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "tvbo-models");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
