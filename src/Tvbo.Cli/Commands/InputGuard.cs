namespace Tvbo.Cli.Commands;

/// <summary>Keeps a command's outputs off its inputs: a file it writes (<c>--json</c>) or a folder it fills (<c>--out</c>)
/// may not be, lie inside or hold a file or folder the same command reads. Checked before anything runs.</summary>
internal static class InputGuard
{
    /// <summary>Refuses <paramref name="output"/> when it is, lies inside or holds one of <paramref name="inputs"/>.</summary>
    /// <param name="option">The option that names the output, e.g. <c>--json</c>.</param>
    /// <param name="output">The output path as given.</param>
    /// <param name="inputs">What the command reads: files and folders, with what each is (e.g. "the experiment file").</param>
    /// <exception cref="UsageException">The output would replace or sit inside an input.</exception>
    public static void Refuse(string option, string output, IEnumerable<(string Path, string What)> inputs)
    {
        var target = Full(output);
        foreach (var (path, what) in inputs)
        {
            var input = Full(path);
            if (target == input || Inside(target, input) || Inside(input, target))
            {
                var relation = target == input ? "is" : Inside(target, input) ? "lies inside" : "holds";
                throw new UsageException($"{option} '{output}' {relation} {what} ('{path}'), which this command reads; give {option} a path of its own.");
            }
        }
    }

    /// <summary>Refuses a <c>--json</c> file path that names an existing folder.</summary>
    /// <param name="option">The option.</param>
    /// <param name="path">The path as given.</param>
    public static void RefuseFolder(string option, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{option} '{path}' is a folder; give a file name (e.g. {Path.Combine(path, "check.json")}).");
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool Inside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
