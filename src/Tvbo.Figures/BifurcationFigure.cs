using ScottPlot;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// A bifurcation-like diagram of a 1-D sweep: per output (first on top, at most four), the band between the
/// minimum and the maximum over the summary window (the last 20 % of samples) and the window mean, against the
/// swept parameter. A fixed point shows as a band of zero width, an oscillation as a band as wide as its amplitude.
/// Works from a stored summary too. Conditions that failed are left out (and counted in red). A parameter swept
/// evenly in log10 gets a log axis. For a discrete map (<see cref="FigureOptions.IterationStep"/>) with its series, it is
/// the orbit diagram instead: every iterate of the summary window as a point above its parameter value (at most
/// <see cref="MaxIteratesPerCondition"/>, the last ones), so fixed points, cycles and chaos show as one, several or a
/// cloud of points.
/// </summary>
public static class BifurcationFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "bifurcation";

    /// <summary>The most outputs drawn (one panel each).</summary>
    public const int MaxOutputs = 4;

    /// <summary>The most iterates of one condition an orbit diagram draws (the last of the window).</summary>
    public const int MaxIteratesPerCondition = 1000;

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A 1-D sweep (one axis with more than one value, or a zip exploration, whose first axis is used).</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result is not a 1-D sweep.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var axes = PanelGrid.EffectiveAxes(result);
        if (axes.Length != 1)
        {
            throw new ArgumentException($"Exploration '{result.Name}' is not a 1-D sweep (grid {result.Grid.ShapeText}); a bifurcation-like diagram needs one swept parameter.", nameof(result));
        }

        var labels = new Labels(options);
        var axis = axes[0];
        var axisName = result.Axes[axis].Name;
        var summary = result.HasSeries ? result.Summarize(options.SummaryWindow) : result.Summary!;
        var nv = result.OutputNames.Count;
        var shownOutputs = Math.Min(nv, MaxOutputs);
        var order = Enumerable.Range(0, result.ConditionCount).OrderBy(c => result.ParameterValues(c)[axis]).ToArray();
        var log = AxisScale.IsLogSpaced(result.Axes[axis].ExploredValues);
        var x = order.Select(c => result.ParameterValues(c)[axis]).Select(v => log ? Math.Log10(v) : v).ToArray();
        var failed = result.Failures.Select(f => f.Condition).ToHashSet();

        var outputsText = string.Join(", ", result.OutputNames.Take(shownOutputs).Select(labels.Name));
        using var figure = new FigureCanvas(shownOutputs, 1)
        {
            Title = $"{labels.Title(result)}: {outputsText} against {labels.Name(axisName)}",
            Subtitle = Labels.Provenance(result) + ZipNote(result, labels, axisName),
        };
        var window = labels.Window(result, summary.WindowStart);
        var orbits = labels.Iterates && result.HasSeries;
        if (orbits)
        {
            figure.Legend.Add(new LegendEntry($"iterates in the {window}", Style.Muted, LegendGlyph.Circle));
        }
        else
        {
            figure.Legend.Add(new LegendEntry($"min … max over the {window}", Style.Muted.WithAlpha(0.3), LegendGlyph.Band));
            figure.Legend.Add(new LegendEntry("mean", Style.Muted, LegendGlyph.Line));
        }

        if (failed.Count > 0)
        {
            figure.Warning = $"{Labels.FailedConditions(result)}: left out";
        }

        figure.Width = options.SingleWidth;

        figure.SetSize(options.Width, options.Height, figure.Width, Math.Max(options.SingleHeight, (int)figure.HeaderHeight + (shownOutputs * 180)));
        (double[] Min, double[] Max, double[] Mean)[] bands = orbits ? [] : Enumerable.Range(0, nv).Select(v => Band(summary, order, failed, nv, v)).ToArray();
        bool[] jumps = orbits ? [] : Jumps(x, bands.Select(b => b.Mean).ToArray());
        if (jumps.Any(j => j))
        {
            figure.Legend.Add(new LegendEntry("line broken where the branch jumps", Style.Muted, LegendGlyph.None));
        }

        for (var v = 0; v < shownOutputs; v++)
        {
            var plot = new Plot();
            var bottom = v == shownOutputs - 1;
            Style.Panel(plot, null, tickSize: 12, labelSize: 14, padding: new PixelPadding(84, 16, bottom ? 50 : 22, 10));
            if (orbits)
            {
                AddOrbits(plot, result, x, order, failed, summary.WindowStart, v, Style.Output(v));
            }
            else
            {
                AddBand(plot, x, bands[v], jumps, Style.Output(v));
            }

            plot.YLabel(labels.WithUnit(result.OutputNames[v]));
            if (bottom)
            {
                plot.XLabel(labels.WithUnit(axisName) + (log ? " (log scale)" : string.Empty));
            }

            if (log)
            {
                AxisScale.Log10Ticks(plot.Axes.Bottom, x.Min(), x.Max());
            }

            plot.Axes.AutoScale();
            plot.Axes.Margins(0.03, 0.1);
            figure.Panels[v] = plot;
        }

        return figure.Save(basePath, options.Formats);
    }

    // For a zip of several axes: which parameters vary with the first.
    private static string ZipNote(ExplorationResult result, Labels labels, string axisName) =>
        result.Grid.Mode == ExplorationMode.Zip && result.Axes.Count > 1
            ? $" · zip: {string.Join(", ", result.Axes.Skip(1).Select(a => labels.Name(a.Name)))} vary with {labels.Name(axisName)}"
            : string.Empty;

    // Output v's window min, max and mean in the conditions' order along the axis (NaN where the condition failed).
    private static (double[] Min, double[] Max, double[] Mean) Band(SummaryStatistics summary, int[] order, HashSet<int> failed, int nv, int v)
    {
        double[] min = new double[order.Length], max = new double[order.Length], mean = new double[order.Length];
        ReadOnlySpan<double> mins = summary.Min.Span, maxes = summary.Max.Span, means = summary.Mean.Span;
        for (var i = 0; i < order.Length; i++)
        {
            var c = order[i];
            var k = (c * nv) + v;
            var bad = failed.Contains(c);
            min[i] = bad ? double.NaN : mins[k];
            max[i] = bad ? double.NaN : maxes[k];
            mean[i] = bad ? double.NaN : means[k];
        }

        return (min, max, mean);
    }

    // A map's orbit diagram: output v's finite iterates from the window's start (at most the last
    // MaxIteratesPerCondition) as points above each condition's parameter value; failed conditions left out.
    private static void AddOrbits(Plot plot, ExplorationResult result, double[] x, int[] order, HashSet<int> failed, int windowStart, int v, Color color)
    {
        var nv = result.OutputNames.Count;
        var from = Math.Max(windowStart, result.SampleCount - MaxIteratesPerCondition);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < order.Length; i++)
        {
            if (failed.Contains(order[i]))
            {
                continue;
            }

            var block = result.ConditionSeries(order[i]);
            for (var k = from; k < result.SampleCount; k++)
            {
                var y = block[(k * nv) + v];
                if (double.IsFinite(y))
                {
                    xs.Add(x[i]);
                    ys.Add(y);
                }
            }
        }

        if (xs.Count > 0)
        {
            plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color.WithAlpha(0.6)).MarkerSize = 2;
        }
    }

    /// <summary>How much larger than the typical step between neighbouring conditions a step must be to count as a jump.</summary>
    internal const double JumpFactor = 8;

    /// <summary>The smallest jump, as a fraction of the output's range over the sweep.</summary>
    internal const double JumpFraction = 0.05;

    /// <summary>
    /// Where the branch jumps between neighbouring conditions (by <paramref name="x"/>, the conditions in axis order):
    /// entry i is <see langword="true"/> when, in any output, the window mean changes from the i-th finite condition to
    /// the next by more than <see cref="JumpFactor"/> times the median of that output's steps (as slopes against
    /// <paramref name="x"/>, so an uneven grid is fair) and by more than <see cref="JumpFraction"/> of its range. A
    /// jump is a change of state, so it breaks every output's line. Conditions with a non-finite mean are skipped (the
    /// line joins the finite ones on either side).
    /// </summary>
    /// <param name="x">The parameter values in axis order (log10 of them on a log axis).</param>
    /// <param name="means">Per output, the window means in axis order.</param>
    /// <returns>One flag per pair of neighbouring conditions (index of the left one).</returns>
    internal static bool[] Jumps(double[] x, double[][] means)
    {
        var jumps = new bool[Math.Max(0, x.Length - 1)];
        foreach (var mean in means)
        {
            var kept = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(mean[i]) && double.IsFinite(x[i])).ToArray();
            if (kept.Length < 3)
            {
                continue;
            }

            var steps = new double[kept.Length - 1];
            var slopes = new double[kept.Length - 1];
            for (var k = 0; k + 1 < kept.Length; k++)
            {
                steps[k] = Math.Abs(mean[kept[k + 1]] - mean[kept[k]]);
                var dx = Math.Abs(x[kept[k + 1]] - x[kept[k]]);
                slopes[k] = dx > 0 ? steps[k] / dx : double.PositiveInfinity;
            }

            var typical = Median(slopes);
            var range = kept.Max(i => mean[i]) - kept.Min(i => mean[i]);
            for (var k = 0; k < steps.Length; k++)
            {
                if (steps[k] > JumpFraction * range && slopes[k] > JumpFactor * typical)
                {
                    jumps[kept[k]] = true;
                }
            }
        }

        return jumps;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The runs of finite conditions the band and the mean are drawn in, as index lists: a new run starts
    /// after each jump (a jump flagged between condition i and a later finite one breaks the line there).</summary>
    internal static List<int[]> Segments(double[] x, (double[] Min, double[] Max, double[] Mean) band, bool[] jumps)
    {
        var (min, max, mean) = band;
        var segments = new List<int[]>();
        var current = new List<int>();
        var pendingBreak = false;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsFinite(min[i]) && double.IsFinite(max[i]) && double.IsFinite(mean[i]))
            {
                if (pendingBreak && current.Count > 0)
                {
                    segments.Add([.. current]);
                    current.Clear();
                }

                pendingBreak = false;
                current.Add(i);
            }

            if (i < jumps.Length && jumps[i])
            {
                pendingBreak = true;
            }
        }

        if (current.Count > 0)
        {
            segments.Add([.. current]);
        }

        return segments;
    }

    // The band between min and max (edges marked) and the mean, at the points where all three are finite, in
    // segments broken where the branch jumps.
    private static void AddBand(Plot plot, double[] x, (double[] Min, double[] Max, double[] Mean) band, bool[] jumps, Color color)
    {
        var (min, max, mean) = band;
        foreach (var keep in Segments(x, band, jumps))
        {
            var xs = keep.Select(i => x[i]).ToArray();
            var fill = plot.Add.FillY(xs, keep.Select(i => min[i]).ToArray(), keep.Select(i => max[i]).ToArray());
            fill.FillColor = color.WithAlpha(0.22);
            fill.LineColor = color.WithAlpha(0.55);
            fill.LineWidth = 1;
            fill.MarkerSize = 0;
            foreach (var edge in new[] { min, max })
            {
                var e = plot.Add.Scatter(xs, keep.Select(i => edge[i]).ToArray(), color.WithAlpha(0.7));
                e.LineWidth = 1;
                e.MarkerSize = 4;
                e.MarkerShape = MarkerShape.FilledCircle;
            }

            var m = plot.Add.Scatter(xs, keep.Select(i => mean[i]).ToArray(), color);
            m.LineWidth = 2;
            m.MarkerSize = 6;
            m.MarkerShape = MarkerShape.FilledCircle;
        }
    }
}
