using System.Globalization;
using PureHDF;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// Reads the NetCDF files <see cref="NetCdfResultWriter"/> writes (with PureHDF). A file is input, so it is checked
/// as it is read, as the CSV folders are (<see cref="ResultFileCheck"/>): every attribute of the kind and within the
/// bounds the writer gives it, every variable of the type and dimensions the grid, the time and the nodes give, and no
/// larger than the file can hold, before it is read; the condition coordinate 0 … n − 1; failures' conditions within
/// the grid. A file PureHDF cannot decode (truncated, damaged, not HDF5) is refused in Tvbo's words, naming the file.
/// </summary>
internal static class NetCdfResultReader
{
    private static readonly Dictionary<string, string> MetadataKeys = new(StringComparer.Ordinal)
    {
        ["stepSize"] = "step_size",
        ["samplingStepSize"] = "sampling_step_size",
        ["duration"] = "duration",
        ["transientTime"] = "transient_time",
        ["relativeTolerance"] = "rtol",
        ["absoluteTolerance"] = "atol",
        ["summaryWindow"] = "summary_window_fraction",
        ["conditionStart"] = "condition_start",
        ["conditionStop"] = "condition_stop",
        ["software"] = "software",
    };

    /// <summary>The most deflate compresses (zlib's bound: 1032 to 1), so the most values a chunked, compressed
    /// variable can hold per byte of the file.</summary>
    private const int MaxDeflateRatio = 1032;

    public static LoadedResult Read(string path) => Open(path, Read);

    /// <summary>Opens a file Tvbo wrote as NetCDF and reads it through <paramref name="read"/>, every attribute and
    /// variable checked (<see cref="Source"/>): a file that cannot be opened or decoded is refused in Tvbo's words,
    /// naming the file.</summary>
    internal static T Open<T>(string path, Func<Source, T> read)
    {
        CsvResultReader.CheckReadable(path, null);
        try
        {
            using var file = H5File.OpenRead(path);
            return read(new Source(file, path, new FileInfo(path).Length));
        }
        catch (ResultFileException)
        {
            throw;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ResultFileException($"'{path}' cannot be read: permission denied; give a result file you may read.", path, ex);
        }
        catch (Exception ex)
        {
            throw Damaged(path, ex);
        }
    }

    /// <summary>A file whose HDF5 structure PureHDF cannot decode, in Tvbo's words (PureHDF's are not shown).</summary>
    private static ResultFileException Damaged(string path, Exception ex) => new(
        ex is EndOfStreamException
            ? $"'{path}' is truncated: its HDF5 structure refers to data past the end of the file; valid: the .nc file tvbo (tvbo run --format netcdf, NetCdfResultWriter) wrote, complete."
            : $"'{path}' is damaged or truncated: its HDF5 structure cannot be decoded; valid: the .nc file tvbo (tvbo run --format netcdf, NetCdfResultWriter) wrote, complete and unchanged.",
        path,
        ex);

