using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// Phase portraits of the first two outputs (state variables; for a network, its first two variables at up to
/// <see cref="MaxNodes"/> nodes spread over it, named in the legend), one panel per condition laid out as in
/// <see cref="TimeSeriesFigure"/>: the whole trajectory in a light line, the summary window (the last 20 % of
/// samples, where an attractor shows) in a bold line, the initial state as a green circle and the final state as a
/// red square.
/// </summary>
public static class PhasePortraitFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "phase_portraits";

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A result with a stored series of at least two outputs.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result has no series or fewer than two outputs.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        if (!result.HasSeries || result.OutputNames.Count < 2)
        {
            throw new ArgumentException($"Exploration '{result.Name}': a phase portrait needs a stored series of at least two outputs.", nameof(result));
        }

        var labels = new Labels(options);
        var grid = PanelGrid.For(result, options.MaxPanels);
        // A network's portrait is of its first two variables (W[A] against V[A]) at a few nodes spread over the
        // network, one colour each; otherwise of the first two outputs.
        var portraits = Portraits(result);
        var network = result.Nodes.Count > 0 && result.Variables.Count >= 2;
        string xName = network ? result.Variables[0] : result.OutputNames[0], yName = network ? result.Variables[1] : result.OutputNames[1];
        var windowStart = SummaryStatistics.WindowStartFor(result.SampleCount, options.SummaryWindow);
        var line = Style.Output(0);
        var nodesNote = network ? $" · {portraits.Length} of {result.Nodes.Count} nodes, spread over the network" : string.Empty;
        using var figure = new FigureCanvas(grid.Rows, grid.Columns)
        {
            Title = $"{labels.Title(result)}: phase portraits ({labels.Name(yName)} against {labels.Name(xName)}{(network ? portraits.Length == 1 ? $" at node {portraits[0].Node}" : " at several nodes" : string.Empty)})",
            Subtitle = Labels.Provenance(result) + grid.ShownNote(result) + nodesNote,
        };
        if (network && portraits.Length > 1)
        {
            foreach (var p in portraits)
            {
                figure.Legend.Add(new LegendEntry(p.Node!, p.Color, LegendGlyph.Line));
            }
        }

        figure.Legend.Add(new LegendEntry("trajectory", line.WithAlpha(0.45), LegendGlyph.Line));
        figure.Legend.Add(new LegendEntry(labels.Window(result, windowStart), line, LegendGlyph.Thick));
        figure.Legend.Add(new LegendEntry("initial state", Style.Start, LegendGlyph.Circle));
        figure.Legend.Add(new LegendEntry("final state", Style.End, LegendGlyph.Square));
        var failed = result.Failures.Select(f => f.Condition).ToHashSet();
        if (grid.Cells.Any(c => c is { } k && failed.Contains(k)))
        {
            figure.Warning = $"{Labels.FailedConditions(result, "diverged")}: the final marker is the last finite state";
        }

        PanelGrid.Size(figure, options);
        // Keep samples half a pixel apart: the panel's data area is roughly its size less the axes' padding.
        var pixel = 0.5 / Math.Max(50, Math.Min(figure.PanelSize.Width - 70, figure.PanelSize.Height - 60));
        for (var i = 0; i < grid.Cells.Length; i++)
        {
            if (grid.Cells[i] is { } c)
            {
                var bottom = grid.IsBottom(i);
                var firstColumn = i % grid.Columns == 0;
                var plot = Panel(result, labels, c, bottom, firstColumn, windowStart, pixel, portraits);
                if (bottom)
                {
                    plot.XLabel(labels.WithUnit(xName));
                }

                if (firstColumn)
                {
                    plot.YLabel(labels.WithUnit(yName));
                }

                plot.Axes.AutoScale();
                plot.Axes.Margins(0.08, 0.08);
                figure.Panels[i] = plot;
            }
        }

        return figure.Save(basePath, options.Formats);
    }

    /// <summary>The most nodes of a network a portrait draws (spread evenly, the first and the last among them).</summary>
    public const int MaxNodes = 4;

    // The trajectories a panel draws: the first two outputs, or a network's first two variables at up to MaxNodes
    // nodes (outputs are variable-major: variable k of node j is output k * nodes + j), each with its colour.
    internal static (int X, int Y, string? Node, Color Color)[] Portraits(ExplorationResult result)
    {
        if (result.Nodes.Count == 0 || result.Variables.Count < 2)
        {
            return [(0, 1, null, Style.Output(0))];
        }

        var n = result.Nodes.Count;
        return Decimation.Sample(n, MaxNodes).Select((j, k) => (j, n + j, (string?)result.Nodes[j], Style.Output(k))).ToArray();
    }

    // One condition's trajectory (light, then bold over the summary window) with its initial and final state, up to
    // its last finite sample; titled in red when it diverged.
    private static Plot Panel(ExplorationResult result, Labels labels, int c, bool bottom, bool firstColumn, int windowStart, double pixel, (int X, int Y, string? Node, Color Color)[] portraits)
    {
        var nv = result.OutputNames.Count;
        var plot = new Plot();
        var block = result.ConditionSeries(c);
        var end = Decimation.FiniteEnd(block, nv);
        var failure = result.Failures.FirstOrDefault(f => f.Condition == c);
        var title = labels.Condition(result, c);
        Style.Panel(plot, failure is null ? title : $"{title} — diverged", padding: PanelGrid.Padding(bottom, firstColumn));
        if (failure is not null)
        {
            plot.Axes.Title.Label.ForeColor = Style.Failed;
        }

        var split = Math.Min(windowStart, end);
        foreach (var (xi, yi, _, line) in portraits)
        {
            AddTrajectory(plot, labels, block, nv, xi, yi, split, end, pixel, line);
        }

        return plot;
    }

    // One trajectory: light, then bold from the window's start; its initial and final state marked.
    private static void AddTrajectory(Plot plot, Labels labels, ReadOnlySpan<double> block, int nv, int xi, int yi, int split, int end, double pixel, Color line)
    {
        var spanX = Decimation.Span(block, nv, xi, 0, end);
        var spanY = Decimation.Span(block, nv, yi, 0, end);
        var (ax, ay) = Decimation.Path(block, nv, xi, yi, 0, Math.Min(end, split + 1), spanX, spanY, pixel);
        if (labels.Iterates)
        {
            plot.Add.ScatterPoints(ax, ay, line.WithAlpha(0.45)).MarkerSize = 2;
        }
        else if (ax.Length > 1)
        {
            var early = plot.Add.ScatterLine(ax, ay, line.WithAlpha(0.45));
            early.LineWidth = 1.1f;
        }

        var (bx, by) = Decimation.Path(block, nv, xi, yi, split, end, spanX, spanY, pixel);
        if (labels.Iterates)
        {
            plot.Add.ScatterPoints(bx, by, line).MarkerSize = 3;
        }
        else if (bx.Length > 1)
        {
            var late = plot.Add.ScatterLine(bx, by, line);
            late.LineWidth = 2.2f;
        }

        if (end > 0)
        {
            plot.Add.Marker(block[xi], block[yi], MarkerShape.FilledCircle, 9, Style.Start);
            plot.Add.Marker(block[((end - 1) * nv) + xi], block[((end - 1) * nv) + yi], MarkerShape.FilledSquare, 8, Style.End);
        }
    }
}
