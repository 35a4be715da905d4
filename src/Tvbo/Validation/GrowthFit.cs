namespace Tvbo.Validation;

/// <summary>
/// How a difference grew: a least-squares fit of <c>ln |a − b|</c> against time over the growth phase, from when the
/// difference leaves its round-off floor to when it saturates (reaches 1 % of the variable's scale) or the run ends.
/// To be robust against the zero crossings of an oscillating difference, the fit uses the largest difference in
/// each of about 200 equal slices of the run.
/// </summary>
/// <param name="Rate">The growth rate λ in 1/time unit (the slope of <c>ln |a − b|</c>); for sensitive dependence on a
/// chaotic attractor, an estimate of the largest Lyapunov exponent.</param>
/// <param name="RSquared">The fit's coefficient of determination (1 = exactly exponential).</param>
/// <param name="StartTime">Where the growth phase starts (the difference at its floor).</param>
/// <param name="EndTime">Where the fit ends (saturation, or the end of the compared samples).</param>
/// <param name="StartDifference">The difference at the floor (the largest |a − b| in the slice at <paramref name="StartTime"/>).</param>
/// <param name="EndDifference">The difference where the fit ends.</param>
/// <param name="Points">The number of slices fitted.</param>
/// <param name="PowerLawRSquared">R² of the alternative fit <c>ln |a − b|</c> against <c>ln(t − StartTime)</c>: a
/// difference that grows like a power of time (an accumulating drift) fits this one better than the exponential.</param>
public sealed record GrowthFit(double Rate, double RSquared, double StartTime, double EndTime, double StartDifference, double EndDifference, int Points, double PowerLawRSquared)
{
    /// <summary>The time the difference takes to grow by a factor of 10 (<c>ln 10 / λ</c>); infinite when it does not grow.</summary>
    public double DecadeTime => Rate > 0 ? Math.Log(10) / Rate : double.PositiveInfinity;
}
