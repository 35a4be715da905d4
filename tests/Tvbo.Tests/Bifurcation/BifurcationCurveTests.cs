using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Tests.Bifurcation;

/// <summary>Fold and Hopf curves in two parameters against closed forms, with their codimension-two points.</summary>
[TestClass]
public sealed class BifurcationCurveTests
{
    /// <summary>An experiment with a one-parameter continuation "eq" and a curve "curve" from its <paramref name="point"/>.</summary>
    private static SimulationExperiment WithCurve(Dynamics model, ContinuationParameter first, ContinuationParameter second, string point, double ds = 0.01, int maxSteps = 2000)
    {
        var exp = new SimulationExperiment(model);
        exp.Continuations.Add(new Continuation("eq", first)
        {
            InitialStep = 0.01, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.ModelInitialState,
        });
        exp.Continuations.Add(new Continuation("curve", first, second)
        {
            InitialStep = ds, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = maxSteps, BothSides = true,
            InitialState = ContinuationStart.FromBranch("eq", point),
        });
        return exp;
    }

    [TestMethod]
    public void QifFoldCurveFollowsTheClosedFormAndMeetsAtTheCusp()
    {
        // Folds of η(r) = π²r² − J·r − 1/(4π²r²): J = 2π²r + 1/(2π²r³); they meet at the cusp r⁴ = 3/(4π⁴), η = −√3.
        var m = EquilibriumContinuationTests.Qif().Model;
        var exp = WithCurve(m, new ContinuationParameter("eta_bar", -20, 20), new ContinuationParameter("J", 1, 30), "fold:1");
        var result = BifurcationAnalysis.RunAll(exp);
        var curve = result[1].Main;
        Assert.AreEqual(BranchKind.FoldCurve, curve.Kind);
        CollectionAssert.AreEqual(new[] { "eta_bar", "J" }, curve.ParameterNames.ToArray());
        var pi2 = Math.PI * Math.PI;
        foreach (var p in curve.Points)
        {
            var r = p.State[0];
            var j = (2 * pi2 * r) + (1 / (2 * pi2 * r * r * r));
            Assert.AreEqual(j, p.Parameters[1], 1e-7 * j, $"J at r = {r}");
            Assert.AreEqual((pi2 * r * r) - (j * r) - (1 / (4 * pi2 * r * r)), p.Parameters[0], 1e-7 * (1 + Math.Abs(p.Parameters[0])), $"eta at r = {r}");
        }

        var cusp = curve.Find(SpecialPointKind.Cusp);
        Assert.HasCount(1, cusp, curve.ToString());
        var rc = Math.Pow(3 / (4 * pi2 * pi2), 0.25);
        Assert.AreEqual(-Math.Sqrt(3), cusp[0].Parameters[0], 1e-6);
        Assert.AreEqual((2 * pi2 * rc) + (1 / (2 * pi2 * rc * rc * rc)), cusp[0].Parameters[1], 1e-6);
    }

    [TestMethod]
    public void BogdanovTakensNormalFormCurvesMeetAtTheOrigin()
    {
        // dx = y, dy = β1 + β2·x + x² − x·y: folds on β1 = β2²/4, Hopf points on β1 = 0 (β2 < 0), both ending at the
        // Bogdanov–Takens point (0, 0).
        var m = new Dynamics("BT");
        m.AddParameter("b1", -0.5);
        m.AddParameter("b2", -1.0);
        m.AddStateVariable("x", "y", 0.0);
        m.AddStateVariable("y", "b1 + b2*x + x**2 - x*y", 0.0);
        var fold = BifurcationAnalysis.RunAll(WithCurve(m, new ContinuationParameter("b1", -1, 1), new ContinuationParameter("b2", -1.5, 1), "fold:1"));
        var equilibria = fold[0].Main;
        Assert.AreEqual(0.25, equilibria.Find(SpecialPointKind.Fold).Single().Parameters[0], 1e-10, equilibria.ToString());
        Assert.AreEqual(0.0, equilibria.Find(SpecialPointKind.Hopf).Single().Parameters[0], 1e-10, equilibria.ToString());
        foreach (var p in fold[1].Main.Points)
        {
            Assert.AreEqual(p.Parameters[1] * p.Parameters[1] / 4, p.Parameters[0], 1e-8);
        }

        var bt = fold[1].Main.Find(SpecialPointKind.BogdanovTakens);
        Assert.HasCount(1, bt, fold[1].Main.ToString());
        Assert.AreEqual(0.0, bt[0].Parameters[0], 1e-8);
        Assert.AreEqual(0.0, bt[0].Parameters[1], 1e-6);

        var hopf = BifurcationAnalysis.RunAll(WithCurve(m, new ContinuationParameter("b1", -1, 1), new ContinuationParameter("b2", -1.5, 1), "hopf:1"))[1].Main;
        Assert.AreEqual(BranchKind.HopfCurve, hopf.Kind);
        var onCurve = hopf.Points.Where(p => p.Parameters[1] < 0).ToArray();
        Assert.IsGreaterThan(10, onCurve.Length);
        Assert.IsTrue(onCurve.All(p => Math.Abs(p.Parameters[0]) < 1e-8), "Hopf points lie on b1 = 0");
        var hbt = hopf.Find(SpecialPointKind.BogdanovTakens);
        Assert.HasCount(1, hbt, hopf.ToString());
        Assert.AreEqual(0.0, hbt[0].Parameters[1], 1e-6);
        Assert.IsTrue(hbt[0].PointIndex == 0 || hbt[0].PointIndex == hopf.Points.Count - 1, "the Hopf curve ends at the Bogdanov–Takens point");
        Assert.IsTrue(hopf.Points.All(p => p.Parameters[1] <= 1e-6), "no neutral saddles past it");
    }

