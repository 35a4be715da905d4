using Tvbo.Backends;

namespace Tvbo.Native.Execution;

/// <summary>Counts condition-steps done by all workers and reports at most once per whole percent (so at most
/// about 100 reports per exploration), plus a final report when the run completes.</summary>
internal sealed class ProgressTracker
{
    private readonly IProgress<RunProgress>? _progress;
    private readonly string _exploration;
    private readonly long _total;
    private long _completed;
    private long _lastPercent = -1;

    /// <summary>Creates the tracker.</summary>
    /// <param name="progress">The receiver, or <see langword="null"/>.</param>
    /// <param name="exploration">The exploration's name.</param>
    /// <param name="total">Condition-steps in the exploration.</param>
    public ProgressTracker(IProgress<RunProgress>? progress, string exploration, long total)
    {
        _progress = progress;
        _exploration = exploration;
        _total = total;
    }

    /// <summary>Adds condition-steps done.</summary>
    /// <param name="conditionSteps">The count.</param>
    public void Add(long conditionSteps)
    {
        if (_progress is null || conditionSteps == 0)
        {
            return;
        }

        var done = Interlocked.Add(ref _completed, conditionSteps);
        var percent = _total == 0 ? 100 : done * 100 / _total;
        var last = Interlocked.Read(ref _lastPercent);
        if (percent > last && percent < 100 && Interlocked.CompareExchange(ref _lastPercent, percent, last) == last)
        {
            _progress.Report(new RunProgress(_exploration, done, _total));
        }
    }

    /// <summary>Reports completion (<c>Completed == Total</c>).</summary>
    public void Complete() => _progress?.Report(new RunProgress(_exploration, _total, _total));
}
