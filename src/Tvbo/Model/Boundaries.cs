namespace Tvbo.Model;

/// <summary>Hard bounds of a state variable: after each integration step the state is clamped (or, with
/// <see cref="BoundaryMode.Wrap"/>, wrapped) into [<see cref="Lower"/>, <see cref="Upper"/>]. Use infinities for a
/// one-sided clamp.</summary>
/// <param name="Lower">The lower bound (may be <see cref="double.NegativeInfinity"/> when clamping).</param>
/// <param name="Upper">The upper bound (may be <see cref="double.PositiveInfinity"/> when clamping).</param>
/// <param name="Mode">Clamp (the default) or wrap.</param>
public sealed record Boundaries(double Lower, double Upper, BoundaryMode Mode = BoundaryMode.Clamp)
{
    /// <summary>Applies the bounds to a value: clamps it, or wraps it into [lo, hi) with Python's modulo
    /// (NaN stays NaN).</summary>
    /// <param name="value">The value.</param>
    public double Clamp(double value)
    {
        if (Mode == BoundaryMode.Wrap)
        {
            return value >= Lower && value < Upper ? value : Lower + Expressions.ExpressionEvaluator.Modulo(value - Lower, Upper - Lower);
        }

        return value < Lower ? Lower : value > Upper ? Upper : value;
    }
}
