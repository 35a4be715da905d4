using System.Diagnostics;
using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.TestSupport;
using Tvbo.TestSupport.Auto07p;

namespace Tvbo.Tests.Bifurcation;

/// <summary>
/// The native continuation against AUTO-07p on the same problems: the same special points, their parameter values
/// within 1e-6 relative (of 1 % of the domain for a point near 0), and every point of the native branch on AUTO's branch within plot resolution (0.2 % of the
/// diagram's ranges). AUTO runs with tight tolerances (EPSL = EPSU = 1e-10, EPSS = 1e-8) so that its own error is below
/// the comparison's. Inconclusive, with the reason, where AUTO or TVBO's model files are not here.
/// </summary>
[TestClass]
public sealed class AutoCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Dynamics Library(string name)
    {
        var path = SharedTvboModels.Folder() is { } dir ? Path.Combine(dir, name + ".yaml") : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        return Dynamics.Load(path);
    }

    [TestMethod]
    public void QifMeanFieldAgreesWithAuto()
    {
        var exp = EquilibriumContinuationTests.Qif();
        Compare(exp, "eq_eta", ["LP"]);
    }

    [TestMethod]
    public void HopfNormalFormAgreesWithAuto()
    {
        var exp = EquilibriumContinuationTests.Model("mu", -1, 1, [("mu", -0.5), ("w", 2.0), ("a", -1.0)],
            [("x", "mu*x - w*y + a*x*(x**2 + y**2)", 0.0), ("y", "w*x + mu*y + a*y*(x**2 + y**2)", 0.0)]);
        var c = exp.Continuations["c"];
        exp.Continuations.Remove("c");
        exp.Continuations.Add(new Continuation("c", c.FreeParameters[0])
        {
            InitialStep = c.InitialStep, MinStep = c.MinStep, MaxStep = c.MaxStep, MaxSteps = 400, BothSides = true, InitialState = c.InitialState,
            Branches = [new CycleContinuation("po", "hopf:1") { MeshIntervals = 20, Degree = 4 }],
        });
        Compare(exp, "c", ["HB"]);
    }

    [TestMethod]
    public void JansenRitAgreesWithAuto()
    {
        // TVBO's JansenRit (TVB's form, time in ms): equilibria in the external input mu, two folds and a Hopf point.
        var exp = new SimulationExperiment(Library("JansenRit"));
        exp.Model.FindParameter("mu")!.Value = 0.0;
        exp.Continuations.Add(new Continuation("eq_mu", new ContinuationParameter("mu", -0.05, 0.6))
        {
            InitialStep = 0.005, MinStep = 1e-7, MaxStep = 0.05, MaxSteps = 3000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(10_000),
            Branches = [new CycleContinuation("po_alpha", "hopf:1") { MeshIntervals = 50, Degree = 4, MaxSteps = 300 }],
        });
        Compare(exp, "eq_mu", ["LP", "HB"], expectAtLeast: 3);
    }

    [TestMethod]
    public void Generic2dOscillatorAgreesWithAuto()
    {
        // TVBO's Generic2dOscillator (TVB's defaults): equilibria in the input I, with its Hopf points.
        var exp = new SimulationExperiment(Library("Generic2dOscillator"));
        exp.Model.FindParameter("I")!.Value = -5.0;
        exp.Continuations.Add(new Continuation("eq_I", new ContinuationParameter("I", -6, 6))
        {
            InitialStep = 0.01, MinStep = 1e-7, MaxStep = 0.05, MaxSteps = 3000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(2000),
        });
        Compare(exp, "eq_I", ["LP", "HB"], expectAtLeast: 1);
    }

    [TestMethod]
    public void LangfordTorusPointAgreesWithAuto()
    {
        // Langford's system: the orbit born at its Hopf point loses stability at a torus (Neimark–Sacker) point.
        var m = new Dynamics("Langford");
        m.AddParameter("lam", 0.3);
        m.AddParameter("beta", 0.7);
        m.AddParameter("w", 3.5);
        m.AddParameter("rho", 0.25);
        m.AddParameter("eps", 0.1);
        m.AddStateVariable("x", "(z - beta)*x - w*y", 0.0);
        m.AddStateVariable("y", "w*x + (z - beta)*y", 0.0);
        m.AddStateVariable("z", "lam + z - z**3/3 - (x**2 + y**2)*(1 + rho*z) + eps*z*x**3", 0.3);
        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("eq_lam", new ContinuationParameter("lam", -1, 2))
        {
            InitialStep = 0.01, MinStep = 1e-8, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(200),
            Branches = [new CycleContinuation("po", "hopf:1") { MeshIntervals = 40, Degree = 4, MaxSteps = 400 }],
        });
        Compare(exp, "eq_lam", ["LP", "HB"], expectAtLeast: 3);
        var torus = BifurcationAnalysis.Run(exp, "eq_lam").Branches[1].Find(SpecialPointKind.Torus);
        Assert.HasCount(1, torus);
        var multipliers = BifurcationAnalysis.Run(exp, "eq_lam").Branches[1].Points[torus[0].PointIndex].Eigenvalues;
        Assert.AreEqual(1.0, multipliers.Where(z => Math.Abs(z.Imaginary) > 1e-6).Min(z => Math.Abs(z.Magnitude - 1) + 1), 1e-6, "a complex pair on the unit circle");
    }

    [TestMethod]
    public void QifFoldCurveAgreesWithAuto()
    {
        var exp = EquilibriumContinuationTests.Qif();
        exp.Continuations.Add(new Continuation("fold_eta_J", new ContinuationParameter("eta_bar", -20, 20), new ContinuationParameter("J", 1, 30))
        {
            InitialStep = 0.01, MinStep = 1e-8, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.FromBranch("eq_eta", "fold:1"),
        });
        CompareCurve(exp, "fold_eta_J", "LP", ["CP"]);
    }

    [TestMethod]
    [DataRow("fold:1", "LP", DisplayName = "fold curve")]
    [DataRow("hopf:1", "HB", DisplayName = "Hopf curve")]
    public void JansenRitCurvesAgreeWithAuto(string point, string kind)
    {
        // TVBO's JansenRit: the fold and Hopf points of the branch in mu followed in (mu, J), J the connectivity
        // constant (TVBO's Jansen–Rit study follows them in (p, C)).
        var exp = new SimulationExperiment(Library("JansenRit"));
        exp.Model.FindParameter("mu")!.Value = 0.0;
        exp.Continuations.Add(new Continuation("eq_mu", new ContinuationParameter("mu", -0.05, 0.6))
        {
            InitialStep = 0.005, MinStep = 1e-7, MaxStep = 0.05, MaxSteps = 3000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(10_000),
        });
        exp.Continuations.Add(new Continuation("curve", new ContinuationParameter("mu", -0.05, 0.6), new ContinuationParameter("J", 80, 300))
        {
            InitialStep = 0.01, MinStep = 1e-8, MaxStep = 0.1, MaxSteps = 5000, BothSides = true,
            InitialState = ContinuationStart.FromBranch("eq_mu", point),
        });
        CompareCurve(exp, "curve", kind, ["CP", "BT", "GH", "ZH"]);
    }

    /// <summary>A fold or Hopf curve natively and through AUTO (from its first such point): every point of AUTO's curve
    /// on the native curve within 0.2 % of the (p1, p2) ranges (AUTO may stop before the native curve ends), and the codimension-two points both find in the region
    /// both cover at the same place within 1e-5 relative.</summary>
    private void CompareCurve(SimulationExperiment exp, string name, string kind, string[] labels)
    {
        AutoAvailability.SkipUnlessAvailable();
        var settings = exp.Continuations[name];
        var source = exp.Continuations[settings.InitialState.SourceBranch!];
        var watch = Stopwatch.StartNew();
        var results = BifurcationAnalysis.RunAll(exp);
        var seconds = watch.Elapsed.TotalSeconds;
        var equilibria = results.Single(r => r.Name == source.Name).Main;
        var curve = results.Single(r => r.Name == name).Main;
        var system = ContinuationSystem.Create(exp.Model, "test");
        var (a, b) = (settings.FreeParameters[0], settings.FreeParameters[1]);
        var lambda0 = system.ParameterValues[system.IndexOfParameter(a.Name)];
        var start = equilibria.Points.MinBy(p => Math.Abs(p.Parameters[0] - lambda0))!;
        var auto = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = [a.Name, b.Name],
            Bounds = new Dictionary<string, (double, double)> { [a.Name] = (a.Lower, a.Upper), [b.Name] = (b.Lower, b.Upper) },
            StartState = start.State.ToArray(),
            Equilibria = new AutoStepping(Math.Abs(source.InitialStep), source.MinStep, source.MaxStep, source.MaxSteps),
            Tolerances = (1e-10, 1e-10, 1e-8),
            TwoParameter = new AutoTwoParameterOptions { From = kind, Stepping = new AutoStepping(Math.Abs(settings.InitialStep), settings.MinStep, settings.MaxStep, settings.MaxSteps) },
        });
        Assert.IsEmpty(auto.Errors, string.Join("; ", auto.Errors));
        var (ka, kb) = (system.IndexOfParameter(a.Name), system.IndexOfParameter(b.Name));
        var theirs = auto.OfKind(kind).ToArray();
        Assert.IsNotEmpty(theirs, "AUTO's curve");
        TestContext.WriteLine($"{name}: native {seconds:F3} s (equilibria included), {curve}; AUTO {auto.Elapsed.TotalSeconds:F3} s, runs {string.Join(", ", auto.Times.Select(t => $"{t.Run} {t.Seconds:F3} s"))}, special points {string.Join(", ", theirs.SelectMany(c => c.Points).Where(q => q.Label is not ("RG" or "EP" or "UZ")).Select(q => $"{q.Label} ({q.Parameters[ka]:R}, {q.Parameters[kb]:R})"))}");

        // AUTO's points on the native curve (AUTO may stop early, MX, where the native curve goes on).
        var ourCurve = curve.Points.Select(p => p.Parameters.ToArray()).ToArray();
        var all = theirs.SelectMany(c => c.Parameters.Select(p => new[] { p[ka], p[kb] })).ToArray();
        var range = new[] { Math.Max(all.Max(v => v[0]) - all.Min(v => v[0]), 1e-9), Math.Max(all.Max(v => v[1]) - all.Min(v => v[1]), 1e-9) };
        var worst = all.Max(v => Enumerable.Range(0, ourCurve.Length - 1).Min(i => Distance(v, ourCurve[i], ourCurve[i + 1], range)));
        var compared = all.Length;
        TestContext.WriteLine($"{compared} points of AUTO's curve compared; largest distance from the native curve: {worst:E2} of the ranges");
        if (Environment.GetEnvironmentVariable("TVBO_PRINT_CURVES") is not null)
        {
            foreach (var c in theirs)
            {
                TestContext.WriteLine("AUTO " + string.Join(" ", c.Parameters.Where((_, i) => i % 10 == 0).Select(p => $"({p[ka]:G4},{p[kb]:G4})")));
            }

            TestContext.WriteLine("native " + string.Join(" ", curve.Points.Where((_, i) => i % 10 == 0).Select(p => $"({p.Parameters[0]:G4},{p.Parameters[1]:G4})")));
            TestContext.WriteLine("native special " + string.Join(" ", curve.SpecialPoints));
        }

        Assert.IsGreaterThan(10, compared);
        Assert.IsLessThan(2e-3, worst);
        foreach (var label in labels)
        {
            var ours = curve.SpecialPoints.Where(q => q.Label == label).Select(q => q.Parameters.ToArray()).ToArray();
            var auto2 = theirs.SelectMany(c => c.Labelled(label)).Select(q => new[] { q.Parameters[ka], q.Parameters[kb] }).ToArray();
            foreach (var q in auto2.Where(q => curve.Points.Any(p => Math.Abs(p.Parameters[0] - q[0]) < 1e-3 * range[0] && Math.Abs(p.Parameters[1] - q[1]) < 1e-3 * range[1])))
            {
                var match = ours.MinBy(o => Math.Abs(o[0] - q[0]) / range[0] + (Math.Abs(o[1] - q[1]) / range[1]));
                Assert.IsNotNull(match, $"AUTO's {label} at ({q[0]:R}, {q[1]:R}) is on the native curve but not found there");
                Assert.AreEqual(q[0], match[0], 1e-5 * Math.Max(Math.Abs(q[0]), 1e-2 * range[0]), $"{label}: {a.Name}");
                Assert.AreEqual(q[1], match[1], 1e-5 * Math.Max(Math.Abs(q[1]), 1e-2 * range[1]), $"{label}: {b.Name}");
            }
        }
    }

    /// <summary>Runs the continuation natively and through AUTO from the same equilibrium and compares.</summary>
    private void Compare(SimulationExperiment exp, string name, string[] labels, int expectAtLeast = 1)
    {
        AutoAvailability.SkipUnlessAvailable();
        var settings = exp.Continuations[name];
        var free = settings.FreeParameters[0];
        var watch = Stopwatch.StartNew();
        var native = BifurcationAnalysis.Run(exp, name).Main;
        var nativeSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        _ = BifurcationAnalysis.Run(exp, name);
        var nativeWarm = watch.Elapsed.TotalSeconds;

        // AUTO starts from the branch's point at the model's value of the free parameter: the native start.
        var system = ContinuationSystem.Create(exp.Model, "test");
        var lambda0 = system.ParameterValues[system.IndexOfParameter(free.Name)];
        var start = native.Points.MinBy(p => Math.Abs(p.Parameters[0] - lambda0))!;
        Assert.AreEqual(lambda0, start.Parameters[0], 0.0, "the native branch passes through its start");
        var auto = AutoRunner.Run(system, new AutoRunOptions
        {
            Free = [free.Name],
            Bounds = new Dictionary<string, (double, double)> { [free.Name] = (free.Lower, free.Upper) },
            StartState = start.State.ToArray(),
            Equilibria = new AutoStepping(Math.Abs(settings.InitialStep), settings.MinStep, settings.MaxStep, settings.MaxSteps),
            Tolerances = (1e-10, 1e-10, 1e-8),
            Cycles = settings.Branches.Count == 0 ? null : new AutoCycleOptions
            {
                Ntst = settings.Branches[0].MeshIntervals,
                Ncol = settings.Branches[0].Degree,
                Stepping = new AutoStepping(Math.Abs(settings.InitialStep), settings.MinStep, settings.MaxStep, settings.Branches[0].MaxSteps ?? settings.MaxSteps),
                MaxHopf = 1,
            },
        });
        Assert.IsEmpty(auto.Errors, string.Join("; ", auto.Errors));
        TestContext.WriteLine($"{name}: native {nativeSeconds:F3} s (warm {nativeWarm:F3} s, {native.Points.Count} points); AUTO {auto.Elapsed.TotalSeconds:F3} s in all, runs: {string.Join(", ", auto.Times.Select(t => $"{t.Run} {t.Seconds:F3} s"))}");

        var found = 0;
        foreach (var label in labels)
        {
            var ours = native.SpecialPoints.Where(s => s.Label == label).Select(s => s.Parameters[0]).Order().ToArray();
            var k = system.IndexOfParameter(free.Name);
            var theirs = auto.Labelled("EQ", label).Select(p => p.Parameters[k]).Order().ToArray();
            TestContext.WriteLine($"{label}: native {string.Join(", ", ours.Select(v => v.ToString("R")))}; AUTO {string.Join(", ", theirs.Select(v => v.ToString("R")))}");
            Assert.HasCount(theirs.Length, ours, $"{label} points: native {string.Join(", ", ours)}, AUTO {string.Join(", ", theirs)}");
            for (var i = 0; i < ours.Length; i++)
            {
                var scale = Math.Max(Math.Abs(theirs[i]), 1e-2 * (free.Upper - free.Lower));
                Assert.AreEqual(theirs[i], ours[i], 1e-6 * scale, $"{label}{i + 1}: native {ours[i]:R}, AUTO {theirs[i]:R}");
            }

            found += ours.Length;
        }

        Assert.IsGreaterThanOrEqualTo(expectAtLeast, found, "special points found");
        Assert.IsEmpty(native.Find(SpecialPointKind.BranchPoint).Where(_ => !auto.Labelled("EQ", "BP").Any()), "a branch point AUTO does not find");

        // The branch's shape: every native point lies on AUTO's polyline, in the diagram's coordinates (the free
        // parameter and each state, each scaled by its range), within 0.2 %.
        var k0 = system.IndexOfParameter(free.Name);
        var segments = auto.OfKind("EQ").Select(b => b.Parameters.Select((p, i) => new[] { p[k0] }.Concat(b.States[i]).ToArray()).ToArray()).ToArray();
        var all = segments.SelectMany(s => s).ToArray();
        var range = Enumerable.Range(0, all[0].Length).Select(j => Math.Max(all.Max(v => v[j]) - all.Min(v => v[j]), 1e-12)).ToArray();
        var worst = 0.0;
        foreach (var p in native.Points)
        {
            var v = new[] { p.Parameters[0] }.Concat(p.State).ToArray();
            var nearest = segments.Min(s => Enumerable.Range(0, s.Length - 1).Min(i => Distance(v, s[i], s[i + 1], range)));
            worst = Math.Max(worst, nearest);
        }

        TestContext.WriteLine($"largest distance of a native point from AUTO's branch: {worst:E2} of the ranges");
        Assert.IsLessThan(2e-3, worst);
        if (settings.Branches.Count > 0)
        {
            CompareCycles(native0: exp, name, auto, k0);
        }
    }

    /// <summary>The periodic orbits from the first Hopf point: where both branches reach, every native orbit lies on
    /// AUTO's branch in (parameter, period, each state's min and max) within 0.2 % of the ranges, and the same
    /// special points (folds of cycles, period doublings, torus points) lie there.</summary>
    private void CompareCycles(SimulationExperiment native0, string name, AutoResult auto, int k0)
    {
        var watch = Stopwatch.StartNew();
        var result = BifurcationAnalysis.Run(native0, name);
        var ours = result.Branches[1];
        var theirs = auto.OfKind("PO").First();
        TestContext.WriteLine($"cycles: native {ours.Points.Count} orbits in {watch.Elapsed.TotalSeconds:F3} s (the equilibria included), {ours}; AUTO {theirs.Parameters.Length} orbits ({string.Join(", ", auto.Times.Where(t => t.Run.StartsWith("po", StringComparison.Ordinal)).Select(t => $"{t.Run} {t.Seconds:F3} s"))}), special points {string.Join(", ", theirs.Points.Where(q => q.Label is not ("RG" or "EP" or "UZ")).Select(q => $"{q.Label} {q.Parameters[k0]:R}"))}");
        var coordinates = theirs.Parameters.Select((p, i) => new[] { p[k0], theirs.Period![i] }.Concat(theirs.Min![i]).Concat(theirs.Max![i]).ToArray()).ToArray();
        // Each coordinate scaled by its range, or by 1e-6 of its size where it hardly varies (Langford's period).
        var range = Enumerable.Range(0, coordinates[0].Length).Select(j => Math.Max(coordinates.Max(v => v[j]) - coordinates.Min(v => v[j]), 1e-6 * (1 + coordinates.Max(v => Math.Abs(v[j]))))).ToArray();
        var (lo, hi) = (coordinates.Min(v => v[0]), coordinates.Max(v => v[0]));
        var worst = 0.0;
        var compared = 0;
        foreach (var p in ours.Points.Skip(1).Where(p => p.Parameters[0] >= lo && p.Parameters[0] <= hi))
        {
            var v = new[] { p.Parameters[0], p.Period }.Concat(p.Minimum).Concat(p.Maximum).ToArray();
            worst = Math.Max(worst, Enumerable.Range(0, coordinates.Length - 1).Min(i => Distance(v, coordinates[i], coordinates[i + 1], range)));
            compared++;
        }

        TestContext.WriteLine($"cycles: {compared} native orbits compared; largest distance from AUTO's branch: {worst:E2} of the ranges");
        if (Environment.GetEnvironmentVariable("TVBO_PRINT_CURVES") is not null)
        {
            TestContext.WriteLine("AUTO " + string.Join(" ", coordinates.Where((_, i) => i % 5 == 0).Select(c => "(" + string.Join(",", c.Select(x => x.ToString("G4"))) + ")")));
            TestContext.WriteLine("native " + string.Join(" ", ours.Points.Where((_, i) => i % 5 == 0).Select(p => "(" + string.Join(",", new[] { p.Parameters[0], p.Period }.Concat(p.Minimum).Concat(p.Maximum).Select(x => x.ToString("G4"))) + ")")));
        }
        Assert.IsGreaterThan(10, compared, "orbits where both branches reach");
        Assert.IsLessThan(2e-3, worst);
        foreach (var (label, kind) in new[] { ("LP", SpecialPointKind.CycleFold), ("PD", SpecialPointKind.PeriodDoubling), ("TR", SpecialPointKind.Torus) })
        {
            var a = theirs.Labelled(label).Select(q => q.Parameters[k0]).Where(x => x >= lo && x <= hi).Order().ToArray();
            var b = ours.Find(kind).Select(q => q.Parameters[0]).Where(x => x >= lo && x <= hi).Order().ToArray();
            Assert.HasCount(a.Length, b, $"{label}: native {string.Join(", ", b)}, AUTO {string.Join(", ", a)}");
            for (var i = 0; i < a.Length; i++)
            {
                Assert.AreEqual(a[i], b[i], 1e-5 * Math.Max(1, Math.Abs(a[i])), $"{label}{i + 1}");
            }
        }
    }

    /// <summary>The distance from a point to a segment, each coordinate scaled by its range.</summary>
    private static double Distance(double[] p, double[] a, double[] b, double[] range)
    {
        double dot = 0, len = 0;
        for (var j = 0; j < p.Length; j++)
        {
            dot += (p[j] - a[j]) * (b[j] - a[j]) / (range[j] * range[j]);
            len += (b[j] - a[j]) * (b[j] - a[j]) / (range[j] * range[j]);
        }

        var t = len == 0 ? 0 : Math.Clamp(dot / len, 0, 1);
        var d = 0.0;
        for (var j = 0; j < p.Length; j++)
        {
            var q = (p[j] - a[j] - (t * (b[j] - a[j]))) / range[j];
            d += q * q;
        }

        return Math.Sqrt(d);
    }
}
