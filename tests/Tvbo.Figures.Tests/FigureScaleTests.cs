using Tvbo.Figures;

namespace Tvbo.Figures.Tests;

/// <summary>Figures asked larger than their default are drawn larger, text and lines included.</summary>
[TestClass]
public sealed class FigureScaleTests
{
    [TestMethod]
    [DataRow(800, 600, 1f, 800, 600, DisplayName = "the default")]
    [DataRow(2400, 1800, 3f, 800, 600, DisplayName = "three times the default")]
    [DataRow(2400, 1600, 2.6666667f, 900, 600, DisplayName = "larger, other proportions: the smaller ratio")]
    [DataRow(2400, 600, 1f, 2400, 600, DisplayName = "only wider: laid out wider, text as it was")]
    [DataRow(400, 300, 1f, 400, 300, DisplayName = "smaller: laid out smaller")]
    [DataRow(20000, 15000, 4f, 5000, 3750, DisplayName = "at most four times")]
    public void LargerFiguresAreLaidOutAtTheDefaultScaleAndDrawnLarger(int width, int height, float scale, int layoutWidth, int layoutHeight)
    {
        using var figure = new FigureCanvas(1, 1);
        figure.SetSize(width, height, 800, 600);
        Assert.AreEqual(scale, figure.Scale, 1e-4f);
        Assert.AreEqual(layoutWidth, figure.Width);
        Assert.AreEqual(layoutHeight, figure.Height);
        Assert.AreEqual(width, figure.PixelWidth);
        Assert.AreEqual(height, figure.PixelHeight);
    }

    [TestMethod]
    public void ADiagramAtThreeTimesItsSizeCoversTheSameShareOfTheImage()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-scale-").FullName;
        var small = ContinuationFigure.Write(ContinuationFigureTests.Hopf(), Path.Combine(dir, "small"))[0];
        var large = ContinuationFigure.Write(ContinuationFigureTests.Hopf(), Path.Combine(dir, "large"), FigureOptions.Default with { Width = 2400, Height = 1800 })[0];
        var (a, b) = (PngImage.Read(small), PngImage.Read(large));
        Assert.AreEqual((2400, 1800), (b.Width, b.Height));
        Assert.AreEqual(a.InkFraction, b.InkFraction, 0.2 * a.InkFraction, $"ink: {a.InkFraction:P2} at 800x600, {b.InkFraction:P2} at 2400x1800 (text and lines grow with the figure)");
    }
}
