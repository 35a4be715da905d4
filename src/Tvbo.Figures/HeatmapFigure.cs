using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// A heatmap of a 2-D product sweep: one cell per condition, the first swept parameter on the vertical axis
/// (increasing upwards) and the second on the horizontal, ticks labelled with the explored values, the colour (viridis,
/// with a labelled colorbar) the peak-to-peak amplitude or the mean of one output over the summary window. Small grids
/// print each cell's value; failed conditions are grey. Works from a stored summary too.
/// </summary>
public static class HeatmapFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes for <see cref="HeatmapQuantity.PeakToPeak"/>.</summary>
    public const string PeakToPeakFileName = "heatmap_peak_to_peak";

    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes for <see cref="HeatmapQuantity.Mean"/>.</summary>
    public const string MeanFileName = "heatmap_mean";

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A 2-D product sweep (two axes with more than one value).</param>
    /// <param name="quantity">What the colour shows.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="variable">The output, by default the first.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result is not a 2-D product sweep, or has no such output.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, HeatmapQuantity quantity, string basePath, FigureOptions? options = null, string? variable = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var axes = PanelGrid.EffectiveAxes(result);
        if (result.Grid.Mode != Tvbo.Experiment.ExplorationMode.Product || axes.Length != 2)
        {
            throw new ArgumentException($"Exploration '{result.Name}' is not a 2-D product sweep (grid {result.Grid.ShapeText}, {result.Grid.Mode}); a heatmap needs two swept parameters.", nameof(result));
        }

        var labels = new Labels(options);
        var v = variable is null ? 0 : result.VariableIndex(variable);
        var name = result.OutputNames[v];
        var summary = result.HasSeries ? result.Summarize(options.SummaryWindow) : result.Summary!;
        int ya = axes[0], xa = axes[1];
        var failed = result.Failures.Select(f => f.Condition).ToHashSet();
        var cells = Cells(result, quantity, summary, ya, xa, v, failed);
        var what = quantity == HeatmapQuantity.PeakToPeak ? "peak-to-peak amplitude" : "mean";
        var window = labels.Window(result, summary.WindowStart);
        using var figure = new FigureCanvas(1, 1)
        {
            Title = $"{labels.Title(result)}: {what} of {labels.Name(name)}",
            Subtitle = $"{(quantity == HeatmapQuantity.PeakToPeak ? "max − min" : "mean")} over the {window} · {Labels.Provenance(result)}",
        };
        if (failed.Count > 0)
        {
            figure.Warning = $"{Labels.FailedConditions(result)} (grey cells)";
        }

        figure.Width = options.SingleWidth;

        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);

        var plot = new Plot();
        Style.Panel(plot, null, tickSize: 12, labelSize: 14);
        Panel(plot, result, labels, ya, xa, cells, $"{what} of {labels.WithUnit(name)}");
        figure.Panels[0] = plot;
        return figure.Save(basePath, options.Formats);
    }

    // Row-major condition index → (row along the first axis, column along the second); the heatmap's row 0 is drawn
    // at the top, so rows are filled from the bottom up to make the vertical axis increase upwards. Failed or
    // non-finite cells are NaN.
    private static double[,] Cells(ExplorationResult result, HeatmapQuantity quantity, SummaryStatistics summary, int ya, int xa, int v, HashSet<int> failed)
    {
        var min = summary.Min.ToArray();
        var max = summary.Max.ToArray();
        var mean = summary.Mean.ToArray();
        return Cells(result, ya, xa, c =>
        {
            var k = (c * result.OutputNames.Count) + v;
            return failed.Contains(c) ? double.NaN : quantity == HeatmapQuantity.PeakToPeak ? max[k] - min[k] : mean[k];
        });
    }

    /// <summary>Each condition's value in its cell (the first axis upwards, the second across), NaN where it is not finite.</summary>
    internal static double[,] Cells(ExplorationResult result, int ya, int xa, Func<int, double> value)
    {
        int ny = result.Axes[ya].ExploredValues.Count, nx = result.Axes[xa].ExploredValues.Count;
        var cells = new double[ny, nx];
        var strides = new int[result.Shape.Count];
        for (int j = result.Shape.Count - 1, s = 1; j >= 0; s *= result.Shape[j], j--)
        {
            strides[j] = s;
        }

        for (var c = 0; c < result.ConditionCount; c++)
        {
            var iy = c / strides[ya] % ny;
            var ix = c / strides[xa] % nx;
            var v = value(c);
            cells[ny - 1 - iy, ix] = double.IsFinite(v) ? v : double.NaN;
        }

        return cells;
    }

    /// <summary>A panel of cells over a 2-D product sweep: viridis with a labelled colorbar, the axes' explored values
    /// as ticks, each cell's value printed on small grids.</summary>
    internal static void Panel(Plot plot, ExplorationResult result, Labels labels, int ya, int xa, double[,] cells, string label)
    {
        var (heatmap, finite) = AddHeatmap(plot, cells, label);
        AxisScale.CellTicks(plot.Axes.Bottom, result.Axes[xa].ExploredValues);
        AxisScale.CellTicks(plot.Axes.Left, result.Axes[ya].ExploredValues);
        plot.XLabel(labels.WithUnit(result.Axes[xa].Name));
        plot.YLabel(labels.WithUnit(result.Axes[ya].Name));
        plot.Axes.Margins(0, 0);
        plot.Grid.IsVisible = false;
        if (cells.Length <= 144)
        {
            AddCellValues(plot, cells, heatmap.ManualRange ?? (finite.Length > 0 ? new ScottPlot.Range(finite.Min(), finite.Max()) : new ScottPlot.Range(0, 1)));
        }
    }

    // The cells in viridis (grey where NaN) with a labelled colorbar; returns the heatmap and its finite values.
    private static (ScottPlot.Plottables.Heatmap Heatmap, double[] Finite) AddHeatmap(Plot plot, double[,] cells, string label)
    {
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Cells are centred on integer coordinates (column ix at x = ix, row r at y = ny - 1 - r).
        heatmap.NaNCellColor = Color.FromHex("#bbbbbb");
        var finite = cells.Cast<double>().Where(double.IsFinite).ToArray();
        if (finite.Length > 0 && finite.Max() - finite.Min() < 1e-12 * Math.Max(1, Math.Abs(finite.Max())))
        {
            // A constant field: give the colormap a range so the cells get a colour at all.
            var mid = finite[0];
            var half = Math.Max(Math.Abs(mid) * 0.01, 1e-12);
            heatmap.ManualRange = new ScottPlot.Range(mid - half, mid + half);
        }

        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = label;
        colorbar.LabelStyle.FontSize = 14;
        colorbar.LabelStyle.Bold = false;
        colorbar.Axis.TickLabelStyle.FontSize = 12;
        return (heatmap, finite);
    }

    // Each cell's value (or "failed") printed on it, black on light and white on dark colours.
    private static void AddCellValues(Plot plot, double[,] cells, ScottPlot.Range range)
    {
        int ny = cells.GetLength(0), nx = cells.GetLength(1);
        var digits = nx * ny <= 36 ? 4 : 3;
        var size = nx * ny <= 36 ? 14 : nx * ny <= 81 ? 11 : 9;
        for (var r = 0; r < ny; r++)
        {
            for (var col = 0; col < nx; col++)
            {
                var value = cells[r, col];
                var text = plot.Add.Text(double.IsNaN(value) ? "failed" : Labels.Number(value, digits), col, ny - 1 - r);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = size;
                text.LabelFontName = Style.FontFamily;
                var span = range.Max - range.Min;
                var fraction = span > 0 ? (value - range.Min) / span : 0.5;
                text.LabelFontColor = double.IsNaN(value) || fraction > 0.6 ? Colors.Black : Colors.White;
            }
        }
    }
}
