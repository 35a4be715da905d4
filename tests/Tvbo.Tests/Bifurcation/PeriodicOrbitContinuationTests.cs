using Tvbo.Bifurcation;
using Tvbo.Experiment;

namespace Tvbo.Tests.Bifurcation;

/// <summary>Branches of periodic orbits from Hopf points against closed forms.</summary>
[TestClass]
public sealed class PeriodicOrbitContinuationTests
{
    /// <summary>The Hopf normal form dx = μx − ωy + a·x(x²+y²), dy = ωx + μy + a·y(x²+y²): its orbits are circles of
    /// radius √(−μ/a) with period 2π/ω, stable for a &lt; 0 (μ &gt; 0), unstable for a &gt; 0 (μ &lt; 0).</summary>
    private static ContinuationResult NormalForm(double a, int mesh = 20, int degree = 4)
    {
        var exp = EquilibriumContinuationTests.Model("mu", -1, 1, [("mu", -0.5 * a), ("w", 2.0), ("a", a)],
            [("x", "mu*x - w*y + a*x*(x**2 + y**2)", 0.0), ("y", "w*x + mu*y + a*y*(x**2 + y**2)", 0.0)]);
        var c = exp.Continuations["c"];
        exp.Continuations.Remove("c");
        exp.Continuations.Add(new Continuation("c", c.FreeParameters[0])
        {
            InitialStep = c.InitialStep, MinStep = c.MinStep, MaxStep = c.MaxStep, MaxSteps = 400, BothSides = true,
            InitialState = ContinuationStart.ModelInitialState,
            Branches = [new CycleContinuation("orbits", "hopf:1") { MeshIntervals = mesh, Degree = degree }],
        });
        return BifurcationAnalysis.Run(exp, "c");
    }

    [TestMethod]
    [DataRow(-1.0, DisplayName = "supercritical")]
    [DataRow(1.0, DisplayName = "subcritical")]
    public void HopfNormalFormOrbitsHaveTheClosedFormAmplitudeAndPeriod(double a)
    {
        var result = NormalForm(a);
        Assert.HasCount(2, result.Branches);
        var orbits = result.Branches[1];
        Assert.AreEqual("orbits", orbits.Name);
        Assert.AreEqual(BranchKind.PeriodicOrbits, orbits.Kind);
        Assert.IsGreaterThan(20, orbits.Points.Count, orbits.ToString());
        var worstAmplitude = 0.0;
        var worstPeriod = 0.0;
        foreach (var p in orbits.Points.Skip(1))
        {
            var mu = p.Parameters[0];
            Assert.AreEqual(Math.Sign(-a), Math.Sign(mu), $"orbits exist on the side of mu where -mu/a > 0 (mu = {mu})");
            var radius = Math.Sqrt(-mu / a);
            worstAmplitude = Math.Max(worstAmplitude, Math.Max(Math.Abs(p.Maximum[0] - radius), Math.Abs(p.Minimum[1] + radius)));
            worstPeriod = Math.Max(worstPeriod, Math.Abs(p.Period - Math.PI));
            Assert.AreEqual(a < 0, p.Stable, $"stability at mu = {mu}: multipliers {string.Join(", ", p.Eigenvalues)}");
        }

        Assert.IsLessThan(1e-6, worstAmplitude, "largest error of the amplitude");
        Assert.IsLessThan(1e-9, worstPeriod, "largest error of the period");
        var end = orbits.SpecialPoints[^1];
        Assert.AreEqual(SpecialPointKind.EndPoint, end.Kind);
        Assert.AreEqual(-a, end.Parameters[0], 1e-12, end.ToString());
    }

    [TestMethod]
    public void EveryHopfPointGetsItsBranchWhenAllAreNamed()
    {
        // dx = −y + x(μ − (x²+y²−1)²)... simpler: two uncoupled oscillators with Hopf points at μ = 0 and μ = 0.5.
        var exp = EquilibriumContinuationTests.Model("mu", -1, 1, [("mu", -0.5)],
            [("x", "mu*x - y - x*(x**2 + y**2)", 0.0), ("y", "x + mu*y - y*(x**2 + y**2)", 0.0),
             ("z", "(mu - 0.5)*z - 3*w - z*(z**2 + w**2)", 0.0), ("w", "3*z + (mu - 0.5)*w - w*(z**2 + w**2)", 0.0)]);
        var c = exp.Continuations["c"];
        exp.Continuations.Remove("c");
        exp.Continuations.Add(new Continuation("c", c.FreeParameters[0])
        {
            InitialStep = 0.01, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = 300, BothSides = false,
            InitialState = ContinuationStart.ModelInitialState,
            Branches = [new CycleContinuation("po", "hopf:all") { MeshIntervals = 20 }],
        });
        var result = BifurcationAnalysis.Run(exp, "c");
        CollectionAssert.AreEqual(new[] { "c", "po_hb1", "po_hb2" }, result.Branches.Select(b => b.Name).ToArray());
        Assert.AreEqual(2 * Math.PI, result.Branches[1].Points[5].Period, 1e-9);
        Assert.AreEqual(2 * Math.PI / 3, result.Branches[2].Points[5].Period, 1e-9);
    }

