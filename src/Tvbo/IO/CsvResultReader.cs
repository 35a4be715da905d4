using System.Globalization;
using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// Reads the CSV folders <see cref="CsvResultWriter"/> writes. A folder is input like any file, so it is checked as
/// it is read: <c>exploration.json</c>'s counts within what a run can produce (<see cref="ResultFileCheck"/>) before
/// anything is allocated from them; <c>conditions.csv</c> and the parameter columns of <c>summary.csv</c> equal to the
/// grid of the axes; every header as the writer writes it; each table large enough for the arrays its counts claim
/// (so memory is bounded by the files' sizes); the time grid finite and in order; every failure's condition an index
/// of the grid. A refusal is a <see cref="ResultFileException"/> naming the file, the key or line, and what is valid.
/// </summary>
internal static class CsvResultReader
{
    /// <summary>The longest a number takes in a table, with its separator.</summary>
    private const int NumberChars = RoundTripNumber.MaxLength + 1;

    /// <summary>The longest row of <c>failures.csv</c> read (a backend's message may be long, not endless).</summary>
    private const int MaxFailureChars = 1 << 20;

    /// <summary>The largest <c>exploration.json</c> read (64 MiB).</summary>
    private const long MaxInfoBytes = 64L << 20;

    private static readonly string[] RequiredKeys =
        ["format", "formatVersion", "exploration", "mode", "axes", "outputs", "conditions", "samples", "dt", "backend", "store", "summaryWindowStart", "summaryWindowFraction", "failures"];

    public static LoadedResult Read(string folder)
    {
        var infoPath = Path.Combine(folder, CsvExplorationInfo.FileName);
        if (!File.Exists(infoPath))
        {
            throw new ResultFileException($"'{folder}' holds no {CsvExplorationInfo.FileName}, so it is not an exploration folder written by Tvbo (give DIR/<exploration> of a run folder DIR: tvbo run --out DIR, ExperimentResult.Save).", folder);
        }

        var info = ReadInfo(infoPath);
        var claim = Check(info, infoPath);
        var grid = claim.Grid;
        int nc = grid.ConditionCount, nt = info.Samples;
        ReadConditions(Path.Combine(folder, CsvResultWriter.ConditionsFile), grid);

        double[]? series = null;
        var time = info.Time;
        if (claim.Layout is { } layout)
        {
            (series, time) = ReadSeries(Path.Combine(folder, CsvResultWriter.SeriesFile), layout, nc, nt, info.Outputs);
        }

        var summary = ReadSummary(Path.Combine(folder, CsvResultWriter.SummaryFile), grid, info);
        var failures = ReadFailures(Path.Combine(folder, CsvResultWriter.FailuresFile), infoPath, nc, info.Failures);
        var result = new ExplorationResult(grid, info.Outputs, time!, info.Dt, series, summary, failures, info.Backend);
        if (info.Observables is { Count: > 0 } listed)
        {
            var observables = listed.ToDictionary(o => o.Name, o => ReadObservable(folder, o, nc), StringComparer.Ordinal);
            result = result.WithObservables(observables, null);
        }

        if (info.Events is { } events)
        {
            result = result.WithEventTimes(EventCsv.Read(folder, infoPath, events, nc));
        }

        return new LoadedResult(result, info.Metadata ?? ResultMetadata.Empty, ResultFormat.Csv, claim.Layout);
    }

