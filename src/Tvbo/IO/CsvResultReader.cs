using System.Globalization;
using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>Reads the CSV folders <see cref="CsvResultWriter"/> writes.</summary>
internal static class CsvResultReader
{
    public static LoadedResult Read(string folder)
    {
        var infoPath = Path.Combine(folder, CsvExplorationInfo.FileName);
        if (!File.Exists(infoPath))
        {
            throw new ResultFileException($"'{folder}' holds no {CsvExplorationInfo.FileName}, so it is not an exploration folder written by Tvbo (give DIR/<exploration>, written by 'tvbo run --out DIR').", folder);
        }

        var info = ReadInfo(infoPath);
        var mode = info.Mode == "zip" ? ExplorationMode.Zip : ExplorationMode.Product;
        var grid = ExplorationGrid.Restore(info.Exploration, info.Label, mode, info.Axes.Select(a => new ExplorationAxis(a.Name, a.Values)).ToArray());
        int nc = grid.ConditionCount, nt = info.Samples, nv = info.Outputs.Count;
        if (nc != info.Conditions)
        {
            throw new ResultFileException($"'{infoPath}' says {info.Conditions} conditions but its axes give {nc}.", infoPath);
        }

        double[]? series = null;
        var time = info.Time;
        CsvLayout? layout = null;
        if (info.Store == "series")
        {
            layout = info.SeriesLayout switch
            {
                "long" => CsvLayout.Long,
                "tidy" => CsvLayout.Tidy,
                _ => CsvLayout.Wide,
            };
            (series, time) = ReadSeries(Path.Combine(folder, CsvResultWriter.SeriesFile), layout.Value, nc, nt, info.Outputs);
        }

        if (time is null || time.Length != nt)
        {
            throw new ResultFileException($"'{infoPath}' gives no time grid of {nt} samples.", infoPath);
        }

        var summary = ReadSummary(Path.Combine(folder, CsvResultWriter.SummaryFile), nc, nv, info.Axes.Count, info.SummaryWindowStart);
        var failures = ReadFailures(Path.Combine(folder, CsvResultWriter.FailuresFile));
        var result = new ExplorationResult(grid, info.Outputs, time, info.Dt, series, summary, failures, info.Backend);
        return new LoadedResult(result, info.Metadata ?? ResultMetadata.Empty, ResultFormat.Csv, layout);
    }

    private static CsvExplorationInfo ReadInfo(string infoPath)
    {
        CsvExplorationInfo info;
        try
        {
            CheckReadable(infoPath, MaxInfoBytes);
            info = JsonSerializer.Deserialize<CsvExplorationInfo>(File.ReadAllText(infoPath), CsvExplorationInfo.JsonOptions)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new ResultFileException($"'{infoPath}' is not valid: {ex.Message}", infoPath, ex);
        }

        if (info.Format != CsvExplorationInfo.FormatName)
        {
            throw new ResultFileException($"'{infoPath}' has format '{info.Format}', not '{CsvExplorationInfo.FormatName}'.", infoPath);
        }

        return info;
    }

    private static (double[] Series, double[] Time) ReadSeries(string path, CsvLayout layout, int nc, int nt, IReadOnlyList<string> outputs)
    {
        var series = new double[(long)nc * nt * outputs.Count];
        var time = new double[nt];
        using var reader = Open(path);
        var header = reader.ReadLine() ?? throw Bad(path, 1, "it is empty");
        var file = new SeriesFile(reader, path, series, time, nc, nt, outputs);
        switch (layout)
        {
            case CsvLayout.Wide:
                ReadWide(file, header);
                break;
            case CsvLayout.Long:
                ReadLong(file);
                break;
            default:
                ReadTidy(file, header);
                break;
        }

        return (series, time);
    }

    // time, then <variable>|<condition> columns: one row per sample.
    private static void ReadWide(SeriesFile f, string header)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        Expect(f.Path, CsvText.Split(header).Count, 1 + ((long)nc * nv), "columns in the header");
        long row = 0;
        var lineNumber = 1;
        string? line;
        while ((line = f.Reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (row >= nt)
            {
                throw Bad(f.Path, lineNumber, $"it has more than the {nt} samples the exploration has");
            }

            var t = (int)row++;
            var fields = new FieldReader(line, f.Path, lineNumber);
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

        Expect(f.Path, row, nt, "sample rows");
    }

    // condition,time,variable,value: one row per value, in the order condition, time, variable.
    private static void ReadLong(SeriesFile f)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        var series = f.Series;
        long row = 0;
        var lineNumber = 1;
        string? line;
        while ((line = f.Reader.ReadLine()) is not null)
        {
            lineNumber++;
            var k = row++;
            if (k >= series.LongLength)
            {
                throw Bad(f.Path, lineNumber, $"it has more than the {series.LongLength} rows of {nc} conditions x {nt} samples x {nv} variables");
            }

            var fields = new FieldReader(line, f.Path, lineNumber);
            var c = fields.Number();
            var tv = fields.Number();
            var name = fields.Text();
            var value = fields.Number();
            fields.End();
            var expected = k / ((long)nt * nv);
            var v = (int)(k % nv);
            if (c != expected || name != f.Outputs[v])
            {
                throw Bad(f.Path, lineNumber, $"expected condition {expected}, variable '{f.Outputs[v]}' (rows in the order condition, time, variable); got {c}, '{name}'");
            }

            series[k] = value;
            if (expected == 0)
            {
                f.Time[(int)(k / nv)] = tv;
            }
        }

        Expect(f.Path, row, series.LongLength, "rows");
    }