    [TestMethod]
    public void BautinNormalFormHasItsGeneralizedHopfPoint()
    {
        // ż = (β1 + i)z + β2·z|z|² − z|z|⁴: Hopf points on β1 = 0 with l₁ ∝ β2, so the generalized Hopf point is at β2 = 0.
        var m = new Dynamics("Bautin");
        m.AddParameter("b1", -0.5);
        m.AddParameter("b2", -1.0);
        m.AddStateVariable("x", "b1*x - y + (b2*(x**2 + y**2) - (x**2 + y**2)**2)*x", 0.0);
        m.AddStateVariable("y", "x + b1*y + (b2*(x**2 + y**2) - (x**2 + y**2)**2)*y", 0.0);
        var curve = BifurcationAnalysis.RunAll(WithCurve(m, new ContinuationParameter("b1", -1, 1), new ContinuationParameter("b2", -1, 1), "hopf:1"))[1].Main;
        Assert.AreEqual(-1.0, curve.Points[0].Parameters[1], "the curve starts on the edge of b2's domain and goes inwards");
        Assert.IsTrue(curve.Points.All(p => Math.Abs(p.Parameters[0]) < 1e-9), "Hopf points lie on b1 = 0");
        var gh = curve.Find(SpecialPointKind.GeneralizedHopf);
        Assert.HasCount(1, gh, curve.ToString());
        Assert.AreEqual(0.0, gh[0].Parameters[1], 1e-6);
        Assert.AreEqual(1.0, gh[0].Frequency, 1e-9);
    }

    [TestMethod]
    public void ZeroHopfNormalFormHopfCurvePassesItsZeroHopfPoint()
    {
        // dx = β1 + x² + y² + z², (y, z) rotating at ω = 1 with growth β2 + x: equilibria x = ±√−β1, Hopf points where
        // β2 = −x, i.e. on β1 = −β2²; the fold (x = 0) meets it at the zero-Hopf point (0, 0).
        var m = new Dynamics("ZH");
        m.AddParameter("b1", -1.0);
        m.AddParameter("b2", -0.5);
        m.AddStateVariable("x", "b1 + x**2 + y**2 + z**2", 1.0);
        m.AddStateVariable("y", "b2*y - z + x*y", 0.0);
        m.AddStateVariable("z", "y + b2*z + x*z", 0.0);
        var curve = BifurcationAnalysis.RunAll(WithCurve(m, new ContinuationParameter("b2", -2, 2), new ContinuationParameter("b1", -2, 2), "hopf:1"))[1].Main;
        Assert.IsTrue(curve.Points.All(p => Math.Abs(p.Parameters[1] + (p.Parameters[0] * p.Parameters[0])) < 1e-8), "Hopf points lie on b1 = −b2²");
        var zh = curve.Find(SpecialPointKind.ZeroHopf);
        Assert.HasCount(1, zh, curve.ToString());
        Assert.AreEqual(0.0, zh[0].Parameters[0], 1e-7);
        Assert.AreEqual(0.0, zh[0].Parameters[1], 1e-7);
        Assert.AreEqual(1.0, zh[0].Frequency, 1e-7);
    }

    [TestMethod]
    public void CurveFromAPointTheSourceLacksIsNamed()
    {
        var m = EquilibriumContinuationTests.Qif().Model;
        var exp = WithCurve(m, new ContinuationParameter("eta_bar", -20, 20), new ContinuationParameter("J", 1, 30), "hopf:1");
        var e = Assert.ThrowsExactly<ContinuationException>(() => BifurcationAnalysis.RunAll(exp));
        Assert.AreEqual("source_point", e.Key);
        Assert.Contains("source_point 'hopf:1': branch 'eq' has 0 such point(s)", e.Message);
    }
}
