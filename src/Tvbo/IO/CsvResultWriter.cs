using System.Text;
using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// Writes an exploration as CSV tables in <c>DIR/&lt;exploration&gt;/</c>: <c>conditions.csv</c> (<c>condition</c>,
/// then the varied parameters), <c>series.csv</c> when the series was stored (layout <see cref="CsvLayout"/>),
/// <c>summary.csv</c> (<c>condition</c>, parameters, then per variable <c>_first, _final, _min, _max, _mean</c>, min,
/// max and mean over the summary window that <c>exploration.json</c> records), <c>failures.csv</c> (<c>condition,time,variable,reason</c>) and
/// <c>exploration.json</c> (grid, outputs, step, backend, metadata: what <see cref="ResultFiles.Read"/> needs to
/// rebuild the result). Numbers are printed round-trip exact, formatted on all cores.
/// </summary>
public sealed class CsvResultWriter : IResultWriter
{
    internal const string ConditionsFile = "conditions.csv";
    internal const string SeriesFile = "series.csv";
    internal const string SummaryFile = "summary.csv";
    internal const string FailuresFile = "failures.csv";

    // Bytes a printed double takes on average in estimates (16-17 digits, point, sign or exponent, separator).
    private const int BytesPerNumber = 20;

    /// <summary>Creates the writer.</summary>
    /// <param name="layout">The layout of <c>series.csv</c>.</param>
    public CsvResultWriter(CsvLayout layout = CsvLayout.Wide)
    {
        if (!Enum.IsDefined(layout))
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Valid layouts: Wide, Long, Tidy.");
        }

