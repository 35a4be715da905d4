using System.Globalization;

namespace Tvbo.Observables;

/// <summary>The <c>period</c> argument of <c>temporal_average</c> and <c>subsample</c> (TVB's monitor period): a
/// positive multiple k of the sample interval; the whole series (not the window) falls into floor(samples / k)
/// consecutive blocks of k samples, a partial last block dropped. Block b is labelled by the time of its last sample,
/// (b + 1)·period − sample interval, measured from the series' first sample (time 0). TVB labels a TemporalAverage
/// block by its middle instead, (step − k/2)·dt.</summary>
internal static class SamplingPeriod
{
    /// <summary>The argument.</summary>
    public static readonly ObservableArgument[] Arguments =
    [
        new("period", double.NaN, "The sampling period in the experiment's time unit (ms), required: a positive multiple of the sample interval (within 1e-9 relative)."),
    ];

    /// <summary>The number of samples per block, k = period / sample interval.</summary>
    /// <param name="context">The run's context (its <c>period</c> argument).</param>
    /// <param name="function">The function, for the message.</param>
    /// <exception cref="ObservableException">The period is not a positive multiple of the sample interval, or longer
    /// than the series.</exception>
    public static int Samples(ObservableContext context, string function)
    {
        ArgumentNullException.ThrowIfNull(context);
        var period = context.Argument("period");
        var dt = context.SampleInterval;
        var ratio = period / dt;
        var k = Math.Round(ratio);
        if (!(period > 0 && dt > 0 && double.IsFinite(ratio) && k >= 1 && Math.Abs(ratio - k) <= 1e-9 * ratio && k <= int.MaxValue))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: argument 'period' is {period}; it must be a positive multiple of the sample interval {dt} (e.g. {dt}, {2 * dt}, {10 * dt})."));
        }

        if (k > context.Samples)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: argument 'period' is {period}, {k} samples, but the run has only {context.Samples}; give a period of at most {context.Samples * dt}."));
        }

        return (int)k;
    }

    /// <summary>The <c>[time, channel]</c> dimensions: each block's last sample's time from the first sample.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="function">The function, for the message.</param>
    public static IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context, string function)
    {
        var k = Samples(context, function);
        var times = new double[context.Samples / k];
        for (var b = 0; b < times.Length; b++)
        {
            times[b] = (((long)(b + 1) * k) - 1) * context.SampleInterval;
        }

        return [new ObservableDimension("time", null, times), ObservableDimension.Of("channel", context.Channels)];
    }
}
