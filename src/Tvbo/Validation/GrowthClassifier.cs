namespace Tvbo.Validation;

/// <summary>
/// Tells sensitive dependence from a systematic difference: whether |a − b| of one variable starts at round-off and
/// grows exponentially past the tolerance, from a fit of the largest difference in each of <see cref="Slices"/>
/// slices of the run (<see cref="GrowthFit"/>).
/// </summary>
internal static class GrowthClassifier
{
    /// <summary>The number of slices the growth fit divides a run into.</summary>
    public const int Slices = 200;

    /// <summary>The fraction of the scale at which a growing difference counts as saturated.</summary>
    public const double SaturationFraction = 1e-2;

    /// <summary>How far below the tolerance (a factor) the difference must start to count as starting at round-off.</summary>
    public const double RoundOffHeadroom = 100.0;

    /// <summary>The smallest R² of the exponential fit for sensitive dependence.</summary>
    public const double MinimumRSquared = 0.9;

    /// <summary>The fewest slices with a nonzero difference a growth fit needs.</summary>
    public const int MinimumPoints = 5;

    /// <summary>Classifies a difference that passes the tolerance at sample <paramref name="first"/>: sensitive dependence
    /// when it starts at least <see cref="RoundOffHeadroom"/> below the tolerance and grows exponentially (a fit of the
    /// per-slice maxima with R² ≥ <see cref="MinimumRSquared"/>, better than a power law) up to and past the
    /// tolerance; systematic otherwise.</summary>
    public static (CheckVerdict Verdict, GrowthFit? Growth) Classify(ReadOnlySpan<double> d, ReadOnlySpan<double> time, int first, double threshold, double scale)
    {
        var width = Math.Max(1, d.Length / Slices);
        var (peak, at) = SliceMaxima(d, time, width);
        var cross = first / width;
        var start = FloorSlice(peak, cross);
        var end = FitEnd(peak, cross, scale);
        var xs = new List<double>();
        var ys = new List<double>();
        var ls = new List<double>();
        var offset = width * (time.Length > 1 ? time[1] - time[0] : 1.0);
        for (var i = start; i <= end; i++)
        {
            if (peak[i] > 0)
            {
                xs.Add(at[i]);
                ys.Add(Math.Log(peak[i]));
                ls.Add(Math.Log(at[i] - at[start] + offset));
            }
        }

        if (xs.Count < MinimumPoints)
        {
            return (CheckVerdict.Systematic, null);
        }

        var (slope, r2) = Fit(xs, ys);
        var (_, r2Power) = Fit(ls, ys);
        var growth = new GrowthFit(slope, r2, at[start], at[end], peak[start], peak[end], xs.Count, r2Power);
        var pointsBeforeCross = 0;
        for (var i = start; i <= cross; i++)
        {
            pointsBeforeCross += peak[i] > 0 ? 1 : 0;
        }

        var sensitive = peak[start] * RoundOffHeadroom <= threshold
            && slope > 0
            && r2 >= MinimumRSquared
            && r2 >= r2Power
            && pointsBeforeCross >= 3;
        return (sensitive ? CheckVerdict.SensitiveDependence : CheckVerdict.Systematic, growth);
    }

    // The largest difference in each slice of width samples, and when it occurs.
    private static (double[] Peak, double[] At) SliceMaxima(ReadOnlySpan<double> d, ReadOnlySpan<double> time, int width)
    {
        var n = d.Length;
        var slices = (n + width - 1) / width;
        var peak = new double[slices];
        var at = new double[slices];
        for (var i = 0; i < slices; i++)
        {
            var best = -1.0;
            var arg = i * width;
            for (var k = i * width; k < Math.Min(n, (i + 1) * width); k++)
            {
                if (d[k] > best)
                {
                    best = d[k];
                    arg = k;
                }
            }

            peak[i] = best;
            at[i] = time[arg];
        }

        return (peak, at);
    }

    // The floor: the latest smallest nonzero slice maximum up to the crossing slice.
    private static int FloorSlice(double[] peak, int cross)
    {
        var start = cross;
        for (var i = 0; i <= cross; i++)
        {
            if (peak[i] > 0 && peak[i] <= peak[start])
            {
                start = i;
            }
        }

        return start;
    }

    // The fit ends where the difference saturates (1 % of the scale) or, if it never does, at its largest value.
    private static int FitEnd(double[] peak, int cross, double scale)
    {
        for (var i = cross; i < peak.Length; i++)
        {
            if (peak[i] >= SaturationFraction * scale)
            {
                return i;
            }
        }

        var end = cross;
        for (var i = cross; i < peak.Length; i++)
        {
            if (peak[i] > peak[end])
            {
                end = i;
            }
        }

        return end;
    }

    private static (double Slope, double RSquared) Fit(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }

        if (sxx == 0)
        {
            return (0, 0);
        }

        var slope = sxy / sxx;
        var r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return (slope, r2);
    }
}
