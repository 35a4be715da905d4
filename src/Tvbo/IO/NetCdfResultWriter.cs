using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// Writes an exploration as one NetCDF4 (HDF5) file, <c>DIR/&lt;exploration&gt;.nc</c>, that
/// <c>xarray.open_dataset</c> opens directly (netCDF4 or h5netcdf engine). Layout (see the README):
/// <list type="bullet">
/// <item>one float64 variable per output with dimensions (grid..., <c>time</c>), when the series was stored; the
/// grid is <c>condition</c> (no axes, or a zip of two or more axes, each parameter then a coordinate over
/// <c>condition</c>), the parameter's name (one axis) or one dimension per axis (a product of two or more), every
/// dimension with its values as a coordinate, and <c>condition</c> (the index in C order) as a coordinate;</item>
/// <item><c>time</c> as a coordinate; summary variables <c>&lt;v&gt;_first</c>, <c>_final</c>, <c>_min</c>,
/// <c>_max</c>, <c>_mean</c> over the grid (min/max/mean over the summary window);</item>
/// <item>failures as <c>failure_condition</c>, <c>failure_time</c>, <c>failure_variable</c>, <c>failure_reason</c>
/// over a <c>failure</c> dimension (absent when nothing failed);</item>
/// <item>global attributes: model, exploration, backend and its version, software versions, method, step, sampling
/// step, duration, transient, tolerances, the experiment file and its SHA-256, the summary window.</item>
/// </list>
/// Written with PureHDF (no native HDF5 library); the series is written in blocks, checking for cancellation.
/// </summary>
public sealed class NetCdfResultWriter : IResultWriter
{
    /// <summary>The file extension.</summary>
    public const string Extension = ".nc";

    // Doubles per block of series written at once (8 MB).
    private const long BlockValues = 1 << 20;

    // Doubles per chunk of a series at most (1 MiB): one condition's whole series when it fits, else blocks of time.
    private const long ChunkValues = 1 << 17;