    private static LoadedResult Read(Source file)
    {
        var path = file.Path;
        if (file.Text("tvbo_format") is ContinuationNetCdf.FormatName)
        {
            throw new ResultFileException($"'{path}' is a continuation's file, not an exploration's; read it as a continuation (ExperimentResult.Load or tvbo plot of its run folder).", path);
        }

        if (file.Text("tvbo_format") != NetCdfLayout.FormatName)
        {
            throw new ResultFileException($"'{path}' is an HDF5 file but not one Tvbo wrote (no tvbo_format = '{NetCdfLayout.FormatName}' attribute); only Tvbo's own result files can be loaded.", path);
        }

        if (file.Integer("tvbo_format_version") is { } version)
        {
            ResultFileCheck.Count(path, AttributeKey("tvbo_format_version"), version, NetCdfLayout.FormatVersion, NetCdfLayout.FormatVersion, "the version of the file's layout");
        }

        var name = ResultFileCheck.Name(path, AttributeKey("exploration"), file.Text("exploration"));
        var mode = ResultFileCheck.Word(path, AttributeKey("grid_mode"), file.Text("grid_mode"), "product", "zip") == "zip" ? ExplorationMode.Zip : ExplorationMode.Product;
        // A network's outputs are its variables at its nodes: a file with many nodes lists them only as the node
        // coordinate (an attribute holds at most a few thousand texts).
        var nodes = file.Texts("nodes");
        if (nodes.Length == 0 && file.Texts("variables").Length > 0)
        {
            // The node coordinate holds the labels (files before it did: node_label over an index).
            nodes = file.Strings(file.IsText(NetCdfLayout.Node) ? NetCdfLayout.Node : NetCdfLayout.NodeLabel, null);
        }

        var outputs = file.Texts("outputs");
        if (outputs.Length == 0 && nodes.Length > 0)
        {
            outputs = [.. file.Texts("variables").SelectMany(v => nodes.Select(n => $"{v}[{n}]"))];
        }

        ResultFileCheck.Outputs(path, AttributeKey("outputs"), outputs);
        var store = ResultFileCheck.Word(path, AttributeKey("store"), file.Text("store"), "series", "summary");
        var dt = ResultFileCheck.Dt(path, AttributeKey("dt"), file.Number("dt"));
        var backend = file.Text("backend");
        if (string.IsNullOrEmpty(backend))
        {
            throw ResultFileCheck.Fail(path, $"{AttributeKey("backend")} is {(backend is null ? "missing" : "empty")}; valid: the backend's name");
        }

        var time = file.Doubles(NetCdfLayout.Time, null);
        ResultFileCheck.Count(path, VariableKey(NetCdfLayout.Time), time.Length, 1, int.MaxValue, "the samples, one time each");
        ResultFileCheck.Time(path, VariableKey(NetCdfLayout.Time), time);

        var axisNames = file.Texts("grid_axes");
        ResultFileCheck.AxisNames(path, AttributeKey("grid_axes"), axisNames);
        foreach (var axis in axisNames)
        {
            if (axis is NetCdfLayout.Time or NetCdfLayout.Condition)
            {
                throw ResultFileCheck.Fail(path, $"{AttributeKey("grid_axes")} names '{axis}', a coordinate of every file, as a parameter; valid: the varied parameters");
            }
        }

        // Each parameter's values, in the variable of its NetCDF name (its own, dotted, in files before those).
        var axisVariables = axisNames.Select(a => file.Exists(NetCdfLayout.DimensionName(a)) || !file.Exists(a) ? NetCdfLayout.DimensionName(a) : a).ToArray();
        var axes = axisNames.Select((a, j) => new ExplorationAxis(a, file.Doubles(axisVariables[j], null))).ToArray();
        var grid = ResultFileCheck.Grid(path, AttributeKey("grid_axes"), name, file.Text("exploration_label"), mode, axes);
        int nc = grid.ConditionCount, nt = time.Length, nv = outputs.Length;
        var layout = NetCdfLayout.For(mode, axisNames, grid.Shape, nc);
        CheckConditions(file, layout, nc);

        // A network's variables hold one output per node along their last dimension, a multi-mode model's one per mode.
        var modes = file.Integer("number_of_modes");
        if (modes is { } m)
        {
            ResultFileCheck.Count(path, AttributeKey("number_of_modes"), m, 2, Files.ModelFile.ModeExpansion.MaxModes, "the model's number of modes");
        }

        var variables = nodes.Length > 0 ? file.Texts("variables") : outputs;
        var dataVariables = nodes.Length > 0 ? NetCdfLayout.Network(variables, nodes.Length) : NetCdfLayout.Singles(outputs, (int?)modes ?? 1);
        if (nodes.Length > 0 && (!NodeStructure.TryParse(outputs, out var parsedVariables, out var parsedNodes) || !parsedVariables.SequenceEqual(variables, StringComparer.Ordinal) || !parsedNodes.SequenceEqual(nodes, StringComparer.Ordinal)))
        {
            throw ResultFileCheck.Fail(path, $"{AttributeKey("variables")} over {AttributeKey("nodes")} ({ResultFileCheck.Show(variables.Length)} x {ResultFileCheck.Show(nodes.Length)}) do not give the {ResultFileCheck.Show(nv)} outputs {AttributeKey("outputs")} lists; valid: outputs 'variable[node]', every node of each variable in order");
        }

        ResultFileCheck.Values(path, $"{AttributeKey("outputs")} and the variables' dimensions", nc, store == "series" ? nt : null, nv);
        // Every summary value is in the file (float64, not compressed), every series value compressed at most as deflate
        // can: what the attributes claim must fit in it.
        ResultFileCheck.Holds(path, ((Int128)nc * 5 * nv * sizeof(double)) + ((Int128)nc * (store == "series" ? nt : 0) * nv * sizeof(double) / MaxDeflateRatio), store == "series"
            ? $"the {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nt)} samples x {ResultFileCheck.Show(nv)} outputs its attributes and variables give"
            : $"the summaries of {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nv)} outputs its attributes and variables give");
        var series = store == "summary" ? null : ReadSeries(file, dataVariables, layout, nc, nt, nv);
        var stats = ReadStatistics(file, dataVariables, layout, nc, nv);
        var window = file.Number("summary_window_fraction") ?? 0.2;
        var windowStart = file.Integer("summary_window_start");
        ResultFileCheck.Window(path, AttributeKey("summary_window_start"), windowStart, AttributeKey("summary_window_fraction"), window, nt);
        var summary = new SummaryStatistics(nc, nv, (int?)windowStart ?? SummaryStatistics.WindowStartFor(nt, window), stats[0], stats[1], stats[2], stats[3], stats[4]);
        var failures = ReadFailures(file, nc);
        var metadata = ReadMetadata(file, window) with
        {
            NumberOfModes = (int?)modes,
            Units = Symbols(file, axisNames.Zip(axisVariables).Concat(dataVariables.Select(d => (d.Name, d.Name))), "units"),
            Descriptions = Symbols(file, axisNames.Zip(axisVariables).Concat(dataVariables.Select(d => (d.Name, d.Name))), "description"),
        };
        ResultFileCheck.Metadata(path, metadata, nc, k => AttributeKey(MetadataKeys[k]));
        var result = new ExplorationResult(grid, outputs, time, dt, series, summary, failures, backend);
        if (file.Texts("events") is { Length: > 0 } events)
        {
            result = result.WithEventTimes(NetCdfEvents.Read(path, events, file.Integer("event_max_times"), file.Integer("event_time_count"), file.Doubles, file.Integers, file.Strings, layout.GridShape, nc));
        }

        var observables = ReadObservables(file, layout, nc);
        return new LoadedResult(observables.Count == 0 ? result : result.WithObservables(observables, null), metadata, ResultFormat.NetCdf, null);
    }

