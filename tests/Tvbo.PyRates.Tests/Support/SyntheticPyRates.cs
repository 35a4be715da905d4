using Python.Runtime;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>
/// Builds, with numpy and pandas only, the two objects <c>pyrates.grid_search</c> returns — results with 4-level
/// MultiIndex columns <c>(output, '&lt;circuit&gt;_&lt;k&gt;', node, 'op/var')</c> grouped by output then condition (flat
/// columns for one condition), and the parameter table indexed by <c>&lt;circuit&gt;_&lt;k&gt;</c> — and runs them through
/// the bridge's <c>collect</c>. Every sample encodes its condition's parameters, its sample index and its output, so
/// the tests can check where each value lands. No PyRates numbers are imitated: only the container format.
/// </summary>
internal static class SyntheticPyRates
{
    public const string Code = """
        import numpy as np, pandas as pd
        import tvbo_pyrates

        def encode(params, k, o):
            return float(k) * 1e9 + o * 0.5 + sum(float(p) * 1000.0 ** j for j, p in enumerate(params))

        def make_frames(keys, axes, conds, n_time, outputs, mode, circuit="circ"):
            if mode == "meshgrid":
                # PyRates' permute_grid=True: np.meshgrid with its default 'xy' indexing, stacked and flattened.
                grid = np.stack(np.meshgrid(*[np.asarray(a, dtype=float) for a in axes]), -1).reshape(-1, len(keys))
            else:
                grid = np.asarray(conds, dtype=float).reshape(-1, len(keys))
                if mode == "shuffled":
                    grid = grid[np.random.default_rng(7).permutation(len(grid))]
            names = [f"{circuit}_{i}" for i in range(len(grid))]
            table = pd.DataFrame(grid, columns=list(keys), index=names)
            time = np.linspace(0.0, 1.0, n_time, endpoint=False)
            data, cols = [], []
            for o, out in enumerate(outputs):
                for i, name in enumerate(names):
                    cols.append((out, name, "p", f"op/{out}"))
                    data.append(np.array([encode(grid[i], k, o) for k in range(n_time)]))
            if len(names) == 1:
                columns = pd.Index(list(outputs))
            else:
                columns = pd.MultiIndex.from_tuples(cols)
            results = pd.DataFrame(np.asarray(data).T, columns=columns, index=time)
            return results, table
        """;

    /// <summary>The value <c>encode</c> gives a sample.</summary>
    public static double Encode(ReadOnlySpan<double> parameters, int sample, int output)
    {
        var v = (sample * 1e9) + (output * 0.5);
        var scale = 1.0;
        foreach (var p in parameters)
        {
            v += p * scale;
            scale *= 1000.0;
        }

        return v;
    }

    /// <summary>Builds frames and collects them; <paramref name="postprocess"/> is Python run on <c>results</c>
    /// before collecting (e.g. to plant a NaN).</summary>
    public static GridSearchOutput Collect(
        PythonRuntime runtime,
        IReadOnlyList<string> keys,
        IReadOnlyList<double[]> axes,
        double[] conditions,
        int samples,
        IReadOnlyList<string> outputs,
        string mode,
        bool summary = false,
        int windowStart = 0,
        double[]? lower = null,
        double[]? upper = null,
        string postprocess = "")
    {
        return runtime.Invoke(() =>
        {
            using var scope = Py.CreateScope();
            scope.Exec(Code);
            using var pyKeys = new PyList(keys.Select(k => (PyObject)new PyString(k)).ToArray());
            using var pyAxes = new PyList(axes.Select(a => BufferTransfer.ToNumpy(runtime.Bridge, a)).ToArray());
            using var pyConds = BufferTransfer.ToNumpy(runtime.Bridge, conditions);
            using var pyOutputs = new PyList(outputs.Select(k => (PyObject)new PyString(k)).ToArray());
            scope.Set("keys", pyKeys);
            scope.Set("axes", pyAxes);
            scope.Set("conds", pyConds);
            scope.Set("outputs", pyOutputs);
            scope.Set("n_time", samples);
            scope.Set("mode", mode);
            scope.Set("store", summary ? "summary" : "series");
            scope.Set("window_start", windowStart);
            scope.Set("lower", lower is null ? PyObject.None : BufferTransfer.ToNumpy(runtime.Bridge, lower));
            scope.Set("upper", upper is null ? PyObject.None : BufferTransfer.ToNumpy(runtime.Bridge, upper));
            scope.Exec("results, table = make_frames(keys, axes, conds, n_time, outputs, mode)\n" + postprocess + "\n" +
                       "out = tvbo_pyrates.collect(results, table, keys, conds, outputs, store=store, window_start=window_start, lower=lower, upper=upper)");
            using var output = scope.Get("out");
            return PyRatesBridge.Convert(output);
        });
    }
}
