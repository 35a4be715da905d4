namespace Tvbo.Validation;

/// <summary>What a cross-check concluded about one condition (or one variable of it), from the least to the most
/// serious.</summary>
public enum CheckVerdict
{
    /// <summary>Every compared sample is within the tolerance.</summary>
    Agree,

    /// <summary>The difference starts at round-off (at least two decades below the tolerance) and grows roughly
    /// exponentially until it passes the tolerance: the model amplifies rounding differences (chaos, or a passage
    /// near an unstable state). The two results agree up to <see cref="ConditionCheck.AgreesUntil"/>; the growth rate
    /// is in <see cref="VariableCheck.Growth"/>. This is not a disagreement of the backends.</summary>
    SensitiveDependence,

    /// <summary>The difference is above the tolerance already in the first samples, or it does not grow from
    /// round-off the way sensitive dependence does: the results really differ (a different model, parameter,
    /// scheme or time grid).</summary>
    Systematic,

    /// <summary>The state became NaN or infinite (or the backend failed on the condition) in one or both results;
    /// <see cref="ConditionCheck.DivergedIn"/> says which. Samples from there on are not compared, so divergence is
    /// never reported as a huge error.</summary>
    Diverged,
}