        Layout = layout;
    }

    /// <summary>The layout of <c>series.csv</c>.</summary>
    public CsvLayout Layout { get; }

    /// <inheritdoc/>
    public ResultFormat Format => ResultFormat.Csv;

    /// <inheritdoc/>
    public string Description => $"csv ({Layout.ToString().ToLowerInvariant()})";

    /// <inheritdoc/>
    public IReadOnlyList<string> PlannedFiles(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = new List<string> { ConditionsFile };
        if (result.HasSeries)
        {
            names.Add(SeriesFile);
        }

        names.AddRange([SummaryFile, FailuresFile]);
        names.AddRange(result.Observables.Keys.Select(ObservableCsv.FileName));
        if (result.EventTimes is not null)
        {
            names.AddRange([EventCsv.TimesFile, EventCsv.CountsFile]);
        }

        names.Add(CsvExplorationInfo.FileName);
        return names.Select(n => $"{result.Name}/{n}").ToArray();
    }

    /// <inheritdoc/>
    public long EstimateBytes(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        long nc = result.ConditionCount, nt = result.SampleCount, nv = result.OutputNames.Count;
        var bytes = (nc * (result.Axes.Count + 1) * BytesPerNumber) + (nc * nv * 5 * BytesPerNumber) + 4096;
        if (result.EventTimes is { } events)
        {
            // events.csv: condition, name, time per row; event_counts.csv: condition, name, count per condition and event.
            var names = events.EventNames.Sum(n => (long)n.Length) / events.EventNames.Count;
            bytes += (events.KeptCount + (nc * events.EventNames.Count)) * ((2 * BytesPerNumber) + names);
        }
        if (result.HasSeries)
        {
            // Long and tidy repeat the condition and the time on every row: count their text exactly.
            var names = result.OutputNames.Sum(n => (long)Encoding.UTF8.GetByteCount(CsvText.Field(n)));
            long times = 0;
            foreach (var t in result.Time.Span)
            {
                times += RoundTripNumber.ToText(t).Length;
            }

            long conditions = 0;
            for (var c = 0; c < nc; c++)
            {
                conditions += c < 10 ? 1 : c < 100 ? 2 : c < 1000 ? 3 : c < 10000 ? 4 : c < 100000 ? 5 : c < 1000000 ? 6 : 7;
            }

            bytes += Layout switch
            {
                CsvLayout.Wide => nt * ((nc * nv) + 1) * BytesPerNumber,
                CsvLayout.Long => (nv * nt * conditions) + (nc * nv * times) + (nc * nt * names) + (nc * nt * nv * (BytesPerNumber + 4)),
                _ => (nt * conditions) + (nc * times) + (nc * nt * ((nv * BytesPerNumber) + 2)),
            };
        }

        return bytes;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Write(ExplorationResult result, string directory, ResultMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(metadata);
        var folder = ResultDirectory.Inside(directory, result.Name);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        try
        {
            var summary = result.Summarize(metadata.SummaryWindow);
            Emit(folder, ConditionsFile, written, s => WriteConditions(result, s));
            if (result.HasSeries)
            {
                Emit(folder, SeriesFile, written, s => WriteSeries(result, Layout, s, cancellationToken));
            }

            Emit(folder, SummaryFile, written, s => WriteSummary(result, summary, s));
            Emit(folder, FailuresFile, written, s => WriteFailures(result, s));
            foreach (var observable in result.Observables.Values)
            {
                Emit(folder, ObservableCsv.FileName(observable.Name), written, s => ObservableCsv.Write(observable, s, cancellationToken));
            }

            if (result.EventTimes is { } events)
            {
                Emit(folder, EventCsv.TimesFile, written, s => EventCsv.WriteTimes(events, s));
                Emit(folder, EventCsv.CountsFile, written, s => EventCsv.WriteCounts(events, s));
            }

            var files = written.Select(p => Path.GetFileName(p)).Append(CsvExplorationInfo.FileName).ToList();
            var info = Describe(result, summary, metadata, files);
            Emit(folder, CsvExplorationInfo.FileName, written, s => JsonSerializer.Serialize(s, info, CsvExplorationInfo.JsonOptions));
            return written;
        }
        catch
        {
            foreach (var path in written)
            {
                TryDelete(path);
            }

            throw;
        }
    }

    /// <summary>The condition table: <c>condition</c>, then one column per varied parameter.</summary>
    internal static void WriteConditions(ExplorationResult result, Stream output)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition");
        foreach (var a in result.Axes)
        {
            b.Byte((byte)',');
            b.Text(CsvText.Field(a.Name));
        }

        b.Byte((byte)'\n');
        output.Write(b.Written);
        ChunkedOutput.Write(output, result.ConditionCount, ChunkedOutput.ItemsPerChunk((result.Axes.Count + 1) * BytesPerNumber), (start, end, buffer) =>
        {
            for (var c = (int)start; c < end; c++)
            {
                buffer.Integer(c);
                foreach (var v in result.ParameterValues(c))
                {
                    buffer.Byte((byte)',');
                    buffer.Number(v);
                }

                buffer.Byte((byte)'\n');
            }
        }, CancellationToken.None);
    }

    /// <summary>The series in <paramref name="layout"/>.</summary>
    internal static void WriteSeries(ExplorationResult result, CsvLayout layout, Stream output, CancellationToken cancellationToken)
    {
        switch (layout)
        {
            case CsvLayout.Wide:
                WriteWide(result, output, cancellationToken);
                break;
            case CsvLayout.Long:
                WriteLong(result, output, cancellationToken);
                break;
            default:
                WriteTidy(result, output, cancellationToken);
                break;
        }
    }

    /// <summary>The summary table.</summary>
    internal static void WriteSummary(ExplorationResult result, SummaryStatistics summary, Stream output)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition");
        foreach (var a in result.Axes)
        {
            b.Byte((byte)',');
            b.Text(CsvText.Field(a.Name));
        }

        foreach (var v in result.OutputNames)
        {
            foreach (var stat in NetCdfLayout.Statistics)
            {
                b.Byte((byte)',');
                b.Text(CsvText.Field($"{v}_{stat}"));
            }
        }

        b.Byte((byte)'\n');
        output.Write(b.Written);
        var nv = result.OutputNames.Count;
        ChunkedOutput.Write(output, result.ConditionCount, ChunkedOutput.ItemsPerChunk((result.Axes.Count + 1 + (5 * nv)) * BytesPerNumber), (start, end, buffer) =>
        {
            ReadOnlySpan<double> first = summary.First.Span, final = summary.Final.Span, min = summary.Min.Span, max = summary.Max.Span, mean = summary.Mean.Span;
            for (var c = (int)start; c < end; c++)
            {
                buffer.Integer(c);
                foreach (var p in result.ParameterValues(c))
                {
                    buffer.Byte((byte)',');
                    buffer.Number(p);
                }

                for (var v = 0; v < nv; v++)
                {
                    var i = (c * nv) + v;
                    buffer.Byte((byte)',');
                    buffer.Number(first[i]);
                    buffer.Byte((byte)',');
                    buffer.Number(final[i]);
                    buffer.Byte((byte)',');
                    buffer.Number(min[i]);
                    buffer.Byte((byte)',');
                    buffer.Number(max[i]);
                    buffer.Byte((byte)',');
                    buffer.Number(mean[i]);
                }

                buffer.Byte((byte)'\n');
            }
        }, CancellationToken.None);
    }

    /// <summary>The failures: <c>condition,time,variable,reason</c> (an empty variable when none is named).</summary>
    internal static void WriteFailures(ExplorationResult result, Stream output)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition,time,variable,reason\n");
        foreach (var f in result.Failures)
        {
            b.Integer(f.Condition);
            b.Byte((byte)',');
            b.Number(f.Time);
            b.Byte((byte)',');
            b.Text(CsvText.Field(f.Variable ?? string.Empty));
            b.Byte((byte)',');
            b.Text(CsvText.Field(f.Reason));
            b.Byte((byte)'\n');
        }

        output.Write(b.Written);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void WriteWide(ExplorationResult result, Stream output, CancellationToken cancellationToken)
    {
        var series = result.Results;
        int nc = result.ConditionCount, nt = result.SampleCount, nv = result.OutputNames.Count;
        var time = result.Time;
        var header = new Utf8TextBuffer();
        header.Text("time");
        foreach (var name in result.OutputNames)
        {
            for (var c = 0; c < nc; c++)
            {
                header.Byte((byte)',');
                header.Text(CsvText.Field($"{name}|{c}"));
            }
        }

        header.Byte((byte)'\n');
        output.Write(header.Written);
        ChunkedOutput.Write(output, nt, ChunkedOutput.ItemsPerChunk((((long)nc * nv) + 1) * BytesPerNumber), (start, end, b) =>
        {
            ReadOnlySpan<double> s = series.Span, times = time.Span;
            for (var t = (int)start; t < end; t++)
            {
                b.Number(times[t]);
                for (var v = 0; v < nv; v++)
                {
                    for (var c = 0; c < nc; c++)
                    {
                        b.CommaNumber(s[(int)((((long)c * nt) + t) * nv) + v]);
                    }
                }

                b.Byte((byte)'\n');
            }
        }, cancellationToken);
    }

    private static void WriteLong(ExplorationResult result, Stream output, CancellationToken cancellationToken)
    {
        var series = result.Results;
        int nt = result.SampleCount, nv = result.OutputNames.Count;
        var times = TimeTexts(result.Time.Span);
        var names = result.OutputNames.Select(n => Encoding.UTF8.GetBytes(CsvText.Field(n))).ToArray();
        output.Write("condition,time,variable,value\n"u8);
        ChunkedOutput.Write(output, (long)result.ConditionCount * nt, ChunkedOutput.ItemsPerChunk(nv * 48L), (start, end, b) =>
        {
            var s = series.Span;
            for (var k = start; k < end; k++)
            {
                var c = k / nt;
                var t = (int)(k - (c * nt));
                for (var v = 0; v < nv; v++)
                {
                    b.Integer(c);
                    b.Byte((byte)',');
                    b.Bytes(times[t]);
                    b.Byte((byte)',');
                    b.Bytes(names[v]);
                    b.Byte((byte)',');
                    b.Number(s[(int)((k * nv) + v)]);
                    b.Byte((byte)'\n');
                }
            }
        }, cancellationToken);
    }

    private static void WriteTidy(ExplorationResult result, Stream output, CancellationToken cancellationToken)
    {
        var series = result.Results;
        int nt = result.SampleCount, nv = result.OutputNames.Count;
        var times = TimeTexts(result.Time.Span);
        var header = new Utf8TextBuffer();
        header.Text("condition,time");
        foreach (var name in result.OutputNames)
        {
            header.Byte((byte)',');
            header.Text(CsvText.Field(name));
        }

        header.Byte((byte)'\n');
        output.Write(header.Written);
        ChunkedOutput.Write(output, (long)result.ConditionCount * nt, ChunkedOutput.ItemsPerChunk((nv + 2) * (long)BytesPerNumber), (start, end, b) =>
        {
            var s = series.Span;
            for (var k = start; k < end; k++)
            {
                var c = k / nt;
                b.Integer(c);
                b.Byte((byte)',');
                b.Bytes(times[(int)(k - (c * nt))]);
                for (var v = 0; v < nv; v++)
                {
                    b.CommaNumber(s[(int)((k * nv) + v)]);
                }

                b.Byte((byte)'\n');
            }
        }, cancellationToken);
    }

    private static byte[][] TimeTexts(ReadOnlySpan<double> time)
    {
        var texts = new byte[time.Length][];
        for (var t = 0; t < time.Length; t++)
        {
            texts[t] = Encoding.ASCII.GetBytes(RoundTripNumber.ToText(time[t]));
        }

        return texts;
    }

    private static void Emit(string folder, string name, List<string> written, Action<Stream> body)
    {
        var path = Path.Combine(folder, name);
        written.Add(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        body(stream);
    }

    private CsvExplorationInfo Describe(ExplorationResult result, SummaryStatistics summary, ResultMetadata metadata, List<string> files) => new()
    {
        Exploration = result.Name,
        Label = result.Label,
        Mode = result.Grid.Mode == ExplorationMode.Zip ? "zip" : "product",
        Axes = result.Axes.Select(a => new CsvAxisInfo { Name = a.Name, Values = a.ExploredValues.ToArray() }).ToList(),
        Outputs = result.OutputNames.ToList(),
        Conditions = result.ConditionCount,
        Samples = result.SampleCount,
        Dt = result.Dt,
        Backend = result.Backend,
        Store = result.HasSeries ? "series" : "summary",
        SeriesLayout = result.HasSeries ? Layout.ToString().ToLowerInvariant() : null,
        SummaryWindowStart = summary.WindowStart,
        SummaryWindowFraction = metadata.SummaryWindow,
        Failures = result.Failures.Count,
        Time = result.HasSeries ? null : result.Time.ToArray(),
        Files = files,
        Metadata = metadata,
        Events = result.EventTimes is { } events ? EventCsv.Describe(events) : null,
        Observables = result.Observables.Count == 0 ? null : result.Observables.Values.Select(o => new CsvObservableInfo
        {
            Name = o.Name,
            Dimensions = o.Dimensions.Select(d => new CsvObservableDimension { Name = d.Name, Labels = d.Labels?.ToList(), Values = d.Values?.ToArray(), Unit = d.Unit }).ToList(),
        }).ToList(),
    };
}
