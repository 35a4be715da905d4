using ScottPlot;
using ScottPlot.TickGenerators;

namespace Tvbo.Figures;

/// <summary>Axis scales and ticks.</summary>
internal static class AxisScale
{
    /// <summary>Whether explored values were spaced evenly in log10 (e.g. <c>Domain.Range(..., logScale: true)</c>)
    /// rather than linearly: all positive, at least three, a constant ratio, spanning at least a decade.</summary>
    public static bool IsLogSpaced(IReadOnlyList<double> values)
    {
        var v = values.Where(double.IsFinite).Distinct().Order().ToArray();
        if (v.Length < 3 || v[0] <= 0 || v[^1] / v[0] < 10)
        {
            return false;
        }

        var ratio = Math.Log(v[1] / v[0]);
        for (var i = 2; i < v.Length; i++)
        {
            if (Math.Abs(Math.Log(v[i] / v[i - 1]) - ratio) > 1e-6 * Math.Abs(ratio))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Makes an axis show log10-transformed data with ticks labelled by the untransformed values.</summary>
    public static void Log10Ticks(IAxis axis, double lo, double hi)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = hi - lo >= 1.5,
            LabelFormatter = y => Labels.Number(Math.Pow(10, y), 3),
        };
    }

    /// <summary>Ticks at the cell indices 0..n-1 labelled with the explored values (at most ~10 labels).</summary>
    public static void CellTicks(IAxis axis, IReadOnlyList<double> values, int maxLabels = 10)
    {
        var digits = Labels.DistinctDigits(values);
        var step = (int)Math.Ceiling(values.Count / (double)maxLabels);
        var ticks = new NumericManual();
        for (var i = 0; i < values.Count; i += step)
        {
            ticks.AddMajor(i, Labels.Number(values[i], digits));
        }

        axis.TickGenerator = ticks;
    }

    /// <summary>Keeps only finite values as an ascending-x series.</summary>
    public static (double[] X, double[] Y) Finite(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }
}
