using PureHDF;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// The times at which a model's events fired (<see cref="EventTimes"/>) in a NetCDF result file: a ragged table over
/// the dimension <c>event</c>, one entry per time kept (by condition, then event in declaration order, then time) —
/// <c>event_condition</c> (int32, the C-order index), <c>event_name</c> (text), <c>event_time</c> (float64) — and per
/// event <c>&lt;event&gt;_count</c> (float64, exact whole numbers) over the grid: how often it fired in each condition.
/// Global attributes <c>events</c> (the names), <c>event_max_times</c> (the most times kept per event and condition)
/// and <c>event_time_count</c> (the table's length) tell the reader they are there; the table is absent when no time
/// was kept.
/// </summary>
internal static class NetCdfEvents
{
    /// <summary>The table's dimension.</summary>
    public const string Dimension = "event";

    /// <summary>The condition of each entry.</summary>
    public const string ConditionVariable = "event_condition";

    /// <summary>The event of each entry.</summary>
    public const string NameVariable = "event_name";

    /// <summary>The time of each entry.</summary>
    public const string TimeVariable = "event_time";

    /// <summary>The variable of an event's counts over the grid.</summary>
    /// <param name="eventName">The event.</param>
    public static string CountVariable(string eventName) => $"{eventName}_count";

    /// <summary>The names the events take in the file, with what each is (for the layout's collision check).</summary>
    /// <param name="events">The record.</param>
    public static IEnumerable<(string Name, string What)> Names(EventTimes events)
    {
        if (events.KeptCount > 0)
        {
            foreach (var name in new[] { Dimension, ConditionVariable, NameVariable, TimeVariable })
            {
                yield return (name, "the event table");
            }
        }

        foreach (var e in events.EventNames)
        {
            yield return (CountVariable(e), $"the counts of event '{e}'");
        }
    }

    /// <summary>Adds the attributes, the table and the counts, when the result has event times.</summary>
    /// <param name="file">The file being built.</param>
    /// <param name="result">The result.</param>
    /// <param name="grid">The grid's dimension scales.</param>
    /// <param name="gridShape">The grid's shape.</param>
    /// <param name="scale">Makes a dimension scale.</param>
    /// <param name="variable">Makes a variable over dimensions.</param>
    public static void Add(H5File file, ExplorationResult result, H5Dataset[] grid, ulong[] gridShape, Func<int[], H5Dataset> scale, Func<Array, ulong[], H5Dataset[], H5Dataset> variable)
    {
        if (result.EventTimes is not { } events)
        {
            return;
        }

        var kept = events.KeptCount;
        file.Attributes["events"] = events.EventNames.ToArray();
        file.Attributes["event_max_times"] = events.MaxTimesPerCondition;
        file.Attributes["event_time_count"] = kept;
        var ne = events.EventNames.Count;
        for (var e = 0; e < ne; e++)
        {
            var counts = new double[events.ConditionCount];
            for (var c = 0; c < counts.Length; c++)
            {
                counts[c] = events.CountAt(e, c);
            }

            var count = variable(counts, gridShape, grid);
            count.Attributes["long_name"] = $"number of times event {events.EventNames[e]} fired";
            file[CountVariable(events.EventNames[e])] = count;
        }

        if (kept == 0)
        {
            return;
        }

        var conditions = new int[kept];
        var names = new string[kept];
        var times = new double[kept];
        var k = 0;
        for (var c = 0; c < events.ConditionCount; c++)
        {
            for (var e = 0; e < ne; e++)
            {
                foreach (var t in events.TimesAt(e, c))
                {
                    (conditions[k], names[k], times[k]) = (c, events.EventNames[e], t);
                    k++;
                }
            }
        }

        var dimension = scale(Enumerable.Range(0, (int)kept).ToArray());
        file[Dimension] = dimension;
        ulong[] shape = [(ulong)kept];
        H5Dataset[] dims = [dimension];
        file[ConditionVariable] = variable(conditions, shape, dims);
        file[NameVariable] = variable(names, shape, dims);
        var time = variable(times, shape, dims);
        time.Attributes["long_name"] = "end time of the step after which the event was detected";
        file[TimeVariable] = time;
    }

