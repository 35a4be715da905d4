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
}
