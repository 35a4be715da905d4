using System.Globalization;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// The times at which a model's events fired (<see cref="EventTimes"/>) as two CSV tables beside an exploration's
/// others: <c>events.csv</c>, <c>condition,event,time</c>, one row per time kept (rows by condition, then event in
/// declaration order, then time), and <c>event_counts.csv</c>, <c>condition,event,count</c>, one row per condition and
/// event with how often it fired (also where its times were not all kept). <c>exploration.json</c>'s <c>"events"</c>
/// gives the events, the most times kept per event and condition and the rows of <c>events.csv</c>.
/// </summary>
internal static class EventCsv
{
    /// <summary>The times: <c>condition,event,time</c>.</summary>
    public const string TimesFile = "events.csv";

    /// <summary>The counts: <c>condition,event,count</c>.</summary>
    public const string CountsFile = "event_counts.csv";

    /// <summary>The longest event name read back.</summary>
    private const int MaxNameChars = 256;

    /// <summary>What <c>exploration.json</c> says of the events.</summary>
    /// <param name="events">The record.</param>
    public static CsvEventInfo Describe(EventTimes events) => new()
    {
        Names = [.. events.EventNames],
        MaxTimesPerCondition = events.MaxTimesPerCondition,
        Times = events.KeptCount,
    };

    /// <summary>Writes <c>events.csv</c>.</summary>
    public static void WriteTimes(EventTimes events, Stream output)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition,event,time\n");
        var names = events.EventNames.Select(CsvText.Field).ToArray();
        for (var c = 0; c < events.ConditionCount; c++)
        {
            for (var e = 0; e < names.Length; e++)
            {
                foreach (var t in events.TimesAt(e, c))
                {
                    b.Integer(c);
                    b.Byte((byte)',');
                    b.Text(names[e]);
                    b.Byte((byte)',');
                    b.Number(t);
                    b.Byte((byte)'\n');
                }
            }

            if (b.Written.Length > 1 << 20)
            {
                output.Write(b.Written);
                b = new Utf8TextBuffer();
            }
        }

