using System.Globalization;
using System.Text;
using Tvbo.IO;

namespace Tvbo.Results;

/// <summary>
/// Writes an <see cref="ExplorationResult"/> as CSV files: <c>conditions.csv</c> (index, parameter values),
/// <c>series.csv</c> (column <c>time</c>, then <c>&lt;variable&gt;|&lt;condition&gt;</c> for every variable and
/// condition) when the series was stored, and <c>summary.csv</c> (<c>condition</c>, parameters, then per variable
/// <c>_first, _final, _lastP_min, _lastP_max, _lastP_mean</c> with P the window in percent). Numbers are
/// printed round-trip exact. Kept for existing callers: <see cref="CsvResultWriter"/> (namespace <c>Tvbo.IO</c>)
/// also writes <c>failures.csv</c> and <c>exploration.json</c>, offers the long and tidy layouts and is read back by
/// <see cref="ExplorationResult.Load"/>.
/// </summary>
public static class ResultCsvWriter
{
    /// <summary>Writes the files of one exploration into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="result">The result.</param>
    /// <param name="directory">The target directory.</param>
    /// <param name="summaryWindow">The summary window (fraction of samples at the end).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ExplorationResult result, string directory, double summaryWindow = 0.2)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CsvResultWriter.WriteTables(result, directory, summaryWindow);
    }

    /// <summary>Writes the condition table: <c>condition</c>, then one column per varied parameter.</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">The target.</param>
    public static void WriteConditions(ExplorationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        Copy(s => CsvResultWriter.WriteConditions(result, s), writer);
    }

    /// <summary>Writes the series: <c>time</c>, then <c>&lt;variable&gt;|&lt;condition&gt;</c> columns (variable-major).</summary>
    /// <param name="result">The result (with a stored series).</param>
    /// <param name="writer">The target.</param>
    public static void WriteSeries(ExplorationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        Copy(s => CsvResultWriter.WriteSeries(result, CsvLayout.Wide, s, CancellationToken.None), writer);
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
        Copy(s => CsvResultWriter.WriteSummary(result, summary, summaryWindow, s), writer);
    }

    /// <summary>A number printed so that parsing it gives back the same double.</summary>
    /// <param name="value">The value.</param>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Copy(Action<Stream> write, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
