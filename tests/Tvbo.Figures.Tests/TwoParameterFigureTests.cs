using System.Numerics;
using ScottPlot;
using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Figures.Tests;

/// <summary>The two-parameter bifurcation diagram of an experiment's continuations (<see cref="TwoParameterFigure"/>).</summary>
[TestClass]
public sealed class TwoParameterFigureTests
{
    private static string Dir() => Directory.CreateTempSubdirectory("twoparfig").FullName;

    /// <summary>The Bogdanov–Takens normal form dx = y, dy = b1 + b2·x + x² − x·y: the equilibria in b1 at b2 = −1
    /// (a fold at b1 = 1/4, a Hopf point at b1 = 0), the fold curve b1 = b2²/4 from the fold and the Hopf curve b1 = 0
    /// (b2 &lt; 0) from the Hopf point, meeting at the Bogdanov–Takens point (0, 0).</summary>
    private static IReadOnlyList<ContinuationResult> BogdanovTakens()
    {
        var m = new Dynamics("BT");
        m.AddParameter("b1", -0.5);
        m.AddParameter("b2", -1.0);
        m.AddStateVariable("x", "y", 0.0);
        m.AddStateVariable("y", "b1 + b2*x + x**2 - x*y", 0.0);
        var exp = new SimulationExperiment(m);
        var b1 = new ContinuationParameter("b1", -1, 1);
        var b2 = new ContinuationParameter("b2", -1.5, 1);
        exp.Continuations.Add(new Continuation("eq_b1", b1)
        {
            InitialStep = 0.01, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.ModelInitialState,
        });
        foreach (var (name, point) in new[] { ("fold_b1_b2", "fold:1"), ("hopf_b1_b2", "hopf:1") })
        {
            exp.Continuations.Add(new Continuation(name, b1, b2)
            {
                InitialStep = 0.01, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
                InitialState = ContinuationStart.FromBranch("eq_b1", point),
            });
        }

        return BifurcationAnalysis.RunAll(exp);
    }

    [TestMethod]
    public void TheBogdanovTakensCurvesShareOnePlaneWithTheirStartsAndTheirMeeting()
    {
        var results = BogdanovTakens();
        var planes = CurvePlane.Of(results);
        Assert.HasCount(1, planes);
        var plane = planes[0];
        Assert.AreEqual(("b1", "b2"), (plane.X, plane.Y));
        CollectionAssert.AreEqual(new[] { "fold_b1_b2", "hopf_b1_b2" }, plane.Curves.Select(c => c.Continuation).ToArray());
        var source = plane.Sources.Single();
        Assert.AreEqual("eq_b1", source.Continuation);
        Assert.AreEqual("b1", source.Parameter);
        Assert.AreEqual(-1.0, source.Fixed, 1e-12, "b2's value along the equilibria, read off the curves' starts");
        CollectionAssert.AreEquivalent(new[] { "LP1", "HB1" }, source.Points.Select(s => $"{s.Label}{s.Number}").ToArray());

        var dir = Dir();
        var written = TwoParameterFigure.Write(results, dir, FigureOptions.Default with { Formats = FigureFormats.Png | FigureFormats.Svg });
        CollectionAssert.AreEqual(new[] { "bifurcation_b1_b2.png", "bifurcation_b1_b2.svg" }, written.Select(Path.GetFileName).ToArray());
        PngImage.AssertFigure(written[0], 800, 600);
        var svg = File.ReadAllText(written[1]);
        foreach (var text in new[] { "fold curve &apos;fold_b1_b2&apos;", "Hopf curve &apos;hopf_b1_b2&apos;", "LP1", "HB1", "BT1", "b2 = −1" })
        {
            StringAssert.Contains(svg.Replace("'", "&apos;", StringComparison.Ordinal), text);
        }

        Assert.AreEqual(1, CountOf(svg, "BT1"), "the BT point both curves find is marked once");
    }

    [TestMethod]
    public void ACurveInSwappedParametersJoinsThePlane()
    {
        var hopf = ContinuationFigureTests.Hopf();
        var swapped = hopf.Branches[2];
        var points = swapped.Points.Select(p => p with { Parameters = [p.Parameters[1], p.Parameters[0]] }).ToArray();
        var other = new ContinuationResult("fold_ba", [new Branch("fold_ba", BranchKind.FoldCurve, ["b", "a"], swapped.StateNames, points, [])], TimeSpan.Zero);
        var planes = TwoParameterFigure.Planes([hopf, other]);
        CollectionAssert.AreEqual(new[] { ("a", "b") }, planes.ToArray());
        var written = TwoParameterFigure.Write([hopf, other], Dir());
        Assert.AreEqual("bifurcation_a_b.png", Path.GetFileName(written.Single()));
        PngImage.AssertFigure(written[0], 800, 600);
    }

    [TestMethod]
    public void NoCurveNoFigure()
    {
        var dir = Path.Combine(Dir(), "figures");
        var oneParameter = new ContinuationResult("eq_a", [ContinuationFigureTests.Hopf().Branches[0]], TimeSpan.Zero);
        Assert.IsEmpty(TwoParameterFigure.Write([oneParameter], dir));
        Assert.IsFalse(Directory.Exists(dir), "no folder made for nothing");
    }

    [TestMethod]
    public void LabelsOfPointsCloseTogetherDoNotOverlap()
    {
        var marks = new PointLabels();
        var xs = new[] { 0.5, 0.501, 0.502, 0.5, 0.2 };
        var ys = new[] { 0.5, 0.5, 0.501, 0.502, 0.9 };
        for (var k = 0; k < xs.Length; k++)
        {
            marks.Add(xs[k], ys[k], $"GH{k + 1}");
        }

        marks.Avoid([0, 1], [0.5, 0.5]);
        marks.Draw(new Plot(), new AxisLimits(0, 1, 0, 1), 700, 450);
        var boxes = marks.Placed;
        Assert.HasCount(xs.Length, boxes);
        for (var i = 0; i < boxes.Count; i++)
        {
            Assert.IsTrue(boxes[i].L >= 0 && boxes[i].T >= 0 && boxes[i].R <= 700 && boxes[i].B <= 450, $"label {i} inside the data area");
            for (var j = 0; j < i; j++)
            {
                Assert.IsFalse(boxes[i].L < boxes[j].R && boxes[j].L < boxes[i].R && boxes[i].T < boxes[j].B && boxes[j].T < boxes[i].B, $"labels {i} and {j} overlap: {boxes[i]} {boxes[j]}");
            }
        }
    }

    [TestMethod]
    public void ACurveFigureDrawsThePlanesOtherCurvesToo()
    {
        var results = BogdanovTakens();
        var dir = Dir();
        var written = ContinuationFigure.Write(results[2], dir, FigureOptions.Default with { Formats = FigureFormats.Svg }, others: results);
        var svg = File.ReadAllText(written.Single());
        StringAssert.Contains(svg, "fold_b1_b2", "the fold curve, faint, in the Hopf curve's figure");
        StringAssert.Contains(svg, "HB1");
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
