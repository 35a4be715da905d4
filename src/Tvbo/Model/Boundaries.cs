namespace Tvbo.Model;

/// <summary>Hard bounds of a state variable: after each integration step the state is clamped into
/// [<see cref="Lower"/>, <see cref="Upper"/>]. Use infinities for a one-sided bound.</summary>
/// <param name="Lower">The lower bound (may be <see cref="double.NegativeInfinity"/>).</param>
/// <param name="Upper">The upper bound (may be <see cref="double.PositiveInfinity"/>).</param>
public sealed record Boundaries(double Lower, double Upper)
{
    /// <summary>Clamps a value into the bounds.</summary>
    /// <param name="value">The value.</param>
    public double Clamp(double value) => value < Lower ? Lower : value > Upper ? Upper : value;
}
