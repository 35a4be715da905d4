using Python.Runtime;

namespace Tvbo.PyRates.Runtime;

/// <summary>Turns Python exceptions into <see cref="PyRatesException"/>s that keep what Python knew: the type, the
/// message, the formatted traceback, its frames, and the chain of exceptions it was raised from (<c>raise ... from
/// cause</c>, or raised while handling another) as inner exceptions. Every method needs the GIL.</summary>
internal static class PythonErrors
{
    // A chain longer than this is cut (Python itself stops at cycles; this bounds a pathological one).
    private const int MaxChain = 32;

    /// <summary>Converts a pythonnet exception. Its inner exception is the converted <c>__cause__</c> (or unsuppressed
    /// <c>__context__</c>) when there is one, else <paramref name="ex"/> itself.</summary>
    /// <param name="ex">The Python exception.</param>
    /// <returns>The error.</returns>
    public static PyRatesException Convert(PythonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var frames = Frames(ex.Traceback);
        var cause = ex.Value is { } value ? Chained(value, 1) : null;
        return new PyRatesException(TypeName(ex), ex.Message, Format(ex), frames, cause ?? (Exception)ex);
    }

    private static string TypeName(PythonException ex)
    {
        try
        {
            return ex.Type.Name;
        }
        catch (Exception)
        {
            return "Exception";
        }
    }

    private static string Format(PythonException ex)
    {
        try
        {
            return ex.Format();
        }
        catch (Exception)
        {
            return string.Empty;
        }
    }

    // The exception value was raised from, converted with its own chain; null when there is none.
    private static PyRatesException? Chained(PyObject value, int depth)
    {
        try
        {
            using var next = depth <= MaxChain ? CauseOf(value) : null;
            return next is null ? null : FromValue(next, depth);
        }
        catch (PythonException)
        {
            return null;
        }
    }

    private static PyRatesException FromValue(PyObject value, int depth)
    {
        using var type = value.GetPythonType();
        using var traceback = value.GetAttr("__traceback__");
        return new PyRatesException(type.Name, value.ToString() ?? string.Empty, Format(value, type, traceback), Frames(traceback), Chained(value, depth + 1));
    }

    // __cause__ (raise ... from cause), else __context__ (raised while handling it) unless 'from None' suppressed it.
    private static PyObject? CauseOf(PyObject value)
    {
        var cause = value.GetAttr("__cause__");
        if (!cause.IsNone())
        {
            return cause;
        }

        cause.Dispose();
        using (var suppressed = value.GetAttr("__suppress_context__"))
        {
            if (suppressed.IsTrue())
            {
                return null;
            }
        }

        var context = value.GetAttr("__context__");
        if (!context.IsNone())
        {
            return context;
        }

        context.Dispose();
        return null;
    }

    private static string Format(PyObject value, PyObject type, PyObject traceback)
    {
        using var module = Py.Import("traceback");
        using var lines = module.InvokeMethod("format_exception", type, value, traceback);
        using var empty = new PyString(string.Empty);
        using var text = empty.InvokeMethod("join", lines);
        return text.As<string>();
    }

    // traceback.extract_tb: outermost frame first.
    private static PythonStackFrame[] Frames(PyObject? traceback)
    {
        if (traceback is null || traceback.IsNone())
        {
            return [];
        }

        try
        {
            using var module = Py.Import("traceback");
            using var summary = module.InvokeMethod("extract_tb", traceback);
            var frames = new List<PythonStackFrame>();
            using var iterator = summary.GetIterator();
            while (iterator.MoveNext())
            {
                using var frame = iterator.Current;
                frames.Add(Frame(frame));
            }

            return frames.ToArray();
        }
        catch (PythonException)
        {
            return [];
        }
    }

    private static PythonStackFrame Frame(PyObject frame)
    {
        using var file = frame.GetAttr("filename");
        using var line = frame.GetAttr("lineno");
        using var function = frame.GetAttr("name");
        using var code = frame.GetAttr("line");
        return new PythonStackFrame(
            file.As<string>() ?? string.Empty,
            line.IsNone() ? 0 : line.As<int>(),
            function.As<string>() ?? string.Empty,
            code.IsNone() || code.As<string>() is not { Length: > 0 } source ? null : source);
    }
}
