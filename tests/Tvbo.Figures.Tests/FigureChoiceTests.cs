using Tvbo.Experiment;

namespace Tvbo.Figures.Tests;

/// <summary>Which figures a result gets, and the helpers behind them.</summary>
[TestClass]
public sealed class FigureChoiceTests
{
    [TestMethod]
    public void KindsFollowTheGrid()
    {
        CollectionAssert.AreEqual(new[] { FigureKind.TimeSeries, FigureKind.PhasePortraits, FigureKind.Bifurcation }, FigureSet.KindsFor(Results.Vdp).ToArray());
        CollectionAssert.AreEqual(new[] { FigureKind.TimeSeries, FigureKind.PhasePortraits, FigureKind.HeatmapPeakToPeak, FigureKind.HeatmapMean }, FigureSet.KindsFor(Results.Fhn2D).ToArray());

        var oneOutput = Results.Run(Results.Blowup(), 1, 0.01, IntegrationMethod.Euler, "k", ExplorationMode.Product, ("k", Domain.Range(0.1, 1, 3)));
        CollectionAssert.AreEqual(new[] { FigureKind.TimeSeries, FigureKind.Bifurcation }, FigureSet.KindsFor(oneOutput).ToArray());

        // An axis of one value does not count: 1 x 4 is a 1-D sweep; zip is 1-D; three swept axes get no summary figure.
        var degenerate = Results.Run(Results.Fhn(), 1, 0.01, IntegrationMethod.Heun, "d", ExplorationMode.Product, ("a", Domain.Values(0.7)), ("I_ext", Domain.Range(0, 1, 4)));
        CollectionAssert.Contains(FigureSet.KindsFor(degenerate).ToArray(), FigureKind.Bifurcation);
        var zip = Results.Run(Results.Fhn(), 1, 0.01, IntegrationMethod.Heun, "z", ExplorationMode.Zip, ("a", Domain.Range(0.5, 1, 4)), ("I_ext", Domain.Range(0, 1, 4)));
        CollectionAssert.Contains(FigureSet.KindsFor(zip).ToArray(), FigureKind.Bifurcation);
        var cube = Results.Run(Results.Fhn(), 1, 0.01, IntegrationMethod.Heun, "c", ExplorationMode.Product, ("a", Domain.Range(0.5, 1, 2)), ("b", Domain.Range(0.5, 1, 2)), ("I_ext", Domain.Range(0, 1, 2)));
        CollectionAssert.AreEqual(new[] { FigureKind.TimeSeries, FigureKind.PhasePortraits }, FigureSet.KindsFor(cube).ToArray());
    }

