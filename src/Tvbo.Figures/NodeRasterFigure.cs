using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// A network's activity as a raster: one panel per condition (as <see cref="TimeSeriesFigure"/> chooses them), every
/// node a row (the first node on top, labelled where they fit), time along the horizontal axis, the colour (viridis,
/// one range for all panels, with a colorbar) one variable of every node, by default the first (named in the title). Long series
/// are shown at one column per pixel, each column the mean of its samples. Samples after a condition diverged are grey.
/// </summary>
public static class NodeRasterFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "node_raster";

    /// <summary>The most node labels written on the vertical axis (more nodes get labels on an even subset).</summary>
    public const int MaxNodeLabels = 40;

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A network's result (outputs <c>variable[node]</c>) with a stored series.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="variable">The variable shown (e.g. <c>V</c>), by default the first.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result is not a network's, has no series, or has no such variable.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null, string? variable = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var v = NodeAxis.Variable(result, variable, "node raster");
        if (!result.HasSeries)
        {
            throw new ArgumentException($"Exploration '{result.Name}' stored a summary only; a node raster needs Store = Series.", nameof(result));
        }

        var labels = new Labels(options);
        var grid = PanelGrid.For(result, options.MaxPanels);
        var name = result.Variables[v];
        using var figure = new FigureCanvas(grid.Rows, grid.Columns)
        {
            Title = $"{labels.Title(result)}: {labels.Name(name)} at every node",
            Subtitle = $"{result.Nodes.Count} nodes · " + Labels.Provenance(result) + grid.ShownNote(result),
        };
        var failed = result.Failures.Select(f => f.Condition).ToHashSet();
        if (grid.Cells.Any(c => c is { } k && failed.Contains(k)))
        {
            figure.Warning = $"{Labels.FailedConditions(result, "diverged")}: grey after they diverged";
        }

        // Every panel has the same nodes in the same rows: only the first column names them, in a wider column, and the
        // others keep their width for the raster.
        var labelled = Math.Clamp(NodeAxis.LabelWidth(result.Nodes) + 40, 60, 260);
        figure.FirstColumnExtra = grid.Columns > 1 ? labelled - Unlabelled : 0;
        PanelGrid.Size(figure, options);
        var columns = Math.Max(16, Math.Min(result.SampleCount, (int)figure.PanelSize.Width));
        var cells = grid.Cells.Select(c => c is { } k ? Cells(result, k, v, columns) : null).ToArray();
        var finite = cells.Where(c => c is not null).SelectMany(c => c!.Cast<double>()).Where(double.IsFinite).ToArray();
        var range = finite.Length == 0 ? new ScottPlot.Range(0, 1)
            : finite.Max() - finite.Min() < 1e-12 * Math.Max(1, Math.Abs(finite.Max())) ? new ScottPlot.Range(finite[0] - Math.Max(Math.Abs(finite[0]) * 0.01, 1e-12), finite[0] + Math.Max(Math.Abs(finite[0]) * 0.01, 1e-12))
            : new ScottPlot.Range(finite.Min(), finite.Max());
        for (var i = 0; i < grid.Cells.Length; i++)
        {
            if (grid.Cells[i] is { } c)
            {
                figure.Panels[i] = Panel(result, labels, c, cells[i]!, range, grid.IsBottom(i), i % grid.Columns == 0, Math.Clamp(((int)figure.PanelSize.Height - 70) / 11, 2, MaxNodeLabels));
            }
        }

        return figure.Save(basePath, options.Formats);
    }

    // Rows: nodes (node 0 in row 0, drawn on top); columns: time bins, each the mean of its finite samples (NaN when
    // the condition had diverged by then).
    private static double[,] Cells(ExplorationResult result, int condition, int v, int columns)
    {
        int nodes = result.Nodes.Count, samples = result.SampleCount, nv = result.OutputNames.Count;
        var block = result.ConditionSeries(condition);
        var cells = new double[nodes, columns];
        for (var col = 0; col < columns; col++)
        {
            var from = (int)((long)col * samples / columns);
            var to = Math.Max(from + 1, (int)((long)(col + 1) * samples / columns));
            for (var n = 0; n < nodes; n++)
            {
                var output = (v * nodes) + n;
                double sum = 0;
                var count = 0;
                var diverged = false;
                for (var s = from; s < to; s++)
                {
                    var x = block[(s * nv) + output];
                    if (double.IsFinite(x))
                    {
                        sum += x;
                        count++;
                    }
                    else
                    {
                        diverged = true;
                    }
                }

                cells[n, col] = diverged || count == 0 ? double.NaN : sum / count;
            }
        }

        return cells;
    }

    /// <summary>The left padding of a panel without node labels.</summary>
    private const int Unlabelled = 16;

    private static Plot Panel(ExplorationResult result, Labels labels, int c, double[,] cells, ScottPlot.Range range, bool bottom, bool yLabel, int nodeLabels)
    {
        var time = result.Time.Span;
        double t0 = time[0], t1 = time.Length > 1 ? time[^1] : t0 + 1;
        int nodes = cells.GetLength(0), columns = cells.GetLength(1);
        var plot = new Plot();
        var failure = result.Failures.FirstOrDefault(f => f.Condition == c);
        var title = labels.Condition(result, c);
        Style.Panel(plot, failure is null ? title : $"{title} — diverged at t = {labels.Time(failure.Time)}", padding: new PixelPadding(left: yLabel ? Math.Clamp(NodeAxis.LabelWidth(result.Nodes) + 40, 60, 260) : Unlabelled, right: 64, bottom: bottom ? 44 : 26, top: 34));
        if (failure is not null)
        {
            plot.Axes.Title.Label.ForeColor = Style.Failed;
        }

        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Color.FromHex("#bbbbbb");
        heatmap.ManualRange = range;
        var dt = (t1 - t0) / columns;
        heatmap.Extent = new CoordinateRect(t0, t1 + (columns == 1 ? dt : 0), -0.5, nodes - 0.5);
        var colorbar = plot.Add.ColorBar(heatmap); // the variable is named in the figure's title
        colorbar.Width = 12;
        colorbar.Axis.TickLabelStyle.FontSize = 10;
        if (yLabel)
        {
            NodeAxis.Ticks(plot.Axes.Left, result.Nodes, nodeLabels);
        }
        else
        {
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
        }

        plot.Axes.Margins(0, 0);
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(t0, t1, -0.5, nodes - 0.5);
        if (bottom)
        {
            plot.XLabel(labels.TimeAxis);
        }

        if (yLabel)
        {
            plot.YLabel("node");
        }

        return plot;
    }
}
