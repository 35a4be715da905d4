using System.Globalization;
using Tvbo.Bifurcation;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.TestSupport;
using Tvbo.TestSupport.Auto07p;

namespace Tvbo.Tests.Bifurcation;

/// <summary>
/// The AUTO-07p harness (tests/Shared/Auto07p) checked against mathematics: the equations it writes, and AUTO's
/// answers as the harness reads them, on systems whose bifurcations are known in closed form (the QIF mean field of
/// Montbrió, Pazó and Roxin 2015; the Hopf normal form), and a first look at TVBO's Jansen–Rit model. Every test that
/// runs AUTO ends as inconclusive, with the reason, where AUTO is not installed.
/// </summary>
[TestClass]
public sealed class AutoHarnessTests
{
    public TestContext TestContext { get; set; } = null!;

    private const double J = 15.0;
    private const double Delta = 1.0;

    [TestMethod]
    public void FortranPrinterWritesEveryNodeAsFortran()
    {
        string Print(string text) => AutoEquations.Print(ExpressionParser.Parse(text, "test"), s => s.ToUpperInvariant());
        Assert.AreEqual("((X**2) + (-Y))", Print("x**2 + -y"));
        Assert.AreEqual("(X**(-3))", Print("x**(-3)"));
        Assert.AreEqual("(X**Y)", Print("x**y"));
        Assert.AreEqual("MODULO(X, 2.0D0)", Print("x % 2"));
        Assert.AreEqual("MOD(X, Y)", Print("fmod(x, y)"));
        Assert.AreEqual("MERGE(X, Y, (X .GT. 0.0D0))", Print("Piecewise((x, x > 0), (y, True))"));
        Assert.AreEqual("(-0.15D0)", AutoEquations.Literal(-0.15));
        Assert.AreEqual("1.0D-05", AutoEquations.Literal(1e-5));
        Assert.AreEqual("3.141592653589793D0", AutoEquations.Literal(Math.PI));
        Assert.AreEqual(0.1, double.Parse(AutoEquations.Literal(0.1).Replace('D', 'E'), CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void EquationsMapFreeParametersFirstAndSkipIndexEleven()
    {
        var model = new Dynamics("Many");
        for (var i = 0; i < 14; i++)
        {
            model.AddParameter($"p{i}", i);
        }

        model.AddStateVariable("x", string.Join(" + ", Enumerable.Range(0, 14).Select(i => $"p{i}")) + " - x");
        var eq = AutoEquations.Create(ContinuationSystem.Create(model, "test"), ["p5", "p9"]);
        Assert.AreEqual(1, eq.IndexOf("p5"));
        Assert.AreEqual(2, eq.IndexOf("p9"));
        Assert.IsFalse(eq.ParIndex.Contains(AutoEquations.PeriodIndex));
        CollectionAssert.AllItemsAreUnique(eq.ParIndex.ToArray());
        Assert.AreEqual(15, eq.ParIndex.Max());
        StringAssert.Contains(eq.Fortran, "PAR(1) = 5.0D0");
        Assert.IsTrue(eq.Fortran.Split('\n').All(l => l.Length <= 132), "a line is longer than free-form Fortran allows");
    }

    /// <summary>QIF mean field: the two folds of the equilibrium curve η(r) = π²r² − J r − Δ²/(4π²r²) (τ = 1), where
    /// dη/dr = 2π²r − J + Δ²/(2π²r³) = 0; AUTO's LP points must sit there.</summary>
    [TestMethod]
    public void QifFoldsMatchTheClosedForm()
    {
        AutoAvailability.SkipUnlessAvailable();
        var system = ContinuationSystem.Create(Qif(), "test");
        var r0 = Bisect(r => Eta(r) + 5.0, 1e-3, FoldRadii().Low);
        var result = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = ["eta_bar"],
            Bounds = new Dictionary<string, (double, double)> { ["eta_bar"] = (-10.0, 0.0) },
            StartState = [r0, -Delta / (2 * Math.PI * r0)],
            Parameters = new Dictionary<string, double> { ["eta_bar"] = -5.0 },
            Equilibria = new AutoStepping(0.01, 1e-6, 0.05, 2000),
        });
        Report(result);
        Assert.AreEqual(0, result.Errors.Count, string.Join("\n", result.Errors));

        var folds = result.Labelled("EQ", "LP").ToList();
        Assert.AreEqual(2, folds.Count, "AUTO's LP points: " + string.Join(", ", folds.Select(f => f.Parameters[0])));
        var (low, high) = FoldRadii();
        var eta = system.IndexOfParameter("eta_bar");
        foreach (var r in new[] { low, high })
        {
            var fold = folds.OrderBy(f => Math.Abs(f.State[0] - r)).First();
            var exact = Eta(r);
            TestContext.WriteLine($"QIF fold: AUTO eta_bar = {fold.Parameters[eta]:R}, r = {fold.State[0]:R}; closed form eta = {exact:R}, r = {r:R}; relative error {Math.Abs(fold.Parameters[eta] - exact) / Math.Abs(exact):E2}");
            Assert.AreEqual(exact, fold.Parameters[eta], 1e-6 * Math.Abs(exact));
            Assert.AreEqual(r, fold.State[0], 1e-4 * r);
            Assert.AreEqual(-Delta / (2 * Math.PI * r), fold.State[1], 1e-4);
        }

        // Every point AUTO reports is an equilibrium, read into the right columns, and AUTO's stability is the
        // closed form's: stable below the lower fold, unstable between the folds (saddles).
        foreach (var branch in result.OfKind("EQ"))
        {
            Assert.IsTrue(branch.Parameters.Length > 10);
            for (var k = 0; k < branch.Parameters.Length; k++)
            {
                var r = branch.States[k][0];
                Assert.AreEqual(Eta(r), branch.Parameters[k][eta], 1e-6 * (1 + Math.Abs(Eta(r))), $"point {k}");
                Assert.AreEqual(1.0, branch.Parameters[k][system.IndexOfParameter("tau")]);
                Assert.AreEqual(J, branch.Parameters[k][system.IndexOfParameter("J")]);
                if (r < 0.98 * low)
                {
                    Assert.IsTrue(branch.Stable[k], $"r = {r} (below the lower fold) should be stable");
                }
                else if (r > 1.02 * low && r < 0.98 * high)
                {
                    Assert.IsFalse(branch.Stable[k], $"r = {r} (between the folds) should be unstable");
                }
            }
        }
    }

    /// <summary>QIF in (η̄, J): the fold curve, on which J = 2π²r + Δ²/(2π²r³) and η̄ = π²r² − J r − Δ²/(4π²r²),
    /// and its cusp, where also d²η/dr² = 0: r⁴ = 3Δ²/(4π⁴).</summary>
    [TestMethod]
    public void QifFoldCurveAndCuspMatchTheClosedForm()
    {
        AutoAvailability.SkipUnlessAvailable();
        var system = ContinuationSystem.Create(Qif(), "test");
        var r0 = Bisect(r => Eta(r) + 5.0, 1e-3, FoldRadii().Low);
        var result = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = ["eta_bar", "J"],
            Bounds = new Dictionary<string, (double, double)> { ["eta_bar"] = (-10.0, 0.0), ["J"] = (0.0, 30.0) },
            StartState = [r0, -Delta / (2 * Math.PI * r0)],
            Parameters = new Dictionary<string, double> { ["eta_bar"] = -5.0 },
            Equilibria = new AutoStepping(0.01, 1e-6, 0.05, 2000),
            TwoParameter = new AutoTwoParameterOptions { From = "LP", Stepping = new AutoStepping(0.01, 1e-6, 0.05, 2000) },
        });
        Report(result);
        Assert.AreEqual(0, result.Errors.Count, string.Join("\n", result.Errors));
        var curves = result.OfKind("LP").ToList();
        Assert.AreEqual(2, curves.Count);
        var eta = system.IndexOfParameter("eta_bar");
        var jj = system.IndexOfParameter("J");
        var points = 0;
        foreach (var c in curves)
        {
            for (var k = 0; k < c.Parameters.Length; k++)
            {
                var r = c.States[k][0];
                var jFold = (2 * Math.PI * Math.PI * r) + (Delta * Delta / (2 * Math.PI * Math.PI * r * r * r));
                Assert.AreEqual(jFold, c.Parameters[k][jj], 1e-5 * jFold, $"J on the fold curve, point {k}");
                var etaFold = (Math.PI * Math.PI * r * r) - (jFold * r) - (Delta * Delta / (4 * Math.PI * Math.PI * r * r));
                Assert.AreEqual(etaFold, c.Parameters[k][eta], 1e-5 * (1 + Math.Abs(etaFold)), $"eta on the fold curve, point {k}");
                points++;
            }
        }

