using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Tests.Bifurcation;

/// <summary>Branches of equilibria against closed forms.</summary>
[TestClass]
public sealed class EquilibriumContinuationTests
{
    /// <summary>The QIF mean field of Montbrió et al. (2015) with τ = 1, Δ = 1, J = 15.</summary>
    internal static SimulationExperiment Qif(double eta = -5.0, double lo = -20, double hi = 20, bool bothSides = true, double ds = 1e-4, double dsMax = 0.05)
    {
        var m = new Dynamics("QIF");
        m.AddParameter("tau", 1.0);
        m.AddParameter("eta_bar", eta);
        m.AddParameter("Delta", 1.0);
        m.AddParameter("J", 15.0);
        m.AddStateVariable("r", "(Delta/(pi*tau) + 2*r*v) / tau", 0.01);
        m.AddStateVariable("v", "(v**2 + eta_bar + J*r*tau - (pi*r*tau)**2) / tau", -2.0);
        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("eq_eta", new ContinuationParameter("eta_bar", lo, hi))
        {
            InitialStep = ds,
            MinStep = 1e-8,
            MaxStep = dsMax,
            MaxSteps = 2000,
            InitialState = ContinuationStart.TimeIntegration(4000),
            BothSides = bothSides,
        });
        return exp;
    }

    /// <summary>η at the equilibrium of rate r: η(r) = π²r² − J·r − Δ²/(4π²r²).</summary>
    private static double Eta(double r) => (Math.PI * Math.PI * r * r) - (15 * r) - (1 / (4 * Math.PI * Math.PI * r * r));

    /// <summary>The rates where dη/dr = 2π²r − J + Δ²/(2π²r³) vanishes, by Newton's method from a guess.</summary>
    private static double FoldRate(double guess)
    {
        var r = guess;
        for (var i = 0; i < 100; i++)
        {
            var g = (2 * Math.PI * Math.PI * r) - 15 + (1 / (2 * Math.PI * Math.PI * r * r * r));
            var dg = (2 * Math.PI * Math.PI) - (3 / (2 * Math.PI * Math.PI * r * r * r * r));
            r -= g / dg;
        }

        return r;
    }

    [TestMethod]
    public void QifFoldsMatchTheClosedForm()
    {
        var result = BifurcationAnalysis.Run(Qif(), "eq_eta");
        var folds = result.Main.Find(SpecialPointKind.Fold);
        Assert.HasCount(2, folds, result.Main.ToString());
        var expected = new[] { Eta(FoldRate(0.1)), Eta(FoldRate(0.7)) }.Order().ToArray();
        var found = folds.Select(f => f.Parameters[0]).Order().ToArray();
        for (var i = 0; i < 2; i++)
        {
            Assert.AreEqual(expected[i], found[i], 1e-8 * Math.Abs(expected[i]), $"fold {i}: {found[i]:R} vs closed form {expected[i]:R}");
        }

        // Every point lies on the closed-form curve.
        foreach (var p in result.Main.Points)
        {
            Assert.AreEqual(Eta(p.State[0]), p.Parameters[0], 1e-8 * (1 + Math.Abs(p.Parameters[0])));
        }
    }

    /// <summary>A one-state or two-state model from equations, with one continuation in <paramref name="free"/>.</summary>
    internal static SimulationExperiment Model(string free, double lo, double hi, IReadOnlyList<(string Name, double Value)> parameters, IReadOnlyList<(string Name, string Rhs, double Initial)> states, Action<Continuation>? _ = null, double ds = 0.01, bool bothSides = true, ContinuationStart? start = null)
    {
        var m = new Dynamics("M");
        foreach (var (name, value) in parameters)
        {
            m.AddParameter(name, value);
        }

        foreach (var (name, rhs, initial) in states)
        {
            m.AddStateVariable(name, rhs, initial);
        }

        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("c", new ContinuationParameter(free, lo, hi))
        {
            InitialStep = ds,
            MinStep = 1e-9,
            MaxStep = 0.05,
            MaxSteps = 5000,
            BothSides = bothSides,
            InitialState = start ?? ContinuationStart.ModelInitialState,
        });
        return exp;
    }

    [TestMethod]
    public void QifBranchIsStableOutsideTheFoldsAndASaddleBetween()
    {
        var branch = BifurcationAnalysis.Run(Qif(), "eq_eta").Main;
        var folds = branch.Find(SpecialPointKind.Fold).Select(f => f.PointIndex).Order().ToArray();
        for (var i = 0; i < branch.Points.Count; i++)
        {
            if (folds.Contains(i))
            {
                continue;
            }

            var between = i > folds[0] && i < folds[1];
            Assert.AreEqual(!between, branch.Points[i].Stable, $"point {i} at eta_bar = {branch.Points[i].Parameters[0]}");
            Assert.AreEqual(between ? 1 : 0, branch.Points[i].Eigenvalues.Count(z => z.Real > 0));
        }

        Assert.IsEmpty(branch.Find(SpecialPointKind.BranchPoint), branch.ToString());
        Assert.IsEmpty(branch.Find(SpecialPointKind.Hopf), branch.ToString());
        var ends = branch.Find(SpecialPointKind.EndPoint);
        Assert.HasCount(2, ends);
        Assert.AreEqual(-20, ends[0].Parameters[0]);
        Assert.AreEqual(20, ends[1].Parameters[0]);
        Assert.AreEqual(0, ends[0].PointIndex);
        Assert.AreEqual(branch.Points.Count - 1, ends[1].PointIndex);
    }

    [TestMethod]
    [DataRow(-1.0, DisplayName = "supercritical")]
    [DataRow(1.0, DisplayName = "subcritical")]
    public void HopfNormalFormIsFoundAtZeroWithItsFrequencyAndLyapunovCoefficient(double a)
    {
        // dx = μx − ωy + a·x(x²+y²), dy = ωx + μy + a·y(x²+y²): Hopf at μ = 0 with frequency ω and l₁ = a.
        var exp = Model("mu", -1, 1, [("mu", -0.5), ("w", 2.0), ("a", a)],
            [("x", "mu*x - w*y + a*x*(x**2 + y**2)", 0.0), ("y", "w*x + mu*y + a*y*(x**2 + y**2)", 0.0)]);
        var branch = BifurcationAnalysis.Run(exp, "c").Main;
        var hopf = branch.Find(SpecialPointKind.Hopf);
        Assert.HasCount(1, hopf, branch.ToString());
        Assert.AreEqual(0.0, hopf[0].Parameters[0], 1e-12);
        Assert.AreEqual(2.0, hopf[0].Frequency, 1e-12);
        // With Kuznetsov's normalisation ⟨q, q⟩ = 1 (as AUTO and MatCont) the complex form ż = (μ + iω)z + a·z|z|² has
        // c₁ = 2a and l₁ = Re c₁/ω = 2a/ω.
        Assert.AreEqual(2 * a / 2.0, hopf[0].FirstLyapunovCoefficient, 1e-6);
        Assert.IsTrue(branch.Points.Where(p => p.Parameters[0] < -1e-9).All(p => p.Stable));
        Assert.IsTrue(branch.Points.Where(p => p.Parameters[0] > 1e-9).All(p => !p.Stable));
    }

    [TestMethod]
    public void CuspNormalFormHasTwoFoldsAtTheClosedForm()
    {
        // dx = μ + b·x − x³: folds where b = 3x², at μ = ∓2(b/3)^{3/2}.
        var exp = Model("mu", -3, 3, [("mu", -2.0), ("b", 1.5)], [("x", "mu + b*x - x**3", -1.5)]);
        var branch = BifurcationAnalysis.Run(exp, "c").Main;
        var folds = branch.Find(SpecialPointKind.Fold).Select(f => f.Parameters[0]).Order().ToArray();
        var expected = 2 * Math.Pow(0.5, 1.5);
        Assert.HasCount(2, folds, branch.ToString());
        Assert.AreEqual(-expected, folds[0], 1e-10);
        Assert.AreEqual(expected, folds[1], 1e-10);
    }

    [TestMethod]
    public void TranscriticalCrossingIsABranchPoint()
    {
        // dx = μx − x²: the branches x = 0 and x = μ cross at μ = 0.
        var exp = Model("mu", -1, 1, [("mu", -0.5)], [("x", "mu*x - x**2", 0.0)]);
        var branch = BifurcationAnalysis.Run(exp, "c").Main;
        var bp = branch.Find(SpecialPointKind.BranchPoint);
        Assert.HasCount(1, bp, branch.ToString());
        Assert.AreEqual(0.0, bp[0].Parameters[0], 1e-9);
        Assert.IsEmpty(branch.Find(SpecialPointKind.Fold));
    }

    [TestMethod]
    public void FreeParameterTheModelLacksIsNamed()
    {
        var exp = Model("nu", -1, 1, [("mu", -0.5)], [("x", "mu*x - x**2", 0.0)]);
        var e = Assert.ThrowsExactly<ContinuationException>(() => BifurcationAnalysis.Run(exp, "c"));
        Assert.AreEqual("free_parameters", e.Key);
        Assert.Contains("free parameter 'nu' is not a parameter of model 'M'; its parameters are mu", e.Message);
    }

    [TestMethod]
    public void StartThatIsNoEquilibriumWithoutTimeIntegrationIsRefused()
    {
        // dx = 1 + x²: no equilibrium at all at μ = 1.
        var exp = Model("mu", -2, 2, [("mu", 1.0)], [("x", "mu + x**2", 3.0)]);
        var e = Assert.ThrowsExactly<ContinuationException>(() => BifurcationAnalysis.Run(exp, "c"));
        Assert.AreEqual("initial_state", e.Key);
        Assert.Contains("the model's initial state is not an equilibrium at mu = 1 (largest |dx/dt| = 10)", e.Message);
        Assert.Contains("time_integration", e.Message);
    }

    [TestMethod]
    public void StartOutsideTheDomainIsRefused()
    {
        var exp = Model("mu", 0, 2, [("mu", -1.0)], [("x", "mu - x", 0.0)]);
        var e = Assert.ThrowsExactly<ContinuationException>(() => BifurcationAnalysis.Run(exp, "c"));
        Assert.Contains("mu starts at -1, outside its domain 0..2", e.Message);
    }

    [TestMethod]
    [DataRow(1e-12, "ds is 1E-12; valid: a step whose size lies within ds_min..ds_max")]
    [DataRow(1.0, "ds is 1; valid: a step whose size lies within ds_min..ds_max")]
    public void StepOutsideItsBoundsNamesDs(double ds, string message)
    {
        var exp = Model("mu", -1, 1, [("mu", -0.5)], [("x", "mu - x", 0.0)], ds: ds);
        var e = Assert.ThrowsExactly<ExperimentException>(() => BifurcationAnalysis.Run(exp, "c"));
        Assert.AreEqual("ds", e.Parameter);
        Assert.Contains(message, e.Message);
    }

    [TestMethod]
    public void ModelUsingTimeIsRefusedWithTheReason()
    {
        var exp = Model("mu", -1, 1, [("mu", -0.5)], [("x", "mu - x + sin(t)", 0.0)]);
        var e = Assert.ThrowsExactly<ContinuationException>(() => BifurcationAnalysis.Run(exp, "c"));
        Assert.Contains("its equations use time 't', so it has no equilibria", e.Message);
    }

    [TestMethod]
    public void TimeIntegrationReachesTheStableEquilibrium()
    {
        // dx = μ + x − x³ at μ = 0 has stable equilibria at ±1 and an unstable one at 0; from 0.1 the flow goes to +1.
        var exp = Model("mu", -1, 1, [("mu", 0.0)], [("x", "mu + x - x**3", 0.1)], bothSides: false, start: ContinuationStart.TimeIntegration(50));
        var branch = BifurcationAnalysis.Run(exp, "c").Main;
        Assert.AreEqual(1.0, branch.Points[0].State[0], 1e-12);
        Assert.IsTrue(branch.Points[0].Stable);
    }
}
