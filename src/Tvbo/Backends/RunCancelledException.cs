using Tvbo.Results;

namespace Tvbo.Backends;

/// <summary>
/// A run stopped by its <see cref="CancellationToken"/>, carrying what was complete: the explorations run to the end
/// (<see cref="Finished"/>) and the one stopped part-way (<see cref="Interrupted"/>), whose conditions that did not
/// finish are NaN and listed among its failures as <see cref="ConditionFailure.Cancelled"/>. Nothing already
/// computed is lost: write them (the CLI marks such a folder <c>partial</c>) or run the rest again.
/// </summary>
public sealed class RunCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="finished">The explorations run to the end, in run order.</param>
    /// <param name="interrupted">The exploration stopped part-way, or <see langword="null"/> when none had finished
    /// conditions to keep.</param>
    /// <param name="cancellationToken">The token that cancelled the run.</param>
    public RunCancelledException(IReadOnlyList<ExplorationResult> finished, ExplorationResult? interrupted, CancellationToken cancellationToken)
        : base(Describe(finished, interrupted), cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        Finished = finished;
        Interrupted = interrupted;
    }

    /// <summary>The explorations run to the end before the cancellation, in run order.</summary>
    public IReadOnlyList<ExplorationResult> Finished { get; }

    /// <summary>The exploration stopped part-way, with the conditions that finished; or <see langword="null"/>.</summary>
    public ExplorationResult? Interrupted { get; }

    /// <summary>Conditions of <see cref="Interrupted"/> that finished.</summary>
    public int InterruptedCompleted => Interrupted is null ? 0 : Interrupted.ConditionCount - Interrupted.Failures.Count(f => f.IsCancelled);

    /// <summary>The same cancellation, with the explorations that finished before it (the experiment's view).</summary>
    /// <param name="before">Explorations finished before the one this exception stopped.</param>
    public RunCancelledException WithFinished(IReadOnlyList<ExplorationResult> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new RunCancelledException([.. before, .. Finished], Interrupted, CancellationToken);
    }

    private static string Describe(IReadOnlyList<ExplorationResult> finished, ExplorationResult? interrupted)
    {
        var kept = interrupted is null
            ? string.Empty
            : $"; exploration '{interrupted.Name}' was stopped with {interrupted.ConditionCount - interrupted.Failures.Count(f => f.IsCancelled)} of {interrupted.ConditionCount} conditions finished";
        return $"The run was cancelled after {finished?.Count ?? 0} complete exploration(s){kept}.";
    }
}
