namespace Tvbo.Model;

/// <summary>What happens when a state variable leaves its <see cref="Boundaries"/> (TVBO's <c>domain.enforce</c>).</summary>
public enum BoundaryMode
{
    /// <summary>The state is clamped into [lo, hi] after every step (TVBO's <c>clamp</c>, and legacy <c>boundaries</c>).</summary>
    Clamp,

    /// <summary>The state is wrapped periodically into [lo, hi) after every step: <c>lo + (x - lo) mod (hi - lo)</c>
    /// (TVBO's <c>wrap</c>, e.g. a phase in [0, 2π)). Both bounds must be finite.</summary>
    Wrap,
}
