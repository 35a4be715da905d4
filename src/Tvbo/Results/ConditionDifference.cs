namespace Tvbo.Results;

/// <summary>How far two results of the same condition are apart.</summary>
/// <param name="Condition">The condition index (C order).</param>
/// <param name="MaxAbsoluteDifference">The largest |a − b| over every sample and variable (NaN where exactly one side is NaN).</param>
/// <param name="Variable">The variable where the largest difference occurs.</param>
/// <param name="Time">The sample time where it occurs.</param>
/// <param name="Scale">The largest |a| over the condition, to judge the difference against.</param>
public sealed record ConditionDifference(int Condition, double MaxAbsoluteDifference, string Variable, double Time, double Scale);
