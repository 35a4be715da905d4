namespace Tvbo.Figures;

/// <summary>Reduces long series to what a panel can show.</summary>
internal static class Decimation
{
    /// <summary>The minimum and the maximum of each of <c>maxPoints / 2</c> equal buckets of samples [start, end), in
    /// time order; every sample when there are fewer than <paramref name="maxPoints"/>. Non-finite samples are
    /// skipped.</summary>
    /// <param name="time">The sample times.</param>
    /// <param name="block">One condition's [time, variable] block.</param>
    /// <param name="variables">The number of variables (stride).</param>
    /// <param name="variable">The variable.</param>
    /// <param name="start">The first sample.</param>
    /// <param name="end">One past the last sample.</param>
    /// <param name="maxPoints">The most points to return.</param>
    public static (double[] X, double[] Y) MinMax(ReadOnlySpan<double> time, ReadOnlySpan<double> block, int variables, int variable, int start, int end, int maxPoints)
    {
        var n = end - start;
        var xs = new List<double>(Math.Min(n, maxPoints));
        var ys = new List<double>(Math.Min(n, maxPoints));
        if (n <= maxPoints)
        {
            for (var t = start; t < end; t++)
            {
                var y = block[(t * variables) + variable];
                if (double.IsFinite(y))
                {
                    xs.Add(time[t]);
                    ys.Add(y);
                }
            }

            return (xs.ToArray(), ys.ToArray());
        }

        var buckets = Math.Max(1, maxPoints / 2);
        for (var b = 0; b < buckets; b++)
        {
            var lo = start + (int)((long)n * b / buckets);
            var hi = start + (int)((long)n * (b + 1) / buckets);
            int iMin = -1, iMax = -1;
            double vMin = double.PositiveInfinity, vMax = double.NegativeInfinity;
            for (var t = lo; t < hi; t++)
            {
                var y = block[(t * variables) + variable];
                if (!double.IsFinite(y))
                {
                    continue;
                }

                if (y < vMin)
                {
                    vMin = y;
                    iMin = t;
                }

                if (y > vMax)
                {
                    vMax = y;
                    iMax = t;
                }
            }

            if (iMin < 0)
            {
                continue;
            }

            var (first, second) = iMin <= iMax ? (iMin, iMax) : (iMax, iMin);
            xs.Add(time[first]);
            ys.Add(block[(first * variables) + variable]);
            if (second != first)
            {
                xs.Add(time[second]);
                ys.Add(block[(second * variables) + variable]);
            }
        }

        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary><see cref="MinMax"/> of every variable at once: one pass over the block in memory order (a
    /// network's hundreds of outputs are not read with a stride each), the same points per variable.</summary>
    /// <param name="time">The sample times.</param>
    /// <param name="block">One condition's [time, variable] block.</param>
    /// <param name="variables">The number of variables (stride).</param>
    /// <param name="start">The first sample.</param>
    /// <param name="end">One past the last sample.</param>
    /// <param name="maxPoints">The most points per variable.</param>
    public static (double[] X, double[] Y)[] MinMaxAll(ReadOnlySpan<double> time, ReadOnlySpan<double> block, int variables, int start, int end, int maxPoints)
    {
        var n = end - start;
        var result = new (double[] X, double[] Y)[variables];
        if (n <= maxPoints)
        {
            for (var v = 0; v < variables; v++)
            {
                result[v] = MinMax(time, block, variables, v, start, end, maxPoints);
            }

            return result;
        }

        var buckets = Math.Max(1, maxPoints / 2);
        var xs = new List<double>[variables];
        var ys = new List<double>[variables];
        for (var v = 0; v < variables; v++)
        {
            (xs[v], ys[v]) = (new List<double>(2 * buckets), new List<double>(2 * buckets));
        }

        var iMin = new int[variables];
        var iMax = new int[variables];
        var vMin = new double[variables];
        var vMax = new double[variables];
        for (var b = 0; b < buckets; b++)
        {
            var lo = start + (int)((long)n * b / buckets);
            var hi = start + (int)((long)n * (b + 1) / buckets);
            Array.Fill(iMin, -1);
            Array.Fill(iMax, -1);
            Array.Fill(vMin, double.PositiveInfinity);
            Array.Fill(vMax, double.NegativeInfinity);
            for (var t = lo; t < hi; t++)
            {
                var row = block.Slice(t * variables, variables);
                for (var v = 0; v < variables; v++)
                {
                    var y = row[v];
                    if (!double.IsFinite(y))
                    {
                        continue;
                    }

                    if (y < vMin[v])
                    {
                        vMin[v] = y;
                        iMin[v] = t;
                    }

                    if (y > vMax[v])
                    {
                        vMax[v] = y;
                        iMax[v] = t;
                    }
                }
            }

            for (var v = 0; v < variables; v++)
            {
                if (iMin[v] < 0)
                {
                    continue;
                }

                var (first, second) = iMin[v] <= iMax[v] ? (iMin[v], iMax[v]) : (iMax[v], iMin[v]);
                xs[v].Add(time[first]);
                ys[v].Add(block[(first * variables) + v]);
                if (second != first)
                {
                    xs[v].Add(time[second]);
                    ys[v].Add(block[(second * variables) + v]);
                }
            }
        }

        for (var v = 0; v < variables; v++)
        {
            result[v] = (xs[v].ToArray(), ys[v].ToArray());
        }

        return result;
    }

    /// <summary>Every k-th sample of a trajectory in the plane of two variables (and always the last one), so that
    /// at most about <paramref name="maxPoints"/> remain; non-finite samples are skipped.</summary>
    public static (double[] X, double[] Y) Stride(ReadOnlySpan<double> block, int variables, int vx, int vy, int start, int end, int maxPoints)
    {
        var n = end - start;
        var step = Math.Max(1, (int)Math.Ceiling(n / (double)maxPoints));
        var xs = new List<double>((n / step) + 2);
        var ys = new List<double>((n / step) + 2);
        for (var t = start; t < end; t += step)
        {
            Add(block, t);
        }

        if (n > 0 && (end - 1 - start) % step != 0)
        {
            Add(block, end - 1);
        }

        return (xs.ToArray(), ys.ToArray());

        void Add(ReadOnlySpan<double> b, int t)
        {
            double x = b[(t * variables) + vx], y = b[(t * variables) + vy];
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                xs.Add(x);
                ys.Add(y);
            }
        }
    }

    /// <summary>A trajectory in the plane of two variables, keeping a sample only when it lies at least
    /// <paramref name="pixel"/> (a fraction of the axes' spans, e.g. half a pixel) away from the last one kept, and
    /// always the last; non-finite samples are skipped. What it drops cannot be seen at that resolution.</summary>
    public static (double[] X, double[] Y) Path(ReadOnlySpan<double> block, int variables, int vx, int vy, int start, int end, double spanX, double spanY, double pixel)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        double tolX = Math.Max(spanX, double.Epsilon) * pixel, tolY = Math.Max(spanY, double.Epsilon) * pixel;
        double lastX = double.NaN, lastY = double.NaN;
        var pendingX = double.NaN;
        var pendingY = double.NaN;
        for (var t = start; t < end; t++)
        {
            double x = block[(t * variables) + vx], y = block[(t * variables) + vy];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            if (xs.Count == 0 || Math.Abs(x - lastX) >= tolX || Math.Abs(y - lastY) >= tolY)
            {
                xs.Add(x);
                ys.Add(y);
                lastX = x;
                lastY = y;
                pendingX = double.NaN;
            }
            else
            {
                pendingX = x;
                pendingY = y;
            }
        }

        if (!double.IsNaN(pendingX))
        {
            xs.Add(pendingX);
            ys.Add(pendingY);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>The span (max − min) of one variable's finite samples in [start, end).</summary>
    public static double Span(ReadOnlySpan<double> block, int variables, int variable, int start, int end)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var t = start; t < end; t++)
        {
            var v = block[(t * variables) + variable];
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        return hi > lo ? hi - lo : 0;
    }

    /// <summary>The index one past the last sample of a condition whose variables are all finite (the whole
    /// series when none is NaN or infinite).</summary>
    public static int FiniteEnd(ReadOnlySpan<double> block, int variables)
    {
        var samples = block.Length / variables;
        for (var t = 0; t < samples; t++)
        {
            for (var v = 0; v < variables; v++)
            {
                if (!double.IsFinite(block[(t * variables) + v]))
                {
                    return t;
                }
            }
        }

        return samples;
    }

    /// <summary>Up to <paramref name="max"/> evenly spaced indices of [0, count), always with the first and the last.</summary>
    public static int[] Sample(int count, int max)
    {
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        if (max == 1)
        {
            return [0];
        }

        return Enumerable.Range(0, max).Select(i => (int)Math.Round(i * (count - 1) / (double)(max - 1), MidpointRounding.AwayFromZero)).Distinct().ToArray();
    }
}
