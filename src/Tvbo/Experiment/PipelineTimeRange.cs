namespace Tvbo.Experiment;

/// <summary>The times a <see cref="PipelineFunctionKind.TimeRange"/> function is evaluated at (TVBO's
/// <c>time_range</c>): <c>linspace(lo, hi, n)</c> when <see cref="Count"/> is given, else <c>arange(lo, hi, step)</c>.
/// The bounds and the step are expressions of the function's arguments (<c>hi: duration</c>).</summary>
/// <param name="Low">The first time.</param>
/// <param name="High">The last time (included by a count, excluded by a step, as numpy).</param>
/// <param name="Count">The number of times, or null.</param>
/// <param name="Step">The step between times, or null (then <see cref="Count"/> is required).</param>
public sealed record PipelineTimeRange(string Low, string High, int? Count, string? Step)
{
    /// <summary>The most times a range may give (a kernel of 10 million samples; a larger count in a file is refused
    /// before anything is allocated).</summary>
    public const int MaxTimes = 10_000_000;
}
