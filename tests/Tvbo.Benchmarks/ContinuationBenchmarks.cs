using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Benchmarks;

/// <summary>
/// What numerical continuation costs, on the problems of TVBO's bifurcation studies: the QIF mean field's equilibria in
/// η̄ over −20..20 with TVBO's QIF-bifurcation settings (ds 1e-4, ds_max 0.05, both sides, time integration for 4000
/// first); Jansen–Rit (TVB's form, time in ms) equilibria in mu over −0.05..0.6, then with the periodic orbits from its
/// Hopf point (mesh 50 × degree 4, 300 steps, as TVBO's Jansen–Rit study), and its fold curve in (mu, J). The AUTO-07p
/// times on the same problems are printed by the cross-check tests (tests/Tvbo.Tests/Bifurcation/AutoCrossCheckTests).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ContinuationBenchmarks
{
    private SimulationExperiment _qif = null!;
    private SimulationExperiment _jansenRit = null!;
    private SimulationExperiment _jansenRitCycles = null!;
    private SimulationExperiment _jansenRitFoldCurve = null!;

    [GlobalSetup]
    public void Setup()
    {
        var qif = new Dynamics("QIF");
        qif.AddParameter("tau", 1.0);
        qif.AddParameter("eta_bar", -5.0);
        qif.AddParameter("Delta", 1.0);
        qif.AddParameter("J", 15.0);
        qif.AddStateVariable("r", "(Delta/(pi*tau) + 2*r*v) / tau", 0.01);
        qif.AddStateVariable("v", "(v**2 + eta_bar + J*r*tau - (pi*r*tau)**2) / tau", -2.0);
        _qif = new SimulationExperiment(qif);
        _qif.Continuations.Add(new Continuation("eq_eta", new ContinuationParameter("eta_bar", -20, 20))
        {
            InitialStep = 1e-4, MinStep = 1e-8, MaxStep = 0.05, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(4000),
        });

        _jansenRit = JansenRit(cycles: false);
        _jansenRitCycles = JansenRit(cycles: true);
        _jansenRitFoldCurve = JansenRit(cycles: false);
        _jansenRitFoldCurve.Continuations.Add(new Continuation("fold_mu_J", new ContinuationParameter("mu", -0.05, 0.6), new ContinuationParameter("J", 80, 300))
        {
            InitialStep = 0.01, MinStep = 1e-8, MaxStep = 0.5, MaxSteps = 2000, BothSides = true,
            InitialState = ContinuationStart.FromBranch("eq_mu", "fold:1"),
        });
    }

    private static SimulationExperiment JansenRit(bool cycles)
    {
        var m = new Dynamics("JansenRit");
        foreach (var (name, value) in new[] { ("A", 3.25), ("B", 22.0), ("J", 135.0), ("a_1", 1.0), ("a_2", 0.8), ("a_3", 0.25), ("a_4", 0.25), ("a", 0.1), ("b", 0.05), ("mu", 0.0), ("nu_max", 0.0025), ("r", 0.56), ("v0", 5.52) })
        {
            m.AddParameter(name, value);
        }

        m.AddFunction("sigm", ["v"], "2*nu_max/(1 + exp(r*(v0 - v)))");
        m.AddStateVariable("y0", "y3", 0.1);
        m.AddStateVariable("y1", "y4", 0.1);
        m.AddStateVariable("y2", "y5", 0.1);
        m.AddStateVariable("y3", "A*a*sigm(y1 - y2) - 2*a*y3 - a**2*y0", 0.1);
        m.AddStateVariable("y4", "A*a*(mu + a_2*J*sigm(a_1*J*y0)) - 2*a*y4 - a**2*y1", 0.1);
        m.AddStateVariable("y5", "B*b*a_4*J*sigm(a_3*J*y0) - 2*b*y5 - b**2*y2", 0.1);
        var exp = new SimulationExperiment(m);
        exp.Continuations.Add(new Continuation("eq_mu", new ContinuationParameter("mu", -0.05, 0.6))
        {
            InitialStep = 0.005, MinStep = 1e-7, MaxStep = 0.05, MaxSteps = 3000, BothSides = true,
            InitialState = ContinuationStart.TimeIntegration(10_000),
            Branches = cycles ? [new CycleContinuation("po_alpha", "hopf:1") { MeshIntervals = 50, Degree = 4, MaxSteps = 300 }] : [],
        });
        return exp;
    }

    [Benchmark]
    public int QifEquilibria() => BifurcationAnalysis.Run(_qif, "eq_eta").Main.Points.Count;

    [Benchmark]
    public int JansenRitEquilibria() => BifurcationAnalysis.Run(_jansenRit, "eq_mu").Main.Points.Count;

    [Benchmark]
    public int JansenRitEquilibriaAndCycles() => BifurcationAnalysis.Run(_jansenRitCycles, "eq_mu").Branches[1].Points.Count;

    [Benchmark]
    public int JansenRitFoldCurve() => BifurcationAnalysis.Run(_jansenRitFoldCurve, "fold_mu_J").Main.Points.Count;
}
