namespace Tvbo.Native.Kernels;

/// <summary>The event times of one block, per lane and event, as the kernel reports them
/// (<see cref="KernelCallbacks{TVec}.Fired"/>): every firing counted, the first <see cref="Capacity"/> times kept. A
/// divergence-check segment that is run again (<see cref="Tvbo.Native.Kernels.SegmentEmitter{TVec}"/>) first rewinds the
/// log to the segment's start (<see cref="Mark"/>, <see cref="Rewind"/>), so a firing is never counted twice.</summary>
internal sealed class EventLog
{
    private readonly int _events;
    private readonly List<double>?[] _times;
    private readonly long[] _counts;
    private readonly long[] _marks;

    /// <summary>Creates the log of a block.</summary>
    /// <param name="lanes">Lanes per block (groups × vector lanes).</param>
    /// <param name="events">The model's events.</param>
    /// <param name="capacity">The most times kept per lane and event.</param>
    /// <param name="fromStep">The first step recorded (the transient's steps are not): a firing after step n is at
    /// time (n − fromStep)·dt.</param>
    public EventLog(int lanes, int events, int capacity, long fromStep)
    {
        _events = events;
        Capacity = capacity;
        FromStep = fromStep;
        _times = new List<double>?[lanes * events];
        _counts = new long[lanes * events];
        _marks = new long[lanes * events];
    }

    /// <summary>The most times kept per lane and event.</summary>
    public int Capacity { get; }

    /// <summary>The first step recorded.</summary>
    public long FromStep { get; }

    /// <summary>Starts a block: nothing fired.</summary>
    public void Clear()
    {
        foreach (var list in _times)
        {
            list?.Clear();
        }

        Array.Clear(_counts);
        Array.Clear(_marks);
    }

    /// <summary>Records that event <paramref name="e"/> fired in <paramref name="lane"/> after step <paramref name="step"/>.</summary>
    public void Fire(int lane, int e, long step, double dt)
    {
        if (step < FromStep)
        {
            return;
        }

        var i = (lane * _events) + e;
        if (_counts[i]++ < Capacity)
        {
            (_times[i] ??= []).Add((step - FromStep) * dt);
        }
    }

    /// <summary>Remembers the counts at a segment's start.</summary>
    public void Mark() => _counts.CopyTo(_marks, 0);

    /// <summary>Back to the counts of <see cref="Mark"/>: the firings since are dropped.</summary>
    public void Rewind()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] = _marks[i];
            if (_times[i] is { } list && list.Count > _marks[i])
            {
                list.RemoveRange((int)_marks[i], list.Count - (int)_marks[i]);
            }
        }
    }

    /// <summary>The times kept and the count of event <paramref name="e"/> in <paramref name="lane"/>.</summary>
    public (double[]? Times, long Count) Take(int lane, int e)
    {
        var i = (lane * _events) + e;
        return (_times[i] is { Count: > 0 } list ? [.. list] : null, _counts[i]);
    }
}
