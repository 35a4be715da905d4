using System.Globalization;

namespace Tvbo.Observables;

/// <summary>
/// The power spectral density of each channel over the window, exactly as <c>scipy.signal.welch</c> computes it with
/// its defaults: <c>fs = 1000 / SampleInterval</c> (the sample interval is in ms, so frequencies are in Hz),
/// <c>nperseg</c> = the <c>segment</c> argument (the window's sample count when it is larger, as scipy does with a
/// warning), <c>noverlap = nperseg // 2</c>, a periodic Hann window (<c>get_window('hann', nperseg)</c>), the mean of
/// each segment removed (<c>detrend='constant'</c>), <c>scaling='density'</c> (divided by fs·Σw²), one-sided (every
/// bin but DC and, for an even nperseg, Nyquist doubled) and the segments' mean (<c>average='mean'</c>). Shared by
/// <c>psd</c>, <c>peak_frequency</c> and <c>peak_power</c>.
/// </summary>
internal static class WelchSpectrum
{
    /// <summary>The <c>segment</c> and <c>window</c> arguments every spectral function takes.</summary>
    public static readonly ObservableArgument[] Arguments =
    [
        Window.Argument("the spectrum is estimated"),
        new("segment", 256, "The length of Welch's segments in samples (scipy's nperseg; a positive integer; the window's sample count if that is smaller). The frequency resolution is 1000 / (segment · sample interval in ms) Hz."),
    ];

    /// <summary>The arguments of <c>peak_frequency</c> and <c>peak_power</c>: <see cref="Arguments"/> and the band.</summary>
    public static readonly ObservableArgument[] PeakArguments =
    [
        .. Arguments,
        new("fmin", 0.0, "The lowest frequency of the band searched for the peak, in Hz (0 frequency itself is never a peak)."),
        new("fmax", double.PositiveInfinity, "The highest frequency of the band searched for the peak, in Hz (fmin ≤ fmax; default: no limit)."),
    ];

