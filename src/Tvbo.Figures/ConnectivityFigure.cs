using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// The first observable that is a matrix over the channels (<c>[channel, channel_2]</c>, e.g. <c>fc</c> or
/// <c>phase_locking</c>): its first and last conditions side by side (or the only one), colour from −1 to 1 (0 to 1 when
/// no value is negative), channel indices along both axes from the bottom left.
/// </summary>
public static class ConnectivityFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "connectivity";

    /// <summary>The observable the figure draws, or null: the first by name whose two dimensions are labelled by the
    /// same channels.</summary>
    /// <param name="result">The result.</param>
    public static ObservableResult? Drawn(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Observables.Values
            .Where(o => o.Dimensions is [{ Labels: { Count: > 1 } a }, { Labels: { } b }] && a.SequenceEqual(b))
            .OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A result with a matrix observable.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result has no matrix observable.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var o = Drawn(result) ?? throw new ArgumentException($"Exploration '{result.Name}' has no observable that is a matrix over the channels.", nameof(result));
        var labels = new Labels(options);
        var n = o.Dimensions[0].Length;
        int[] shown = o.ConditionCount == 1 ? [0] : [0, o.ConditionCount - 1];
        var negative = Enumerable.Range(0, o.ConditionCount).Any(c => o.Condition(c).ToArray().Any(v => v < 0));
        using var figure = new FigureCanvas(1, shown.Length)
        {
            Title = $"{labels.Title(result)}: {labels.Name(o.Name)} ({n} × {n})",
            Subtitle = Labels.Provenance(result),
        };
        figure.Width = Math.Max(options.SingleWidth, shown.Length * 520);
        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);
        for (var k = 0; k < shown.Length; k++)
        {
            var c = shown[k];
            var values = o.Condition(c);
            var cells = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var v = values[(i * n) + j];
                    // Row 0 of a ScottPlot heatmap is drawn at the top: channel i at height i.
                    cells[n - 1 - i, j] = double.IsFinite(v) ? v : double.NaN;
                }
            }

            var plot = new Plot();
            Style.Panel(plot, labels.Condition(result, c), tickSize: 11, labelSize: 13);
            var heatmap = plot.Add.Heatmap(cells);
            heatmap.Colormap = negative ? new ScottPlot.Colormaps.MellowRainbow() : new ScottPlot.Colormaps.Viridis();
            heatmap.ManualRange = negative ? new ScottPlot.Range(-1, 1) : new ScottPlot.Range(0, 1);
            heatmap.NaNCellColor = Color.FromHex("#bbbbbb");
            var colorbar = plot.Add.ColorBar(heatmap);
            colorbar.Label = labels.Name(o.Name);
            plot.Axes.Margins(0, 0);
            plot.Grid.IsVisible = false;
            var indices = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            AxisScale.CellTicks(plot.Axes.Bottom, indices);
            AxisScale.CellTicks(plot.Axes.Left, indices);
            plot.XLabel("channel");
            plot.YLabel("channel");
            figure.Panels[k] = plot;
        }

        return figure.Save(basePath, options.Formats);
    }
}
