using PureHDF;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>Reads the NetCDF files <see cref="NetCdfResultWriter"/> writes (with PureHDF).</summary>
internal static class NetCdfResultReader
{
    public static LoadedResult Read(string path)
    {
        CsvResultReader.CheckReadable(path, null);
        try
        {
            using var file = H5File.OpenRead(path);
            return Read(file, path);
        }
        catch (Exception ex) when (ex is not ResultFileException and not IOException and not UnauthorizedAccessException)
        {
            throw new ResultFileException($"'{path}' is not a NetCDF result file Tvbo can read: {ex.Message}", path, ex);
        }
    }

    private static LoadedResult Read(IH5Group file, string path)
    {
        if (!file.AttributeExists("tvbo_format") || file.Attribute("tvbo_format").Read<string>() != NetCdfLayout.FormatName)
        {
            throw new ResultFileException($"'{path}' is an HDF5 file but not one Tvbo wrote (no tvbo_format = '{NetCdfLayout.FormatName}' attribute); only Tvbo's own result files can be loaded.", path);
        }

        var name = Text(file, "exploration") ?? throw new ResultFileException($"'{path}' has no 'exploration' attribute; it is not a complete Tvbo result file.", path);
        var mode = Text(file, "grid_mode") == "zip" ? ExplorationMode.Zip : ExplorationMode.Product;
        var outputs = Texts(file, "outputs");
        var time = file.Dataset(NetCdfLayout.Time).Read<double[]>();
        var axes = Texts(file, "grid_axes").Select(a => new ExplorationAxis(a, file.Dataset(a).Read<double[]>())).ToArray();
        var grid = ExplorationGrid.Restore(name, Text(file, "exploration_label"), mode, axes);
        int nc = grid.ConditionCount, nt = time.Length, nv = outputs.Length;

        // A network's variables hold one output per node along their last dimension.
        var nodes = Texts(file, "nodes");
        var width = Math.Max(1, nodes.Length);
        var variables = nodes.Length > 0 ? Texts(file, "variables") : outputs;
        if (variables.Length * width != nv)
        {
            throw new ResultFileException($"'{path}': {variables.Length} variables over {width} nodes do not give the {nv} outputs it lists.", path);
        }

        var series = Text(file, "store") == "summary" ? null : ReadSeries(file, path, variables, nc, nt, nv, width);
        var stats = ReadStatistics(file, variables, nc, nv, width);
        var window = Number(file, "summary_window_fraction") ?? 0.2;
        var windowStart = Integer(file, "summary_window_start") ?? SummaryStatistics.WindowStartFor(nt, window);
        var summary = new SummaryStatistics(nc, nv, windowStart, stats[0], stats[1], stats[2], stats[3], stats[4]);
        var failures = ReadFailures(file);
        var result = new ExplorationResult(grid, outputs, time, Number(file, "dt") ?? double.NaN, series, summary, failures, Text(file, "backend") ?? string.Empty);
        return new LoadedResult(result, ReadMetadata(file, window), ResultFormat.NetCdf, null);
    }

    // Every variable's series (grid..., time[, node]) into the result's (condition, time, output) order.
    private static double[] ReadSeries(IH5Group file, string path, string[] variables, int nc, int nt, int nv, int width)
    {
        var series = new double[(long)nc * nt * nv];
        for (var v = 0; v < variables.Length; v++)
        {
            var values = file.Dataset(variables[v]).Read<double[]>();
            if (values.LongLength != (long)nc * nt * width)
            {
                throw new ResultFileException($"'{path}': variable '{variables[v]}' has {values.LongLength} values; the grid, time and nodes give {nc} x {nt} x {width}.", path);
            }

            for (long k = 0; k < (long)nc * nt; k++)
            {
                for (var n = 0; n < width; n++)
                {
                    series[(k * nv) + (v * width) + n] = values[(k * width) + n];
                }
            }
        }

        return series;
    }

    // The five statistics (first, final, min, max, mean), each in (condition, output) order.
    private static double[][] ReadStatistics(IH5Group file, string[] variables, int nc, int nv, int width)
    {
        var stats = new double[NetCdfLayout.Statistics.Length][];
        for (var s = 0; s < stats.Length; s++)
        {
            stats[s] = new double[nc * nv];
            for (var v = 0; v < variables.Length; v++)
            {
                var values = file.Dataset(NetCdfLayout.SummaryName(variables[v], NetCdfLayout.Statistics[s])).Read<double[]>();
                for (var c = 0; c < nc; c++)
                {
                    for (var n = 0; n < width; n++)
                    {
                        stats[s][(c * nv) + (v * width) + n] = values[(c * width) + n];
                    }
                }
            }
        }

        return stats;
    }

    private static List<ConditionFailure> ReadFailures(IH5Group file)
    {
        var failures = new List<ConditionFailure>();
        if ((Integer(file, "failure_count") ?? 0) > 0)
        {
            var conditions = file.Dataset(NetCdfLayout.FailureCondition).Read<int[]>();
            var times = file.Dataset(NetCdfLayout.FailureTime).Read<double[]>();
            var failed = file.Dataset(NetCdfLayout.FailureVariable).Read<string[]>();
            var reasons = file.Dataset(NetCdfLayout.FailureReason).Read<string[]>();
            for (var i = 0; i < conditions.Length; i++)
            {
                failures.Add(new ConditionFailure(conditions[i], times[i], string.IsNullOrEmpty(failed[i]) ? null : failed[i], ConditionFailure.KindOf(reasons[i]), reasons[i]));
            }
        }

        return failures;
    }

    private static ResultMetadata ReadMetadata(IH5Group file, double window) => new()
    {
        Model = Text(file, "model"),
        ExperimentId = Text(file, "experiment_id"),
        ExperimentLabel = Text(file, "experiment_label"),
        ExperimentFile = Text(file, "experiment_file"),
        ExperimentSha256 = Text(file, "experiment_sha256"),
        BackendVersion = Text(file, "backend_version"),
        Software = ResultMetadata.ParseSoftware(Text(file, "software")),
        Method = Text(file, "integration_method"),
        StepSize = Number(file, "step_size"),
        SamplingStepSize = Number(file, "sampling_step_size"),
        Duration = Number(file, "duration"),
        TransientTime = Number(file, "transient_time"),
        Noise = Text(file, "noise"),
        NoiseSeed = file.AttributeExists("noise_seed") ? file.Attribute("noise_seed").Read<long>() : null,
        Inputs = Text(file, "inputs"),
        ConditionStart = Integer(file, "condition_start"),
        ConditionStop = Integer(file, "condition_stop"),
        RelativeTolerance = Number(file, "rtol"),
        AbsoluteTolerance = Number(file, "atol"),
        SummaryWindow = window,
    };

    private static string? Text(IH5Object o, string name) => o.AttributeExists(name) ? o.Attribute(name).Read<string>() : null;

    private static string[] Texts(IH5Object o, string name) => o.AttributeExists(name) ? o.Attribute(name).Read<string[]>() : [];

    private static double? Number(IH5Object o, string name) => o.AttributeExists(name) ? o.Attribute(name).Read<double>() : null;

    private static int? Integer(IH5Object o, string name) => o.AttributeExists(name) ? o.Attribute(name).Read<int>() : null;
}
