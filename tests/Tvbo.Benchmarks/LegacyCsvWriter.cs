using System.Globalization;
using System.Text;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>
/// The CSV writer as it was before Tvbo.IO (Tvbo.Results.ResultCsvWriter at a558f68), kept as the baseline of
/// <see cref="ResultWriteBenchmarks"/>.
/// </summary>
/// <remarks>
/// Writes an <see cref="ExplorationResult"/> as CSV files: <c>conditions.csv</c> (index, parameter values),
/// <c>series.csv</c> (column <c>time</c>, then <c>&lt;variable&gt;|&lt;condition&gt;</c> for every variable and
/// condition) when the series was stored, and <c>summary.csv</c> (<c>condition</c>, parameters, then per variable
/// <c>_first, _final, _lastP_min, _lastP_max, _lastP_mean</c> with P the window in percent). Numbers are
/// printed round-trip exact.
/// </remarks>
public static class LegacyCsvWriter
{
    /// <summary>Writes the files of one exploration into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="result">The result.</param>
    /// <param name="directory">The target directory.</param>
    /// <param name="summaryWindow">The summary window (fraction of samples at the end).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ExplorationResult result, string directory, double summaryWindow = 0.2)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var path = Path.Combine(directory, "conditions.csv");
        using (var w = Open(path))
        {
            WriteConditions(result, w);
        }

        written.Add(path);
        if (result.HasSeries)
        {
            path = Path.Combine(directory, "series.csv");
            using (var w = Open(path))
            {
                WriteSeries(result, w);
            }

            written.Add(path);
        }

        path = Path.Combine(directory, "summary.csv");
        using (var w = Open(path))
        {
            WriteSummary(result, result.Summarize(summaryWindow), summaryWindow, w);
        }

        written.Add(path);
        return written;
    }

    /// <summary>Writes the condition table: <c>condition</c>, then one column per varied parameter.</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">The target.</param>
    public static void WriteConditions(ExplorationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("condition");
        foreach (var a in result.Axes)
        {
            writer.Write(',');
            writer.Write(a.Name);
        }

        writer.Write('\n');
        for (var c = 0; c < result.ConditionCount; c++)
        {
            writer.Write(c.ToString(CultureInfo.InvariantCulture));
            foreach (var v in result.ParameterValues(c))
            {
                writer.Write(',');
                writer.Write(Number(v));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the series: <c>time</c>, then <c>&lt;variable&gt;|&lt;condition&gt;</c> columns (variable-major).</summary>
    /// <param name="result">The result (with a stored series).</param>
    /// <param name="writer">The target.</param>
    public static void WriteSeries(ExplorationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        var series = result.Results.Span;
        int nc = result.ConditionCount, nt = result.SampleCount, nv = result.OutputNames.Count;
        var sb = new StringBuilder("time");
        foreach (var name in result.OutputNames)
        {
            for (var c = 0; c < nc; c++)
            {
                sb.Append(',').Append(name).Append('|').Append(c.ToString(CultureInfo.InvariantCulture));
            }
        }

        writer.Write(sb.Append('\n').ToString());
        for (var t = 0; t < nt; t++)
        {
            sb.Clear().Append(Number(result.Time.Span[t]));
            for (var v = 0; v < nv; v++)
            {
                for (var c = 0; c < nc; c++)
                {
                    sb.Append(',').Append(Number(series[(int)((((long)c * nt) + t) * nv + v)]));
                }
            }

            writer.Write(sb.Append('\n').ToString());
        }
    }

    /// <summary>Writes the summary table.</summary>
    /// <param name="result">The result (for names and parameter values).</param>
    /// <param name="summary">The summary.</param>
    /// <param name="summaryWindow">The window fraction, used in the column names.</param>
    /// <param name="writer">The target.</param>
    public static void WriteSummary(ExplorationResult result, SummaryStatistics summary, double summaryWindow, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writer);
        var pct = Math.Round(summaryWindow * 100).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder("condition");
        foreach (var a in result.Axes)
        {
            sb.Append(',').Append(a.Name);
        }

        foreach (var v in result.OutputNames)
        {
            sb.Append(CultureInfo.InvariantCulture, $",{v}_first,{v}_final,{v}_last{pct}_min,{v}_last{pct}_max,{v}_last{pct}_mean");
        }

        writer.Write(sb.Append('\n').ToString());
        var nv = result.OutputNames.Count;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            sb.Clear().Append(c.ToString(CultureInfo.InvariantCulture));
            foreach (var p in result.ParameterValues(c))
            {
                sb.Append(',').Append(Number(p));
            }

            for (var v = 0; v < nv; v++)
            {
                var i = (c * nv) + v;
                sb.Append(',').Append(Number(summary.First.Span[i])).Append(',').Append(Number(summary.Final.Span[i]))
                  .Append(',').Append(Number(summary.Min.Span[i])).Append(',').Append(Number(summary.Max.Span[i]))
                  .Append(',').Append(Number(summary.Mean.Span[i]));
            }

            writer.Write(sb.Append('\n').ToString());
        }
    }

    /// <summary>A number printed so that parsing it gives back the same double.</summary>
    /// <param name="value">The value.</param>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static StreamWriter Open(string path) => new(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
}
