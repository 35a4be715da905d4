namespace Tvbo.Backends;

/// <summary>A failure of a backend or of its environment (Python, a cluster, a worker), not of the input, so not a
/// <see cref="TvboException"/> (bad input): the CLI exits 1 for it, 2 for bad input. A Python failure
/// (<c>PyRatesException</c>) keeps its traceback in <see cref="Detail"/> and the exceptions it was raised from as inner
/// exceptions.</summary>
public class BackendException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BackendException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Diagnostic detail beyond the message (e.g. a Python traceback), shown on request (<c>tvbo -v</c>);
    /// <see langword="null"/> when there is none.</summary>
    public virtual string? Detail => null;

    /// <summary>What <see cref="Detail"/> is, for the hint printed in its place (e.g. <c>the Python traceback</c>).</summary>
    public virtual string DetailName => "the details";
}
