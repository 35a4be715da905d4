namespace Tvbo.Observables;

/// <summary>A statistic over time of each channel in the settled window.</summary>
internal enum WindowStatistic
{
    /// <summary>The mean.</summary>
    Mean,

    /// <summary>The variance (population, divided by the sample count).</summary>
    Variance,

    /// <summary>The standard deviation (population).</summary>
    StandardDeviation,

    /// <summary>The smallest value.</summary>
    Min,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>The largest minus the smallest value.</summary>
    PeakToPeak,
}
