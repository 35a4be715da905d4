namespace Tvbo.Results;

/// <summary>
/// The summary rule, per condition and variable: the first and the final sample, and the minimum, maximum and mean
/// over the window (the samples from <see cref="WindowStart"/> on). Every path that summarises a run follows it.
/// <para>One rule for non-finite samples. A window sample replaces the running minimum (maximum) only when it is
/// strictly below (above) it, so of tied samples the first is kept and a NaN is never taken; every window sample is
/// added to the running sum. At the end (<see cref="Close"/>) a NaN sum, which means a NaN in the window or both
/// +∞ and −∞ in it, makes the minimum and the maximum NaN; otherwise ±∞ stay in them. The mean is the sum over the
/// number of window samples (NaN or ±∞ when the sum is).</para>
/// <para>Code that keeps the running minimum, maximum and sum elsewhere (the compiled kernels keep them in vector
/// lanes) applies <see cref="Include"/> to every window sample and <see cref="Close"/> at the end.</para>
/// </summary>
public sealed class SummaryAccumulator
{
    private readonly double[] _first;
    private readonly double[] _final;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly double[] _sum;

    /// <summary>Creates an accumulator with no samples yet.</summary>
    /// <param name="conditionCount">Number of conditions.</param>
    /// <param name="variableCount">Number of variables.</param>
    /// <param name="sampleCount">Samples per condition.</param>
    /// <param name="windowStart">The first sample of the window (see <see cref="SummaryStatistics.WindowStartFor"/>).</param>
    public SummaryAccumulator(int conditionCount, int variableCount, int sampleCount, int windowStart)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conditionCount);
        ArgumentOutOfRangeException.ThrowIfNegative(variableCount);
        ConditionCount = conditionCount;
        VariableCount = variableCount;
        SampleCount = sampleCount;
        WindowStart = windowStart;
        var n = conditionCount * variableCount;
        _first = new double[n];
        _final = new double[n];
        _min = new double[n];
        _max = new double[n];
        _sum = new double[n];
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
    }

    /// <summary>Number of conditions.</summary>
    public int ConditionCount { get; }

    /// <summary>Number of variables.</summary>
    public int VariableCount { get; }

    /// <summary>Samples per condition.</summary>
    public int SampleCount { get; }

    /// <summary>The first sample of the window.</summary>
    public int WindowStart { get; }

    /// <summary>Number of samples in the window.</summary>
    public int WindowCount => SampleCount - WindowStart;

    /// <summary>Adds one sample of a condition; a condition's samples are added in order.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="sample">The sample index.</param>
    /// <param name="values">The sample's value of every variable.</param>
    public void Add(int condition, int sample, ReadOnlySpan<double> values)
    {
        var at = condition * VariableCount;
        for (var v = 0; v < VariableCount; v++)
        {
            var x = values[v];
            if (sample == 0)
            {
                _first[at + v] = x;
            }

            if (sample >= WindowStart)
            {
                Include(x, ref _min[at + v], ref _max[at + v], ref _sum[at + v]);
            }

            if (sample == SampleCount - 1)
            {
                _final[at + v] = x;
            }
        }
    }

    /// <summary>Adds every sample of a condition at once.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="series">Its series, [time, variable].</param>
    public void AddSeries(int condition, ReadOnlySpan<double> series)
    {
        var nv = VariableCount;
        for (var v = 0; v < nv; v++)
        {
            var i = (condition * nv) + v;
            _first[i] = series[v];
            _final[i] = series[((SampleCount - 1) * nv) + v];
            double lo = _min[i], hi = _max[i], sum = _sum[i];
            for (var t = WindowStart; t < SampleCount; t++)
            {
                Include(series[(t * nv) + v], ref lo, ref hi, ref sum);
            }

            (_min[i], _max[i], _sum[i]) = (lo, hi, sum);
        }
    }

    /// <summary>The summary of the samples added.</summary>
    public SummaryStatistics ToStatistics()
    {
        var n = _sum.Length;
        double[] min = new double[n], max = new double[n], mean = new double[n];
        for (var i = 0; i < n; i++)
        {
            (min[i], max[i], mean[i]) = Close(_min[i], _max[i], _sum[i], WindowCount);
        }

        return new SummaryStatistics(ConditionCount, VariableCount, WindowStart, (double[])_first.Clone(), (double[])_final.Clone(), min, max, mean);
    }

    /// <summary>Takes one window sample into a running minimum, maximum and sum (which start at +∞, −∞ and 0).</summary>
    /// <param name="x">The sample.</param>
    /// <param name="min">The running minimum: <paramref name="x"/> when strictly below it.</param>
    /// <param name="max">The running maximum: <paramref name="x"/> when strictly above it.</param>
    /// <param name="sum">The running sum.</param>
    public static void Include(double x, ref double min, ref double max, ref double sum)
    {
        min = x < min ? x : min;
        max = x > max ? x : max;
        sum += x;
    }

    /// <summary>The window's minimum, maximum and mean from its running values: minimum and maximum are NaN when the
    /// sum is (a NaN in the window, or both infinities).</summary>
    /// <param name="min">The running minimum.</param>
    /// <param name="max">The running maximum.</param>
    /// <param name="sum">The running sum.</param>
    /// <param name="count">Samples in the window.</param>
    public static (double Min, double Max, double Mean) Close(double min, double max, double sum, int count) =>
        double.IsNaN(sum) ? (double.NaN, double.NaN, sum / count) : (min, max, sum / count);
}
