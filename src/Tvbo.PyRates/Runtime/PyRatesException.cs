namespace Tvbo.PyRates.Runtime;

/// <summary>An error raised by Python (PyRates, numpy, pandas or the bridge package) while running a PyRates job.
/// Carries the Python exception's type, message and formatted traceback.</summary>
public sealed class PyRatesException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="pythonType">The Python exception's type name, e.g. <c>ValueError</c>.</param>
    /// <param name="pythonMessage">The Python exception's message.</param>
    /// <param name="pythonTraceback">The formatted Python traceback (may be empty).</param>
    /// <param name="innerException">The pythonnet exception, if any.</param>
    public PyRatesException(string pythonType, string pythonMessage, string pythonTraceback, Exception? innerException = null)
        : base($"Python raised {pythonType}: {pythonMessage}{(string.IsNullOrWhiteSpace(pythonTraceback) ? string.Empty : "\n" + pythonTraceback.TrimEnd())}", innerException)
    {
        PythonType = pythonType;
        PythonMessage = pythonMessage;
        PythonTraceback = pythonTraceback;
    }

    /// <summary>The Python exception's type name.</summary>
    public string PythonType { get; }

    /// <summary>The Python exception's message.</summary>
    public string PythonMessage { get; }

    /// <summary>The formatted Python traceback.</summary>
    public string PythonTraceback { get; }
}
