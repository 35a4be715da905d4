using Python.Runtime;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Bridge;

/// <summary>Calls the Python half of the bridge (<c>python/tvbo_pyrates</c>) and converts what it returns.</summary>
internal static class PyRatesBridge
{
    /// <summary>Runs one grid_search job on the Python thread.</summary>
    /// <param name="runtime">The embedded interpreter.</param>
    /// <param name="call">The job.</param>
    /// <param name="cancellationToken">Cancels the job while it waits for the Python thread, or interrupts it while it
    /// runs (KeyboardInterrupt in Python, after which the bridge's clean-up runs).</param>
    /// <exception cref="PyRatesException">Python raised an error.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static GridSearchOutput Run(PythonRuntime runtime, GridSearchCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(call);
        return runtime.Invoke(() =>
        {
            var (args, kwargs) = Arguments(runtime.Bridge, call);
            try
            {
                using var runFunction = runtime.Bridge.GetAttr("run");
                using var result = runFunction.Invoke(args, kwargs);
                return Convert(result);
            }
            finally
            {
                Dispose(args, kwargs);
            }
        }, cancellationToken, interruptible: true);
    }

    /// <summary>Opens a cache scope: the grid_search calls of one exploration share what PyRates and sympy cache (the
    /// compiled right-hand side, sympified equations) until <see cref="EndScope"/> drops it.</summary>
    /// <param name="runtime">The embedded interpreter.</param>
    /// <returns>The scope's token.</returns>
    public static string BeginScope(PythonRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.Invoke(() =>
        {
            using var token = runtime.Bridge.InvokeMethod("begin_scope");
            return token.As<string>();
        });
    }

    /// <summary>Ends a cache scope: what PyRates 1.2.3 and sympy cached since it began is dropped, so a process that
    /// runs many models stays the same size.</summary>
    /// <param name="runtime">The embedded interpreter.</param>
    /// <param name="token">The token of <see cref="BeginScope"/>.</param>
    public static void EndScope(PythonRuntime runtime, string token)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        runtime.Invoke(() =>
        {
            using var text = new PyString(token);
            runtime.Bridge.InvokeMethod("end_scope", text).Dispose();
        });
    }

    /// <summary>The positional and keyword arguments of <c>tvbo_pyrates.run</c> for a call (on the Python thread, GIL
    /// held); dispose them with <see cref="Dispose"/>.</summary>
    /// <param name="bridge">The bridge module.</param>
    /// <param name="call">The call.</param>
    public static (PyObject[] Args, PyDict Kwargs) Arguments(PyObject bridge, GridSearchCall call)
    {
        var conditions = BufferTransfer.ToNumpy(bridge, call.Conditions);
        var paramMap = ParameterMap(call);
        var outputs = Outputs(call);
        var template = new PyString(call.Template);
        var circuit = new PyString(call.Circuit);
        var names = Strings(call.ParameterNames);
        var step = new PyFloat(call.StepSize);
        var time = new PyFloat(call.SimulationTime);
        var kwargs = new PyDict();
        SetSettings(kwargs, call);
        SetBounds(kwargs, bridge, call);
        SetInputs(kwargs, bridge, call);
        SetPermuteAxes(kwargs, bridge, call);
        SetNetwork(kwargs, bridge, call);
        return ([template, circuit, names, conditions, paramMap, outputs, step, time], kwargs);
    }

    // grid_search's param_map: {name: {'vars': [target], 'nodes': [node]}}, or {name: {'vars': [attribute], 'edges': [(source, target, 0)]}}.
    private static PyDict ParameterMap(GridSearchCall call)
    {
        var paramMap = new PyDict();
        for (var i = 0; i < call.ParameterNames.Count; i++)
        {
            using var entry = new PyDict();
            using var vars = Strings([call.ParameterTargets[i]]);
            entry["vars"] = vars;
            if (call.ParameterEdges?[i] is { } edges)
            {
                using var list = new PyList();
                using var first = new PyInt(0);
                foreach (var (source, target) in edges)
                {
                    using var s = new PyString(source);
                    using var t = new PyString(target);
                    using var edge = new PyTuple([s, t, first]);
                    list.Append(edge);
                }

                entry["edges"] = list;
            }
            else
            {
                using var nodes = Strings(call.ParameterNodes?[i] ?? [Templates.PyRatesTemplate.NodeLabel]);
                entry["nodes"] = nodes;
            }

            paramMap[call.ParameterNames[i]] = entry;
        }

        return paramMap;
    }

    // grid_search's outputs: {key: 'node/op/var'}.
    private static PyDict Outputs(GridSearchCall call)
    {
        var outputs = new PyDict();
        for (var i = 0; i < call.OutputKeys.Count; i++)
        {
            using var target = new PyString(call.OutputTargets[i]);
            outputs[call.OutputKeys[i]] = target;
        }

        return outputs;
    }

    // Sampling, caches, tolerances, solver, store and summary window.
    private static void SetSettings(PyDict kwargs, GridSearchCall call)
    {
        Set(kwargs, "sampling_step_size", call.SamplingStepSize);
        if (call.KeepCaches)
        {
            kwargs["keep_caches"] = PyObject.FromManagedObject(true);
        }

        Set(kwargs, "rtol", call.RelativeTolerance);
        Set(kwargs, "atol", call.AbsoluteTolerance);
        using (var solver = new PyString(call.Solver))
        {
            kwargs["solver"] = solver;
        }

        using (var store = new PyString(call.Summary ? "summary" : "series"))
        {
            kwargs["store"] = store;
        }

        if (call.Summary)
        {
            using var start = new PyInt(call.SummaryWindowStart);
            kwargs["window_start"] = start;
        }
    }

    private static void SetBounds(PyDict kwargs, PyObject bridge, GridSearchCall call)
    {
        if (call.Lower is not null)
        {
            using var lower = BufferTransfer.ToNumpy(bridge, call.Lower);
            kwargs["lower"] = lower;
        }

        if (call.Upper is not null)
        {
            using var upper = BufferTransfer.ToNumpy(bridge, call.Upper);
            kwargs["upper"] = upper;
        }
    }

    // grid_search reads input[step] (one condition) or input[step, condition]; the Python side copies the dict.
    private static void SetInputs(PyDict kwargs, PyObject bridge, GridSearchCall call)
    {
        if (call.Inputs is not { Count: > 0 })
        {
            return;
        }

        using var inputs = new PyDict();
        foreach (var (target, values, columns) in call.Inputs)
        {
            using var flat = BufferTransfer.ToNumpy(bridge, values);
            using var rows = new PyInt(values.Length / columns);
            using var cols = new PyInt(columns);
            using var shaped = columns == 1 ? flat.InvokeMethod("copy") : flat.InvokeMethod("reshape", rows, cols);
            inputs[target] = shaped;
        }

        kwargs["inputs"] = inputs;
    }

    private static void SetPermuteAxes(PyDict kwargs, PyObject bridge, GridSearchCall call)
    {
        if (call.PermuteAxes is null)
        {
            return;
        }

        using var axes = new PyList();
        foreach (var axis in call.PermuteAxes)
        {
            using var values = BufferTransfer.ToNumpy(bridge, axis);
            axes.Append(values);
        }

        kwargs["permute_axes"] = axes;
    }

    // The circuit to build: {'node': name, 'nodes': [label], 'edges': [(source, target, weights[, edge template, {input: target variable or None}])], 'values': {target: value}[, 'delays': [steps per edge set]]}.
    private static void SetNetwork(PyDict kwargs, PyObject bridge, GridSearchCall call)
    {
        if (call.Network is not { } network)
        {
            return;
        }

        using var dict = new PyDict();
        using (var node = new PyString(network.NodeTemplate))
        {
            dict["node"] = node;
        }

        using (var nodes = Strings(network.Nodes))
        {
            dict["nodes"] = nodes;
        }

        using var edges = new PyList();
        foreach (var e in network.Edges)
        {
            using var s = new PyString(e.Source);
            using var t = new PyString(e.Target);
            using var w = BufferTransfer.ToNumpy(bridge, e.Weights);
            if (e.Template is not { } template)
            {
                using var plain = new PyTuple([s, t, w]);
                edges.Append(plain);
                continue;
            }

            using var name = new PyString(template);
            using var attributes = new PyDict();
            foreach (var (input, variable) in e.Attributes ?? [])
            {
                if (variable is null)
                {
                    attributes[input] = PyObject.None; // the shared None: not disposed
                    continue;
                }

                using var v = new PyString(variable);
                attributes[input] = v;
            }

            using var edge = new PyTuple([s, t, w, name, attributes]);
            edges.Append(edge);
        }

        dict["edges"] = edges;
        if (network.Edges.Any(e => e.Delays is not null))
        {
            using var delays = new PyList();
            foreach (var e in network.Edges)
            {
                using var d = BufferTransfer.ToNumpy(bridge, e.Delays ?? new double[e.Weights.Length]);
                delays.Append(d);
            }

            dict["delays"] = delays;
        }

        using var values = new PyDict();
        foreach (var (target, value) in network.Values)
        {
            using var v = new PyFloat(value);
            values[target] = v;
        }

        dict["values"] = values;
        kwargs["network"] = dict;
    }

    /// <summary>Releases what <see cref="Arguments"/> made (GIL held).</summary>
    public static void Dispose(PyObject[] args, PyDict kwargs)
    {
        foreach (var a in args)
        {
            a.Dispose();
        }

        kwargs.Dispose();
    }

    /// <summary>Converts the dict returned by <c>tvbo_pyrates.run</c> or <c>collect</c>. Call with the GIL held.</summary>
    /// <param name="result">The dict.</param>
    public static GridSearchOutput Convert(PyObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var data = result.GetItem("data");
        using var time = result.GetItem("time");
        using var shape = result.GetItem("shape");
        using var failures = result.GetItem("failures");
        using var order = result.GetItem("order");
        var failureList = new List<SampleFailure>();
        using (var iterator = failures.GetIterator())
        {
            while (iterator.MoveNext())
            {
                using var item = iterator.Current;
                using var c = item.GetItem(0);
                using var k = item.GetItem(1);
                using var v = item.GetItem(2);
                using var kind = item.GetItem(3);
                failureList.Add(new SampleFailure(c.As<int>(), k.As<int>(), v.As<int>(), kind.As<string>() == "bounds"));
            }
        }

        return new GridSearchOutput(
            BufferTransfer.ReadDoubles(data, "the result series"),
            ListOf(shape, o => o.As<int>()).ToArray(),
            BufferTransfer.ReadDoubles(time, "the time grid"),
            failureList,
            ListOf(order, o => o.As<string>()),
            OptionalStrings(result, "log"),
            OptionalStrings(result, "warnings"),
            Timing(result));
    }

    private static Dictionary<string, double> Timing(PyObject result)
    {
        var timing = new Dictionary<string, double>(StringComparer.Ordinal);
        using var key = new PyString("timing");
        using var value = result.InvokeMethod("get", key);
        if (value.IsNone())
        {
            return timing;
        }

        using var items = value.InvokeMethod("items");
        using var iterator = items.GetIterator();
        while (iterator.MoveNext())
        {
            using var pair = iterator.Current;
            using var name = pair.GetItem(0);
            using var seconds = pair.GetItem(1);
            timing[name.As<string>()] = seconds.As<double>();
        }

        return timing;
    }

    private static List<string> OptionalStrings(PyObject result, string key)
    {
        using var k = new PyString(key);
        using var value = result.InvokeMethod("get", k);
        return value.IsNone() ? [] : ListOf(value, o => o.As<string>());
    }

    private static List<T> ListOf<T>(PyObject sequence, Func<PyObject, T> convert)
    {
        var list = new List<T>();
        using var iterator = sequence.GetIterator();
        while (iterator.MoveNext())
        {
            using var item = iterator.Current;
            list.Add(convert(item));
        }

        return list;
    }

    private static PyList Strings(IEnumerable<string> values)
    {
        var list = new PyList();
        foreach (var v in values)
        {
            using var s = new PyString(v);
            list.Append(s);
        }

        return list;
    }

    private static void Set(PyDict kwargs, string key, double? value)
    {
        if (value is { } v)
        {
            using var f = new PyFloat(v);
            kwargs[key] = f;
        }
    }
}
