using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// Figures of a backend check: one condition and variable of two results of the same exploration (e.g. native and
/// PyRates) overlaid, and below it their absolute difference on a log scale.
/// </summary>
public static class CheckFigures
{
    /// <summary>Where exact agreement (a difference of 0, which has no logarithm) is drawn on the log axis when no
    /// sample differs at all; otherwise it is drawn a decade below the smallest non-zero difference.</summary>
    public const double Floor = 1e-18;

    /// <summary>Writes the overlay of condition <paramref name="condition"/>, variable <paramref name="variable"/> of
    /// <paramref name="a"/> (solid) and <paramref name="b"/> (dashed), and |a − b| against time on a log scale.</summary>
    /// <param name="a">The reference result (e.g. the native backend's).</param>
    /// <param name="b">The result checked against it, of the same grid, outputs and time grid.</param>
    /// <param name="condition">The condition index (e.g. the worst one of a cross-check).</param>
    /// <param name="variable">The variable index.</param>
    /// <param name="path">The image path: <c>.svg</c> writes SVG, anything else PNG (<c>.png</c> is added when the path
    /// has no extension).</param>
    /// <param name="options">Size and labels (its <see cref="FigureOptions.Formats"/> is ignored: the extension decides);
    /// <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="nameA">How <paramref name="a"/> is named in the legend; by default its backend (with <c>(a)</c>
    /// when both results come from the same backend).</param>
    /// <param name="nameB">How <paramref name="b"/> is named in the legend.</param>
    /// <returns>The path written.</returns>
    /// <exception cref="ArgumentException">The results lack a series, differ in shape, or the indices are out of range.</exception>
    public static string WriteOverlay(ExplorationResult a, ExplorationResult b, int condition, int variable, string path, FigureOptions? options = null, string? nameA = null, string? nameB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(path);
        options ??= FigureOptions.Default;
        options.Validate();
        CheckArguments(a, b, condition, variable);
        var labels = new Labels(options);
        var name = a.OutputNames[variable];
        ReadOnlySpan<double> sa = a.ConditionSeries(condition), sb = b.ConditionSeries(condition);
        var same = a.Backend == b.Backend;
        nameA ??= same ? $"{a.Backend} (a)" : a.Backend;
        nameB ??= same ? $"{b.Backend} (b)" : b.Backend;
        var difference = Difference.Of(a, sa, sb, variable);
        var agreeEverywhere = difference.Worst == 0 && difference.NanMismatch < 0 && a.ConditionCount > 1 && EqualEverywhere(a, b, variable);
        using var figure = new FigureCanvas(2, 1)
        {
            Title = agreeEverywhere
                ? $"{labels.Title(a)}: {nameA} and {nameB} equal exactly in all {a.ConditionCount} conditions; {labels.Name(name)} at {labels.Condition(a, condition)}"
                : $"{labels.Title(a)}: {nameA} vs {nameB}, {labels.Name(name)} at {labels.Condition(a, condition)}",
            Subtitle = Subtitle(labels, a, condition, difference) + (agreeEverywhere && OverlayCondition(a, b, variable) == condition ? " · shown: the condition of widest range" : string.Empty),
        };
        if (difference.NanMismatch >= 0)
        {
            figure.Warning = $"only one backend is NaN from t = {labels.Time(a.Time.Span[difference.NanMismatch])} on";
        }

        figure.Legend.Add(new LegendEntry(nameA, Style.Output(0), LegendGlyph.Line));
        figure.Legend.Add(new LegendEntry(nameB, Style.Output(1), LegendGlyph.Dashed));
        figure.Legend.Add(new LegendEntry($"|{nameA} − {nameB}|", Style.Text, LegendGlyph.Line));
        figure.Width = options.SingleWidth;
        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);
        var points = Math.Min(options.MaxPointsPerLine, Math.Max(64, 2 * figure.PixelWidth));
        var n = a.SampleCount;
        var t0 = n > 0 ? a.Time.Span[0] : 0;
        var t1 = n > 1 ? a.Time.Span[^1] : t0 + 1;
        figure.Panels[0] = OverlayPanel(a, b, sa, sb, variable, labels.WithUnit(name), points, t0, t1);
        figure.Panels[1] = DifferencePanel(a, difference.Log, $"|Δ{labels.Name(name)}| (log scale)", labels.TimeAxis, points, t0, t1);
        return Save(figure, path);
    }

    /// <summary>The condition an overlay of <paramref name="variable"/> shows: the one where <paramref name="a"/> and
    /// <paramref name="b"/> differ most relative to the variable's scale in that condition, max |a − b| / (max |a| +
    /// 1e-300) over time (a sample where only one of them is NaN counts as infinitely different; both NaN, as equal).
    /// When they differ nowhere (or equally), the condition where <paramref name="a"/> ranges widest (max − min), so a
    /// flat fixed point is not what is shown.</summary>
    /// <param name="a">The reference result.</param>
    /// <param name="b">The result checked against it, of the same grid, outputs and time grid.</param>
    /// <param name="variable">The variable index.</param>
    /// <returns>The condition index.</returns>
    /// <exception cref="ArgumentException">The results lack a series, differ in shape, or the variable is out of range.</exception>
    public static int OverlayCondition(ExplorationResult a, ExplorationResult b, int variable)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckArguments(a, b, 0, variable);
        var best = 0;
        (double Relative, double Range) bestScore = (-1, -1);
        for (var c = 0; c < a.ConditionCount; c++)
        {
            var score = Score(a, b, c, variable);
            if (score.Relative > bestScore.Relative || (score.Relative == bestScore.Relative && score.Range > bestScore.Range))
            {
                (best, bestScore) = (c, score);
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are equal in every sample of every condition of
    /// <paramref name="variable"/> (NaN where both are NaN).</summary>
    internal static bool EqualEverywhere(ExplorationResult a, ExplorationResult b, int variable)
    {
        for (var c = 0; c < a.ConditionCount; c++)
        {
            if (Score(a, b, c, variable).Relative > 0)
            {
                return false;
            }
        }

        return true;
    }

    // Condition c's largest |a − b| relative to its largest |a|, and a's range (max − min over finite samples).
    private static (double Relative, double Range) Score(ExplorationResult a, ExplorationResult b, int c, int variable)
    {
        var nv = a.OutputNames.Count;
        ReadOnlySpan<double> sa = a.ConditionSeries(c), sb = b.ConditionSeries(c);
        double diff = 0, scale = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var k = variable; k < sa.Length; k += nv)
        {
            double x = sa[k], y = sb[k];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                diff = double.IsNaN(x) == double.IsNaN(y) ? diff : double.PositiveInfinity;
                continue;
            }

            var d = Math.Abs(x - y);
            diff = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(diff, d); // ∞ − ∞
            if (double.IsFinite(x))
            {
                scale = Math.Max(scale, Math.Abs(x));
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }

        return (diff == 0 ? 0 : diff / (scale + 1e-300), max >= min ? max - min : 0);
    }

    private static void CheckArguments(ExplorationResult a, ExplorationResult b, int condition, int variable)
    {
        if (!a.HasSeries || !b.HasSeries)
        {
            throw new ArgumentException("Both results need a stored series (Store = Series) for an overlay.");
        }

        if (a.ConditionCount != b.ConditionCount || a.SampleCount != b.SampleCount || !a.OutputNames.SequenceEqual(b.OutputNames))
        {
            throw new ArgumentException($"The results differ in shape: {a.TimeseriesShape} vs {b.TimeseriesShape}.");
        }

        if ((uint)condition >= (uint)a.ConditionCount || (uint)variable >= (uint)a.OutputNames.Count)
        {
            throw new ArgumentException($"Condition {condition} / variable {variable} is outside [0, {a.ConditionCount}) x [0, {a.OutputNames.Count}).");
        }
    }

    private static string Subtitle(Labels labels, ExplorationResult a, int condition, Difference d)
    {
        var n = a.SampleCount;
        var drawnAt = Labels.Number(Math.Pow(10, d.FloorLog));
        return (d.Worst == 0 ? $"condition {condition} · all {n} samples equal exactly (drawn at {drawnAt})"
            : $"condition {condition} · max |difference| = {Labels.Number(d.Worst, 3)} at t = {labels.Time(d.WorstTime)}"
                + (d.Exact > 0 ? $" · {d.Exact} of {n} samples equal (drawn at {drawnAt})" : string.Empty))
            + $" · dt = {Labels.Number(a.Dt)}";
    }

    // a solid and b dashed against time.
    private static Plot OverlayPanel(ExplorationResult a, ExplorationResult b, ReadOnlySpan<double> sa, ReadOnlySpan<double> sb, int variable, string yLabel, int points, double t0, double t1)
    {
        var nv = a.OutputNames.Count;
        var n = a.SampleCount;
        var top = new Plot();
        Style.Panel(top, null, tickSize: 12, labelSize: 14, padding: new PixelPadding(84, 16, 24, 8));
        var (ax, ay) = Decimation.MinMax(a.Time.Span, sa, nv, variable, 0, n, points);
        var (bx, by) = Decimation.MinMax(b.Time.Span, sb, nv, variable, 0, n, points);
        var la = top.Add.ScatterLine(ax, ay, Style.Output(0));
        la.LineWidth = 2.5f;
        var lb = top.Add.ScatterLine(bx, by, Style.Output(1));
        lb.LineWidth = 1.5f;
        lb.LinePattern = LinePattern.Dashed;
        top.YLabel(yLabel);
        top.Axes.AutoScale();
        top.Axes.SetLimitsX(t0, t1);
        return top;
    }

    // log10 |a − b| against time, with a tick per decade.
    private static Plot DifferencePanel(ExplorationResult a, double[] logDifference, string yLabel, string xLabel, int points, double t0, double t1)
    {
        var bottom = new Plot();
        Style.Panel(bottom, null, tickSize: 12, labelSize: 14, padding: new PixelPadding(84, 16, 50, 8));
        var (dx, dy) = Decimation.MinMax(a.Time.Span, logDifference, 1, 0, 0, a.SampleCount, points);
        if (dx.Length > 0)
        {
            var ld = bottom.Add.ScatterLine(dx, dy, Style.Text);
            ld.LineWidth = 1.2f;
            var lo = Math.Floor(dy.Min());
            var hi = Math.Max(lo + 2, Math.Ceiling(dy.Max()));
            bottom.Axes.SetLimitsY(lo - 0.2, hi + 0.2);
            AxisScale.Log10Ticks(bottom.Axes.Left, lo, hi);
        }

        bottom.YLabel(yLabel);
        bottom.XLabel(xLabel);
        bottom.Axes.SetLimitsX(t0, t1);
        return bottom;
    }

    // .svg writes SVG, anything else PNG (.png added when the path has no extension).
    private static string Save(FigureCanvas figure, string path)
    {
        var ext = Path.GetExtension(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        if (string.Equals(ext, ".svg", StringComparison.OrdinalIgnoreCase))
        {
            figure.SaveSvg(path);
        }
        else
        {
            path = ext.Length == 0 ? path + ".png" : path;
            figure.SavePng(path);
        }

        return path;
    }

    // |a − b| of one variable over time: log10 of it (exact agreement drawn at FloorLog, NaN where both are NaN or
    // only one is), the largest difference and when, how many samples agree exactly, and the first sample where only
    // one is NaN (-1: none).
    private sealed record Difference(double[] Log, double Worst, double WorstTime, int Exact, int NanMismatch, double FloorLog)
    {
        public static Difference Of(ExplorationResult a, ReadOnlySpan<double> sa, ReadOnlySpan<double> sb, int variable)
        {
            var nv = a.OutputNames.Count;
            var n = a.SampleCount;
            var diff = new double[n];
            var time = a.Time.Span;
            double worst = 0, worstTime = time.Length > 0 ? time[0] : 0;
            var exact = 0;
            var nanMismatch = -1;
            for (var t = 0; t < n; t++)
            {
                double x = sa[(t * nv) + variable], y = sb[(t * nv) + variable];
                if (double.IsNaN(x) && double.IsNaN(y))
                {
                    diff[t] = double.NaN;
                    continue;
                }

                var d = Math.Abs(x - y);
                if (double.IsNaN(d))
                {
                    nanMismatch = nanMismatch < 0 ? t : nanMismatch;
                    diff[t] = double.NaN;
                    continue;
                }

                if (d > worst)
                {
                    worst = d;
                    worstTime = time[t];
                }

                exact += d == 0 ? 1 : 0;
                diff[t] = d;
            }

            var smallest = diff.Where(d => d > 0).DefaultIfEmpty(0).Min();
            var floorLog = smallest > 0 ? Math.Floor(Math.Log10(smallest)) - 1 : Math.Log10(Floor);
            for (var t = 0; t < n; t++)
            {
                diff[t] = double.IsNaN(diff[t]) ? double.NaN : diff[t] > 0 ? Math.Log10(diff[t]) : floorLog;
            }

            return new Difference(diff, worst, worstTime, exact, nanMismatch, floorLog);
        }
    }
}
