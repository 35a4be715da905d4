namespace Tvbo.Cli.Tests.Battery;

/// <summary>One bad input: the experiment file (and other files) a user gives, the command line, and what must happen:
/// the exit code and the words that name the culprit (each must appear in stderr, case-insensitive).</summary>
/// <param name="Family">The family (expressions, names, files, settings, numbers, command line).</param>
/// <param name="Name">What is wrong.</param>
/// <param name="Experiment">The experiment file's text (<c>exp.yaml</c>), or <see langword="null"/> for none.</param>
/// <param name="Args">The command line; <c>{exp}</c>, <c>{dir}</c> and <c>{out}</c> are replaced by the file, the case's
/// folder and its output folder.</param>
/// <param name="Exit">The expected exit code.</param>
/// <param name="Culprit">Words the message must contain.</param>
public sealed record BadInput(string Family, string Name, string? Experiment, string[] Args, int Exit, params string[] Culprit)
{
    /// <summary>Other files of the case, by name relative to its folder.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Binary files of the case (e.g. <c>.npy</c>), by name relative to its folder.</summary>
    public IReadOnlyDictionary<string, byte[]> Bytes { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Words the message must not contain (content of a file that must not be echoed, a C# name).</summary>
    public IReadOnlyList<string> NotShown { get; init; } = [];

    /// <summary>Symbolic links of the case, by name relative to its folder, to their targets (e.g. <c>/etc/passwd</c>).</summary>
    public IReadOnlyDictionary<string, string> Links { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public override string ToString() => $"{Family}: {Name}";
}
