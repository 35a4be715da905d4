namespace Tvbo.PyRates.Runtime;

/// <summary>An error raised by Python (PyRates, numpy, pandas or the bridge package) while running a PyRates job: a
/// backend failure. Its message is the Python exception's type and message; the formatted traceback is kept in
/// <see cref="PythonTraceback"/> (the CLI shows it with <c>-v</c>).</summary>
public sealed class PyRatesException : Tvbo.Backends.BackendException
{
    /// <summary>Creates the error.</summary>
    /// <param name="pythonType">The Python exception's type name, e.g. <c>ValueError</c>.</param>
    /// <param name="pythonMessage">The Python exception's message.</param>
    /// <param name="pythonTraceback">The formatted Python traceback (may be empty).</param>
    /// <param name="innerException">The pythonnet exception, if any.</param>
    public PyRatesException(string pythonType, string pythonMessage, string pythonTraceback, Exception? innerException = null)
        : base($"Python raised {pythonType}: {pythonMessage}", innerException)
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

    /// <summary>The Python traceback.</summary>
    public override string? Detail => PythonTraceback;

    /// <summary><c>the Python traceback</c>.</summary>
    public override string DetailName => "the Python traceback";
}