    [TestMethod]
    public void BautinOrbitsFoldAtTheClosedForm()
    {
        // ż = (β1 + i)z + β2·z|z|² − z|z|⁴ with β2 = 1: a subcritical Hopf point at β1 = 0; its unstable orbits (radius²
        // r² with β1 = r⁴ − r²) turn at the fold of cycles β1 = −1/4, r² = 1/2, and come back stable.
        var m = new Tvbo.Model.Dynamics("Bautin");
        m.AddParameter("b1", -0.5);
        m.AddParameter("b2", 1.0);
        m.AddStateVariable("x", "b1*x - y + (b2*(x**2 + y**2) - (x**2 + y**2)**2)*x", 0.0);
        m.AddStateVariable("y", "x + b1*y + (b2*(x**2 + y**2) - (x**2 + y**2)**2)*y", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("c", new ContinuationParameter("b1", -1, 1))
        {
            InitialStep = 0.01, MinStep = 1e-9, MaxStep = 0.05, MaxSteps = 400, BothSides = true, InitialState = ContinuationStart.ModelInitialState,
            Branches = [new CycleContinuation("orbits", "hopf:1") { MeshIntervals = 20, Degree = 4 }],
        });
        var orbits = BifurcationAnalysis.Run(exp, "c").Branches[1];
        var folds = orbits.Find(SpecialPointKind.CycleFold);
        Assert.HasCount(1, folds, orbits.ToString());
        Assert.AreEqual(-0.25, folds[0].Parameters[0], 1e-9);
        Assert.AreEqual(Math.Sqrt(0.5), orbits.Points[folds[0].PointIndex].Maximum[0], 1e-6);
        foreach (var p in orbits.Points.Skip(1).Where((_, i) => i + 1 != folds[0].PointIndex))
        {
            var r2 = p.Maximum[0] * p.Maximum[0];
            Assert.AreEqual((r2 * r2) - r2, p.Parameters[0], 1e-6, "b1 = r⁴ − r²");
            Assert.AreEqual(r2 > 0.5, p.Stable, $"orbit of radius² {r2}: the inner orbits are unstable, the outer stable");
        }
    }

    [TestMethod]
    public void RosslerOrbitPeriodDoublesWhereItsMultiplierCrossesMinusOne()
    {
        // Rössler (a = b = 0.2): the equilibria fold at c² = 4ab (c = 0.4), where a pair ±1.4i makes it a fold-Hopf point;
        // the orbit born there period-doubles at c ≈ 2.832, the first of its cascade (2.832, 3.837, 4.147, …).
        var m = new Tvbo.Model.Dynamics("Rossler");
        m.AddParameter("a", 0.2);
        m.AddParameter("b", 0.2);
        m.AddParameter("c", 1.0);
        m.AddStateVariable("x", "-y - z", 0.04);
        m.AddStateVariable("y", "x + a*y", -0.2);
        m.AddStateVariable("z", "b + z*(x - c)", 0.2);
        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("eq_c", new ContinuationParameter("c", 0.1, 6))
        {
            InitialStep = 0.01, MinStep = 1e-8, MaxStep = 0.05, MaxSteps = 2000, BothSides = true, InitialState = ContinuationStart.ModelInitialState,
            Branches = [new CycleContinuation("po", "hopf:1") { MeshIntervals = 60, Degree = 4, MaxSteps = 400 }],
        });
        var result = BifurcationAnalysis.Run(exp, "eq_c");
        Assert.AreEqual(0.4, result.Main.Find(SpecialPointKind.Fold).Single().Parameters[0], 1e-10);
        var orbits = result.Branches[1];
        var pd = orbits.Find(SpecialPointKind.PeriodDoubling);
        Assert.HasCount(1, pd, orbits.ToString());
        Assert.AreEqual(2.832, pd[0].Parameters[0], 1e-3);
        var multipliers = orbits.Points[pd[0].PointIndex].Eigenvalues;
        Assert.AreEqual(0.0, multipliers.Min(z => (z + 1).Magnitude), 1e-6, "a multiplier is −1 at the period doubling");
        Assert.IsTrue(orbits.Points.Where(p => p.Parameters[0] < pd[0].Parameters[0] - 1e-3).All(p => p.Stable));
        Assert.IsTrue(orbits.Points.Where(p => p.Parameters[0] > pd[0].Parameters[0] + 1e-3).All(p => !p.Stable));
    }
}
