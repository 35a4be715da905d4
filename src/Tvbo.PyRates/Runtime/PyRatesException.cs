namespace Tvbo.PyRates.Runtime;

/// <summary>An error raised by Python (PyRates, numpy, pandas or the bridge package) while running a PyRates job: a
/// backend failure. Its message is the Python exception's type and message; the formatted traceback is kept in
/// <see cref="PythonTraceback"/> (the CLI shows it with <c>-v</c>), its frames in <see cref="PythonFrames"/>, and the
/// Python exception it was raised from (<c>__cause__</c>, or the one being handled, <c>__context__</c>) is its
/// <see cref="Exception.InnerException"/>, itself a <see cref="PyRatesException"/>.</summary>
public sealed class PyRatesException : Tvbo.Backends.BackendException
{
    /// <summary>Creates the error.</summary>
    /// <param name="pythonType">The Python exception's type name, e.g. <c>ValueError</c>.</param>
    /// <param name="pythonMessage">The Python exception's message.</param>
    /// <param name="pythonTraceback">The formatted Python traceback (may be empty).</param>
    /// <param name="innerException">The pythonnet exception, if any.</param>
    public PyRatesException(string pythonType, string pythonMessage, string pythonTraceback, Exception? innerException = null)
        : this(pythonType, pythonMessage, pythonTraceback, [], innerException)
    {
    }

    /// <summary>Creates the error with the frames of its traceback.</summary>
    /// <param name="pythonType">The Python exception's type name, e.g. <c>ValueError</c>.</param>
    /// <param name="pythonMessage">The Python exception's message.</param>
    /// <param name="pythonTraceback">The formatted Python traceback (may be empty).</param>
    /// <param name="pythonFrames">The traceback's frames, outermost first.</param>
    /// <param name="innerException">The Python exception this one was raised from (a <see cref="PyRatesException"/>),
    /// or the pythonnet exception, if any.</param>
    public PyRatesException(string pythonType, string pythonMessage, string pythonTraceback, IReadOnlyList<PythonStackFrame> pythonFrames, Exception? innerException)
        : base($"Python raised {pythonType}: {pythonMessage}", innerException)
    {
        ArgumentNullException.ThrowIfNull(pythonFrames);
        PythonType = pythonType;
        PythonMessage = pythonMessage;
        PythonTraceback = pythonTraceback;
        PythonFrames = pythonFrames;
    }

    /// <summary>The Python exception's type name.</summary>
    public string PythonType { get; }

    /// <summary>The Python exception's message.</summary>
    public string PythonMessage { get; }

    /// <summary>The formatted Python traceback.</summary>
    public string PythonTraceback { get; }

    /// <summary>The frames of the Python traceback, outermost first, innermost (where it was raised) last; empty when
    /// the error did not come with one (a Dask task's error text).</summary>
    public IReadOnlyList<PythonStackFrame> PythonFrames { get; }

    /// <summary>The Python traceback.</summary>
    public override string? Detail => PythonTraceback;

    /// <summary><c>the Python traceback</c>.</summary>
    public override string DetailName => "the Python traceback";
}