    // Each observable the "observables" attribute names: its dimensions (labels from <name>_<dim>_label, numbers from
    // the scale <name>_<dim>) and its values over the grid and them.
    private static Dictionary<string, ObservableResult> ReadObservables(Source file, NetCdfLayout layout, int nc)
    {
        var observables = new Dictionary<string, ObservableResult>(StringComparer.Ordinal);
        foreach (var name in file.Texts("observables"))
        {
            var dimNames = file.Texts($"observable_{name}_dims");
            var kinds = file.Texts($"observable_{name}_units");
            if (kinds.Length != dimNames.Length)
            {
                throw ResultFileCheck.Fail(file.Path, $"{AttributeKey($"observable_{name}_units")} lists {kinds.Length} dimensions and {AttributeKey($"observable_{name}_dims")} {dimNames.Length}; valid: one entry per dimension");
            }

            var dims = new List<Observables.ObservableDimension>();
            for (var k = 0; k < dimNames.Length; k++)
            {
                var scale = $"{name}_{dimNames[k]}";
                dims.Add(kinds[k] == "label"
                    ? new Observables.ObservableDimension(dimNames[k], file.Strings(scale + "_label", null), null)
                    : new Observables.ObservableDimension(dimNames[k], null, file.Doubles(scale, null), kinds[k].Length == 0 ? null : kinds[k]));
            }

            var shape = layout.GridShape.Concat(dims.Select(d => (ulong)d.Length)).ToArray();
            observables[name] = new ObservableResult(name, dims, nc, file.Doubles(name, shape));
        }

        return observables;
    }

    // The condition coordinate: 0 … n − 1 over the grid's dimensions (or as the grid's dimension itself).
    private static void CheckConditions(Source file, NetCdfLayout layout, int nc)
    {
        var conditions = file.Integers(NetCdfLayout.Condition, layout.GridShape);
        for (var c = 0; c < conditions.Length; c++)
        {
            if (conditions[c] != c)
            {
                throw ResultFileCheck.Fail(file.Path, $"{VariableKey(NetCdfLayout.Condition)}: value {ResultFileCheck.Show(c)} is {ResultFileCheck.Show(conditions[c])}; valid: the condition indices 0 to {ResultFileCheck.Show(nc - 1)} in order");
            }
        }
    }

