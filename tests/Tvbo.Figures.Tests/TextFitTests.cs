namespace Tvbo.Figures.Tests;

/// <summary>Titles and axis labels are measured and fitted to their panels at any figure size.</summary>
[TestClass]
public sealed class TextFitTests
{
    [TestMethod]
    public void TextIsShrunkThenShortenedToFit()
    {
        const string Text = "a = 0.5, I_ext = 1.25, noise.σ = 0.001 — diverged at t = 123.4 ms";
        var wide = FigureCanvas.FitText(Text, false, 13, 2000);
        Assert.AreEqual((Text, 13f), wide);

        var shrunk = FigureCanvas.FitText(Text, false, 13, FigureCanvas.MeasureText(Text, false, 13) * 0.8f);
        Assert.AreEqual(Text, shrunk.Text);
        Assert.IsLessThan(13f, shrunk.Size);

        var cut = FigureCanvas.FitText(Text, false, 13, 120);
        Assert.AreEqual(FigureCanvas.MinTextSize, cut.Size);
        StringAssert.EndsWith(cut.Text, "…");
        Assert.IsLessThanOrEqualTo(120f, FigureCanvas.MeasureText(cut.Text, false, cut.Size));
    }

    [TestMethod]
    [DataRow(800, 600)]
    [DataRow(2400, 1600)]
    [DataRow(300, 200)]
    public void PanelTitlesAndLabelsFitTheirPanelsAtAnySize(int width, int height)
    {
        const string Long = "c_glob.a = 0.0123456, noise.σ = 0.25, network.conduction_speed = 3 — diverged at t = 12.5 ms";
        using var figure = new FigureCanvas(3, 3) { Width = width, Height = height, Title = "A title that is long enough to need fitting at the smallest sizes of all: " + Long };
        for (var i = 0; i < 9; i++)
        {
            var plot = new ScottPlot.Plot();
            Style.Panel(plot, i % 2 == 0 ? Long : "η = 1", padding: new ScottPlot.PixelPadding(84, 16, 50, 30));
            plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
            plot.XLabel("time t (ms) with a long explanation of the axis");
            plot.YLabel("network.conduction_speed (mm/ms)");
            figure.Panels[i] = plot;
        }

        var path = Path.Combine(Results.TempDirectory(), $"fit{width}.png");
        figure.SavePng(path);
        PngImage.AssertFigure(path, width, height);
        var (cellWidth, cellHeight) = figure.PanelSize;
        foreach (var plot in figure.Panels)
        {
            var data = plot!.RenderManager.LastRender.DataRect;
            var cell = plot.RenderManager.LastRender.FigureRect;
            var across = 2 * Math.Min(data.HorizontalCenter - cell.Left, cell.Right - data.HorizontalCenter);
            var upDown = 2 * Math.Min(data.VerticalCenter - cell.Top, cell.Bottom - data.VerticalCenter);
            foreach (var (label, room) in new[] { (plot.Axes.Title.Label, across), (plot.Axes.Bottom.Label, across), (plot.Axes.Left.Label, upDown) })
            {
                var measured = FigureCanvas.MeasureText(label.Text, label.Bold, label.FontSize);
                Assert.IsLessThanOrEqualTo(room, measured, $"'{label.Text}' at {label.FontSize} px in a {cellWidth:F0} x {cellHeight:F0} cell of a {width} x {height} figure");
            }
        }

        // The panel titles of one figure share one size, the smallest any needs, whichever column they are in.
        var sizes = figure.Panels.Select(p => p!.Axes.Title.Label.FontSize).Distinct().ToArray();
        Assert.HasCount(1, sizes, $"title sizes {string.Join(", ", sizes)} in a {width} x {height} figure");
    }
}