    /// <summary>The segment length (scipy's nperseg).</summary>
    /// <param name="context">The run's context (its <c>segment</c> and <c>window</c> arguments).</param>
    /// <param name="function">The function, for the message.</param>
    /// <exception cref="ObservableException">The segment is not a positive integer, or the window is invalid.</exception>
    public static int Segment(ObservableContext context, string function)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Samples - Window.Start(context, function);
        var segment = context.Argument("segment");
        if (!(segment >= 1 && segment <= int.MaxValue && Math.Floor(segment) == segment))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: argument 'segment' is {segment}; it is the length of Welch's segments in samples, a positive integer (default 256)."));
        }

        return Math.Min((int)segment, count);
    }

    /// <summary>The sampling frequency in Hz: 1000 / the sample interval in ms.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="function">The function, for the message.</param>
    /// <exception cref="ObservableException">The sample interval is not positive.</exception>
    public static double SamplingFrequency(ObservableContext context, string function)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!(context.SampleInterval > 0 && double.IsFinite(context.SampleInterval)))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: the sample interval is {context.SampleInterval} ms; a spectrum needs a positive, finite one."));
        }

        return 1000 / context.SampleInterval;
    }

    /// <summary>The frequencies of the one-sided bins in Hz, k·fs/nperseg (scipy's <c>rfftfreq(nperseg, 1/fs)</c>).</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="function">The function, for the message.</param>
    public static double[] Frequencies(ObservableContext context, string function)
    {
        var segment = Segment(context, function);
        var fs = SamplingFrequency(context, function);
        var f = new double[(segment / 2) + 1];
        var step = fs / segment;
        for (var k = 0; k < f.Length; k++)
        {
            f[k] = k * step;
        }

        return f;
    }

    /// <summary>The density of every channel, [channel, frequency] row-major.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="series">The condition's series, [sample, channel] row-major.</param>
    /// <param name="function">The function, for the message.</param>
    /// <returns>ChannelCount × (nperseg/2 + 1) densities.</returns>
    public static double[] Density(ObservableContext context, ReadOnlySpan<double> series, string function)
    {
        var start = Window.Start(context, function);
        var segment = Segment(context, function);
        var fs = SamplingFrequency(context, function);
        var c = context.ChannelCount;
        var count = context.Samples - start;
        var overlap = segment / 2;
        var step = segment - overlap;
        var segments = ((count - segment) / step) + 1;

        var window = Hann(segment);
        double squares = 0;
        foreach (var w in window)
        {
            squares += w * w;
        }

        var scale = 1 / (fs * squares);
        var dft = new RealDft(segment);
        var bins = dft.Bins;
        var x = new double[segment];
        var re = new double[bins];
        var im = new double[bins];
        var density = new double[c * bins];
        for (var k = 0; k < c; k++)
        {
            var row = density.AsSpan(k * bins, bins);
            for (var g = 0; g < segments; g++)
            {
                var first = start + (g * step);
                double sum = 0;
                for (var j = 0; j < segment; j++)
                {
                    sum += x[j] = series[((first + j) * c) + k];
                }

                var mean = sum / segment;
                for (var j = 0; j < segment; j++)
                {
                    x[j] = (x[j] - mean) * window[j];
                }

                dft.Transform(x, re, im);
                for (var m = 0; m < bins; m++)
                {
                    var p = ((re[m] * re[m]) + (im[m] * im[m])) * scale;
                    if (m > 0 && !(m == bins - 1 && segment % 2 == 0))
                    {
                        p *= 2;
                    }

                    row[m] += p;
                }
            }

            foreach (ref var p in row)
            {
                p /= segments;
            }
        }

        return density;
    }

    /// <summary>The bins of the peak band, <c>fmin ≤ f ≤ fmax</c> and f &gt; 0.</summary>
    /// <param name="context">The run's context (its <c>fmin</c>, <c>fmax</c>, <c>segment</c> and <c>window</c> arguments).</param>
    /// <param name="function">The function, for the message.</param>
    /// <returns>The first and one past the last bin.</returns>
    /// <exception cref="ObservableException">The band is invalid or holds no bin.</exception>
    public static (int First, int End) Band(ObservableContext context, string function)
    {
        ArgumentNullException.ThrowIfNull(context);
        var f = Frequencies(context, function);
        double fmin = context.Argument("fmin"), fmax = context.Argument("fmax");
        if (double.IsNaN(fmin) || double.IsNaN(fmax) || fmin > fmax)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: arguments 'fmin' = {fmin} and 'fmax' = {fmax} Hz do not make a band; give fmin ≤ fmax."));
        }

        int first = 1, end = f.Length;
        while (first < f.Length && f[first] < fmin)
        {
            first++;
        }

        while (end > first && f[end - 1] > fmax)
        {
            end--;
        }

        if (first >= end)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: the band {fmin} ≤ f ≤ {fmax} Hz holds no frequency of the spectrum (its bins are k·{(f.Length > 1 ? f[1] : 0)} Hz, k = 1 … {f.Length - 1}); widen the band or lengthen 'segment'."));
        }

        return (first, end);
    }

    /// <summary>The frequency of each channel's largest density in the band and the density there (the first such
    /// bin, as numpy's argmax; NaN for both when the band's densities hold a NaN).</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="series">The condition's series, [sample, channel] row-major.</param>
    /// <param name="function">The function, for the message.</param>
    /// <param name="frequency">Each channel's peak frequency in Hz, or an empty span.</param>
    /// <param name="power">Each channel's peak density, or an empty span.</param>
    public static void Peaks(ObservableContext context, ReadOnlySpan<double> series, string function, Span<double> frequency, Span<double> power)
    {
        var (first, end) = Band(context, function);
        var f = Frequencies(context, function);
        var density = Density(context, series, function);
        var bins = f.Length;
        for (var k = 0; k < context.ChannelCount; k++)
        {
            var best = first;
            for (var m = first; m < end && !double.IsNaN(density[(k * bins) + best]); m++)
            {
                if (double.IsNaN(density[(k * bins) + m]) || density[(k * bins) + m] > density[(k * bins) + best])
                {
                    best = m;
                }
            }

            var p = density[(k * bins) + best];
            if (!frequency.IsEmpty)
            {
                frequency[k] = double.IsNaN(p) ? double.NaN : f[best];
            }

            if (!power.IsEmpty)
            {
                power[k] = p;
            }
        }
    }

    /// <summary>scipy's periodic Hann window, <c>get_window('hann', n)</c>: 0.5 − 0.5 cos(2πj/n), ones for n = 1.</summary>
    /// <param name="n">Its length.</param>
    public static double[] Hann(int n)
    {
        var w = new double[n];
        if (n == 1)
        {
            w[0] = 1;
            return w;
        }

        for (var j = 0; j < n; j++)
        {
            w[j] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * j / n));
        }

        return w;
    }
}
