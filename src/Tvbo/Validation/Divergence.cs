using System.Globalization;

namespace Tvbo.Validation;

/// <summary>Where a condition stopped being finite in one result.</summary>
/// <param name="Side">The result (<see cref="CheckSides.A"/> or <see cref="CheckSides.B"/>).</param>
/// <param name="Label">That result's label (usually its backend).</param>
/// <param name="Time">The first sample time whose state is not finite (or the time of the reported failure).</param>
/// <param name="Variable">The first variable found not finite, or <see langword="null"/> when the failure concerns no single variable.</param>
/// <param name="Reason">The backend's reason (from the result's <c>Failures</c>), or "not finite" when the result only
/// holds non-finite samples.</param>
public sealed record Divergence(CheckSides Side, string Label, double Time, string? Variable, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Label}: {Reason} at t = {Time.ToString("G6", CultureInfo.InvariantCulture)}{(Variable is null ? string.Empty : $" ({Variable})")}";
}