    // observable_<name>.csv: condition, one field per dimension, value; rows in [condition, dimensions…] order, each
    // checked against the dimensions exploration.json gives.
    private static ObservableResult ReadObservable(string folder, CsvObservableInfo info, int nc)
    {
        if (!Model.Dynamics.IsIdentifier(info.Name))
        {
            throw ResultFileCheck.Fail(Path.Combine(folder, CsvExplorationInfo.FileName), $"it names an observable '{ResultFileCheck.Show(info.Name)}'; valid: a name of letters, digits and underscores");
        }

        var dims = info.Dimensions.Select(d => new Observables.ObservableDimension(d.Name, d.Labels, d.Values, d.Unit)).ToArray();
        var path = Path.Combine(folder, ObservableCsv.FileName(info.Name));
        CheckReadable(path, null);
        var perCondition = dims.Aggregate(1L, (n, d) => n * d.Length);
        var count = nc * perCondition;
        if (count > ResultFileCheck.MaxValues)
        {
            throw ResultFileCheck.Fail(path, $"it claims {ResultFileCheck.Show(count)} values; valid: at most {ResultFileCheck.Show(ResultFileCheck.MaxValues)}");
        }

        // Every row holds at least its condition, one character per dimension and the value, with their commas and
        // the line break: a count the file cannot hold is refused before anything is allocated.
        var fields = dims.Length + 2;
        var length = new FileInfo(path).Length;
        if (count > length / (2 * fields))
        {
            throw ResultFileCheck.Fail(path, $"its dimensions in {CsvExplorationInfo.FileName} give {ResultFileCheck.Show(count)} rows, more than the file's {ResultSize.Format(length)} can hold; valid: the file as 'tvbo run' wrote it (a truncated file?)");
        }

        var values = new double[count];
        using var reader = CsvLineReader.Open(path);
        ExpectHeader(reader, new[] { "condition" }.Concat(dims.Select(d => d.Name)).Append("value"));
        var index = new int[dims.Length];
        for (long row = 0; row < count; row++)
        {
            var line = Record(reader) ?? throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it ends after {ResultFileCheck.Show(row)} of {ResultFileCheck.Show(count)} rows (a truncated file?)");
            var f = new FieldReader(line, reader, fields);
            var rest = row % perCondition;
            for (var k = dims.Length - 1; k >= 0; k--)
            {
                index[k] = (int)(rest % dims[k].Length);
                rest /= dims[k].Length;
            }

            if ((long)f.Number() != row / perCondition)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"its condition is not {ResultFileCheck.Show(row / perCondition)}; valid: the rows in condition order, as 'tvbo run' writes them");
            }

            for (var k = 0; k < dims.Length; k++)
            {
                var matches = dims[k].Labels is { } labels ? f.Text() == labels[index[k]] : f.Number().Equals(dims[k].Values![index[k]]);
                if (!matches)
                {
                    throw ResultFileCheck.FailAt(path, reader.LineNumber, $"its {dims[k].Name} is not the one exploration.json lists at this row; valid: the rows in [condition, dimensions] order");
                }
            }