    // condition,time,<variables>: one row per condition and sample.
    private static void ReadTidy(SeriesFile f, string header)
    {
        int nc = f.Conditions, nt = f.Samples, nv = f.Outputs.Count;
        Expect(f.Path, CsvText.Split(header).Count, 2 + nv, "columns in the header");
        long row = 0;
        var lineNumber = 1;
        string? line;
        while ((line = f.Reader.ReadLine()) is not null)
        {
            lineNumber++;
            var k = row++;
            if (k >= (long)nc * nt)
            {
                throw Bad(f.Path, lineNumber, $"it has more than the {(long)nc * nt} rows of {nc} conditions x {nt} samples");
            }

            var fields = new FieldReader(line, f.Path, lineNumber);
            var c = fields.Number();
            var tv = fields.Number();
            if (c != k / nt)
            {
                throw Bad(f.Path, lineNumber, $"expected condition {k / nt} (rows in the order condition, time); got {c}");
            }

            if (k < nt)
            {
                f.Time[(int)k] = tv;
            }

            for (var v = 0; v < nv; v++)
            {
                f.Series[(k * nv) + v] = fields.Number();
            }

            fields.End();
        }

        Expect(f.Path, row, (long)nc * nt, "rows");
    }

    private static SummaryStatistics ReadSummary(string path, int nc, int nv, int axes, int windowStart)
    {
        double[] first = new double[nc * nv], final = new double[nc * nv], min = new double[nc * nv], max = new double[nc * nv], mean = new double[nc * nv];
        using var reader = Open(path);
        Expect(path, CsvText.Split(reader.ReadLine() ?? string.Empty).Count, 1 + axes + (5 * nv), "columns in the header");
        var c = 0;
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (c >= nc)
            {
                throw Bad(path, lineNumber, $"it has more than the {nc} conditions of the exploration");
            }

            var fields = new FieldReader(line, path, lineNumber);
            for (var j = 0; j <= axes; j++)
            {
                fields.Number();
            }

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

        Expect(path, c, nc, "condition rows");
        return new SummaryStatistics(nc, nv, windowStart, first, final, min, max, mean);
    }

    private static List<ConditionFailure> ReadFailures(string path)
    {
        var failures = new List<ConditionFailure>();
        if (!File.Exists(path))
        {
            return failures;
        }

        CheckReadable(path, null);
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = CsvText.Split(lines[i]);
            if (f.Count != 4)
            {
                throw Bad(path, i + 1, $"expected 4 fields (condition,time,variable,reason), got {f.Count}");
            }

            failures.Add(new ConditionFailure(
                int.Parse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture),
                double.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture),
                f[2].Length == 0 ? null : f[2],
                ConditionFailure.KindOf(f[3]),
                f[3]));
        }

        return failures;
    }

    private static StreamReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultFileException($"'{path}' is missing; the exploration folder is incomplete.", path);
        }

        CheckReadable(path, null);
        return new StreamReader(path, System.Text.Encoding.UTF8, false, 1 << 16);
    }

    /// <summary>The largest <c>exploration.json</c> read (64 MiB).</summary>
    private const long MaxInfoBytes = 64L << 20;

    /// <summary>A result file must be a regular file (<see cref="Files.InputFile"/>): a pipe or a link to a device
    /// named like one is refused before it is opened.</summary>
    internal static void CheckReadable(string path, long? maxBytes)
    {
        if (Files.InputFile.Problem(path, maxBytes) is { } problem)
        {
            throw new ResultFileException($"'{path}' {problem}; a result folder holds the regular files 'tvbo run --out' wrote.", path);
        }
    }

    private static void Expect(string path, long got, long expected, string what)
    {
        if (got != expected)
        {
            throw new ResultFileException($"'{path}' has {got} {what}; the exploration has {expected}.", path);
        }
    }

    private static ResultFileException Bad(string path, int line, string what) => new($"'{path}', line {line}: {what}.", path);

    /// <summary>Reads the comma-separated fields of one line in order.</summary>
    private ref struct FieldReader(string line, string path, int lineNumber)
    {
        private readonly string _line = line;
        private int _pos;
        private bool _done;

        public double Number()
        {
            var field = Next();
            return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Bad(path, lineNumber, $"'{field.ToString()}' is not a number");
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
                throw Bad(path, lineNumber, "it has more fields than expected");
            }
        }

        private ReadOnlySpan<char> Next()
        {
            if (_done)
            {
                throw Bad(path, lineNumber, "it has fewer fields than expected");
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
    private sealed record SeriesFile(StreamReader Reader, string Path, double[] Series, double[] Time, int Conditions, int Samples, IReadOnlyList<string> Outputs);
}
