using Tvbo.Planning;

namespace Tvbo.Backends;

/// <summary>
/// Counts a backend job's condition-steps and reports them to an <see cref="IProgress{T}"/> of
/// <see cref="RunProgress"/>: whenever another whole percent is done, and at least once a second while the job runs
/// (the same count again when a long step, such as one PyRates call, gives nothing new), so that a display keeps its
/// rate and time left current. The last report is the completion (<see cref="RunProgress.IsComplete"/>).
/// Thread-safe: workers may add steps concurrently.
/// </summary>
public sealed class ProgressMeter : IDisposable
{
    private readonly IProgress<RunProgress>? _progress;
    private readonly string _exploration;
    private readonly long _total;
    private readonly int _conditions;
    private readonly Timer? _heartbeat;
    private readonly Lock _gate = new();
    private long _completed;
    private long _lastPercent = -1;
    private bool _finished;

    /// <summary>Starts counting a job's condition-steps; reports 0 at once.</summary>
    /// <param name="progress">The receiver, or <see langword="null"/> for none (every method is then a no-op).</param>
    /// <param name="job">The job: its grid's conditions times <see cref="BackendJob.StepsPerCondition"/> is the total.</param>
    public ProgressMeter(IProgress<RunProgress>? progress, BackendJob job)
        : this(progress, job?.Exploration ?? throw new ArgumentNullException(nameof(job)), job.Grid.ConditionCount, job.StepsPerCondition)
    {
    }

    /// <summary>Starts counting condition-steps; reports 0 at once.</summary>
    /// <param name="progress">The receiver, or <see langword="null"/> for none.</param>
    /// <param name="exploration">The exploration's name.</param>
    /// <param name="conditions">Its conditions.</param>
    /// <param name="stepsPerCondition">The steps of one condition.</param>
    public ProgressMeter(IProgress<RunProgress>? progress, string exploration, int conditions, long stepsPerCondition)
    {
        ArgumentNullException.ThrowIfNull(exploration);
        ArgumentOutOfRangeException.ThrowIfNegative(conditions);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsPerCondition);
        _progress = progress;
        _exploration = exploration;
        _conditions = conditions;
        _total = conditions * stepsPerCondition;
        if (progress is null)
        {
            return;
        }

        progress.Report(new RunProgress(exploration, 0, _total, conditions));
        _heartbeat = new Timer(_ => Heartbeat(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The condition-steps counted so far.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Adds condition-steps done.</summary>
    /// <param name="conditionSteps">The count (at least 0).</param>
    public void Add(long conditionSteps)
    {
        if (_progress is null || conditionSteps <= 0)
        {
            return;
        }

        Reached(Interlocked.Add(ref _completed, conditionSteps));
    }

    /// <summary>Sets the condition-steps done (for a backend that learns it in jumps, such as per chunk of conditions).</summary>
    /// <param name="completed">The count so far; a count below the current one is ignored.</param>
    public void Set(long completed)
    {
        if (_progress is null)
        {
            return;
        }

        long current;
        do
        {
            current = Interlocked.Read(ref _completed);
            if (completed <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _completed, completed, current) != current);
        Reached(completed);
    }

    /// <summary>Reports completion (<c>Completed == Total</c>) and stops the heartbeat.</summary>
    public void Complete()
    {
        if (_progress is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            _heartbeat?.Dispose();
            Interlocked.Exchange(ref _completed, _total);
            _progress.Report(new RunProgress(_exploration, _total, _total, _conditions));
        }
    }

    /// <summary>Stops the heartbeat without reporting completion (a run that failed or was cancelled).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _finished = true;
            _heartbeat?.Dispose();
        }
    }

    private void Reached(long done)
    {
        var percent = _total == 0 ? 100 : Math.Min(100, done * 100 / _total);
        var last = Interlocked.Read(ref _lastPercent);
        if (percent > last && percent < 100 && Interlocked.CompareExchange(ref _lastPercent, percent, last) == last)
        {
            Send(done);
        }
    }

    private void Heartbeat() => Send(Completed);

    private void Send(long done)
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _progress!.Report(new RunProgress(_exploration, Math.Min(done, _total), _total, _conditions));
            }
        }
    }
}