    // A text attribute of each (symbol, variable) that has one, by symbol.
    private static Dictionary<string, string> Symbols(Source file, IEnumerable<(string Symbol, string Variable)> symbols, string attribute)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (symbol, variable) in symbols)
        {
            if (file.VariableText(variable, attribute) is { Length: > 0 } text)
            {
                result.TryAdd(symbol, text);
            }
        }

        return result;
    }

    // Every variable's series (grid..., time[, node or mode]) into the result's (condition, time, output) order.
    private static double[] ReadSeries(Source file, DataVariable[] variables, NetCdfLayout layout, int nc, int nt, int nv)
    {
        var series = new double[(long)nc * nt * nv];
        foreach (var (name, columns, extra) in variables)
        {
            var width = columns.Length;
            ulong[] dims = extra is null ? [.. layout.GridShape, (ulong)nt] : [.. layout.GridShape, (ulong)nt, (ulong)width];
            var values = file.Doubles(name, dims);
            for (long k = 0; k < (long)nc * nt; k++)
            {
                for (var n = 0; n < width; n++)
                {
                    series[(k * nv) + columns[n]] = values[(k * width) + n];
                }
            }
        }

        return series;
    }

    // The five statistics (first, final, min, max, mean), each in (condition, output) order.
    private static double[][] ReadStatistics(Source file, DataVariable[] variables, NetCdfLayout layout, int nc, int nv)
    {
        var stats = new double[NetCdfLayout.Statistics.Length][];
        for (var s = 0; s < stats.Length; s++)
        {
            stats[s] = new double[nc * nv];
            foreach (var (name, columns, extra) in variables)
            {
                var width = columns.Length;
                ulong[] dims = extra is null ? layout.GridShape : [.. layout.GridShape, (ulong)width];
                var values = file.Doubles(NetCdfLayout.SummaryName(name, NetCdfLayout.Statistics[s]), dims);
                for (var c = 0; c < nc; c++)
                {
                    for (var n = 0; n < width; n++)
                    {
                        stats[s][(c * nv) + columns[n]] = values[(c * width) + n];
                    }
                }
            }
        }

        return stats;
    }

    private static List<ConditionFailure> ReadFailures(Source file, int nc)
    {
        var failures = new List<ConditionFailure>();
        var count = file.Integer("failure_count") ?? 0;
        ResultFileCheck.Count(file.Path, AttributeKey("failure_count"), count, 0, int.MaxValue, "the number of failures");
        if (count == 0)
        {
            return failures;
        }

        ulong[] dims = [(ulong)count];
        var conditions = file.Integers(NetCdfLayout.FailureCondition, dims);
        var times = file.Doubles(NetCdfLayout.FailureTime, dims);
        var failed = file.Strings(NetCdfLayout.FailureVariable, dims);
        var reasons = file.Strings(NetCdfLayout.FailureReason, dims);
        for (var i = 0; i < conditions.Length; i++)
        {
            var where = $"{VariableKey(NetCdfLayout.FailureCondition)}, failure {ResultFileCheck.Show(i)}";
            var condition = ResultFileCheck.FailureCondition(file.Path, where, conditions[i], nc);
            if (!double.IsFinite(times[i]))
            {
                throw ResultFileCheck.Fail(file.Path, $"{VariableKey(NetCdfLayout.FailureTime)}: failure {ResultFileCheck.Show(i)} is at t = {ResultFileCheck.Show(times[i])}; valid: finite times");
            }

            if (string.IsNullOrEmpty(reasons[i]))
            {
                throw ResultFileCheck.Fail(file.Path, $"{VariableKey(NetCdfLayout.FailureReason)}: failure {ResultFileCheck.Show(i)} has no reason; valid: what happened to the condition");
            }

            failures.Add(new ConditionFailure(condition, times[i], string.IsNullOrEmpty(failed[i]) ? null : failed[i], ConditionFailure.KindOf(reasons[i]), reasons[i]));
        }

        return failures;
    }

    private static ResultMetadata ReadMetadata(Source file, double window) => new()
    {
        Model = file.Text("model"),
        ExperimentId = file.Text("experiment_id"),
        ExperimentLabel = file.Text("experiment_label"),
        ExperimentFile = file.Text("experiment_file"),
        ExperimentSha256 = file.Text("experiment_sha256"),
        BackendVersion = file.Text("backend_version"),
        Software = ResultMetadata.ParseSoftware(file.Text("software")),
        Method = file.Text("integration_method"),
        StepSize = file.Number("step_size"),
        SamplingStepSize = file.Number("sampling_step_size"),
        Duration = file.Number("duration"),
        TransientTime = file.Number("transient_time"),
        TimeUnit = file.Text("time_unit"),
        Noise = file.Text("noise"),
        NoiseSeed = file.Integer("noise_seed"),
        Inputs = file.Text("inputs"),
        ConditionStart = ConditionIndex(file, "condition_start"),
        ConditionStop = ConditionIndex(file, "condition_stop"),
        RelativeTolerance = file.Number("rtol"),
        AbsoluteTolerance = file.Number("atol"),
        SummaryWindow = window,
    };

    private static int? ConditionIndex(Source file, string name)
    {
        if (file.Integer(name) is not { } value)
        {
            return null;
        }

        ResultFileCheck.Count(file.Path, AttributeKey(name), value, 0, ExplorationGrid.MaxConditions, "a condition of the whole grid");
        return (int)value;
    }

    internal static string AttributeKey(string name) => $"attribute \"{name}\"";

    internal static string VariableKey(string name) => $"variable \"{name}\"";

    /// <summary>The file, read through checks: each attribute and variable of the kind the writer gives it, and no
    /// variable larger than the file can hold, checked before it is read.</summary>
    internal sealed class Source(IH5Group file, string path, long length)
    {
        public string Path { get; } = path;

        /// <summary>A text attribute, or <see langword="null"/> when the file has none.</summary>
        public string? Text(string name) =>
            Find(name, true, "text", t => t.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength) is { } a
                ? Guard(AttributeKey(name), "text", () => a.Read<string>())
                : null;

        /// <summary>A list of texts, empty when the file has none.</summary>
        public string[] Texts(string name) =>
            Find(name, false, "a list of texts", t => t.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength) is { } a
                ? Guard(AttributeKey(name), "a list of texts", () => a.Read<string[]>())
                : [];

        /// <summary>A number attribute, or <see langword="null"/> when the file has none.</summary>
        public double? Number(string name)
        {
            if (Find(name, true, "a number", t => t.Class is H5DataTypeClass.FloatingPoint or H5DataTypeClass.FixedPoint) is not { } a)
            {
                return null;
            }

            return Guard(AttributeKey(name), "a number", () => a.Type.Class == H5DataTypeClass.FixedPoint ? Whole(a) : a.Type.Size == 4 ? a.Read<float>() : a.Read<double>());
        }

        /// <summary>A whole-number attribute, or <see langword="null"/> when the file has none.</summary>
        public long? Integer(string name) =>
            Find(name, true, "a whole number", t => t.Class == H5DataTypeClass.FixedPoint && t.Size is 1 or 2 or 4 or 8) is { } a
                ? Guard(AttributeKey(name), "a whole number", () => Whole(a))
                : null;

        /// <summary>Whether the file has a variable (or group) of that name.</summary>
        public bool Exists(string name) => Guard(VariableKey(name), "a variable", () => file.LinkExists(name));

        /// <summary>Whether the file has a variable of texts of that name.</summary>
        public bool IsText(string name) => Guard(VariableKey(name), "a variable", () =>
            file.LinkExists(name) && file.Get(name) is IH5Dataset d && d.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength);

        /// <summary>A text attribute of a variable, or <see langword="null"/> when it has none.</summary>
        public string? VariableText(string name, string attribute) => Guard(VariableKey(name), "a variable", () =>
            file.LinkExists(name) && file.Get(name) is IH5Dataset d && d.AttributeExists(attribute)
            && d.Attribute(attribute) is { Type.Class: H5DataTypeClass.String or H5DataTypeClass.VariableLength } a
            && a.Space.Dimensions.Aggregate((Int128)1, (p, n) => p * n) == 1 && a.Type.Size <= length
                ? a.Read<string>()
                : null);

        /// <summary>A float64 variable; of <paramref name="dims"/> when given, else one-dimensional.</summary>
        public double[] Doubles(string name, ulong[]? dims) =>
            Data(name, dims, "float64 numbers", t => t.Class == H5DataTypeClass.FloatingPoint && t.Size == 8, d => d.Read<double[]>());

        /// <summary>An int32 variable of <paramref name="dims"/> (one-dimensional when null).</summary>
        public int[] Integers(string name, ulong[]? dims) =>
            Data(name, dims, "int32 numbers", t => t.Class == H5DataTypeClass.FixedPoint && t.Size == 4, d => d.Read<int[]>());

        /// <summary>An int8 variable of <paramref name="dims"/> (one-dimensional when null): the writer's booleans.</summary>
        public sbyte[] Bytes(string name, ulong[]? dims) =>
            Data(name, dims, "int8 numbers", t => t.Class == H5DataTypeClass.FixedPoint && t.Size == 1, d => d.Read<sbyte[]>());

        /// <summary>A text variable of <paramref name="dims"/> (one-dimensional when null).</summary>
        public string[] Strings(string name, ulong[]? dims) =>
            Data(name, dims, "texts", t => t.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength, d => d.Read<string[]>());

        private static long Whole(IH5Attribute a) => a.Type.Size switch
        {
            1 => a.Read<sbyte>(),
            2 => a.Read<short>(),
            4 => a.Read<int>(),
            _ => a.Read<long>(),
        };

        private IH5Attribute? Find(string name, bool scalar, string kind, Func<IH5DataType, bool> typeIs)
        {
            var key = AttributeKey(name);
            return Guard(key, kind, () =>
            {
                if (!file.AttributeExists(name))
                {
                    return null;
                }

                var a = file.Attribute(name);
                var dims = a.Space.Dimensions;
                var count = dims.Aggregate((Int128)1, (p, d) => p * d);
                var fits = scalar ? count == 1 : dims.Length == 1 && count * Math.Max(1, a.Type.Size) <= length;
                return typeIs(a.Type) && fits ? a : throw ResultFileCheck.Fail(Path, $"{key} is not {kind}; valid: {kind}, as tvbo (tvbo run --format netcdf, NetCdfResultWriter) writes it");
            });
        }

        private T[] Data<T>(string name, ulong[]? dims, string kind, Func<IH5DataType, bool> typeIs, Func<IH5Dataset, T[]> read)
        {
            var key = VariableKey(name);
            var dataset = Guard(key, kind, () =>
            {
                if (!file.LinkExists(name) || file.Get(name) is not IH5Dataset d)
                {
                    throw ResultFileCheck.Fail(Path, $"{key} is missing; valid: the variables tvbo (tvbo run --format netcdf, NetCdfResultWriter) writes (the file is incomplete, or not Tvbo's)");
                }

                var shape = d.Space.Dimensions;
                if (dims is null ? shape.Length != 1 : !shape.SequenceEqual(dims))
                {
                    var expected = dims is null ? "one dimension" : $"the dimensions ({string.Join(", ", dims)}) the grid, time and nodes give";
                    throw ResultFileCheck.Fail(Path, $"{key} has the dimensions ({string.Join(", ", shape)}); valid: {expected}");
                }

                if (!typeIs(d.Type))
                {
                    throw ResultFileCheck.Fail(Path, $"{key} does not hold {kind}; valid: {kind}, as tvbo (tvbo run --format netcdf, NetCdfResultWriter) writes them");
                }

                var count = shape.Aggregate((Int128)1, (p, n) => p * n);
                var stored = d.Layout.Class == H5DataLayoutClass.Chunked ? count * Math.Max(1, d.Type.Size) / MaxDeflateRatio : count * Math.Max(1, d.Type.Size);
                if (count > ResultFileCheck.MaxValues || stored > length)
                {
                    throw ResultFileCheck.Fail(Path, $"{key} claims {count.ToString(CultureInfo.InvariantCulture)} values, more than the file's {ResultSize.Format(length)} can hold; valid: the file as tvbo (tvbo run --format netcdf, NetCdfResultWriter) wrote it");
                }

                return d;
            });
            return Guard(key, kind, () => read(dataset));
        }

        // A read of one attribute or variable: PureHDF's errors become Tvbo's, naming the key (EndOfStream: truncated).
        private T Guard<T>(string key, string kind, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is not ResultFileException and not EndOfStreamException and not UnauthorizedAccessException)
            {
                throw new ResultFileException($"'{Path}': {key} cannot be read as {kind}: the file is damaged, or not as tvbo (tvbo run --format netcdf, NetCdfResultWriter) wrote it.", Path, ex);
            }
        }
    }
}
