using ScottPlot;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>Which conditions a grid of panels shows, and where.</summary>
internal sealed class PanelGrid
{
    private PanelGrid(int rows, int columns, int?[] cells, int shown, bool byShape)
    {
        Rows = rows;
        Columns = columns;
        Cells = cells;
        Shown = shown;
        ByShape = byShape;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The condition in each cell, row by row (<see langword="null"/>: empty).</summary>
    public int?[] Cells { get; }

    /// <summary>How many conditions are shown.</summary>
    public int Shown { get; }

    /// <summary>Whether rows and columns follow the two axes of a 2-D sweep.</summary>
    public bool ByShape { get; }

    public static PanelGrid For(ExplorationResult result, int maxPanels)
    {
        var n = result.ConditionCount;
        var effective = EffectiveAxes(result);
        if (result.Grid.Mode == ExplorationMode.Product && effective.Length == 2 && n <= maxPanels && result.Shape[effective[1]] <= 6)
        {
            // Rows follow the first (slowest) axis, columns the second: the panel grid reads like the sweep's table.
            var rows = result.Shape[effective[0]];
            var columns = result.Shape[effective[1]];
            return new PanelGrid(rows, columns, Enumerable.Range(0, n).Select(c => (int?)c).ToArray(), n, byShape: true);
        }

        var shown = Decimation.Sample(n, maxPanels);
        var k = shown.Length;
        var cols = k <= 3 ? k : k == 4 ? 2 : (int)Math.Ceiling(Math.Sqrt(k));
        var rowCount = (int)Math.Ceiling(k / (double)cols);
        var cells = new int?[rowCount * cols];
        for (var i = 0; i < k; i++)
        {
            cells[i] = shown[i];
        }

        return new PanelGrid(rowCount, cols, cells, k, byShape: false);
    }

    /// <summary>The axes with more than one value (for a product grid), in axis order.</summary>
    public static int[] EffectiveAxes(ExplorationResult result) =>
        result.Grid.Mode == ExplorationMode.Zip
            ? (result.Axes.Count > 0 && result.ConditionCount > 1 ? [0] : [])
            : Enumerable.Range(0, result.Axes.Count).Where(j => result.Axes[j].ExploredValues.Count > 1).ToArray();

    /// <summary>The figure's size: the options' fixed size, or panels of the options' size plus the header.</summary>
    public static void Size(FigureCanvas canvas, FigureOptions options)
    {
        canvas.Width = Math.Max(360, (canvas.Columns * options.PanelWidth) + 20 + canvas.FirstColumnExtra);
        canvas.SetSize(options.Width, options.Height, canvas.Width, ((canvas.Rows * options.PanelHeight) + (int)Math.Ceiling(canvas.HeaderHeight) + 10));
    }

    /// <summary>Whether cell <paramref name="i"/> is the lowest panel of its column (it carries the x label).</summary>
    public bool IsBottom(int i) =>
        i / Columns == Rows - 1 || (i + Columns < Cells.Length && Cells[i + Columns] is null);

    /// <summary>The padding of a panel so that the panels of a grid line up.</summary>
    public static PixelPadding Padding(bool xLabel, bool yLabel, bool title = true) =>
        new(left: yLabel ? 76 : 58, right: 12, bottom: xLabel ? 44 : 26, top: title ? 34 : 8);

    /// <summary>The subtitle's note on which conditions are shown.</summary>
    public string ShownNote(ExplorationResult result) =>
        Shown < result.ConditionCount ? $" · showing {Shown} of {result.ConditionCount} conditions, evenly spaced" : string.Empty;
}
