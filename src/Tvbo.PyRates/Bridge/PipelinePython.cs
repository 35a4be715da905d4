using Python.Runtime;
using Tvbo.Backends;
using Tvbo.Observables;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Bridge;

/// <summary>
/// Runs the Python steps of observation pipelines in the embedded CPython (the one the pyrates backend runs PyRates
/// in; PyRates itself is not needed, numpy and scipy are), through <c>tvbo_pyrates.pipeline</c>. Each call is one job
/// on the Python thread: the arguments go in, the function runs and the results come out in it.
/// </summary>
/// <remarks>
/// Arguments: an <see cref="ArrayValue"/> becomes a numpy float64 array of its shape (copied from the pinned
/// <c>double[]</c> by numpy, <see cref="BufferTransfer.ToNumpy"/>), or a Python <c>float</c> when it has no
/// dimensions; a <see cref="double"/> whose value is a whole number (of magnitude at most 2^53) becomes a Python
/// <c>int</c>, any other a <c>float</c>, because TVBO writes counts as numbers (<c>kernel_samples: 5000</c>) that
/// expressions use as indices and slice bounds (<c>history[-kernel_samples:]</c>), which a float cannot be; a
/// <see cref="string"/> a <c>str</c>. Results are float64 arrays read back through the buffer protocol.
/// </remarks>
internal sealed class PipelinePython : IPipelinePython
{
    // 2^53: every whole double up to this magnitude is exactly a long, and passes as a Python int.
    private const double LargestExactInteger = 9007199254740992.0;

    private readonly string? _pythonExecutable;

    // The imported tvbo_pyrates.pipeline; touched only on the Python thread, under the GIL.
    private PyObject? _module;

