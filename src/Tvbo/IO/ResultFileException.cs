namespace Tvbo.IO;

/// <summary>A result file or folder that cannot be read or written: a file that is not one of Tvbo's result files,
/// a damaged or inconsistent file, an output folder that holds files Tvbo did not write, or names a format cannot
/// hold. The message names the path and says what would be valid.</summary>
public sealed class ResultFileException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, naming the path.</param>
    /// <param name="path">The file or folder concerned, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying error, or <see langword="null"/>.</param>
    public ResultFileException(string message, string? path = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder concerned, or <see langword="null"/>.</summary>
    public string? Path { get; }
}
