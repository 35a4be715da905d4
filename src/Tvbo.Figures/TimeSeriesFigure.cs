using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// A grid of time-series panels: one per condition (for a sweep of more than <see cref="FigureOptions.MaxPanels"/>
/// conditions an evenly spaced subset with the first and the last), every output in each panel, coloured as in the
/// header's legend. A 2-D sweep that fits is laid out as its table (rows: first axis, columns: second). A condition
/// that diverged is drawn up to its last finite sample and titled in red.
/// </summary>
public static class TimeSeriesFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "timeseries";

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A result with a stored series.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result has no series.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        if (!result.HasSeries)
        {
            throw new ArgumentException($"Exploration '{result.Name}' stored a summary only; time series need Store = Series.", nameof(result));
        }

        var labels = new Labels(options);
        var grid = PanelGrid.For(result, options.MaxPanels);
        using var figure = new FigureCanvas(grid.Rows, grid.Columns)
        {
            Title = $"{labels.Title(result)}: time series",
            Subtitle = Labels.Provenance(result) + grid.ShownNote(result),
        };
        var nv = result.OutputNames.Count;
        for (var v = 0; v < nv; v++)
        {
            figure.Legend.Add(new LegendEntry(labels.WithUnit(result.OutputNames[v]), Style.Output(v), LegendGlyph.Line));
        }

        var failed = result.Failures.Select(f => f.Condition).ToHashSet();
        if (grid.Cells.Any(c => c is { } k && failed.Contains(k)))
        {
            figure.Warning = $"{Labels.FailedConditions(result, "diverged")}: drawn up to their last finite sample";
        }

        PanelGrid.Size(figure, options);
        var points = Math.Min(options.MaxPointsPerLine, Math.Max(64, (int)(2 * figure.PanelSize.Width)));
        for (var i = 0; i < grid.Cells.Length; i++)
        {
            if (grid.Cells[i] is { } c)
            {
                figure.Panels[i] = Panel(result, labels, c, grid.IsBottom(i), i % grid.Columns == 0 && nv == 1, points);
            }
        }

        return figure.Save(basePath, options.Formats);
    }

    /// <summary>Outputs beyond which a panel's lines are drawn 1 pixel wide.</summary>
    internal const int ManyLines = 16;

    // One condition's outputs against time, up to its last finite sample; titled in red when it diverged.
    private static Plot Panel(ExplorationResult result, Labels labels, int c, bool bottom, bool yLabel, int points)
    {
        var nv = result.OutputNames.Count;
        var time = result.Time.Span;
        var t0 = time.Length > 0 ? time[0] : 0;
        var t1 = time.Length > 1 ? time[^1] : t0 + 1;
        var plot = new Plot();
        var block = result.ConditionSeries(c);
        var end = Decimation.FiniteEnd(block, nv);
        var title = labels.Condition(result, c);
        var failure = result.Failures.FirstOrDefault(f => f.Condition == c);
        Style.Panel(plot, failure is null ? title : $"{title} — diverged at t = {labels.Time(failure.Time)}", padding: PanelGrid.Padding(bottom, yLabel));
        if (failure is not null)
        {
            plot.Axes.Title.Label.ForeColor = Style.Failed;
        }

        // One plottable for all lines (a network's hundreds of outputs cost one ScottPlot plottable, not one each);
        // past ManyLines outputs they are hairlines, which Skia draws several times faster than wider strokes.
        var lines = new LineBundle { LineWidth = nv > ManyLines ? 1 : 1.4f };
        var decimated = Decimation.MinMaxAll(time, block, nv, 0, end, points);
        for (var v = 0; v < nv; v++)
        {
            var (xs, ys) = decimated[v];
            if (xs.Length == 0)
            {
                continue;
            }

            if (labels.Iterates)
            {
                plot.Add.ScatterPoints(xs, ys, Style.Output(v)).MarkerSize = 3;
                continue;
            }

            lines.Add(xs, ys, Style.Output(v));
        }

        if (lines.Count > 0)
        {
            plot.Add.Plottable(lines);
        }

        if (bottom)
        {
            plot.XLabel(labels.TimeAxis);
        }

        if (yLabel)
        {
            plot.YLabel(labels.WithUnit(result.OutputNames[0]));
        }

        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(t0, t1);
        return plot;
    }
}