    /// <summary>Creates the runner; the interpreter is started on the first call.</summary>
    /// <param name="pythonExecutable">The python executable to embed (the pyrates backend's
    /// <see cref="PyRatesBackendOptions.PythonExecutable"/>), or null to locate one.</param>
    public PipelinePython(string? pythonExecutable)
    {
        _pythonExecutable = pythonExecutable;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ArrayValue> Call(string module, string name, IReadOnlyList<PythonArgument> arguments, int? applyAxis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        if (PipelineModules.Resolve(module) is null)
        {
            throw new ObservableException($"Module '{module}' is not allowed for a Python step; allowed: {PipelineModules.Allowed}.");
        }

        CheckValues(arguments);
        var runtime = Runtime();
        return Run(runtime, pipeline =>
        {
            using var positional = new PyList();
            using var named = new PyDict();
            using var moduleText = new PyString(module);
            using var nameText = new PyString(name);
            using var axis = applyAxis is { } k ? new PyInt(k) : null;
            foreach (var argument in arguments)
            {
                using var value = ToPython(runtime.Bridge, argument.Value);
                if (argument.Name is null)
                {
                    positional.Append(value);
                }
                else
                {
                    named[argument.Name] = value;
                }
            }

            return pipeline.InvokeMethod("call", moduleText, nameText, positional, named, axis ?? PyObject.None);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ArrayValue> Evaluate(string code, IReadOnlyList<PythonArgument> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.FirstOrDefault(a => a.Name is null) is { } unnamed)
        {
            throw new ArgumentException($"Every argument of an expression has a name; {unnamed.Value} has none.", nameof(arguments));
        }

        CheckValues(arguments);
        var runtime = Runtime();
        return Run(runtime, pipeline =>
        {
            using var names = new PyDict();
            using var codeText = new PyString(code);
            foreach (var argument in arguments)
            {
                using var value = ToPython(runtime.Bridge, argument.Value);
                names[argument.Name!] = value;
            }

            return pipeline.InvokeMethod("evaluate", codeText, names);
        }, cancellationToken);
    }

    /// <summary>The embedded interpreter, started if need be.</summary>
    /// <exception cref="ObservableException">Python cannot be started; the message says why.</exception>
    private PythonRuntime Runtime()
    {
        try
        {
            return PythonRuntime.Start(_pythonExecutable);
        }
        catch (BackendUnavailableException ex)
        {
            throw new ObservableException($"Python steps of observation pipelines run in CPython with numpy and scipy, embedded in this process, which cannot be started: {ex.Message}");
        }
    }

    /// <summary>Runs one step as one job on the Python thread and reads its results there; a Python exception becomes
    /// an <see cref="ObservableException"/> with its type and message.</summary>
    /// <param name="runtime">The interpreter.</param>
    /// <param name="step">Calls the pipeline module (given) and returns its <c>[(shape, data)]</c>.</param>
    /// <param name="cancellationToken">Cancels the step while it waits, or interrupts it while it runs.</param>
    private IReadOnlyList<ArrayValue> Run(PythonRuntime runtime, Func<PyObject, PyObject> step, CancellationToken cancellationToken)
    {
        try
        {
            return runtime.Invoke(
                () =>
                {
                    _module ??= Py.Import("tvbo_pyrates.pipeline");
                    using var results = step(_module);
                    return Results(results);
                },
                cancellationToken,
                interruptible: true);
        }
        catch (PyRatesException ex)
        {
            var hint = ex.PythonType == "ModuleNotFoundError" ? $" Python steps need numpy and scipy installed for {runtime.Interpreter.DisplayName}." : string.Empty;
            throw new ObservableException($"{ex.PythonType}: {ex.PythonMessage.Trim()}{hint}");
        }
    }

    /// <summary>Reads <c>[(shape, data)]</c> into arrays. Call with the GIL held.</summary>
    /// <param name="results">The pipeline module's list of results.</param>
    private static ArrayValue[] Results(PyObject results)
    {
        var count = (int)results.Length();
        var values = new ArrayValue[count];
        for (var i = 0; i < count; i++)
        {
            using var pair = results.GetItem(i);
            using var shape = pair.GetItem(0);
            using var data = pair.GetItem(1);
            var dimensions = new int[(int)shape.Length()];
            for (var d = 0; d < dimensions.Length; d++)
            {
                using var length = shape.GetItem(d);
                dimensions[d] = length.As<int>();
            }

            values[i] = new ArrayValue(dimensions, BufferTransfer.ReadDoubles(data, "a pipeline step's result"));
        }

        return values;
    }

    /// <summary>The Python value of an argument (see the remarks). Call with the GIL held.</summary>
    /// <param name="bridge">The <c>tvbo_pyrates</c> module.</param>
    /// <param name="value">An <see cref="ArrayValue"/>, a <see cref="double"/> or a <see cref="string"/>.</param>
    private static PyObject ToPython(PyObject bridge, object value)
    {
        switch (value)
        {
            case ArrayValue { IsScalar: true } scalar:
                return new PyFloat(scalar.Data[0]);
            case ArrayValue array:
            {
                using var flat = BufferTransfer.ToNumpy(bridge, array.Data);
                var lengths = array.Shape.Select(n => (PyObject)new PyInt(n)).ToArray();
                try
                {
                    using var shape = new PyTuple(lengths);
                    return flat.InvokeMethod("reshape", shape);
                }
                finally
                {
                    foreach (var length in lengths)
                    {
                        length.Dispose();
                    }
                }
            }

            case double number when Math.Floor(number) == number && Math.Abs(number) <= LargestExactInteger:
                return new PyInt((long)number);
            case double number:
                return new PyFloat(number);
            case string text:
                return new PyString(text);
            default:
                throw new InvalidOperationException($"A Python step's argument is a {value.GetType().Name}.");
        }
    }

    /// <summary>Refuses, before any Python runs, an argument that is not an array, a number or a text.</summary>
    /// <param name="arguments">The arguments.</param>
    private static void CheckValues(IReadOnlyList<PythonArgument> arguments)
    {
        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument);
            if (argument.Value is not (ArrayValue or double or string))
            {
                throw new ArgumentException($"Argument {argument.Name ?? "(positional)"} of a Python step is a {argument.Value?.GetType().Name ?? "null"}; expected an ArrayValue, a double or a string.", nameof(arguments));
            }
        }
    }
}
