namespace Tvbo.Backends;

/// <summary>A backend cannot run in this environment (for example no usable Python or PyRates). The message
/// says what was tried and how to install what is missing.</summary>
public class BackendUnavailableException : BackendException
{
    /// <summary>Creates the error.</summary>
    /// <param name="backend">The backend's name.</param>
    /// <param name="message">What is missing, what was tried and how to fix it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BackendUnavailableException(string backend, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Backend = backend;
    }

    /// <summary>The backend's name.</summary>
    public string Backend { get; }
}