            values[row] = f.Number();
            f.End();
        }

        if (Record(reader) is not null)
        {
            throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it has more than the {ResultFileCheck.Show(count)} rows its dimensions give");
        }

        return new ObservableResult(info.Name, dims, nc, values);
    }

    /// <summary>A result file must be a regular file (<see cref="Files.InputFile"/>): a pipe or a link to a device
    /// named like one is refused before it is opened.</summary>
    internal static void CheckReadable(string path, long? maxBytes)
    {
        if (Files.InputFile.Problem(path, maxBytes) is { } problem)
        {
            throw new ResultFileException($"'{path}' {problem}; a result folder holds the regular files tvbo wrote (tvbo run --out, ExperimentResult.Save).", path);
        }
    }

    private static CsvExplorationInfo ReadInfo(string path)
    {
        CheckReadable(path, MaxInfoBytes);
        var text = CsvLineReader.Guard(path, () => File.ReadAllText(path));
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ResultFileCheck.Fail(path, $"it holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; valid: one JSON object, as 'tvbo run' writes it");
            }

            foreach (var key in RequiredKeys)
            {
                if (!document.RootElement.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    throw ResultFileCheck.Fail(path, $"\"{key}\" is missing; valid: {ValidFor(key)}");
                }
            }
        }
        catch (JsonException ex)
        {
            throw ResultFileCheck.FailAt(path, (ex.LineNumber ?? 0) + 1, "it is not valid JSON; valid: the JSON object 'tvbo run' writes");
        }

        try
        {
            return JsonSerializer.Deserialize<CsvExplorationInfo>(text, CsvExplorationInfo.JsonOptions)!;
        }
        catch (JsonException ex)
        {
            var key = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "the document";
            throw ResultFileCheck.FailAt(path, (ex.LineNumber ?? 0) + 1, $"\"{ResultFileCheck.Show(key)}\" has a value of the wrong kind or out of range; valid: {ValidFor(key)}");
        }
    }

    /// <summary>What a key of <c>exploration.json</c> holds, for messages.</summary>
    private static string ValidFor(string key)
    {
        var top = key.Split('.', '[')[0];
        if (top == "metadata" && key.Length > "metadata.".Length)
        {
            return key.Split('.', '[')[1] switch
            {
                "stepSize" or "samplingStepSize" or "duration" or "transientTime" or "relativeTolerance" or "absoluteTolerance" or "summaryWindow" => "a number",
                "noiseSeed" or "conditionStart" or "conditionStop" => "a whole number",
                "software" => "an object of name: version texts",
                _ => "text",
            };
        }

        return top switch
        {
            "format" => $"'{CsvExplorationInfo.FormatName}'",
            "formatVersion" => "1",
            "exploration" => "the exploration's name",
            "mode" => "'product' or 'zip'",
            "axes" => "a list of {\"name\": text, \"values\": [numbers]}, one per varied parameter",
            "outputs" => "a list of the outputs' names",
            "conditions" => string.Create(CultureInfo.InvariantCulture, $"the number of conditions, a whole number from 1 to {ExplorationGrid.MaxConditions}"),
            "samples" => string.Create(CultureInfo.InvariantCulture, $"the samples per condition, a whole number from 1 to {int.MaxValue}"),
            "dt" => "the integration step size, a finite number > 0",
            "backend" => "the backend's name",
            "store" => "'series' or 'summary'",
            "seriesLayout" => "'wide', 'long' or 'tidy'",
            "summaryWindowStart" => "the first sample of the summary window, a whole number",
            "summaryWindowFraction" => "the summary window, a fraction in (0, 1]",
            "failures" => "the number of rows of failures.csv, a whole number",
            "time" => "a list of the sample times",
            "files" => "a list of file names",
            "metadata" => "an object of what the run recorded",
            "label" => "text",
            _ => "the document 'tvbo run' writes",
        };
    }

    /// <summary>Checks <c>exploration.json</c> on its own: counts, names, grid, step, time, window, metadata.</summary>
    private static (ExplorationGrid Grid, CsvLayout? Layout) Check(CsvExplorationInfo info, string path)
    {
        if (info.Format != CsvExplorationInfo.FormatName)
        {
            throw ResultFileCheck.Fail(path, $"\"format\" is '{ResultFileCheck.Show(info.Format ?? string.Empty)}'; valid: '{CsvExplorationInfo.FormatName}' (a CSV result folder of 'tvbo run')");
        }

        ResultFileCheck.Count(path, "\"formatVersion\"", info.FormatVersion, 1, 1, "the version of the folder's layout");
        var name = ResultFileCheck.Name(path, "\"exploration\"", info.Exploration);
        var mode = ResultFileCheck.Word(path, "\"mode\"", info.Mode, "product", "zip") == "zip" ? ExplorationMode.Zip : ExplorationMode.Product;
        var axes = info.Axes ?? [];
        for (var j = 0; j < axes.Count; j++)
        {
            if (axes[j] is not { Name: not null, Values: not null })
            {
                throw ResultFileCheck.Fail(path, string.Create(CultureInfo.InvariantCulture, $"\"axes\": axis {j} has no \"name\" or no \"values\"; valid: {ValidFor("axes")}"));
            }
        }

        ResultFileCheck.AxisNames(path, "\"axes\"", axes.Select(a => a.Name).ToArray());
        var grid = ResultFileCheck.Grid(path, "\"axes\"", name, info.Label, mode, axes.Select(a => new ExplorationAxis(a.Name, a.Values)).ToArray());
        ResultFileCheck.Count(path, "\"conditions\"", info.Conditions, 1, ExplorationGrid.MaxConditions, "the number of conditions");
        if (grid.ConditionCount != info.Conditions)
        {
            throw ResultFileCheck.Fail(path, $"\"conditions\" is {ResultFileCheck.Show(info.Conditions)}, but its \"axes\" give {ResultFileCheck.Show(grid.ConditionCount)} conditions ({grid.ShapeText}); valid: the number the axes give");
        }

        ResultFileCheck.Outputs(path, "\"outputs\"", info.Outputs);
        ResultFileCheck.Count(path, "\"samples\"", info.Samples, 1, int.MaxValue, "the samples per condition");
        ResultFileCheck.Dt(path, "\"dt\"", info.Dt);
        if (string.IsNullOrEmpty(info.Backend))
        {
            throw ResultFileCheck.Fail(path, $"\"backend\" is empty; valid: {ValidFor("backend")}");
        }

        var store = ResultFileCheck.Word(path, "\"store\"", info.Store, "series", "summary");
        CsvLayout? layout = null;
        if (store == "series")
        {
            layout = ResultFileCheck.Word(path, "\"seriesLayout\"", info.SeriesLayout ?? "wide", "wide", "long", "tidy") switch
            {
                "long" => CsvLayout.Long,
                "tidy" => CsvLayout.Tidy,
                _ => CsvLayout.Wide,
            };
            ResultFileCheck.Values(path, "\"conditions\", \"samples\" and \"outputs\"", grid.ConditionCount, info.Samples, info.Outputs.Count);
        }
        else
        {
            if (info.Time is null || info.Time.Length != info.Samples)
            {
                throw ResultFileCheck.Fail(path, $"\"time\" has {(info.Time is null ? "no" : ResultFileCheck.Show(info.Time.Length))} values, \"samples\" is {ResultFileCheck.Show(info.Samples)}; valid: a summary's folder lists the time of every sample");
            }

            ResultFileCheck.Time(path, "\"time\"", info.Time);
            ResultFileCheck.Values(path, "\"conditions\" and \"outputs\"", grid.ConditionCount, null, info.Outputs.Count);
        }

        ResultFileCheck.Window(path, "\"summaryWindowStart\"", info.SummaryWindowStart, "\"summaryWindowFraction\"", info.SummaryWindowFraction, info.Samples);
        ResultFileCheck.Count(path, "\"failures\"", info.Failures, 0, long.MaxValue, "the number of rows of failures.csv");
        if (info.Metadata is { } metadata)
        {
            ResultFileCheck.Metadata(path, metadata, grid.ConditionCount, k => $"\"metadata.{k}\"");
        }

        return (grid, layout);
    }

    /// <summary><c>conditions.csv</c>: <c>condition</c> and the axes, then one row per condition, equal to the grid.</summary>
    private static void ReadConditions(string path, ExplorationGrid grid)
    {
        using var reader = CsvLineReader.Open(path);
        var k = grid.Axes.Count;
        ExpectHeader(reader, ["condition", .. grid.ParameterNames]);
        var c = 0;
        string? line;
        while ((line = reader.ReadLine((1 + k) * NumberChars, "a row of conditions.csv")) is not null)
        {
            if (c >= grid.ConditionCount)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it has more than the {ResultFileCheck.Show(grid.ConditionCount)} conditions exploration.json gives; valid: one row per condition");
            }

            var fields = new FieldReader(line, reader, 1 + k);
            ParameterValues(ref fields, grid, c, reader);
            fields.End();
            c++;
        }

        Expect(path, c, grid.ConditionCount, "condition rows", "the conditions exploration.json gives");
    }

    /// <summary>A row's condition index and parameter values, equal to the grid's.</summary>
    private static void ParameterValues(ref FieldReader fields, ExplorationGrid grid, int c, CsvLineReader reader)
    {
        var index = fields.Number();
        if (index != c)
        {
            throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"condition is {ResultFileCheck.Show(index)}; valid: {ResultFileCheck.Show(c)} (rows in the order of the conditions)");
        }

        for (var j = 0; j < grid.Axes.Count; j++)
        {
            var value = fields.Number();
            var expected = grid.ValueAt(c, j);
            if (!value.Equals(expected))
            {
                throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"{ResultFileCheck.Show(grid.Axes[j].Name)} is {ResultFileCheck.Show(value)}, but exploration.json's axes give condition {ResultFileCheck.Show(c)} the value {ResultFileCheck.Show(expected)}; valid: the grid's values");
            }
        }
    }

    private static (double[] Series, double[] Time) ReadSeries(string path, CsvLayout layout, int nc, int nt, IReadOnlyList<string> outputs)
    {
        int nv = outputs.Count;
        using var reader = CsvLineReader.Open(path);
        var claim = $"the {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nt)} samples x {ResultFileCheck.Show(nv)} outputs exploration.json gives";
        switch (layout)
        {
            case CsvLayout.Wide:
                ResultFileCheck.Holds(path, (Int128)(nt + 1) * (1 + ((long)nc * nv)) * 2, claim);
                ExpectHeader(reader, WideHeader(outputs, nc));
                break;
            case CsvLayout.Long:
                ResultFileCheck.Holds(path, (Int128)nc * nt * nv * 8, claim);
                ExpectHeader(reader, ["condition", "time", "variable", "value"]);
                break;
            default:
                ResultFileCheck.Holds(path, (Int128)nc * nt * (2 + nv) * 2, claim);
                ExpectHeader(reader, ["condition", "time", .. outputs]);
                break;
        }

        var file = new SeriesFile(reader, new double[(long)nc * nt * nv], new double[nt], nc, nt, outputs);
        switch (layout)
        {
            case CsvLayout.Wide:
                ReadWide(file);
                break;
            case CsvLayout.Long:
                ReadLong(file);
                break;
            default:
                ReadTidy(file);
                break;
        }

        ResultFileCheck.Time(path, "the time column", file.Time);
        return (file.Series, file.Time);
    }

    private static IEnumerable<string> WideHeader(IReadOnlyList<string> outputs, int nc)
    {
        yield return "time";
        foreach (var name in outputs)
        {
            for (var c = 0; c < nc; c++)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{name}|{c}");
            }
        }
    }

    // time, then <variable>|<condition> columns: one row per sample.
    private static void ReadWide(SeriesFile f)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        var width = 1 + ((long)nc * nv);
        long row = 0;
        string? line;
        while ((line = f.Reader.ReadLine(width * NumberChars, "a row of series.csv")) is not null)
        {
            if (row >= nt)
            {
                throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"it has more than the {ResultFileCheck.Show(nt)} samples exploration.json gives; valid: one row per sample");
            }

            var t = (int)row++;
            var fields = new FieldReader(line, f.Reader, width);
            f.Time[t] = fields.Number();
            for (var v = 0; v < nv; v++)
            {
                for (var c = 0; c < nc; c++)
                {
                    f.Series[((((long)c * nt) + t) * nv) + v] = fields.Number();
                }
            }

            fields.End();
        }

        Expect(f.Reader.Path, row, nt, "sample rows", "the samples exploration.json gives");
    }

    // condition,time,variable,value: one row per value, in the order condition, time, variable.
    private static void ReadLong(SeriesFile f)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        var series = f.Series;
        var nameChars = f.Outputs.Max(n => (long)CsvText.Field(n).Length);
        long row = 0;
        string? line;
        while ((line = f.Reader.ReadLine((3 * NumberChars) + nameChars + 1, "a row of series.csv")) is not null)
        {
            var k = row++;
            if (k >= series.LongLength)
            {
                throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"it has more than the {ResultFileCheck.Show(series.LongLength)} rows of {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nt)} samples x {ResultFileCheck.Show(nv)} variables exploration.json gives; valid: one row per value");
            }

            var fields = new FieldReader(line, f.Reader, 4);
            var c = fields.Number();
            var tv = fields.Number();
            var name = fields.Text();
            var value = fields.Number();
            fields.End();
            var expected = k / ((long)nt * nv);
            var v = (int)(k % nv);
            if (c != expected || name != f.Outputs[v])
            {
                throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"condition {ResultFileCheck.Show(c)}, variable '{ResultFileCheck.Show(name)}'; valid: condition {ResultFileCheck.Show(expected)}, variable '{ResultFileCheck.Show(f.Outputs[v])}' (rows in the order condition, time, variable)");
            }

            series[k] = value;
            SampleTime(f, (int)(k / nv % nt), expected, tv);
        }

        Expect(f.Reader.Path, row, series.LongLength, "rows", "the values exploration.json gives");
    }

    // condition,time,<variables>: one row per condition and sample.
    private static void ReadTidy(SeriesFile f)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        long row = 0;
        string? line;
        while ((line = f.Reader.ReadLine((2 + nv) * (long)NumberChars, "a row of series.csv")) is not null)
        {
            var k = row++;
            if (k >= (long)nc * nt)
            {
                throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"it has more than the {ResultFileCheck.Show((long)nc * nt)} rows of {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nt)} samples exploration.json gives; valid: one row per condition and sample");
            }

            var fields = new FieldReader(line, f.Reader, 2 + nv);
            var c = fields.Number();
            var tv = fields.Number();
            if (c != k / nt)
            {
                throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"condition {ResultFileCheck.Show(c)}; valid: condition {ResultFileCheck.Show(k / nt)} (rows in the order condition, time)");
            }

            SampleTime(f, (int)(k % nt), k / nt, tv);
            for (var v = 0; v < nv; v++)
            {
                f.Series[(k * nv) + v] = fields.Number();
            }

            fields.End();
        }

        Expect(f.Reader.Path, row, (long)nc * nt, "rows", "the conditions x samples exploration.json gives");
    }

    // The rows of condition 0 give the time grid; every other condition repeats it.
    private static void SampleTime(SeriesFile f, int t, long condition, double time)
    {
        if (condition == 0)
        {
            f.Time[t] = time;
        }
        else if (!time.Equals(f.Time[t]))
        {
            throw ResultFileCheck.FailAt(f.Reader.Path, f.Reader.LineNumber, $"time is {ResultFileCheck.Show(time)}, but sample {ResultFileCheck.Show(t)} of condition 0 is at {ResultFileCheck.Show(f.Time[t])}; valid: one time grid for every condition");
        }
    }

    private static SummaryStatistics ReadSummary(string path, ExplorationGrid grid, CsvExplorationInfo info)
    {
        int nc = grid.ConditionCount, nv = info.Outputs.Count, k = grid.Axes.Count;
        using var reader = CsvLineReader.Open(path);
        // Folders written before the names stopped depending on the window say last<P>_min (P the window in percent).
        var pct = RoundTripNumber.ToText(Math.Round(info.SummaryWindowFraction * 100));
        var statistics = NetCdfLayout.Statistics;
        string[] earlier = ["first", "final", $"last{pct}_min", $"last{pct}_max", $"last{pct}_mean"];
        var width = 1 + k + (5L * nv);
        ResultFileCheck.Holds(path, (Int128)(nc + 1) * width * 2, $"the {ResultFileCheck.Show(nc)} conditions x {ResultFileCheck.Show(nv)} outputs exploration.json gives");
        ExpectHeader(
            reader,
            grid.ParameterNames.Prepend("condition").Concat(info.Outputs.SelectMany(v => statistics.Select(s => $"{v}_{s}"))),
            grid.ParameterNames.Prepend("condition").Concat(info.Outputs.SelectMany(v => earlier.Select(s => $"{v}_{s}"))));
        double[] first = new double[nc * nv], final = new double[nc * nv], min = new double[nc * nv], max = new double[nc * nv], mean = new double[nc * nv];
        var c = 0;
        string? line;
        while ((line = reader.ReadLine(width * NumberChars, "a row of summary.csv")) is not null)
        {
            if (c >= nc)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it has more than the {ResultFileCheck.Show(nc)} conditions exploration.json gives; valid: one row per condition");
            }

            var fields = new FieldReader(line, reader, width);
            ParameterValues(ref fields, grid, c, reader);
            for (var v = 0; v < nv; v++)
            {
                var i = (c * nv) + v;
                first[i] = fields.Number();
                final[i] = fields.Number();
                min[i] = fields.Number();
                max[i] = fields.Number();
                mean[i] = fields.Number();
            }

            fields.End();
            c++;
        }

        Expect(path, c, nc, "condition rows", "the conditions exploration.json gives");
        return new SummaryStatistics(nc, nv, info.SummaryWindowStart, first, final, min, max, mean);
    }

    private static List<ConditionFailure> ReadFailures(string path, string infoPath, int nc, int count)
    {
        var failures = new List<ConditionFailure>();
        if (!File.Exists(path))
        {
            return count == 0 ? failures : throw ResultFileCheck.Fail(infoPath, $"\"failures\" is {ResultFileCheck.Show(count)}, but the folder has no {CsvResultWriter.FailuresFile}; valid: the folder as 'tvbo run' wrote it");
        }

        using var reader = CsvLineReader.Open(path);
        ExpectHeader(reader, ["condition", "time", "variable", "reason"]);
        string? record;
        while ((record = Record(reader)) is not null)
        {
            if (record.Length == 0)
            {
                continue;
            }

            var at = $"line {ResultFileCheck.Show(reader.LineNumber)}";
            var f = CsvText.Split(record);
            if (f.Count != 4)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it has {ResultFileCheck.Show(f.Count)} fields; valid: 4 (condition,time,variable,reason)");
            }

            var condition = Condition(f[0], path, reader.LineNumber, nc);
            if (!double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var time) || !double.IsFinite(time))
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"time '{ResultFileCheck.Show(f[1])}' is not a finite number; valid: the time the condition failed at");
            }

            if (f[3].Length == 0)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, "the reason is empty; valid: what happened to the condition");
            }

            if (failures.Count >= count)
            {
                throw ResultFileCheck.Fail(path, $"it lists more than the {ResultFileCheck.Show(count)} failures exploration.json gives (\"failures\", {at}); valid: the failures 'tvbo run' wrote");
            }

            failures.Add(new ConditionFailure(condition, time, f[2].Length == 0 ? null : f[2], ConditionFailure.KindOf(f[3]), f[3]));
        }

        return failures.Count == count
            ? failures
            : throw ResultFileCheck.Fail(path, $"it lists {ResultFileCheck.Show(failures.Count)} failures; exploration.json's \"failures\" is {ResultFileCheck.Show(count)}; valid: the failures 'tvbo run' wrote");
    }

    /// <summary>One record of <c>failures.csv</c>: a line, joined with the next while a quoted field (a backend's
    /// message may hold line breaks) is open.</summary>
    private static string? Record(CsvLineReader reader)
    {
        var record = reader.ReadLine(MaxFailureChars, "a row of failures.csv");
        while (record is not null && record.Count(ch => ch == '"') % 2 == 1)
        {
            var next = reader.ReadLine(MaxFailureChars - record.Length, "a row of failures.csv")
                ?? throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, "a quoted field is not closed at the end of the file; valid: the file as 'tvbo run' wrote it");
            record += "\n" + next;
        }

        return record;
    }

    private static int Condition(string text, string path, long line, int nc)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c))
        {
            return ResultFileCheck.FailureCondition(path, $"line {ResultFileCheck.Show(line)}", c, nc);
        }

        var digits = text.Length > 0 && text.TrimStart('-').Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit);
        throw ResultFileCheck.FailAt(path, line, digits
            ? $"condition {ResultFileCheck.Show(text)} is not one of the exploration's; valid: a condition from 0 to {ResultFileCheck.Show(nc - 1)}"
            : $"condition '{ResultFileCheck.Show(text)}' is not a whole number; valid: a condition from 0 to {ResultFileCheck.Show(nc - 1)}");
    }

    /// <summary>The header is <paramref name="fields"/>, as the writer writes them (quoted where needed).</summary>
    private static void ExpectHeader(CsvLineReader reader, IEnumerable<string> fields, IEnumerable<string>? earlier = null)
    {
        // Enumerated twice (a wide header is generated, not held): its length, then its fields.
        long length = 0, count = 0;
        foreach (var f in fields)
        {
            length += CsvText.Field(f).Length + 1;
            count++;
        }

        var line = reader.ReadLine(length + 1024, "the header")
            ?? throw ResultFileCheck.Fail(reader.Path, "it is empty; valid: a header, then the rows 'tvbo run' wrote");

        // A header an earlier version wrote (earlier) is accepted too; a mismatch is reported against today's.
        if (HeaderMismatch(line, fields, count) is { } why && (earlier is null || HeaderMismatch(line, earlier, count) is not null))
        {
            throw ResultFileCheck.FailAt(reader.Path, 1, why);
        }
    }

    // Why the header line is not the fields, or null when it is.
    private static string? HeaderMismatch(string line, IEnumerable<string> fields, long count)
    {
        var pos = 0;
        var column = 0;
        foreach (var field in fields)
        {
            var text = CsvText.Field(field);
            var separator = column == 0 || (pos < line.Length && line[pos] == ',');
            if (column > 0 && separator)
            {
                pos++;
            }

            column++;
            if (!separator || !line.AsSpan(pos).StartsWith(text, StringComparison.Ordinal) || (pos + text.Length < line.Length && line[pos + text.Length] != ','))
            {
                var got = !separator ? "missing" : $"'{ResultFileCheck.Show(CsvText.Split(line[pos..])[0])}'";
                return $"column {ResultFileCheck.Show(column)} of the header is {got}; valid: '{ResultFileCheck.Show(field)}' (the header of the file 'tvbo run' wrote, with {ResultFileCheck.Show(count)} columns)";
            }

            pos += text.Length;
        }

        return pos != line.Length
            ? $"the header has more than {ResultFileCheck.Show(count)} columns; valid: the {ResultFileCheck.Show(count)} columns exploration.json gives"
            : null;
    }

    private static void Expect(string path, long got, long expected, string what, string valid)
    {
        if (got != expected)
        {
            throw ResultFileCheck.Fail(path, $"it has {ResultFileCheck.Show(got)} {what}; valid: {ResultFileCheck.Show(expected)}, {valid} (a shorter file is truncated)");
        }
    }

    /// <summary>Reads the comma-separated fields of one line in order.</summary>
    private ref struct FieldReader(string line, CsvLineReader reader, long count)
    {
        private readonly string _line = line;
        private int _pos;
        private bool _done;

        public double Number()
        {
            var field = Next();
            return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"'{ResultFileCheck.Show(field.ToString())}' is not a number; valid: numbers, {ResultFileCheck.Show(count)} fields a row");
        }

        public string Text()
        {
            if (_pos < _line.Length && _line[_pos] == '"')
            {
                var rest = CsvText.Split(_line[_pos..]);
                _pos += CsvText.Field(rest[0]).Length;
                if (_pos >= _line.Length)
                {
                    _done = true;
                }
                else
                {
                    _pos++; // the comma
                }

                return rest[0];
            }

            return Next().ToString();
        }

        public readonly void End()
        {
            if (!_done)
            {
                throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"it has more fields than the {ResultFileCheck.Show(count)} of a row");
            }
        }

        private ReadOnlySpan<char> Next()
        {
            if (_done)
            {
                throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"it has fewer fields than the {ResultFileCheck.Show(count)} of a row (a truncated line?)");
            }

            var rest = _line.AsSpan(_pos);
            var comma = rest.IndexOf(',');
            if (comma < 0)
            {
                _done = true;
                _pos = _line.Length;
                return rest;
            }

            _pos += comma + 1;
            return rest[..comma];
        }
    }

    // An open series.csv after its header, and the arrays its rows fill.
    private sealed record SeriesFile(CsvLineReader Reader, double[] Series, double[] Time, int Conditions, int Samples, IReadOnlyList<string> Outputs);
}
