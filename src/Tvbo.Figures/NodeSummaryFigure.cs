using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// A network's state at every node: the nodes down the vertical axis (the first on top, labelled where they fit), and
/// per condition (at most <see cref="MaxConditions"/>, evenly spaced with the first and the last, one colour each) the
/// mean of one variable over the summary window (the last 20 % of samples) with the band between its minimum and its
/// maximum there. Works from a stored summary too. Conditions that failed are left out (and counted in red).
/// </summary>
public static class NodeSummaryFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "node_summary";

    /// <summary>The most conditions drawn.</summary>
    public const int MaxConditions = 6;

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A network's result (outputs <c>variable[node]</c>).</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="variable">The variable shown (e.g. <c>V</c>), by default the first.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result is not a network's, or has no such variable.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null, string? variable = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var v = NodeAxis.Variable(result, variable, "node summary");

        var labels = new Labels(options);
        var name = result.Variables[v];
        var nodes = result.Nodes.Count;
        var summary = result.HasSeries ? result.Summarize(options.SummaryWindow) : result.Summary!;
        var failed = result.Failures.Select(f => f.Condition).ToHashSet();
        var candidates = Enumerable.Range(0, result.ConditionCount).Where(c => !failed.Contains(c)).ToArray();
        var shown = Decimation.Sample(candidates.Length, MaxConditions).Select(i => candidates[i]).ToArray();
        var window = labels.Window(result, summary.WindowStart);
        using var figure = new FigureCanvas(1, 1)
        {
            Title = $"{labels.Title(result)}: {labels.Name(name)} at every node",
            Subtitle = $"mean (line) and min … max (band) over the {window} · {nodes} nodes · " + Labels.Provenance(result)
                + (shown.Length < candidates.Length ? $" · showing {shown.Length} of {candidates.Length} conditions, evenly spaced" : string.Empty),
        };
        if (failed.Count > 0)
        {
            figure.Warning = $"{Labels.FailedConditions(result)} (left out)";
        }

        figure.Width = options.SingleWidth;

        figure.SetSize(options.Width, options.Height, figure.Width, Math.Max(options.SingleHeight, Math.Min(2400, (int)(figure.HeaderHeight + 90 + (13 * nodes)))));

        var plot = new Plot();
        // Room on the left for the longest node label (ticks of 8 to 10 px).
        var labelWidth = NodeAxis.LabelWidth(result.Nodes);
        Style.Panel(plot, null, tickSize: 11, labelSize: 13, padding: new PixelPadding(left: Math.Clamp(labelWidth + 40, 70, 300), right: 16, bottom: 48, top: 12));
        var y = Enumerable.Range(0, nodes).Select(n => (double)(nodes - 1 - n)).ToArray();
        ReadOnlySpan<double> min = summary.Min.Span, max = summary.Max.Span, mean = summary.Mean.Span;
        var nv = result.OutputNames.Count;
        for (var k = 0; k < shown.Length; k++)
        {
            var c = shown[k];
            var color = Style.Output(k);
            var lo = new double[nodes];
            var hi = new double[nodes];
            var mid = new double[nodes];
            for (var n = 0; n < nodes; n++)
            {
                var i = (c * nv) + (v * nodes) + n;
                (lo[n], hi[n], mid[n]) = (min[i], max[i], mean[i]);
            }

            var band = y.Select((yy, n) => new Coordinates(lo[n], yy)).Concat(y.Select((yy, n) => new Coordinates(hi[n], yy)).Reverse()).ToArray();
            var polygon = plot.Add.Polygon(band);
            polygon.FillColor = color.WithAlpha(0.15);
            polygon.LineWidth = 0;
            var line = plot.Add.ScatterLine(mid, y, color);
            line.LineWidth = 1.6f;
            line.MarkerSize = nodes <= 100 ? 4 : 0;
            line.MarkerShape = MarkerShape.FilledCircle;
            figure.Legend.Add(new LegendEntry(labels.Condition(result, c), color, LegendGlyph.Line));
        }

        NodeAxis.Ticks(plot.Axes.Left, result.Nodes, Math.Max(10, Math.Min(nodes, (figure.Height - 200) / 11)));
        plot.XLabel(labels.WithUnit(name));
        plot.YLabel("node");
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(-0.5, nodes - 0.5);
        figure.Panels[0] = plot;
        return figure.Save(basePath, options.Formats);
    }
}
