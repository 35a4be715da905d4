using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// The observables that are one number per condition (an order parameter, a correlation with an empirical FC), each
/// against the swept parameter of a 1-D sweep (a curve) or over a 2-D product sweep (a heatmap, the first parameter
/// upwards): one panel each, at most four. Conditions whose value is not finite are left out (grey cells) and counted. A
/// parameter swept evenly in log10 gets a log axis.
/// </summary>
public static class ObservableFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "observables";

    /// <summary>The most observables drawn (one panel each).</summary>
    public const int MaxPanels = 4;

    /// <summary>The observables the figure draws: one number per condition, the first <see cref="MaxPanels"/> by name.</summary>
    /// <param name="result">The result.</param>
    public static IReadOnlyList<ObservableResult> Drawn(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Observables.Values.Where(o => o.Dimensions.Count == 0).OrderBy(o => o.Name, StringComparer.Ordinal).Take(MaxPanels).ToArray();
    }

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A 1-D sweep or a 2-D product sweep with at least one observable that is a number per condition.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result is not a 1-D or 2-D product sweep, or has no such observable.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var axes = PanelGrid.EffectiveAxes(result);
        var drawn = Drawn(result);
        if (!Fits(result) || drawn.Count == 0)
        {
            throw new ArgumentException($"Exploration '{result.Name}' (grid {result.Grid.ShapeText}) has no observable that is one number per condition over one swept parameter or a 2-D product sweep.", nameof(result));
        }

        var labels = new Labels(options);
        if (axes.Length == 2)
        {
            return WriteHeatmaps(result, drawn, axes, labels, basePath, options);
        }

        var axis = axes[0];
        var axisName = result.Axes[axis].Name;
        var order = Enumerable.Range(0, result.ConditionCount).OrderBy(c => result.ParameterValues(c)[axis]).ToArray();
        var log = AxisScale.IsLogSpaced(result.Axes[axis].ExploredValues);
        var x = order.Select(c => result.ParameterValues(c)[axis]).Select(v => log ? Math.Log10(v) : v).ToArray();
        using var figure = new FigureCanvas(drawn.Count, 1)
        {
            Title = $"{labels.Title(result)}: {string.Join(", ", drawn.Select(o => labels.Name(o.Name)))} against {labels.Name(axisName)}",
            Subtitle = Labels.Provenance(result),
        };
        var missing = drawn.Sum(o => order.Count(c => !double.IsFinite(o.Condition(c)[0])));
        if (missing > 0)
        {
            figure.Warning = $"{missing} value(s) not finite: left out";
        }

        figure.Width = options.SingleWidth;

        figure.SetSize(options.Width, options.Height, figure.Width, Math.Max(options.SingleHeight, (int)figure.HeaderHeight + (drawn.Count * 200)));
        for (var k = 0; k < drawn.Count; k++)
        {
            var plot = new Plot();
            var bottom = k == drawn.Count - 1;
            Style.Panel(plot, null, tickSize: 12, labelSize: 14, padding: new PixelPadding(84, 16, bottom ? 50 : 22, 10));
            var keep = Enumerable.Range(0, order.Length).Where(i => double.IsFinite(drawn[k].Condition(order[i])[0])).ToArray();
            var line = plot.Add.Scatter(keep.Select(i => x[i]).ToArray(), keep.Select(i => drawn[k].Condition(order[i])[0]).ToArray(), Style.Output(k));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.MarkerShape = MarkerShape.FilledCircle;
            plot.YLabel(labels.Name(drawn[k].Name));
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
            figure.Panels[k] = plot;
        }

        return figure.Save(basePath, options.Formats);
    }

    /// <summary>Whether the result's grid suits the figure: one swept parameter, or two in a product.</summary>
    /// <param name="result">The result.</param>
    public static bool Fits(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var axes = PanelGrid.EffectiveAxes(result).Length;
        return axes == 1 || (axes == 2 && result.Grid.Mode == Tvbo.Experiment.ExplorationMode.Product);
    }

    private static IReadOnlyList<string> WriteHeatmaps(ExplorationResult result, IReadOnlyList<ObservableResult> drawn, int[] axes, Labels labels, string basePath, FigureOptions options)
    {
        using var figure = new FigureCanvas(drawn.Count, 1)
        {
            Title = $"{labels.Title(result)}: {string.Join(", ", drawn.Select(o => labels.Name(o.Name)))}",
            Subtitle = Labels.Provenance(result),
        };
        var missing = drawn.Sum(o => Enumerable.Range(0, o.ConditionCount).Count(c => !double.IsFinite(o.Condition(c)[0])));
        if (missing > 0)
        {
            figure.Warning = $"{missing} value(s) not finite (grey cells)";
        }

        figure.Width = options.SingleWidth;

        figure.SetSize(options.Width, options.Height, figure.Width, Math.Max(options.SingleHeight, (int)figure.HeaderHeight + (drawn.Count * 420)));
        for (var k = 0; k < drawn.Count; k++)
        {
            var plot = new Plot();
            Style.Panel(plot, null, tickSize: 12, labelSize: 14);
            var o = drawn[k];
            HeatmapFigure.Panel(plot, result, labels, axes[0], axes[1], HeatmapFigure.Cells(result, axes[0], axes[1], c => o.Condition(c)[0]), labels.Name(o.Name));
            figure.Panels[k] = plot;
        }

        return figure.Save(basePath, options.Formats);
    }
}