        output.Write(b.Written);
    }

    /// <summary>Writes <c>event_counts.csv</c>.</summary>
    public static void WriteCounts(EventTimes events, Stream output)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition,event,count\n");
        var names = events.EventNames.Select(CsvText.Field).ToArray();
        for (var c = 0; c < events.ConditionCount; c++)
        {
            for (var e = 0; e < names.Length; e++)
            {
                b.Integer(c);
                b.Byte((byte)',');
                b.Text(names[e]);
                b.Byte((byte)',');
                b.Integer(events.CountAt(e, c));
                b.Byte((byte)'\n');
            }

            if (b.Written.Length > 1 << 20)
            {
                output.Write(b.Written);
                b = new Utf8TextBuffer();
            }
        }

        output.Write(b.Written);
    }

    /// <summary>Reads both tables back, checked against <paramref name="info"/> and the grid's conditions.</summary>
    /// <param name="folder">The exploration's folder.</param>
    /// <param name="infoPath">Its <c>exploration.json</c> (for messages).</param>
    /// <param name="info">What <c>exploration.json</c> says of the events.</param>
    /// <param name="conditions">The exploration's conditions.</param>
    public static EventTimes Read(string folder, string infoPath, CsvEventInfo info, int conditions)
    {
        var names = info.Names ?? [];
        if (names.Count == 0 || names.Any(n => !Model.Dynamics.IsIdentifier(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw ResultFileCheck.Fail(infoPath, "\"events.names\" is not a list of distinct event names; valid: the model's events, names of letters, digits and underscores");
        }

        ResultFileCheck.Count(infoPath, "\"events.maxTimesPerCondition\"", info.MaxTimesPerCondition, 0, int.MaxValue, "the most times kept per event and condition");
        ResultFileCheck.Count(infoPath, "\"events.times\"", info.Times, 0, Math.Min(ResultFileCheck.MaxValues, (long)names.Count * conditions * info.MaxTimesPerCondition), "the rows of events.csv, at most events x conditions x the times kept of each");
        var cells = names.Count * conditions;
        var counts = ReadCounts(Path.Combine(folder, CountsFile), names, conditions);
        var timesPath = Path.Combine(folder, TimesFile);
        using var reader = CsvLineReader.Open(timesPath);
        ResultFileCheck.Holds(timesPath, (Int128)info.Times * 6, $"the {ResultFileCheck.Show(info.Times)} rows exploration.json's \"events.times\" gives");
        Header(reader, "condition,event,time");
        var lists = new List<double>?[cells];
        long rows = 0;
        var previous = (Condition: 0, Event: 0);
        string? line;
        while ((line = reader.ReadLine(MaxNameChars + (2 * RoundTripNumber.MaxLength) + 4, "a row of events.csv")) is not null)
        {
            if (++rows > info.Times)
            {
                throw ResultFileCheck.FailAt(timesPath, reader.LineNumber, $"it has more than the {ResultFileCheck.Show(info.Times)} rows exploration.json's \"events.times\" gives");
            }

            var (c, e, value) = Row(line, reader, names, conditions, "time");
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t))
            {
                throw ResultFileCheck.FailAt(timesPath, reader.LineNumber, $"time '{ResultFileCheck.Show(value)}' is not a finite number; valid: the time the event fired");
            }

            var list = lists[(e * conditions) + c] ??= [];
            if ((c, e).CompareTo(previous) < 0 || (list.Count > 0 && t < list[^1]))
            {
                throw ResultFileCheck.FailAt(timesPath, reader.LineNumber, "the rows are out of order; valid: by condition, then event (as exploration.json lists them), then time");
            }

            if (list.Count >= Math.Min(info.MaxTimesPerCondition, counts[(e * conditions) + c]))
            {
                throw ResultFileCheck.FailAt(timesPath, reader.LineNumber, $"event '{names[e]}' has more times in condition {ResultFileCheck.Show(c)} than it fired ({CountsFile}) or than are kept ({ResultFileCheck.Show(info.MaxTimesPerCondition)})");
            }

            previous = (c, e);
            list.Add(t);
        }

        if (rows != info.Times)
        {
            throw ResultFileCheck.Fail(timesPath, $"it has {ResultFileCheck.Show(rows)} rows; valid: the {ResultFileCheck.Show(info.Times)} exploration.json's \"events.times\" gives (a shorter file is truncated)");
        }

        var times = lists.Select(l => l is null ? null : l.ToArray()).ToArray();
        for (var i = 0; i < cells; i++)
        {
            if ((times[i]?.Length ?? 0) != Math.Min(counts[i], info.MaxTimesPerCondition))
            {
                throw ResultFileCheck.Fail(timesPath, $"event '{names[i / conditions]}' has {ResultFileCheck.Show(times[i]?.Length ?? 0)} times in condition {ResultFileCheck.Show(i % conditions)}; valid: the first {ResultFileCheck.Show(Math.Min(counts[i], info.MaxTimesPerCondition))} of its {ResultFileCheck.Show(counts[i])} firings ({CountsFile})");
            }
        }

        return new EventTimes(names, conditions, info.MaxTimesPerCondition, times, counts);
    }

    private static long[] ReadCounts(string path, IReadOnlyList<string> names, int conditions)
    {
        var cells = names.Count * conditions;
        using var reader = CsvLineReader.Open(path);
        ResultFileCheck.Holds(path, (Int128)cells * 6, $"the {ResultFileCheck.Show(conditions)} conditions x {ResultFileCheck.Show(names.Count)} events exploration.json gives");
        Header(reader, "condition,event,count");
        var counts = new long[cells];
        for (var k = 0; k < cells; k++)
        {
            var line = reader.ReadLine(MaxNameChars + 48, "a row of event_counts.csv")
                ?? throw ResultFileCheck.Fail(path, $"it ends after {ResultFileCheck.Show(k)} of {ResultFileCheck.Show(cells)} rows (a truncated file?)");
            var (c, e, value) = Row(line, reader, names, conditions, "count");
            if (c != k / names.Count || e != k % names.Count)
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"the row is not condition {ResultFileCheck.Show(k / names.Count)}, event '{names[k % names.Count]}'; valid: one row per condition and event, in that order");
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw ResultFileCheck.FailAt(path, reader.LineNumber, $"count '{ResultFileCheck.Show(value)}' is not a whole number >= 0");
            }

            counts[(e * conditions) + c] = n;
        }

        if (reader.ReadLine(MaxNameChars + 48, "a row of event_counts.csv") is not null)
        {
            throw ResultFileCheck.FailAt(path, reader.LineNumber, $"it has more than the {ResultFileCheck.Show(cells)} rows of the conditions x events exploration.json gives");
        }

        return counts;
    }

    private static void Header(CsvLineReader reader, string header)
    {
        var line = reader.ReadLine(header.Length + 16, "the header") ?? throw ResultFileCheck.Fail(reader.Path, $"it is empty; valid: the header '{header}', then the rows 'tvbo run' wrote");
        if (line != header)
        {
            throw ResultFileCheck.FailAt(reader.Path, 1, $"the header is '{ResultFileCheck.Show(line)}'; valid: '{header}'");
        }
    }

    private static (int Condition, int Event, string Value) Row(string line, CsvLineReader reader, IReadOnlyList<string> names, int conditions, string what)
    {
        var f = CsvText.Split(line);
        if (f.Count != 3)
        {
            throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"it has {ResultFileCheck.Show(f.Count)} fields; valid: 3 (condition,event,{what})");
        }

        if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c >= conditions)
        {
            throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"condition '{ResultFileCheck.Show(f[0])}' is not one of the exploration's; valid: a condition from 0 to {ResultFileCheck.Show(conditions - 1)}");
        }

        var e = -1;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == f[1])
            {
                e = i;
            }
        }

        return e >= 0
            ? (c, e, f[2])
            : throw ResultFileCheck.FailAt(reader.Path, reader.LineNumber, $"event '{ResultFileCheck.Show(f[1])}' is not one exploration.json lists; valid: {string.Join(", ", names)}");
    }
}

/// <summary>The events in <c>exploration.json</c>: their names, the most times kept per event and condition, and the
/// rows of <c>events.csv</c>.</summary>
internal sealed class CsvEventInfo
{
    public List<string>? Names { get; set; }

    public int MaxTimesPerCondition { get; set; }

    public long Times { get; set; }
}
