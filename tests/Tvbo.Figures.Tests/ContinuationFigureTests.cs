using System.Numerics;
using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.TestSupport;

namespace Tvbo.Figures.Tests;

/// <summary>The bifurcation diagram of a continuation (<see cref="ContinuationFigure"/>).</summary>
[TestClass]
public sealed class ContinuationFigureTests
{
    private static string Dir() => Directory.CreateTempSubdirectory("contfig").FullName;

    /// <summary>The guide's QIF, continued in η over the sweep's range.</summary>
    private static ContinuationResult QifContinuation()
    {
        var exp = new SimulationExperiment(GuideModels.Qif());
        exp.Continuations.Add(new Continuation("eq_eta", new ContinuationParameter("eta", -10, 5))
        {
            InitialStep = 1e-4,
            MinStep = 1e-8,
            MaxStep = 0.05,
            MaxSteps = 2000,
            InitialState = ContinuationStart.TimeIntegration(4000),
            BothSides = true,
        });
        return BifurcationAnalysis.Run(exp, "eq_eta");
    }

    /// <summary>A Hopf branch by hand: the equilibrium x = 0 of a normal form, stable for a &lt; 0, and the orbits of
    /// radius √a from the Hopf point, and a Hopf curve in (a, b).</summary>
    internal static ContinuationResult Hopf()
    {
        var eq = Enumerable.Range(0, 41).Select(k => -1 + (k * 0.05)).Select(a => new BranchPoint
        {
            Parameters = [a], State = [0, 0], Minimum = [0, 0], Maximum = [0, 0], Stable = a < 0,
            Eigenvalues = [new Complex(a, 1), new Complex(a, -1)],
        }).ToArray();
        var po = Enumerable.Range(0, 21).Select(k => k * 0.05).Select(a => new BranchPoint
        {
            Parameters = [a], State = [Math.Sqrt(a), 0], Minimum = [-Math.Sqrt(a), -Math.Sqrt(a)], Maximum = [Math.Sqrt(a), Math.Sqrt(a)],
            Period = 2 * Math.PI, Stable = true, Eigenvalues = [1, Math.Exp(-4 * Math.PI * a)],
        }).ToArray();
        var curve = Enumerable.Range(0, 11).Select(k => k * 0.1).Select(b => new BranchPoint
        {
            Parameters = [b * b, b], State = [0, 0], Minimum = [0, 0], Maximum = [0, 0], Stable = false, Eigenvalues = [Complex.ImaginaryOne, -Complex.ImaginaryOne],
        }).ToArray();
        return new ContinuationResult("eq_a", [
            new Branch("eq_a", BranchKind.Equilibria, ["a"], ["x", "y"], eq,
                [new SpecialPoint { Kind = SpecialPointKind.Hopf, Number = 1, PointIndex = 20, Parameters = [0], State = [0, 0], Frequency = 1, FirstLyapunovCoefficient = -1 }]),
            new Branch("eq_a_hopf1", BranchKind.PeriodicOrbits, ["a"], ["x", "y"], po, []),
            new Branch("hopf_ab", BranchKind.HopfCurve, ["a", "b"], ["x", "y"], curve,
                [new SpecialPoint { Kind = SpecialPointKind.GeneralizedHopf, Number = 1, PointIndex = 5, Parameters = [0.25, 0.5], State = [0, 0] }]),
        ], TimeSpan.Zero);
    }

    [TestMethod]
    public void TheQifDiagramIsDrawnOverTheSweep()
    {
        var dir = Dir();
        var written = ContinuationFigure.Write(QifContinuation(), dir, sweep: Results.Qif);
        CollectionAssert.AreEqual(new[] { Path.Combine(dir, "bifurcation_eq_eta.png") }, written.ToArray());
        PngImage.AssertFigure(written[0], 800, 600);
        Assert.AreEqual("r", ContinuationFigure.Variable(QifContinuation(), sweep: Results.Qif), "the sweep's first output");
        Assert.IsTrue(ContinuationFigure.Overlays(QifContinuation(), Results.Qif, "r"));
    }

    [TestMethod]
    public void PeriodicOrbitsAndCurvesGetTheirFigures()
    {
        var dir = Dir();
        var written = ContinuationFigure.Write(Hopf(), dir, FigureOptions.Default with { Formats = FigureFormats.Png | FigureFormats.Svg, ContinuationVariable = "y" });
        CollectionAssert.AreEquivalent(
            new[] { "bifurcation_eq_a.png", "bifurcation_eq_a.svg", "bifurcation_eq_a_curves.png", "bifurcation_eq_a_curves.svg" },
            written.Select(Path.GetFileName).ToArray());
        PngImage.AssertFigure(Path.Combine(dir, "bifurcation_eq_a.png"), 800, 600);
        PngImage.AssertFigure(Path.Combine(dir, "bifurcation_eq_a_curves.png"), 800, 600);
        var svg = File.ReadAllText(Path.Combine(dir, "bifurcation_eq_a.svg"));
        StringAssert.Contains(svg, "HB1");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "bifurcation_eq_a_curves.svg")), "GH1");
    }

    [TestMethod]
    public void AVariableThatIsNoStateIsRefused()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ContinuationFigure.Variable(Hopf(), "z"));
        StringAssert.Contains(ex.Message, "its states are x, y");
    }

    [TestMethod]
    public void ABranchIsSplitWhereItsStabilityChanges()
    {
        var runs = ContinuationFigure.StabilityRuns(Hopf().Main.Points);
        CollectionAssert.AreEqual(new[] { (0, 20, true), (20, 40, false) }, runs.ToArray());
    }
}