    [TestMethod]
    public void FiguresThatDoNotFitTheResultAreRefused()
    {
        var dir = Results.TempDirectory();
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => HeatmapFigure.Write(Results.Vdp, HeatmapQuantity.Mean, Path.Combine(dir, "h"))).Message, "not a 2-D product sweep");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => BifurcationFigure.Write(Results.Fhn2D, Path.Combine(dir, "b"))).Message, "not a 1-D sweep");
        Assert.ThrowsExactly<ArgumentException>(() => TimeSeriesFigure.Write(Results.Vdp, Path.Combine(dir, "t"), new FigureOptions { MaxPanels = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => TimeSeriesFigure.Write(Results.Vdp, Path.Combine(dir, "t"), new FigureOptions { Width = -1 }));
    }

    [TestMethod]
    public void MinMaxDecimationKeepsEveryPeak()
    {
        var n = 40000;
        var time = Enumerable.Range(0, n).Select(i => i * 0.005).ToArray();
        var block = time.Select(t => Math.Sin(2 * Math.PI * t)).ToArray();
        block[12345] = 7.5;
        var (xs, ys) = Decimation.MinMax(time, block, 1, 0, 0, n, 600);
        Assert.IsTrue(xs.Length <= 600);
        Assert.AreEqual(7.5, ys.Max());
        Assert.AreEqual(block.Min(), ys.Min());
        CollectionAssert.AreEqual(xs.Order().ToArray(), xs, "in time order");
    }

    [TestMethod]
    public void PathDecimationDropsOnlyWhatCannotBeSeen()
    {
        var n = 40000;
        var block = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            block[2 * i] = Math.Cos(i * 0.001);
            block[(2 * i) + 1] = Math.Sin(i * 0.001);
        }

        var (xs, ys) = Decimation.Path(block, 2, 0, 1, 0, n, 2, 2, 0.5 / 200);
        Assert.IsTrue(xs.Length < n / 4, $"{xs.Length} points kept");
        Assert.AreEqual(block[2 * (n - 1)], xs[^1], "the last sample is kept");
        for (var i = 1; i < xs.Length; i++)
        {
            Assert.IsTrue(Math.Abs(xs[i] - xs[i - 1]) < 0.03 && Math.Abs(ys[i] - ys[i - 1]) < 0.03, "no visible jump");
        }
    }

    [TestMethod]
    public void PanelSubsetIsEvenAndKeepsBothEnds()
    {
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Decimation.Sample(3, 16));
        var s = Decimation.Sample(300, 16);
        Assert.AreEqual(16, s.Length);
        Assert.AreEqual(0, s[0]);
        Assert.AreEqual(299, s[^1]);
    }

    [TestMethod]
    public void APanelIsRasterisedOnceAndItsLinesAreDrawn()
    {
        // ScottPlot renders a new plot twice; the figure sends the layout pass to a canvas that draws nothing.
        var counter = new CountingPlottable();
        using var figure = new FigureCanvas(1, 1) { Width = 400, Height = 300, Title = "t" };
        var plot = new ScottPlot.Plot();
        plot.Add.Plottable(counter);
        var lines = new LineBundle();
        lines.Add([0, 1, 2], [0, 1, 0], ScottPlot.Colors.Black);
        plot.Add.Plottable(lines);
        figure.Panels[0] = plot;
        var path = Path.Combine(Results.TempDirectory(), "once.png");
        figure.SavePng(path);
        Assert.AreEqual(1, counter.Drawn, "drawn on the image once");
        Assert.AreEqual(new ScottPlot.AxisLimits(0, 2, 0, 1), lines.GetAxisLimits());
        PngImage.AssertFigure(path, 400, 300);
    }

    private sealed class CountingPlottable : ScottPlot.IPlottable
    {
        public int Drawn { get; private set; }

        public bool IsVisible { get; set; } = true;

        public ScottPlot.IAxes Axes { get; set; } = new ScottPlot.Axes();

        public IEnumerable<ScottPlot.LegendItem> LegendItems => ScottPlot.LegendItem.None;

        public ScottPlot.AxisLimits GetAxisLimits() => new(0, 1, 0, 1);

        public void Render(ScottPlot.RenderPack rp) => Drawn += rp.Canvas is SkiaSharp.SKNoDrawCanvas ? 0 : 1;
    }

    [TestMethod]
    public void DecimatingEveryVariableAtOnceGivesEachVariablesOwnPoints()
    {
        const int n = 5000, nv = 7;
        var rng = new Random(3);
        var time = Enumerable.Range(0, n).Select(i => i * 0.1).ToArray();
        var block = Enumerable.Range(0, n * nv).Select(_ => rng.NextDouble()).ToArray();
        block[(100 * nv) + 2] = double.NaN;
        block[(200 * nv) + 3] = double.PositiveInfinity;
        foreach (var points in new[] { 64, 600, 6000 })
        {
            var all = Decimation.MinMaxAll(time, block, nv, 10, n - 5, points);
            for (var v = 0; v < nv; v++)
            {
                var (xs, ys) = Decimation.MinMax(time, block, nv, v, 10, n - 5, points);
                CollectionAssert.AreEqual(xs, all[v].X, $"variable {v}, {points} points");
                CollectionAssert.AreEqual(ys, all[v].Y, $"variable {v}, {points} points");
            }
        }
    }

    [TestMethod]
    public void LabelsAreWhatAScientistWrites()
    {
        var labels = new Labels(new FigureOptions { Units = new Dictionary<string, string> { ["I_ext"] = "mA" }, TimeUnit = "ms" });
        Assert.AreEqual("μ", labels.Name("mu"));
        Assert.AreEqual("τ_e", labels.Name("tau_e"));
        Assert.AreEqual("Δ", labels.Name("Delta"));
        Assert.AreEqual("noise.σ", labels.Name("noise.sigma"));
        Assert.AreEqual("σ_e", labels.Name("sigma_e"));
        Assert.AreEqual("τ_i", labels.Name("tau_i"));
        Assert.AreEqual("c_glob.a", labels.Name("c_glob.a"));
        Assert.AreEqual("I_α", labels.Name("I_alpha"));
        Assert.AreEqual("τ1", labels.Name("tau1"));
        Assert.AreEqual("λ", labels.Name("lambda_"));
        Assert.AreEqual("beta_x", new Labels(new FigureOptions { GreekLetters = false }).Name("beta_x"));
        Assert.AreEqual("β_x", labels.Name("beta_x"));
        Assert.AreEqual("etas", labels.Name("etas"), "a word that only begins with a Greek name is kept");
        Assert.AreEqual("r[left_theta]", labels.Name("r[left_theta]"), "a node label in brackets is kept as written");
        Assert.AreEqual("σ[A]", labels.Name("sigma[A]"));
        Assert.AreEqual("I_ext (mA)", labels.WithUnit("I_ext"));
        Assert.AreEqual("t (ms)", labels.TimeAxis);
        Assert.AreEqual("mu", new Labels(new FigureOptions { GreekLetters = false }).Name("mu"));
        Assert.AreEqual("6.04", Labels.Number(6.039999999999999));
        Assert.AreEqual("−0.3571", Labels.Number(-0.35714285714285765));
        Assert.AreEqual("−0.357", Labels.Number(-0.35714285714285765, Labels.DistinctDigits(Results.Qif.Axes[0].ExploredValues)));
        Assert.AreEqual("1.5e−7", Labels.Number(1.5e-7));
        Assert.AreEqual("μ = 2.08", labels.Condition(Results.Vdp, 1));
        Assert.AreEqual("a = 0.75, I_ext = 1", labels.Condition(Results.Fhn2D, 5));
        Assert.IsTrue(AxisScale.IsLogSpaced(Domain.Range(0.01, 10, 7, logScale: true).ToArray()));
        Assert.IsFalse(AxisScale.IsLogSpaced(Domain.Range(0.01, 10, 7).ToArray()));
    }
}
