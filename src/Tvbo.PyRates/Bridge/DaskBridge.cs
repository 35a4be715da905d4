using Python.Runtime;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Bridge;

/// <summary>Runs grid_search chunks as Dask tasks through <c>tvbo_pyrates.cluster</c>: a LocalCluster of
/// single-threaded worker processes or an existing scheduler, one per process. Every method runs on the Python
/// thread.</summary>
internal static class DaskBridge
{
    /// <summary>Starts or joins the cluster (once per process) and checks that every worker has PyRates.</summary>
    /// <returns>A one-line description: scheduler address, workers, their PyRates version.</returns>
    /// <exception cref="PyRatesException">distributed is missing, the scheduler cannot be reached, or a worker lacks PyRates.</exception>
    public static string Connect(PythonRuntime runtime, int? workers, string? address) => Connect(runtime, workers, address, "pyrates");

    /// <summary>Starts or joins the cluster and checks that every worker has what <paramref name="need"/> names:
    /// <c>pyrates</c>, or <c>tool</c> (the tvbo command, for native shards).</summary>
    public static string Connect(PythonRuntime runtime, int? workers, string? address, string need) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            using var kwargs = new PyDict();
            using (var needs = new PyString(need))
            {
                kwargs["need"] = needs;
            }

            if (workers is { } w)
            {
                using var n = new PyInt(w);
                kwargs["workers"] = n;
            }

            if (address is not null)
            {
                using var a = new PyString(address);
                kwargs["address"] = a;
            }

            using var connect = cluster.GetAttr("connect");
            using var description = connect.Invoke(Array.Empty<PyObject>(), kwargs);
            using var scheduler = description.GetItem("scheduler");
            using var list = description.GetItem("workers");
            using var versions = description.GetItem("pyrates");
            return need == "tool"
                ? $"scheduler {scheduler.As<string>()}, {list.Length()} worker(s), tool {string.Join("/", ListOf(versions))}"
                : $"scheduler {scheduler.As<string>()}, {list.Length()} worker(s), PyRates {string.Join("/", ListOf(versions))}";
        });

    /// <summary>Submits one native shard: a task that runs the tvbo tool with <paramref name="arguments"/> in a folder
    /// holding <paramref name="files"/> (relative path → local file) and returns the bytes of <paramref name="result"/>.</summary>
    public static PyObject SubmitTool(PythonRuntime runtime, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> files, string result) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            using var args = new PyList();
            foreach (var a in arguments)
            {
                using var item = new PyString(a);
                args.Append(item);
            }

            using var paths = new PyDict();
            foreach (var (relative, path) in files)
            {
                using var value = new PyString(path);
                paths[relative] = value;
            }

            using var target = new PyString(result);
            using var submit = cluster.GetAttr("submit_tool");
            return submit.Invoke(args, paths, target);
        });

    /// <summary>Waits for tool tasks: a finished task's result is written to <paramref name="paths"/>[its index];
    /// returns the finished ones (index, error text of a failed task or null).</summary>
    public static IReadOnlyList<(int Index, string? Error)> WaitNextTool(PythonRuntime runtime, IReadOnlyList<PyObject?> futures, TimeSpan timeout, IReadOnlyList<string> paths) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            var (list, indices) = Live(futures);
            using var _ = list;
            using var live = new PyList();
            foreach (var i in indices)
            {
                using var p = new PyString(paths[i]);
                live.Append(p);
            }

            using var seconds = new PyFloat(timeout.TotalSeconds);
            using var wait = cluster.GetAttr("wait_next_tool");
            using var done = wait.Invoke(list, seconds, live);
            var result = new List<(int, string?)>();
            using var iterator = done.GetIterator();
            while (iterator.MoveNext())
            {
                using var item = iterator.Current;
                using var index = item.GetItem(0);
                using var error = item.GetItem(1);
                result.Add((indices[index.As<int>()], error.IsNone() ? null : error.As<string>()));
            }

            return (IReadOnlyList<(int, string?)>)result;
        });

    /// <summary>Submits one chunk; the future is owned by the caller (dispose it with <see cref="Release"/>).</summary>
    public static PyObject Submit(PythonRuntime runtime, GridSearchCall call) =>
        runtime.Invoke(() =>
        {
            var (args, kwargs) = PyRatesBridge.Arguments(runtime.Bridge, call);
            try
            {
                using var cluster = Py.Import("tvbo_pyrates.cluster");
                using var submit = cluster.GetAttr("submit");
                return submit.Invoke(args, kwargs);
            }
            finally
            {
                PyRatesBridge.Dispose(args, kwargs);
            }
        });

    /// <summary>Waits up to <paramref name="timeout"/> for any of the futures (null slots are done) and returns the
    /// finished ones: their index and output, or the error text of a failed task.</summary>
    public static IReadOnlyList<(int Index, GridSearchOutput? Output, string? Error)> WaitNext(PythonRuntime runtime, IReadOnlyList<PyObject?> futures, TimeSpan timeout) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            var (list, indices) = Live(futures);
            using var _ = list;
            using var seconds = new PyFloat(timeout.TotalSeconds);
            using var wait = cluster.GetAttr("wait_next");
            using var done = wait.Invoke(list, seconds);
            var result = new List<(int, GridSearchOutput?, string?)>();
            using var iterator = done.GetIterator();
            while (iterator.MoveNext())
            {
                using var item = iterator.Current;
                using var index = item.GetItem(0);
                using var output = item.GetItem(1);
                using var error = item.GetItem(2);
                result.Add((indices[index.As<int>()], output.IsNone() ? null : PyRatesBridge.Convert(output), error.IsNone() ? null : error.As<string>()));
            }

            return (IReadOnlyList<(int, GridSearchOutput?, string?)>)result;
        });

    /// <summary>Cancels every future still pending.</summary>
    public static void Cancel(PythonRuntime runtime, IReadOnlyList<PyObject?> futures) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            var (list, _) = Live(futures);
            using var __ = list;
            using var cancel = cluster.GetAttr("cancel");
            cancel.Invoke(list).Dispose();
        });

    /// <summary>Releases futures (on the Python thread).</summary>
    public static void Release(PythonRuntime runtime, IEnumerable<PyObject?> futures)
    {
        var list = futures.Where(f => f is not null).ToArray();
        if (list.Length > 0)
        {
            runtime.Invoke(() =>
            {
                foreach (var f in list)
                {
                    f!.Dispose();
                }
            });
        }
    }

    /// <summary>Closes the client and a LocalCluster this process started, so its worker processes end.</summary>
    public static void Close(PythonRuntime runtime) =>
        runtime.Invoke(() =>
        {
            using var cluster = Py.Import("tvbo_pyrates.cluster");
            using var close = cluster.GetAttr("close");
            close.Invoke().Dispose();
        });

    /// <summary>The live futures as a Python list, and the index of each in <paramref name="futures"/>.</summary>
    private static (PyList List, int[] Indices) Live(IReadOnlyList<PyObject?> futures)
    {
        var list = new PyList();
        var indices = new List<int>();
        for (var i = 0; i < futures.Count; i++)
        {
            if (futures[i] is { } f)
            {
                list.Append(f);
                indices.Add(i);
            }
        }

        return (list, indices.ToArray());
    }

    private static IEnumerable<string> ListOf(PyObject sequence)
    {
        var list = new List<string>();
        using var iterator = sequence.GetIterator();
        while (iterator.MoveNext())
        {
            using var item = iterator.Current;
            list.Add(item.As<string>());
        }

        return list;
    }
}
