using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Figures.Tests;

/// <summary>Figures of a discrete map's iterates (<see cref="FigureOptions.IterationStep"/>): the iteration axis,
/// points instead of lines, the orbit diagram.</summary>
[TestClass]
public sealed class MapFigureTests
{
    private static readonly Lazy<ExplorationResult> LogisticSweep = new(() =>
    {
        var m = new Dynamics("Logistic") { SystemType = SystemType.Discrete };
        m.AddParameter("r", 3.5);
        m.AddStateVariable("x", "r*x*(1 - x)", 0.4);
        return Results.Run(m, 500, 1.0, IntegrationMethod.Euler, "r_sweep", ExplorationMode.Product, ("r", Domain.Range(2.5, 4.0, 60)));
    });

    [TestMethod]
    public void TheTimeAxisIsTheIteration()
    {
        Assert.AreEqual("iteration n", new Labels(new FigureOptions { IterationStep = 1 }).TimeAxis);
        Assert.AreEqual("time t = n·0.5", new Labels(new FigureOptions { IterationStep = 0.5 }).TimeAxis);
        Assert.AreEqual("time t", new Labels(new FigureOptions()).TimeAxis);
        Assert.IsTrue(new Labels(new FigureOptions { IterationStep = 1 }).Iterates);
    }

    [TestMethod]
    public void TheOrbitDiagramShowsTheIteratesOfTheWindow()
    {
        var dir = Results.TempDirectory();
        var options = new FigureOptions { IterationStep = 1 };
        var orbit = PngImage.AssertFigure(BifurcationFigure.Write(LogisticSweep.Value, Path.Combine(dir, "orbit"), options)[0], 800, 600);
        var band = PngImage.AssertFigure(BifurcationFigure.Write(LogisticSweep.Value, Path.Combine(dir, "band"), new FigureOptions())[0], 800, 600);
        Assert.AreNotEqual(band.InkFraction, orbit.InkFraction, "the orbit diagram is drawn, not the band");
        PngImage.AssertFigure(TimeSeriesFigure.Write(LogisticSweep.Value, Path.Combine(dir, "ts"), options)[0]);
    }
}