    // The series' filters: shuffle (bytes of equal significance together), then deflate at zlib's fastest level
    // (HDF5's standard filters 2 and 1, which netCDF-C, h5py and so xarray's engines read).
    private static readonly H5DatasetCreation Compressed = new(Filters:
    [
        new H5Filter(ShuffleFilter.Id),
        new H5Filter(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }),
    ]);

    /// <inheritdoc/>
    public ResultFormat Format => ResultFormat.NetCdf;

    /// <inheritdoc/>
    public string Description => "netcdf";

    /// <inheritdoc/>
    public IReadOnlyList<string> PlannedFiles(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [result.Name + Extension];
    }

    /// <inheritdoc/>
    public long EstimateBytes(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        long nc = result.ConditionCount, nt = result.SampleCount, nv = result.OutputNames.Count;
        var series = result.HasSeries ? nc * nt * nv * sizeof(double) : 0;
        var events = result.EventTimes is { } e ? (e.KeptCount * 32) + (nc * e.EventNames.Count * sizeof(double)) : 0;
        return series + events + (nc * nv * 5 * sizeof(double)) + (nt * sizeof(double)) + (nc * (result.Axes.Count + 1) * sizeof(double)) + (64 * 1024);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Write(ExplorationResult result, string directory, ResultMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(metadata);
        if (result.Nodes.Count == 0 && result.OutputNames.Count > NetCdfLayout.MaxListAttribute)
        {
            throw new ResultFileException($"Exploration '{result.Name}' has {result.OutputNames.Count} outputs; a NetCDF result file lists at most {NetCdfLayout.MaxListAttribute} outputs of a single system (a network's are given by its variables and nodes). Write it as CSV (CsvResultWriter; in the CLI --format csv), or record fewer outputs.", result.Name);
        }

        Directory.CreateDirectory(directory);
        var path = ResultDirectory.Inside(directory, result.Name + Extension);
        WriteFile(result, path, metadata, cancellationToken);
        return [path];
    }

    /// <summary>Writes the file of one exploration at <paramref name="path"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="path">The file to create (replaced if it exists).</param>
    /// <param name="metadata">What the file records besides the numbers.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <exception cref="ResultFileException">Two variables would have one name.</exception>
    public static void WriteFile(ExplorationResult result, string path, ResultMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(metadata);
        var modes = result.Nodes.Count == 0 ? metadata.NumberOfModes ?? 1 : 1;
        var layout = NetCdfLayout.For(result, modes);
        var options = PureHdfStringWidth.NewOptions();
        var summary = result.Summarize(metadata.SummaryWindow);
        var file = new H5File();
        AddGlobalAttributes(file, result, summary, metadata, modes);

        // 1. Dimension scales (their CLASS attribute 16 bytes wide), before anything that refers to them.
        var dataVariables = NetCdfLayout.DataVariables(result, modes);
        var scales = AddScales(file, options, result, layout, metadata, dataVariables.Any(d => d.Extra == NetCdfLayout.Mode) ? modes : 0);

        // 2. Small variables (variable-length strings again from the first one on).
        var coordinates = string.Join(' ', layout.Coordinates);
        AddGridVariables(file, options, result, layout, scales, metadata);
        AddSummaries(file, options, result, summary, metadata, dataVariables, scales, coordinates);
        AddFailures(file, options, result, scales);
        NetCdfEvents.Add(file, result, scales.Grid, scales.GridShape, v => Scale(options, v), (v, shape, dims) => v switch
        {
            double[] d => Variable(options, d, shape, dims),
            int[] i => Variable(options, i, shape, dims),
            _ => Variable(options, (string[])v, shape, dims),
        });
        AddObservables(file, options, result, scales);

        // 3. The series, one variable per output, written in blocks after the file's structure.
        var series = AddSeries(file, result, dataVariables, scales, coordinates, metadata);
        try
        {
            using var writer = file.BeginWrite(path, options);
            foreach (var (dataset, variable) in series)
            {
                WriteSeries(writer, dataset, result, variable.Columns, scales.GridShape, variable.Extra is not null, cancellationToken);
            }
        }
        catch
        {
            CsvResultWriter.TryDelete(path);
            throw;
        }
    }

    private static Scales AddScales(H5File file, H5WriteOptions options, ExplorationResult result, NetCdfLayout layout, ResultMetadata metadata, int modes)
    {
        var gridDims = new H5Dataset[layout.GridDims.Length];
        for (var d = 0; d < gridDims.Length; d++)
        {
            var name = layout.GridDims[d];
            if (name == NetCdfLayout.Condition)
            {
                gridDims[d] = Scale(options, Enumerable.Range(0, result.ConditionCount).ToArray());
                gridDims[d].Attributes["long_name"] = ScaleText(options, "condition index (C order)");
            }
            else
            {
                var axis = result.Axes.First(a => NetCdfLayout.DimensionName(a.Name) == name);
                gridDims[d] = Scale(options, axis.ExploredValues.ToArray());
                DescribeAxis(options, gridDims[d].Attributes, axis.Name, metadata);
            }

            file[name] = gridDims[d];
        }

        var timeScale = Scale(options, result.Time.ToArray());
        timeScale.Attributes["long_name"] = ScaleText(options, "time");
        timeScale.Attributes["standard_name"] = ScaleText(options, "time");
        if (CfTimeUnit(metadata.TimeUnit) is { } unit)
        {
            timeScale.Attributes["units"] = ScaleText(options, unit);
        }
        file[NetCdfLayout.Time] = timeScale;
        var nodes = result.Nodes.Count;
        H5Dataset? nodeScale = null;
        if (nodes > 0)
        {
            nodeScale = LabelScale(options, result.Nodes.ToArray());
            nodeScale.Attributes["long_name"] = ScaleText(options, "node label");
            file[NetCdfLayout.Node] = nodeScale;
        }

        H5Dataset? modeScale = null;
        if (modes > 0)
        {
            modeScale = LabelScale(options, NetCdfLayout.ModeLabels(modes));
            modeScale.Attributes["long_name"] = ScaleText(options, "mode");
            file[NetCdfLayout.Mode] = modeScale;
        }

        H5Dataset? failureScale = null;
        if (result.Failures.Count > 0)
        {
            failureScale = Scale(options, Enumerable.Range(0, result.Failures.Count).ToArray());
            file[NetCdfLayout.Failure] = failureScale;
        }

        return new Scales(gridDims, layout.GridShape, timeScale, nodeScale, nodes, modeScale, modes, failureScale);
    }

    // A parameter's CF attributes: long_name (its name and description), units when known, and its own name.
    private static void DescribeAxis(H5WriteOptions options, Dictionary<string, object> attributes, string axis, ResultMetadata metadata)
    {
        var description = metadata.Descriptions.GetValueOrDefault(axis);
        attributes["long_name"] = ScaleText(options, description is null ? $"parameter {axis}" : $"parameter {axis}: {description}");
        if (description is not null)
        {
            attributes["description"] = ScaleText(options, description);
        }

        if (metadata.Units.GetValueOrDefault(axis) is { } unit)
        {
            attributes["units"] = ScaleText(options, unit);
        }

        attributes[NetCdfLayout.AxisAttribute] = ScaleText(options, axis);
    }

    // An output's CF attributes: long_name (its description when known), units when known.
    private static void DescribeOutput(Dictionary<string, object> attributes, string output, ResultMetadata metadata)
    {
        var description = metadata.Descriptions.GetValueOrDefault(output);
        attributes["long_name"] = description is null ? output : $"{output}: {description}";
        if (description is not null)
        {
            attributes["description"] = description;
        }

        if (metadata.Units.GetValueOrDefault(output) is { } unit)
        {
            attributes["units"] = unit;
        }
    }

    // The condition index over the grid's dimensions, or (a grid over conditions) each parameter over the conditions.
    private static void AddGridVariables(H5File file, H5WriteOptions options, ExplorationResult result, NetCdfLayout layout, Scales scales, ResultMetadata metadata)
    {
        if (!layout.ConditionIsDimension)
        {
            var condition = Variable(options, Enumerable.Range(0, result.ConditionCount).ToArray(), scales.GridShape, scales.Grid);
            condition.Attributes["long_name"] = "condition index (C order)";
            file[NetCdfLayout.Condition] = condition;
            return;
        }

        for (var j = 0; j < result.Axes.Count; j++)
        {
            var values = new double[result.ConditionCount];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = result.ParameterValues(c)[j];
            }

            var axis = Variable(options, values, scales.GridShape, scales.Grid);
            DescribeAxis(options, axis.Attributes, result.Axes[j].Name, metadata);
            file[NetCdfLayout.DimensionName(result.Axes[j].Name)] = axis;
        }
    }

    // Data over the grid (and the nodes, for a network): the five statistics of every output.
    private static void AddSummaries(H5File file, H5WriteOptions options, ExplorationResult result, SummaryStatistics summary, ResultMetadata metadata, DataVariable[] dataVariables, Scales scales, string coordinates)
    {
        var statistics = new[] { summary.First, summary.Final, summary.Min, summary.Max, summary.Mean };
        var pct = RoundTripNumber.ToText(Math.Round(metadata.SummaryWindow * 100));
        foreach (var (output, columns, extra) in dataVariables)
        {
            for (var s = 0; s < statistics.Length; s++)
            {
                var stat = NetCdfLayout.Statistics[s];
                var variable = Variable(options, SummaryValues(result, statistics[s].Span, columns), scales.DataShape(extra), scales.DataDims(extra));
                if (metadata.Units.GetValueOrDefault(output) is { } unit)
                {
                    variable.Attributes["units"] = unit;
                }

                variable.Attributes["long_name"] = s switch
                {
                    0 => $"first sample of {output}",
                    1 => $"last sample of {output}",
                    _ => $"{stat} of {output} over the last {pct} % of samples (from sample {summary.WindowStart})",
                };
                variable.Attributes["statistic"] = stat;
                variable.Attributes["summary_window_start"] = summary.WindowStart;
                if (coordinates.Length > 0)
                {
                    variable.Attributes["coordinates"] = coordinates;
                }

                file[NetCdfLayout.SummaryName(output, stat)] = variable;
            }
        }
    }

    // Each observable over the grid and its own dimensions, named <observable>_<dimension> (a dimension of labels has
    // an index scale and a <observable>_<dimension>_label variable, as the nodes do; one of numbers, a scale of them).
    private static void AddObservables(H5File file, H5WriteOptions options, ExplorationResult result, Scales scales)
    {
        foreach (var o in result.Observables.Values)
        {
            var dims = new List<H5Dataset>(scales.Grid);
            var shape = new List<ulong>(scales.GridShape);
            foreach (var d in o.Dimensions)
            {
                var name = $"{o.Name}_{d.Name}";
                var scale = d.Labels is { } labels ? Scale(options, Enumerable.Range(0, labels.Count).ToArray()) : Scale(options, d.Values!.ToArray());
                if (d.Unit is { } unit)
                {
                    scale.Attributes["units"] = ScaleText(options, unit);
                }

                file[name] = scale;
                if (d.Labels is { } names)
                {
                    var label = Variable(options, names.ToArray(), [(ulong)names.Count], [scale]);
                    label.Attributes["long_name"] = $"{d.Name} of {o.Name}";
                    file[name + "_label"] = label;
                }

                dims.Add(scale);
                shape.Add((ulong)d.Length);
            }

            var variable = Variable(options, o.Values.ToArray(), [.. shape], [.. dims]);
            variable.Attributes["long_name"] = $"observable {o.Name}";
            if (o.Dimensions.Any(d => d.Labels is not null))
            {
                variable.Attributes["coordinates"] = string.Join(' ', o.Dimensions.Where(d => d.Labels is not null).Select(d => $"{o.Name}_{d.Name}_label"));
            }

            file[o.Name] = variable;
        }
    }

    // One statistic of the output's columns, condition by condition.
    private static double[] SummaryValues(ExplorationResult result, ReadOnlySpan<double> statistic, int[] columns)
    {
        var nv = result.OutputNames.Count;
        var width = columns.Length;
        var values = new double[result.ConditionCount * width];
        for (var c = 0; c < result.ConditionCount; c++)
        {
            for (var k = 0; k < width; k++)
            {
                values[(c * width) + k] = statistic[(c * nv) + columns[k]];
            }
        }

        return values;
    }

    private static void AddFailures(H5File file, H5WriteOptions options, ExplorationResult result, Scales scales)
    {
        if (scales.Failure is null)
        {
            return;
        }

        var f = result.Failures;
        H5Dataset[] dims = [scales.Failure];
        ulong[] shape = [(ulong)f.Count];
        file[NetCdfLayout.FailureCondition] = Variable(options, f.Select(x => x.Condition).ToArray(), shape, dims);
        file[NetCdfLayout.FailureTime] = Variable(options, f.Select(x => x.Time).ToArray(), shape, dims);
        file[NetCdfLayout.FailureVariable] = Variable(options, f.Select(x => x.Variable ?? string.Empty).ToArray(), shape, dims);
        file[NetCdfLayout.FailureReason] = Variable(options, f.Select(x => x.Reason).ToArray(), shape, dims);
    }

    // The series datasets (no data yet): dimensions grid..., time (and node, for a network).
    private static List<(H5Dataset<Memory<double>> Dataset, DataVariable Variable)> AddSeries(H5File file, ExplorationResult result, DataVariable[] dataVariables, Scales scales, string coordinates, ResultMetadata metadata)
    {
        var series = new List<(H5Dataset<Memory<double>> Dataset, DataVariable Variable)>();
        if (!result.HasSeries)
        {
            return series;
        }

        var gridShape = scales.GridShape;
        foreach (var variable in dataVariables)
        {
            var (output, columns, extra) = variable;
            ulong[] fileDims = extra is null ? [.. gridShape, (ulong)result.SampleCount] : [.. gridShape, (ulong)result.SampleCount, (ulong)columns.Length];
            H5ObjectReference[][] dimensionList = extra is null
                ? [.. scales.Grid.Select(d => new H5ObjectReference[] { d }), [scales.Time]]
                : [.. scales.Grid.Select(d => new H5ObjectReference[] { d }), [scales.Time], [scales.Extra(extra)]];
            var dataset = new H5Dataset<Memory<double>>(fileDims, chunks: SeriesChunks(fileDims, gridShape.Length), datasetCreation: Compressed);
            DescribeOutput(dataset.Attributes, output, metadata);
            if (coordinates.Length > 0)
            {
                dataset.Attributes["coordinates"] = coordinates;
            }

            dataset.Attributes["DIMENSION_LIST"] = new H5Attribute(dimensionList, dimensions: [(ulong)dimensionList.Length]);
            file[output] = dataset;
            series.Add((dataset, variable));
        }

        return series;
    }

    // Chunks of a series (grid..., time[, node or mode]): one condition (1 along every grid dimension), its whole
    // series (all nodes or modes) or as many samples of it as fit in ChunkValues.
    private static uint[] SeriesChunks(ulong[] fileDims, int gridRank)
    {
        var chunks = new uint[fileDims.Length];
        Array.Fill(chunks, 1u, 0, gridRank);
        var width = fileDims.Length > gridRank + 1 ? fileDims[^1] : 1;
        if (fileDims.Length > gridRank + 1)
        {
            chunks[^1] = (uint)width;
        }

        chunks[gridRank] = (uint)Math.Clamp(ChunkValues / (long)Math.Max(1UL, width), 1, (long)fileDims[gridRank]);
        return chunks;
    }

    private static void WriteSeries(H5NativeWriter writer, H5Dataset<Memory<double>> dataset, ExplorationResult result, int[] columns, ulong[] gridShape, bool nodeDimension, CancellationToken cancellationToken)
    {
        var data = result.Results.Span;
        int nc = result.ConditionCount, nt = result.SampleCount, nv = result.OutputNames.Count;
        var width = columns.Length;

        // Blocks of whole indices of the first grid dimension: boxes in the file, contiguous in C order.
        var perIndex = (int)(nc / (long)gridShape[0]);
        var indicesPerBlock = (int)Math.Clamp(BlockValues / Math.Max(1L, (long)perIndex * nt * width), 1, (long)gridShape[0]);
        var buffer = new double[(long)indicesPerBlock * perIndex * nt * width];
        var rank = gridShape.Length + (nodeDimension ? 2 : 1);
        for (var i0 = 0; i0 < (int)gridShape[0]; i0 += indicesPerBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(indicesPerBlock, (int)gridShape[0] - i0);
            var c0 = i0 * perIndex;
            var conditions = count * perIndex;
            for (var c = 0; c < conditions; c++)
            {
                var source = (long)(c0 + c) * nt * nv;
                var target = (long)c * nt * width;
                for (var t = 0; t < nt; t++)
                {
                    for (var k = 0; k < width; k++)
                    {
                        buffer[target + ((long)t * width) + k] = data[(int)(source + ((long)t * nv) + columns[k])];
                    }
                }
            }

            var starts = new ulong[rank];
            starts[0] = (ulong)i0;
            var blocks = new ulong[rank];
            blocks[0] = (ulong)count;
            for (var d = 1; d < gridShape.Length; d++)
            {
                blocks[d] = gridShape[d];
            }

            blocks[gridShape.Length] = (ulong)nt;
            if (nodeDimension)
            {
                blocks[rank - 1] = (ulong)width;
            }

            writer.Write(dataset, buffer.AsMemory(0, conditions * nt * width), fileSelection: new HyperslabSelection(rank, starts, blocks));
        }
    }

    internal static H5Dataset Scale<T>(H5WriteOptions options, T[] values)
    {
        var scale = new H5Dataset(new PureHdfStringWidth.Data<T>(options, PureHdfStringWidth.DimensionScale, values));
        scale.Attributes["CLASS"] = "DIMENSION_SCALE";
        return scale;
    }

    // A dimension scale of texts (its values variable-length strings).
    private static H5Dataset LabelScale(H5WriteOptions options, string[] labels)
    {
        var scale = new H5Dataset(new PureHdfStringWidth.Data<string>(options, PureHdfStringWidth.Variable, labels));
        scale.Attributes["CLASS"] = PureHdfStringWidth.Text(options, PureHdfStringWidth.DimensionScale, "DIMENSION_SCALE");
        return scale;
    }

    // A text attribute of a dimension scale (whose CLASS is 16 bytes wide): variable-length.
    internal static H5Attribute ScaleText(H5WriteOptions options, string text) => PureHdfStringWidth.Text(options, PureHdfStringWidth.Variable, text);

    internal static H5Dataset Variable<T>(H5WriteOptions options, T[] values, ulong[] shape, H5Dataset[] dims)
    {
        var dataset = new H5Dataset(new PureHdfStringWidth.Data<T>(options, PureHdfStringWidth.Variable, values), fileDims: shape);
        H5ObjectReference[][] dimensionList = [.. dims.Select(d => new H5ObjectReference[] { d })];
        dataset.Attributes["DIMENSION_LIST"] = new H5Attribute(dimensionList, dimensions: [(ulong)dimensionList.Length]);
        return dataset;
    }

    private static void AddGlobalAttributes(H5File file, ExplorationResult result, SummaryStatistics summary, ResultMetadata m, int modes)
    {
        var a = file.Attributes;
        a["Conventions"] = "CF-1.8";
        a["title"] = $"Tvbo exploration '{result.Name}'" + (m.Model is null ? string.Empty : $" of model '{m.Model}'");
        a["tvbo_format"] = NetCdfLayout.FormatName;
        a["tvbo_format_version"] = NetCdfLayout.FormatVersion;
        a["exploration"] = result.Name;
        Text(a, "exploration_label", result.Label);
        a["grid_mode"] = result.Grid.Mode == ExplorationMode.Zip ? "zip" : "product";
        if (result.Observables.Count > 0)
        {
            // What the reader needs to give the observables back: their names, and each one's dimensions, which of them
            // are labelled (the others are numbers) and their units ("" for none).
            a["observables"] = result.Observables.Keys.ToArray();
            foreach (var o in result.Observables.Values)
            {
                if (o.Dimensions.Count > 0)
                {
                    a[$"observable_{o.Name}_dims"] = o.Dimensions.Select(d => d.Name).ToArray();
                    a[$"observable_{o.Name}_units"] = o.Dimensions.Select(d => d.Labels is not null ? "label" : d.Unit ?? string.Empty).ToArray();
                }
            }
        }

        if (result.Axes.Count > 0)
        {
            a["grid_axes"] = result.Axes.Select(x => x.Name).ToArray();
        }

        if (result.Nodes.Count > 0)
        {
            // The outputs and nodes of a large network are too many texts for an attribute: they are then given by
            // "variables" and the node coordinate (the labels) alone.
            a["variables"] = result.Variables.ToArray();
            if (result.OutputNames.Count <= NetCdfLayout.MaxListAttribute)
            {
                a["outputs"] = result.OutputNames.ToArray();
                a["nodes"] = result.Nodes.ToArray();
            }
        }
        else
        {
            a["outputs"] = result.OutputNames.ToArray();
        }

        a["store"] = result.HasSeries ? "series" : "summary";
        a["backend"] = result.Backend;
        Text(a, "backend_version", m.BackendVersion);
        Text(a, "software", m.Software.Count == 0 ? null : m.SoftwareText);
        Text(a, "model", m.Model);
        Text(a, "experiment_id", m.ExperimentId);
        Text(a, "experiment_label", m.ExperimentLabel);
        Text(a, "experiment_file", m.ExperimentFile);
        Text(a, "experiment_sha256", m.ExperimentSha256);
        Text(a, "integration_method", m.Method);
        Number(a, "step_size", m.StepSize);
        Number(a, "sampling_step_size", m.SamplingStepSize);
        Number(a, "duration", m.Duration);
        Number(a, "transient_time", m.TransientTime);
        Text(a, "time_unit", m.TimeUnit);
        Text(a, "noise", m.Noise);
        if (m.NoiseSeed is { } seed)
        {
            a["noise_seed"] = seed;
        }

        Text(a, "inputs", m.Inputs);
        if (m.ConditionStart is { } first && m.ConditionStop is { } stop)
        {
            a["condition_start"] = first;
            a["condition_stop"] = stop;
        }
        Number(a, "rtol", m.RelativeTolerance);
        Number(a, "atol", m.AbsoluteTolerance);
        a["dt"] = result.Dt;
        if (modes > 1)
        {
            a["number_of_modes"] = modes;
        }

        a["summary_window_fraction"] = m.SummaryWindow;
        a["summary_window_start"] = summary.WindowStart;
        a["failure_count"] = result.Failures.Count;
    }

    internal static void Text(Dictionary<string, object> attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes[name] = value;
        }
    }

    /// <summary>The time coordinate's CF <c>units</c>: the experiment's unit in UDUNITS' short form (<c>ms</c>, <c>s</c>,
    /// <c>us</c>, <c>min</c>, <c>h</c>), which xarray keeps as numbers; a spelled-out <c>milliseconds</c> would make
    /// xarray decode the times into timedeltas and break <c>sel(time=12.5)</c>. No unit when the experiment names
    /// none (the model's own, not invented).</summary>
    internal static string? CfTimeUnit(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "millisecond" or "milliseconds" or "msec" => "ms",
        "second" or "seconds" or "sec" => "s",
        "microsecond" or "microseconds" or "µs" => "us",
        "minute" or "minutes" => "min",
        "hour" or "hours" => "h",
        var u => u,
    };

    private static void Number(Dictionary<string, object> attributes, string name, double? value)
    {
        if (value is { } v)
        {
            attributes[name] = v;
        }
    }

    // The file's dimension scales: the grid's (with its shape), time, and node, mode and failure when there are any.
    private sealed record Scales(H5Dataset[] Grid, ulong[] GridShape, H5Dataset Time, H5Dataset? Node, int Nodes, H5Dataset? Mode, int Modes, H5Dataset? Failure)
    {
        // The last dimension of a data variable (node or mode).
        public H5Dataset Extra(string extra) => (extra == NetCdfLayout.Node ? Node : Mode)!;

        // The dimensions of data over the grid (and the nodes or modes, for a variable of several outputs).
        public ulong[] DataShape(string? extra) => extra is null ? GridShape : [.. GridShape, (ulong)(extra == NetCdfLayout.Node ? Nodes : Modes)];

        public H5Dataset[] DataDims(string? extra) => extra is null ? Grid : [.. Grid, Extra(extra)];
    }
}
