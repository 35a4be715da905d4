namespace Tvbo.Results;

/// <summary>
/// The times at which a model's spike-and-reset events (<see cref="Model.Dynamics.Events"/>) fired, per event and
/// condition, as the native backend records them. An event is detected after each integration step, so its time is
/// the end time of the step in which it fired: <c>n·dt</c> for the n-th step, counted from the first returned sample
/// (time 0; steps of a transient are not recorded). Every firing is counted (<see cref="Count"/>), but at most
/// <see cref="MaxTimesPerCondition"/> times are kept per event and condition — the first ones, in order — so the
/// memory is bounded by events × conditions × <see cref="MaxTimesPerCondition"/> × 8 bytes; where more fired,
/// <see cref="IsTruncated"/> says so. Today a result is of a single node (events are refused on networks).
/// </summary>
public sealed class EventTimes
{
    /// <summary>The default of <see cref="Backends.RunOptions.MaxEventTimes"/>: 1000 times kept per event and condition.</summary>
    public const int DefaultMaxTimesPerCondition = 1000;

    private readonly string[] _names;
    private readonly double[]?[] _times;
    private readonly long[] _counts;

    /// <summary>Creates the record. Backends and readers create it; users receive it with a result.</summary>
    /// <param name="eventNames">The events, in the model's declaration order.</param>
    /// <param name="conditionCount">The number of conditions.</param>
    /// <param name="maxTimesPerCondition">The most times kept per event and condition.</param>
    /// <param name="times">The kept times, [event · conditions + condition], each in increasing order (null for none).</param>
    /// <param name="counts">How often each event fired, [event · conditions + condition] (at least the times kept).</param>
    internal EventTimes(IReadOnlyList<string> eventNames, int conditionCount, int maxTimesPerCondition, double[]?[] times, long[] counts)
    {
        _names = [.. eventNames];
        ConditionCount = conditionCount;
        MaxTimesPerCondition = maxTimesPerCondition;
        _times = times;
        _counts = counts;
        if (times.Length != _names.Length * conditionCount || counts.Length != times.Length)
        {
            throw new ArgumentException($"Event times of {_names.Length} events x {conditionCount} conditions need {_names.Length * conditionCount} entries; got {times.Length} and {counts.Length}.");
        }

        for (var i = 0; i < times.Length; i++)
        {
            var kept = times[i]?.Length ?? 0;
            if (kept > maxTimesPerCondition || counts[i] < kept)
            {
                throw new ArgumentException($"Event '{_names[i / Math.Max(1, conditionCount)]}', condition {i % Math.Max(1, conditionCount)}: {kept} times kept of {counts[i]} fired, with at most {maxTimesPerCondition} kept.");
            }
        }
    }

    /// <summary>The events, in the model's declaration order.</summary>
    public IReadOnlyList<string> EventNames => _names;

    /// <summary>The number of conditions.</summary>
    public int ConditionCount { get; }

    /// <summary>The most times kept per event and condition (<see cref="Backends.RunOptions.MaxEventTimes"/>).</summary>
    public int MaxTimesPerCondition { get; }

    /// <summary>Whether some event fired more often in some condition than the times kept
    /// (<see cref="MaxTimesPerCondition"/>).</summary>
    public bool AnyTruncated
    {
        get
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] > (_times[i]?.Length ?? 0))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The times at which an event fired in a condition, in increasing order: the first
    /// <see cref="MaxTimesPerCondition"/> at most.</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="condition">The condition (C order).</param>
    /// <exception cref="ArgumentException">No such event.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such condition.</exception>
    public ReadOnlyMemory<double> Times(string eventName, int condition) => _times[Index(eventName, condition)];

    /// <summary>How often an event fired in a condition (all firings, also those whose times were not kept).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="condition">The condition (C order).</param>
    /// <exception cref="ArgumentException">No such event.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such condition.</exception>
    public long Count(string eventName, int condition) => _counts[Index(eventName, condition)];

    /// <summary>Whether an event fired more often in a condition than the times kept: <see cref="Times"/> holds the first
    /// <see cref="MaxTimesPerCondition"/>, <see cref="Count"/> all.</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="condition">The condition (C order).</param>
    public bool IsTruncated(string eventName, int condition)
    {
        var i = Index(eventName, condition);
        return _counts[i] > (_times[i]?.Length ?? 0);
    }

    /// <summary>The index of an event in <see cref="EventNames"/>.</summary>
    /// <param name="eventName">The event.</param>
    /// <exception cref="ArgumentException">No such event.</exception>
    public int EventIndex(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var e = Array.IndexOf(_names, eventName);
        return e >= 0 ? e : throw new ArgumentException($"No event '{eventName}' was recorded; events: {string.Join(", ", _names)}.", nameof(eventName));
    }

    /// <summary>The times kept of event <paramref name="e"/> in condition <paramref name="condition"/>.</summary>
    internal ReadOnlySpan<double> TimesAt(int e, int condition) => _times[(e * ConditionCount) + condition];

    /// <summary>How often event <paramref name="e"/> fired in condition <paramref name="condition"/>.</summary>
    internal long CountAt(int e, int condition) => _counts[(e * ConditionCount) + condition];

    /// <summary>The number of times kept, over all events and conditions.</summary>
    internal long KeptCount => _times.Sum(t => (long)(t?.Length ?? 0));

    /// <summary>The record of shards placed into a grid of <paramref name="conditionCount"/> conditions: shard k's
    /// condition i is condition <c>Conditions[i]</c>; conditions in no shard have none.</summary>
    /// <param name="conditionCount">The whole grid's conditions.</param>
    /// <param name="shards">The shards' conditions and records (all of the same events and limit).</param>
    /// <returns>The record, or null when no shard has one.</returns>
    internal static EventTimes? Place(int conditionCount, IReadOnlyList<(int[] Conditions, EventTimes? Events)> shards)
    {
        if (shards.FirstOrDefault(s => s.Events is not null).Events is not { } first)
        {
            return null;
        }

        var ne = first._names.Length;
        var times = new double[]?[ne * conditionCount];
        var counts = new long[ne * conditionCount];
        foreach (var (conditions, events) in shards)
        {
            if (events is null || !events._names.SequenceEqual(first._names) || events.MaxTimesPerCondition != first.MaxTimesPerCondition)
            {
                throw new ArgumentException($"The shards have different event records (events {string.Join(", ", first._names)}, at most {first.MaxTimesPerCondition} times each).");
            }

            for (var e = 0; e < ne; e++)
            {
                for (var k = 0; k < conditions.Length; k++)
                {
                    times[(e * conditionCount) + conditions[k]] = events._times[(e * events.ConditionCount) + k];
                    counts[(e * conditionCount) + conditions[k]] = events._counts[(e * events.ConditionCount) + k];
                }
            }
        }

        return new EventTimes(first._names, conditionCount, first.MaxTimesPerCondition, times, counts);
    }

    private int Index(string eventName, int condition)
    {
        var e = EventIndex(eventName);
        if ((uint)condition >= (uint)ConditionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(condition), $"Condition {condition} is outside [0, {ConditionCount}).");
        }

        return (e * ConditionCount) + condition;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"EventTimes(events=[{string.Join(", ", _names)}], conditions={ConditionCount}, fired={_counts.Sum()}, kept={KeptCount}{(AnyTruncated ? ", truncated" : string.Empty)})";
}
