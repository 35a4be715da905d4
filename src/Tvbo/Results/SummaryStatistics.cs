namespace Tvbo.Results;

/// <summary>
/// Per-condition, per-variable summary of a run: the first and final returned sample, and min, max and mean
/// over the window of samples from index <see cref="WindowStart"/> on (by default the last 20 %:
/// <c>floor(0.8*n)</c>). Every statistic is a read-only block laid out [condition, variable].
/// </summary>
public sealed class SummaryStatistics
{
    /// <summary>Creates a summary from its arrays (each of length conditions × variables). The summary takes ownership
    /// of the arrays: it exposes them read-only and the caller must not write into them afterwards.</summary>
    /// <param name="conditionCount">Number of conditions.</param>
    /// <param name="variableCount">Number of variables.</param>
    /// <param name="windowStart">First sample index of the window.</param>
    /// <param name="first">The first sample (the initial state).</param>
    /// <param name="final">The last returned sample.</param>
    /// <param name="min">Window minimum.</param>
    /// <param name="max">Window maximum.</param>
    /// <param name="mean">Window mean.</param>
    public SummaryStatistics(int conditionCount, int variableCount, int windowStart, double[] first, double[] final, double[] min, double[] max, double[] mean)
    {
        var n = (long)conditionCount * variableCount;
        foreach (var a in new[] { first, final, min, max, mean })
        {
            ArgumentNullException.ThrowIfNull(a);
            if (a.LongLength != n)
            {
                throw new ArgumentException($"Every summary array must have {conditionCount} x {variableCount} = {n} values; got {a.LongLength}.");
            }
        }

        ConditionCount = conditionCount;
        VariableCount = variableCount;
        WindowStart = windowStart;
        First = first;
        Final = final;
        Min = min;
        Max = max;
        Mean = mean;
    }

    /// <summary>Number of conditions.</summary>
    public int ConditionCount { get; }

    /// <summary>Number of variables.</summary>
    public int VariableCount { get; }

    /// <summary>The first sample index of the window.</summary>
    public int WindowStart { get; }

    /// <summary>The first sample (initial state), [condition, variable].</summary>
    public ReadOnlyMemory<double> First { get; }

    /// <summary>The last returned sample, [condition, variable].</summary>
    public ReadOnlyMemory<double> Final { get; }

    /// <summary>The window minimum, [condition, variable].</summary>
    public ReadOnlyMemory<double> Min { get; }

    /// <summary>The window maximum, [condition, variable].</summary>
    public ReadOnlyMemory<double> Max { get; }

    /// <summary>The window mean, [condition, variable].</summary>
    public ReadOnlyMemory<double> Mean { get; }

    /// <summary>Peak-to-peak amplitude (max − min) over the window of one condition and variable.</summary>
    /// <param name="condition">The condition index.</param>
    /// <param name="variable">The variable index.</param>
    public double PeakToPeak(int condition, int variable) => Max.Span[Index(condition, variable)] - Min.Span[Index(condition, variable)];

    /// <summary>The window start for <paramref name="sampleCount"/> samples and a window of the last
    /// <paramref name="windowFraction"/> of them: <c>floor((1 - fraction) * n)</c>, at most n − 1.</summary>
    /// <param name="sampleCount">Samples per condition.</param>
    /// <param name="windowFraction">The fraction of samples in the window, in (0, 1].</param>
    public static int WindowStartFor(int sampleCount, double windowFraction) =>
        Math.Min(sampleCount - 1, (int)Math.Floor((1.0 - windowFraction) * sampleCount));

    /// <summary>Summarises a series laid out [condition, time, variable] by the rule of <see cref="SummaryAccumulator"/>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="conditionCount">Number of conditions.</param>
    /// <param name="sampleCount">Samples per condition.</param>
    /// <param name="variableCount">Number of variables.</param>
    /// <param name="windowFraction">The fraction of samples at the end over which min/max/mean are taken.</param>
    public static SummaryStatistics FromSeries(ReadOnlySpan<double> series, int conditionCount, int sampleCount, int variableCount, double windowFraction)
    {
        var accumulator = new SummaryAccumulator(conditionCount, variableCount, sampleCount, WindowStartFor(sampleCount, windowFraction));
        var block = sampleCount * variableCount;
        for (var c = 0; c < conditionCount; c++)
        {
            accumulator.AddSeries(c, series.Slice(c * block, block));
        }

        return accumulator.ToStatistics();
    }

    private int Index(int condition, int variable)
    {
        if ((uint)condition >= (uint)ConditionCount || (uint)variable >= (uint)VariableCount)
        {
            throw new ArgumentOutOfRangeException(nameof(condition), $"Condition {condition} / variable {variable} is outside [0, {ConditionCount}) x [0, {VariableCount}).");
        }

        return (condition * VariableCount) + variable;
    }
}
