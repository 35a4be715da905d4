using System.Globalization;

namespace Tvbo.Results;

/// <summary>A condition whose run did not complete normally (its state became NaN or infinite, or the backend
/// failed on it). The rest of the sweep is unaffected; the failed condition's samples from <see cref="Time"/>
/// on are NaN.</summary>
/// <param name="Condition">The condition index (C order).</param>
/// <param name="Time">The time at which it failed (the first sample time whose state is not finite).</param>
/// <param name="Variable">The first variable found not finite, or <see langword="null"/> when the failure concerns no single variable.</param>
/// <param name="Reason">What happened.</param>
public sealed record ConditionFailure(int Condition, double Time, string? Variable, string Reason)
{
    /// <summary>The <see cref="Reason"/> of a condition that did not finish because the run was cancelled.</summary>
    public const string CancelledReason = "not finished: the run was cancelled";

    /// <inheritdoc/>
    public override string ToString() => Reason == CancelledReason
        ? $"condition {Condition}: {Reason}"
        : $"condition {Condition}: {Reason} at t = {Time.ToString("R", CultureInfo.InvariantCulture)}{(Variable is null ? string.Empty : $" ({Variable})")}";
}