    /// <summary>Reads the event times back, checked: names, limit, counts over the grid, each entry's condition and
    /// event, times finite and in order, and each condition's times the first of its firings.</summary>
    /// <param name="path">The file (for messages).</param>
    /// <param name="names">The <c>events</c> attribute.</param>
    /// <param name="maxTimes">The <c>event_max_times</c> attribute.</param>
    /// <param name="rows">The <c>event_time_count</c> attribute.</param>
    /// <param name="doubles">Reads a float64 variable of the given dimensions.</param>
    /// <param name="integers">Reads an int32 variable of the given dimensions.</param>
    /// <param name="strings">Reads a text variable of the given dimensions.</param>
    /// <param name="gridShape">The grid's shape.</param>
    /// <param name="conditions">The exploration's conditions.</param>
    public static EventTimes Read(string path, string[] names, long? maxTimes, long? rows, Func<string, ulong[], double[]> doubles, Func<string, ulong[], int[]> integers, Func<string, ulong[], string[]> strings, ulong[] gridShape, int conditions)
    {
        if (names.Any(n => !Model.Dynamics.IsIdentifier(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw ResultFileCheck.Fail(path, "attribute \"events\" is not a list of distinct event names; valid: the model's events, names of letters, digits and underscores");
        }

        if (maxTimes is not { } max || rows is not { } count)
        {
            throw ResultFileCheck.Fail(path, "attribute \"event_max_times\" or \"event_time_count\" is missing; valid: both, beside \"events\", as tvbo (tvbo run --format netcdf, NetCdfResultWriter) writes them");
        }

        ResultFileCheck.Count(path, "attribute \"event_max_times\"", max, 0, int.MaxValue, "the most times kept per event and condition");
        ResultFileCheck.Count(path, "attribute \"event_time_count\"", count, 0, Math.Min(ResultFileCheck.MaxValues, (long)names.Length * conditions * max), "the entries of the event table, at most events x conditions x the times kept of each");
        var ne = names.Length;
        var counts = new long[ne * conditions];
        for (var e = 0; e < ne; e++)
        {
            var values = doubles(CountVariable(names[e]), gridShape);
            for (var c = 0; c < conditions; c++)
            {
                var v = values[c];
                if (!(v >= 0 && v <= long.MaxValue / 2 && Math.Floor(v) == v))
                {
                    throw ResultFileCheck.Fail(path, $"variable \"{CountVariable(names[e])}\": condition {ResultFileCheck.Show(c)} has {ResultFileCheck.Show(v)}; valid: whole numbers >= 0, how often the event fired");
                }

                counts[(e * conditions) + c] = (long)v;
            }
        }

        var lists = new List<double>?[ne * conditions];
        if (count > 0)
        {
            ulong[] shape = [(ulong)count];
            var rowConditions = integers(ConditionVariable, shape);
            var rowNames = strings(NameVariable, shape);
            var rowTimes = doubles(TimeVariable, shape);
            var previous = (Condition: 0, Event: 0);
            for (var i = 0; i < count; i++)
            {
                var where = $"variable \"{ConditionVariable}\", entry {ResultFileCheck.Show(i)}";
                var c = rowConditions[i];
                var e = Array.IndexOf(names, rowNames[i]);
                if (c < 0 || c >= conditions || e < 0)
                {
                    throw ResultFileCheck.Fail(path, $"{where}: condition {ResultFileCheck.Show(c)}, event '{ResultFileCheck.Show(rowNames[i] ?? string.Empty)}'; valid: a condition from 0 to {ResultFileCheck.Show(conditions - 1)} and an event attribute \"events\" lists");
                }

                var list = lists[(e * conditions) + c] ??= [];
                if (!double.IsFinite(rowTimes[i]) || (c, e).CompareTo(previous) < 0 || (list.Count > 0 && rowTimes[i] < list[^1]) || list.Count >= Math.Min(max, counts[(e * conditions) + c]))
                {
                    throw ResultFileCheck.Fail(path, $"{where}: the entry is out of order, its time not finite, or more than the event's firings or the times kept; valid: finite times by condition, then event, then time, at most the first {ResultFileCheck.Show(max)} of each condition's firings");
                }

                previous = (c, e);
                list.Add(rowTimes[i]);
            }
        }

        var times = lists.Select(l => l?.ToArray()).ToArray();
        for (var i = 0; i < times.Length; i++)
        {
            if ((times[i]?.Length ?? 0) != Math.Min(counts[i], max))
            {
                throw ResultFileCheck.Fail(path, $"the event table has {ResultFileCheck.Show(times[i]?.Length ?? 0)} times of event '{names[i / conditions]}' in condition {ResultFileCheck.Show(i % conditions)}; valid: the first {ResultFileCheck.Show(Math.Min(counts[i], max))} of its {ResultFileCheck.Show(counts[i])} firings");
            }
        }

        return new EventTimes(names, conditions, (int)max, times, counts);
    }
}
