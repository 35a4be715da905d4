using System.Globalization;

namespace Tvbo.Results;

/// <summary>A condition whose run did not complete normally (its state became NaN or infinite, it left its
/// boundaries, its step size underflowed, the backend's call failed, or the run was cancelled). The rest of the sweep
/// is unaffected; the failed condition's samples from <see cref="Time"/> on are NaN. Create failures with the
/// factories (<see cref="Diverged"/>, <see cref="LeftBounds"/>, <see cref="StepSizeUnderflow"/>,
/// <see cref="CallFailed"/>, <see cref="Cancelled"/>): they hold the one wording of each kind.</summary>
/// <param name="Condition">The condition index (C order).</param>
/// <param name="Time">The time at which it failed (the first sample time whose state is not finite; 0 when the failure
/// concerns no time).</param>
/// <param name="Variable">The first variable found not finite (or out of bounds), or <see langword="null"/> when the
/// failure concerns no single variable.</param>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Reason">What happened, in the kind's wording.</param>
public sealed record ConditionFailure(int Condition, double Time, string? Variable, FailureKind Kind, string Reason)
{
    /// <summary>The <see cref="Reason"/> of a condition that did not finish because the run was cancelled.</summary>
    public const string CancelledReason = "not finished: the run was cancelled";

    /// <summary>The <see cref="Reason"/> of a condition whose state became NaN or infinite (worded without "NaN", which
    /// in a report reads as a missing number).</summary>
    public const string DivergedReason = "diverged (state not finite)";

    private const string DivergedPrefix = "diverged";
    private const string LeftBoundsPrefix = "left its boundaries";
    private const string StepSizePrefix = "diverged (step size fell below";

    /// <summary>Whether the condition did not finish because the run was cancelled.</summary>
    public bool IsCancelled => Kind == FailureKind.Cancelled;

    /// <summary>A condition whose state became NaN or infinite at a sample.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="time">The first sample time at which the state is not finite.</param>
    /// <param name="variable">The first variable (declaration order) that is not finite there.</param>
    /// <returns>The failure.</returns>
    public static ConditionFailure Diverged(int condition, double time, string variable) =>
        new(condition, time, variable, FailureKind.Diverged, DivergedReason);

    /// <summary>A condition whose state variable left its boundaries (a backend that does not enforce them).</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="time">The first sample time at which it is outside.</param>
    /// <param name="variable">The variable.</param>
    /// <param name="lower">Its lower boundary (may be −∞).</param>
    /// <param name="upper">Its upper boundary (may be +∞).</param>
    /// <returns>The failure.</returns>
    public static ConditionFailure LeftBounds(int condition, double time, string variable, double lower, double upper) =>
        new(condition, time, variable, FailureKind.LeftBounds, string.Create(CultureInfo.InvariantCulture, $"{LeftBoundsPrefix} [{lower:R}, {upper:R}]"));

    /// <summary>A condition whose adaptive step size fell below its minimum.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="sampleTime">The first sample time it could not reach.</param>
    /// <param name="minimum">The minimum step size.</param>
    /// <param name="at">The time at which the step was attempted.</param>
    /// <returns>The failure.</returns>
    public static ConditionFailure StepSizeUnderflow(int condition, double sampleTime, double minimum, double at) =>
        new(condition, sampleTime, null, FailureKind.StepSizeUnderflow, string.Create(CultureInfo.InvariantCulture, $"{StepSizePrefix} the minimum {minimum:R} at t = {at:R})"));

    /// <summary>A condition whose backend call failed.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="message">What the backend said (e.g. <c>Python raised ValueError: …</c>).</param>
    /// <returns>The failure.</returns>
    public static ConditionFailure CallFailed(int condition, string message) =>
        new(condition, 0.0, null, FailureKind.BackendCallFailed, message);

    /// <summary>A condition that did not finish because the run was cancelled.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The failure.</returns>
    public static ConditionFailure Cancelled(int condition) =>
        new(condition, 0.0, null, FailureKind.Cancelled, CancelledReason);

    /// <summary>The kind of a failure read back from a result file, from its reason's wording: the text of
    /// <see cref="Cancelled"/>, the openings of <see cref="StepSizeUnderflow"/> and <see cref="LeftBounds"/>, and any
    /// other text that opens with "diverged" (<see cref="Diverged"/>, also as older files word it); any other text is
    /// what a backend's failed call said.</summary>
    /// <param name="reason">The reason as written.</param>
    /// <returns>The kind.</returns>
    public static FailureKind KindOf(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason switch
        {
            CancelledReason => FailureKind.Cancelled,
            _ when reason.StartsWith(StepSizePrefix, StringComparison.Ordinal) => FailureKind.StepSizeUnderflow,
            _ when reason.StartsWith(DivergedPrefix, StringComparison.Ordinal) => FailureKind.Diverged,
            _ when reason.StartsWith(LeftBoundsPrefix, StringComparison.Ordinal) => FailureKind.LeftBounds,
            _ => FailureKind.BackendCallFailed,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => IsCancelled
        ? $"condition {Condition}: {Reason}"
        : $"condition {Condition}: {Reason} at t = {Time.ToString("R", CultureInfo.InvariantCulture)}{(Variable is null ? string.Empty : $" ({Variable})")}";
}
