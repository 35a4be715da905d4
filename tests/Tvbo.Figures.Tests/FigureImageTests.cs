using System.Diagnostics;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Figures.Tests;

/// <summary>Every kind of figure is a real PNG of the size asked for, and not blank.</summary>
[TestClass]
public sealed class FigureImageTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TimeSeriesOfA1DSweepIsAPngOfTheRequestedSize()
    {
        var dir = Results.TempDirectory();
        var paths = TimeSeriesFigure.Write(Results.Vdp, Path.Combine(dir, "ts"), new FigureOptions { Width = 640, Height = 480 });
        Assert.AreEqual(Path.Combine(dir, "ts.png"), paths.Single());
        var png = PngImage.AssertFigure(paths[0], 640, 480);
        Assert.IsTrue(png.Colours >= 20, $"time series of two outputs in colour: {png.Colours} colours");
    }

    [TestMethod]
    public void GridFiguresAreSizedByTheirPanels()
    {
        var dir = Results.TempDirectory();
        var options = new FigureOptions { PanelWidth = 250, PanelHeight = 200 };

        // 6 conditions: 3 columns x 2 rows; 15 conditions: 4 x 4; 3 x 3 sweep: its own table.
        var vdp = PngImage.AssertFigure(TimeSeriesFigure.Write(Results.Vdp, Path.Combine(dir, "vdp"), options)[0], width: (3 * 250) + 20);
        Assert.IsTrue(vdp.Height > 2 * 200 && vdp.Height < (2 * 200) + 150, $"height {vdp.Height}");
        var qif = PngImage.AssertFigure(PhasePortraitFigure.Write(Results.Qif, Path.Combine(dir, "qif"), options)[0], width: (4 * 250) + 20);
        Assert.IsTrue(qif.Height > 4 * 200 && qif.Height < (4 * 200) + 150, $"height {qif.Height}");
        PngImage.AssertFigure(TimeSeriesFigure.Write(Results.Fhn2D, Path.Combine(dir, "fhn"), options)[0], width: (3 * 250) + 20);
    }

    [TestMethod]
    public void PhasePortraitsBifurcationAndHeatmapsAreRealImages()
    {
        var dir = Results.TempDirectory();
        var options = new FigureOptions { Width = 700, Height = 500 };
        PngImage.AssertFigure(PhasePortraitFigure.Write(Results.Vdp, Path.Combine(dir, "phase"), options)[0], 700, 500);
        PngImage.AssertFigure(BifurcationFigure.Write(Results.Qif, Path.Combine(dir, "bif"), options)[0], 700, 500);
        var ptp = PngImage.AssertFigure(HeatmapFigure.Write(Results.Fhn2D, HeatmapQuantity.PeakToPeak, Path.Combine(dir, "ptp"), options)[0], 700, 500);
        var mean = PngImage.AssertFigure(HeatmapFigure.Write(Results.Fhn2D, HeatmapQuantity.Mean, Path.Combine(dir, "mean"), options)[0], 700, 500);
        Assert.IsTrue(ptp.InkFraction > 0.4, $"a heatmap fills most of the image: {ptp.InkFraction:P0}");
        Assert.IsTrue(mean.Colours >= 30, $"viridis cells and colorbar: {mean.Colours} colours");
    }

    [TestMethod]
    public void DefaultSizesOfSinglePanelFigures()
    {
        var dir = Results.TempDirectory();
        PngImage.AssertFigure(BifurcationFigure.Write(Results.Vdp, Path.Combine(dir, "bif"))[0], 800, 600);
        PngImage.AssertFigure(HeatmapFigure.Write(Results.Fhn2D, HeatmapQuantity.Mean, Path.Combine(dir, "hm"))[0], 800, 600);
        PngImage.AssertFigure(CheckFigures.WriteOverlay(Results.Vdp, Results.Vdp, 2, 0, Path.Combine(dir, "check.png")), 800, 600);
    }

    [TestMethod]
    public void CheckOverlayOfTwoDifferentRuns()
    {
        var heun = Results.Run(Tvbo.TestSupport.GuideModels.VdP(), 50, 0.01, IntegrationMethod.Heun, "mu_sweep", ExplorationMode.Product, ("mu", Domain.Range(0.1, 10, 6)));
        var dir = Results.TempDirectory();
        var path = CheckFigures.WriteOverlay(Results.Vdp, heun, 5, 1, Path.Combine(dir, "sub", "overlay"), new FigureOptions { Width = 600, Height = 450 }, "Euler", "Heun");
        Assert.AreEqual(Path.Combine(dir, "sub", "overlay.png"), path);
        PngImage.AssertFigure(path, 600, 450);

        var svg = CheckFigures.WriteOverlay(Results.Vdp, heun, 5, 1, Path.Combine(dir, "overlay.svg"));
        StringAssert.Contains(File.ReadAllText(svg), "<svg");
    }

    [TestMethod]
    public void CheckOverlayRejectsResultsOfDifferentShape()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => CheckFigures.WriteOverlay(Results.Vdp, Results.Qif, 0, 0, Path.Combine(Results.TempDirectory(), "x.png")));
        StringAssert.Contains(ex.Message, "differ in shape");
        Assert.ThrowsExactly<ArgumentException>(() => CheckFigures.WriteOverlay(Results.Vdp, Results.Vdp, 6, 0, Path.Combine(Results.TempDirectory(), "x.png")));
    }

    [TestMethod]
    public void SvgIsWrittenBesideThePngWhenAsked()
    {
        var dir = Results.TempDirectory();
        var paths = BifurcationFigure.Write(Results.Qif, Path.Combine(dir, "bif"), new FigureOptions { Formats = FigureFormats.Png | FigureFormats.Svg });
        CollectionAssert.AreEqual(new[] { Path.Combine(dir, "bif.png"), Path.Combine(dir, "bif.svg") }, paths.ToArray());
        PngImage.AssertFigure(paths[0], 800, 600);
        var svg = File.ReadAllText(paths[1]);
        StringAssert.StartsWith(svg.TrimStart(), "<?xml");
        StringAssert.Contains(svg, "<svg");
        StringAssert.Contains(svg, "<path");
        StringAssert.Contains(svg, "η");
    }

    [TestMethod]
    public void FigureSetWritesEveryKindForTheGuidesSweeps()
    {
        var dir = Results.TempDirectory();
        var vdp = FigureSet.Write(Results.Vdp, Path.Combine(dir, "vdp"));
        CollectionAssert.AreEqual(new[] { "timeseries.png", "phase_portraits.png", "bifurcation.png" }, vdp.Select(Path.GetFileName).ToArray());
        var fhn = FigureSet.Write(Results.Fhn2D, Path.Combine(dir, "fhn"));
        CollectionAssert.AreEqual(new[] { "timeseries.png", "phase_portraits.png", "heatmap_peak_to_peak.png", "heatmap_mean.png" }, fhn.Select(Path.GetFileName).ToArray());
        foreach (var p in vdp.Concat(fhn))
        {
            PngImage.AssertFigure(p);
        }
    }

    [TestMethod]
    public void FortyThousandSamplesTimesFifteenConditionsRenderQuickly()
    {
        var dir = Results.TempDirectory();
        var qif = Results.Qif;
        Assert.AreEqual((15, 40000, 2), qif.TimeseriesShape);
        FigureSet.Write(qif, Path.Combine(dir, "warm-up"));
        var sw = Stopwatch.StartNew();
        var paths = FigureSet.Write(qif, Path.Combine(dir, "timed"));
        sw.Stop();
        TestContext.WriteLine($"3 figures of 15 x 40000 x 2 in {sw.ElapsedMilliseconds} ms");
        Assert.AreEqual(3, paths.Count);
        Assert.IsTrue(sw.Elapsed < TimeSpan.FromSeconds(5), $"figures took {sw.Elapsed.TotalSeconds:0.00} s");
    }

    [TestMethod]
    public void SummaryOnlyResultsGetTheirSummaryFigures()
    {
        var dir = Results.TempDirectory();
        var summary1D = Results.Run(Tvbo.TestSupport.GuideModels.Qif(), 50, 0.005, IntegrationMethod.Euler, "eta", ExplorationMode.Product, ResultStore.Summary, ("eta", Domain.Range(-10, 5, 8)));
        CollectionAssert.AreEqual(new[] { FigureKind.Bifurcation }, FigureSet.KindsFor(summary1D).ToArray());
        PngImage.AssertFigure(FigureSet.Write(summary1D, dir).Single());

        var summary2D = Results.Run(Results.Fhn(), 50, 0.01, IntegrationMethod.Heun, "fhn", ExplorationMode.Product, ResultStore.Summary, ("a", Domain.Range(0.5, 1, 4)), ("I_ext", Domain.Range(0, 1, 5)));
        var paths = FigureSet.Write(summary2D, Path.Combine(dir, "2d"));
        Assert.AreEqual(2, paths.Count);
        foreach (var p in paths)
        {
            PngImage.AssertFigure(p);
        }
    }

    [TestMethod]
    public void DivergedConditionsAndLogSweepsAreDrawn()
    {
        var dir = Results.TempDirectory();
        var r = Results.Run(Results.Blowup(), 20, 0.01, IntegrationMethod.Euler, "k_log", ExplorationMode.Product, ("k", Domain.Range(0.01, 10, 40, logScale: true)));
        Assert.IsTrue(r.Failures.Count > 0, "some conditions diverge");
        var warnings = new List<string>();
        var paths = FigureSet.Write(r, dir, new FigureOptions { Formats = FigureFormats.Png | FigureFormats.Svg }, warnings);
        Assert.AreEqual(0, warnings.Count, string.Join("; ", warnings));
        CollectionAssert.AreEqual(new[] { "timeseries.png", "timeseries.svg", "bifurcation.png", "bifurcation.svg" }, paths.Select(Path.GetFileName).ToArray());
        foreach (var p in paths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            PngImage.AssertFigure(p, minColours: 4);
        }

        var big = Results.Run(Results.Blowup(), 5, 0.01, IntegrationMethod.Euler, "k_tau", ExplorationMode.Product, ("k", Domain.Range(0.1, 3, 20)), ("tau", Domain.Range(0.5, 3, 15)));
        var heatmaps = FigureSet.Write(big, Path.Combine(dir, "2d"));
        Assert.AreEqual(3, heatmaps.Count, "time series (16 of 300 panels) and two heatmaps");
        foreach (var p in heatmaps)
        {
            PngImage.AssertFigure(p, minColours: 4);
        }
    }

    [TestMethod]
    public void AFailingFigureIsAWarningAndTheOthersAreWritten()
    {
        var dir = Results.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "timeseries.png"));
        var warnings = new List<string>();
        var paths = FigureSet.Write(Results.Vdp, dir, null, warnings);
        Assert.AreEqual(1, warnings.Count);
        StringAssert.StartsWith(warnings[0], "timeseries: ");
        CollectionAssert.AreEqual(new[] { "phase_portraits.png", "bifurcation.png" }, paths.Select(Path.GetFileName).ToArray());
        Assert.ThrowsExactly<IOException>(() => FigureSet.Write(Results.Vdp, dir));
        Assert.IsEmpty(Directory.GetFiles(dir, "*.tmp"), "a failed figure leaves no temporary file");
    }
}
