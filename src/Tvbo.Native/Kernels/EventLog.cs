namespace Tvbo.Native.Kernels;

/// <summary>The event times of one block, per lane and event, as the driver reads them from the kernel's firing masks
/// (<see cref="KernelContext{TVec}.EventMasks"/>) after each call: every firing counted, the first
/// <see cref="Capacity"/> times kept.</summary>
internal sealed class EventLog
{
    private readonly int _events;
    private readonly List<double>?[] _times;
    private readonly long[] _counts;

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

    /// <summary>The times kept and the count of event <paramref name="e"/> in <paramref name="lane"/>.</summary>
    public (double[]? Times, long Count) Take(int lane, int e)
    {
        var i = (lane * _events) + e;
        return (_times[i] is { Count: > 0 } list ? [.. list] : null, _counts[i]);
    }
}