        var rc = Math.Pow(3 * Delta * Delta / (4 * Math.Pow(Math.PI, 4)), 0.25);
        var jc = (2 * Math.PI * Math.PI * rc) + (Delta * Delta / (2 * Math.PI * Math.PI * rc * rc * rc));
        var etac = (Math.PI * Math.PI * rc * rc) - (jc * rc) - (Delta * Delta / (4 * Math.PI * Math.PI * rc * rc));
        var cusps = result.Labelled("LP", "CP").ToList();
        TestContext.WriteLine($"QIF fold curve: {points} points; cusp closed form J = {jc:R}, eta = {etac:R}; AUTO's CP: " +
            string.Join("; ", cusps.Select(c => $"J = {c.Parameters[jj]:R}, eta = {c.Parameters[eta]:R}")));
        Assert.IsTrue(cusps.Count >= 1, "AUTO labels no cusp on the fold curve");
        foreach (var cp in cusps)
        {
            Assert.AreEqual(jc, cp.Parameters[jj], 1e-4 * jc);
            Assert.AreEqual(etac, cp.Parameters[eta], 1e-4 * Math.Abs(etac));
        }
    }

    /// <summary>Hopf normal form: HB at μ = 0; the cycles born there are circles of radius √μ with period 2π/ω, stable.</summary>
    [TestMethod]
    public void HopfNormalFormCyclesHaveTheClosedFormAmplitudeAndPeriod()
    {
        AutoAvailability.SkipUnlessAvailable();
        var model = new Dynamics("HopfNormalForm");
        model.AddParameter("mu", -1.0);
        model.AddParameter("w", 1.0);
        model.AddStateVariable("x", "mu*x - w*y - x*(x**2 + y**2)");
        model.AddStateVariable("y", "w*x + mu*y - y*(x**2 + y**2)");
        var system = ContinuationSystem.Create(model, "test");
        double[] probes = [0.05, 0.25, 0.5, 0.8];
        var result = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = ["mu"],
            Bounds = new Dictionary<string, (double, double)> { ["mu"] = (-1.5, 1.0) },
            Equilibria = new AutoStepping(0.01, 1e-6, 0.05, 500),
            Cycles = new AutoCycleOptions { Ntst = 40, Ncol = 4, UserValues = probes, Stepping = new AutoStepping(0.01, 1e-6, 0.05, 500) },
            Orbits = true,
        });
        Report(result);
        Assert.AreEqual(0, result.Errors.Count, string.Join("\n", result.Errors));
        var hopf = result.Labelled("EQ", "HB").ToList();
        Assert.AreEqual(1, hopf.Count);
        Assert.AreEqual(0.0, hopf[0].Parameters[0], 1e-6);

        var cycles = result.OfKind("PO").Single();
        Assert.AreEqual("HB1", cycles.Source);
        TestContext.WriteLine("UZ on the cycles: " + string.Join(", ", cycles.Labelled("UZ").Select(p => p.Parameters[0])));
        var uz = cycles.Labelled("UZ").Where(p => probes.Any(m => Math.Abs(p.Parameters[0] - m) < 1e-4)).ToList();
        Assert.AreEqual(probes.Length, uz.Count, "a UZ point at each requested mu");
        foreach (var p in uz)
        {
            var mu = p.Parameters[0];
            var amplitude = Math.Sqrt(mu);
            var errMax = p.Max![0] - amplitude;
            var errMin = p.Min![0] + amplitude;
            var l2 = cycles.L2Norm[p.Index];
            TestContext.WriteLine($"Hopf normal form, mu = {mu:R}: max x - sqrt(mu) = {errMax:E2}, min x + sqrt(mu) = {errMin:E2}, L2 - sqrt(mu) = {l2 - amplitude:E2}, period - 2 pi = {p.Period - (2 * Math.PI):E2}");
            Assert.AreEqual(amplitude, p.Max[0], 1e-4);
            Assert.AreEqual(-amplitude, p.Min[0], 1e-4);
            Assert.AreEqual(amplitude, p.Max[1], 1e-4);
            Assert.AreEqual(amplitude, l2, 1e-5, "AUTO's L2-NORM of the orbit");
            Assert.AreEqual(2 * Math.PI, p.Period!.Value, 1e-6);
            Assert.IsTrue(cycles.Stable[p.Index], "the cycles of the supercritical normal form are stable");
            Assert.IsNotNull(p.Orbit);
            foreach (var (x, y) in p.Orbit[0].Zip(p.Orbit[1]))
            {
                Assert.AreEqual(amplitude, Math.Sqrt((x * x) + (y * y)), 1e-5, "the orbit is a circle");
            }

            // The branch arrays carry the same orbit data at the point's index.
            Assert.AreEqual(p.Max[0], cycles.Max![p.Index][0]);
            Assert.AreEqual(p.Period.Value, cycles.Period![p.Index]);
        }

        // Equilibria: the origin, stable for mu < 0, unstable for mu > 0.
        foreach (var b in result.OfKind("EQ"))
        {
            for (var k = 0; k < b.Parameters.Length; k++)
            {
                Assert.AreEqual(0.0, b.States[k][0], 1e-12);
                if (Math.Abs(b.Parameters[k][0]) > 1e-3)
                {
                    Assert.AreEqual(b.Parameters[k][0] < 0, b.Stable[k], $"mu = {b.Parameters[k][0]}");
                }
            }
        }
    }

    /// <summary>TVBO's Jansen–Rit model (its file JansenRit.yaml), equilibria in its external input <c>mu</c> from the
    /// state it settles to at mu = 0. Asserts only that AUTO finds and the harness reads Hopf points; prints the LP and
    /// HB values.</summary>
    [TestMethod]
    public void JansenRitEquilibriaInMu()
    {
        AutoAvailability.SkipUnlessAvailable();
        var path = SharedTvboModels.Folder() is { } dir ? Path.Combine(dir, "JansenRit.yaml") : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var system = ContinuationSystem.Create(Dynamics.Load(path), "test");
        var mu = system.IndexOfParameter("mu");
        Assert.IsTrue(mu >= 0, "JansenRit.yaml has no parameter mu: " + string.Join(", ", system.ParameterNames));
        var p = system.ParameterValues.ToArray();
        p[mu] = 0.0;
        var x = Settle(system, system.InitialState.ToArray(), p, dt: 0.05, steps: 200_000);
        var result = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = ["mu"],
            Bounds = new Dictionary<string, (double, double)> { ["mu"] = (-0.05, 0.6) },
            StartState = x,
            Parameters = new Dictionary<string, double> { ["mu"] = 0.0 },
            Equilibria = new AutoStepping(0.005, 1e-7, 0.05, 3000),
            Cycles = new AutoCycleOptions { Ntst = 40, Ncol = 4, MaxHopf = 2, Stepping = new AutoStepping(0.005, 1e-7, 0.05, 300) },
        });
        Report(result);
        foreach (var e in result.Errors)
        {
            TestContext.WriteLine("AUTO error: " + e);
        }

        foreach (var label in new[] { "LP", "HB", "BP" })
        {
            foreach (var pt in result.Labelled("EQ", label).OrderBy(q => q.Parameters[mu]))
            {
                TestContext.WriteLine($"JansenRit {label}: mu = {pt.Parameters[mu]:R}, y0 = {pt.State[0]:R}, y1 = {pt.State[1]:R}, y2 = {pt.State[2]:R}");
            }
        }

        foreach (var b in result.OfKind("PO"))
        {
            var periods = b.Period!.Where(double.IsFinite).ToArray();
            TestContext.WriteLine($"JansenRit cycles from {b.Source}: {b.Parameters.Length} points, mu {b.Parameter("mu").Min():R} .. {b.Parameter("mu").Max():R}, period {periods.DefaultIfEmpty(double.NaN).Min():R} .. {periods.DefaultIfEmpty(double.NaN).Max():R} ms, special points: "
                + string.Join(", ", b.Points.Where(q => q.Label is not ("RG" or "EP" or "UZ")).Select(q => $"{q.Label} mu = {q.Parameters[mu]:R}")));
        }

        Assert.IsTrue(result.Labelled("EQ", "HB").Any(), "AUTO finds no Hopf point");
        foreach (var hb in result.Labelled("EQ", "HB"))
        {
            // A Hopf point is an equilibrium: f(x, p) = 0 there (AUTO's Newton tolerance, in the model's units).
            var f = new double[system.Dimension];
            system.Evaluate(hb.State, hb.Parameters, f);
            Assert.IsTrue(f.All(v => Math.Abs(v) < 1e-5), $"f at HB mu = {hb.Parameters[mu]}: {string.Join(", ", f)}");
        }
    }

    private static Dynamics Qif()
    {
        var model = new Dynamics("QIF");
        model.AddParameter("tau", 1.0);
        model.AddParameter("Delta", Delta);
        model.AddParameter("J", J);
        model.AddParameter("eta_bar", -5.0);
        model.AddStateVariable("r", "(Delta/(pi*tau) + 2*r*v)/tau", 0.1);
        model.AddStateVariable("v", "(v**2 + eta_bar + J*r*tau - (pi*r*tau)**2)/tau", -1.0);
        return model;
    }

    private static double Eta(double r) => (Math.PI * Math.PI * r * r) - (J * r) - (Delta * Delta / (4 * Math.PI * Math.PI * r * r));

    private static double DEta(double r) => (2 * Math.PI * Math.PI * r) - J + (Delta * Delta / (2 * Math.PI * Math.PI * r * r * r));

    /// <summary>The two positive roots of dη/dr (it is convex in r > 0 with its minimum at r⁴ = 3Δ²/(4π⁴)).</summary>
    private static (double Low, double High) FoldRadii()
    {
        var rMin = Math.Pow(3 * Delta * Delta / (4 * Math.Pow(Math.PI, 4)), 0.25);
        return (Bisect(DEta, 1e-3, rMin), Bisect(DEta, rMin, 10.0));
    }

    private static double Bisect(Func<double, double> f, double a, double b)
    {
        var fa = f(a);
        Assert.IsTrue(fa * f(b) < 0, "no sign change");
        for (var i = 0; i < 200 && b - a > 1e-15 * Math.Abs(b); i++)
        {
            var m = 0.5 * (a + b);
            var fm = f(m);
            if (fm * fa <= 0)
            {
                b = m;
            }
            else
            {
                a = m;
                fa = fm;
            }
        }

        return 0.5 * (a + b);
    }

    /// <summary>Classical RK4 until the state stops moving.</summary>
    private static double[] Settle(ContinuationSystem system, double[] x, double[] p, double dt, int steps)
    {
        var n = x.Length;
        double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], t = new double[n];
        for (var s = 0; s < steps; s++)
        {
            system.Evaluate(x, p, k1);
            for (var i = 0; i < n; i++)
            {
                t[i] = x[i] + (0.5 * dt * k1[i]);
            }

            system.Evaluate(t, p, k2);
            for (var i = 0; i < n; i++)
            {
                t[i] = x[i] + (0.5 * dt * k2[i]);
            }

            system.Evaluate(t, p, k3);
            for (var i = 0; i < n; i++)
            {
                t[i] = x[i] + (dt * k3[i]);
            }

            system.Evaluate(t, p, k4);
            var moved = 0.0;
            for (var i = 0; i < n; i++)
            {
                var dx = dt / 6 * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i]);
                x[i] += dx;
                moved = Math.Max(moved, Math.Abs(dx));
            }

            if (moved < 1e-13)
            {
                break;
            }
        }

        system.Evaluate(x, p, k1);
        Assert.IsTrue(k1.All(v => Math.Abs(v) < 1e-8), "the model did not settle to an equilibrium: " + string.Join(", ", k1));
        return x;
    }

    private void Report(AutoResult result)
    {
        TestContext.WriteLine($"AUTO ({result.Equations.System.ModelName}): {result.Elapsed.TotalSeconds:F2} s in all; " +
            string.Join(", ", result.Times.Select(t => $"{t.Run} {t.Seconds:F3} s")) + "; branches: " +
            string.Join(", ", result.Branches.Select(b => $"{b.Kind}{(b.Direction > 0 ? "+" : "-")} {b.Parameters.Length} pts [{string.Join(" ", b.Points.Where(q => q.Label != "RG").Select(q => q.Label))}]")));
    }
}
