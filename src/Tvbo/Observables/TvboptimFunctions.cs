using System.Globalization;

namespace Tvbo.Observables;

/// <summary>
/// The observation functions of TVBO's <c>tvboptim.observations.observation</c> module that its experiment files call
/// (<c>callable: {module: tvboptim.observations.observation, name: compute_fc}</c>), computed natively as that module
/// documents them, so those files run without TVBO's Python code: <c>compute_fc(timeseries, s_var=0, mode=0,
/// skip_t=0)</c> (the Pearson correlation of the [time, node] series after <c>skip_t</c> samples, state <c>s_var</c> of a
/// [time, state, node] input, its diagonal 0), <c>fc_corr(fc1, fc2)</c> (the Pearson correlation of two matrices'
/// entries, all of them) and <c>rmse(matrix1, matrix2)</c> (the root mean squared difference over all entries).
/// </summary>
internal static class TvboptimFunctions
{
    /// <summary>The module TVBO's files name.</summary>
    public const string Module = "tvboptim.observations.observation";

    /// <summary>The functions, by name, with their arguments in order.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Signatures = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["compute_fc"] = ["timeseries", "s_var", "mode", "skip_t"],
        ["fc_corr"] = ["fc1", "fc2"],
        ["rmse"] = ["matrix1", "matrix2"],
    };

    /// <summary>Computes one of the functions.</summary>
    /// <param name="name">Its name (a key of <see cref="Signatures"/>).</param>
    /// <param name="arguments">Its arguments by name (arrays, or numbers as 0-d arrays).</param>
    /// <exception cref="ObservableException">An argument is missing or has the wrong shape.</exception>
    public static ArrayValue Call(string name, IReadOnlyDictionary<string, ArrayValue> arguments) => name switch
    {
        "compute_fc" => ComputeFc(Required(arguments, name, "timeseries"), Integer(arguments, "s_var"), Integer(arguments, "mode"), Integer(arguments, "skip_t")),
        "fc_corr" => ArrayValue.Scalar(Correlation(Required(arguments, name, "fc1"), Required(arguments, name, "fc2"), name)),
        "rmse" => ArrayValue.Scalar(Rmse(Required(arguments, name, "matrix1"), Required(arguments, name, "matrix2"))),
        _ => throw new ObservableException($"{Module} has no function '{name}' here; the ones run natively: {string.Join(", ", Signatures.Keys)}."),
    };

    private static ArrayValue Required(IReadOnlyDictionary<string, ArrayValue> arguments, string function, string argument) =>
        arguments.TryGetValue(argument, out var v) ? v : throw new ObservableException($"{Module}.{function} needs argument '{argument}' (its arguments: {string.Join(", ", Signatures[function])}).");

    private static int Integer(IReadOnlyDictionary<string, ArrayValue> arguments, string argument)
    {
        if (!arguments.TryGetValue(argument, out var v))
        {
            return 0;
        }

        if (!v.IsScalar || v.Data[0] != Math.Floor(v.Data[0]) || v.Data[0] < 0 || v.Data[0] > int.MaxValue)
        {
            throw new ObservableException($"argument '{argument}' is {v}, not a whole number ≥ 0.");
        }

        return (int)v.Data[0];
    }

    private static ArrayValue ComputeFc(ArrayValue series, int state, int mode, int skip)
    {
        // [time, node], [time, state, node] or [time, state, node, mode], as tvboptim's _as_2d reads them.
        int time = series.Rank >= 2 ? series.Shape[0] : throw new ObservableException($"compute_fc reads a series [time, node], [time, state, node] or [time, state, node, mode], not {series.ShapeText}.");
        var states = series.Rank >= 3 ? series.Shape[1] : 1;
        var nodes = series.Rank == 2 ? series.Shape[1] : series.Shape[2];
        var modes = series.Rank == 4 ? series.Shape[3] : 1;
        if (series.Rank > 4 || state >= states || mode >= modes)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"compute_fc: s_var = {state} and mode = {mode} do not index a series of shape {series.ShapeText}."));
        }

        var n = time - skip;
        if (n < 2)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"compute_fc: skip_t = {skip} leaves {Math.Max(n, 0)} of the {time} samples; a correlation needs at least 2."));
        }

        var x = new double[n * nodes];
        for (var t = 0; t < n; t++)
        {
            for (var j = 0; j < nodes; j++)
            {
                x[(t * nodes) + j] = series.Data[((((((t + skip) * states) + state) * nodes) + j) * modes) + mode];
            }
        }

        var fc = new double[nodes * nodes];
        var context = new ObservableContext(Enumerable.Range(0, nodes).Select(j => j.ToString(CultureInfo.InvariantCulture)).ToArray(), n, 1, new Dictionary<string, double> { ["window"] = 1 }, new Dictionary<string, double[,]>());
        FunctionalConnectivityFunction.Correlations(context, x, "compute_fc", fc);
        for (var j = 0; j < nodes; j++)
        {
            fc[(j * nodes) + j] = 0;
        }

        return new ArrayValue([nodes, nodes], fc);
    }

    private static double Correlation(ArrayValue a, ArrayValue b, string function)
    {
        if (a.Data.Length != b.Data.Length)
        {
            throw new ObservableException($"{function} correlates the entries of two arrays of one size, not {a.ShapeText} and {b.ShapeText}.");
        }

        double ma = a.Data.Average(), mb = b.Data.Average(), sab = 0, saa = 0, sbb = 0;
        for (var k = 0; k < a.Data.Length; k++)
        {
            var da = a.Data[k] - ma;
            var db = b.Data[k] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }

    private static double Rmse(ArrayValue a, ArrayValue b)
    {
        if (a.Data.Length != b.Data.Length && !a.IsScalar && !b.IsScalar)
        {
            throw new ObservableException($"rmse compares two arrays of one shape, not {a.ShapeText} and {b.ShapeText}.");
        }

        var n = Math.Max(a.Data.Length, b.Data.Length);
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            var d = a.Data[a.IsScalar ? 0 : k] - b.Data[b.IsScalar ? 0 : k];
            sum += d * d;
        }

        return Math.Sqrt(sum / n);
    }
}
