namespace Tvbo.Files;

/// <summary>A TVBO model or experiment file that cannot be read: missing, not YAML, or not the expected
/// shape. The message starts with <c>file:line:column</c>.</summary>
public sealed class TvboFileException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The file's path (or a name for text that came from no file).</param>
    /// <param name="line">One-based line, or 0 when unknown.</param>
    /// <param name="column">One-based column, or 0 when unknown.</param>
    /// <param name="problem">What is wrong and what would be valid.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public TvboFileException(string file, int line, int column, string problem, Exception? innerException = null)
        : base(line > 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>One-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>One-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The problem, without the location prefix.</summary>
    public string Problem { get; }
}
