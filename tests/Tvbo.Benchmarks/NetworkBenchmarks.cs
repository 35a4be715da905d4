using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>
/// A 100-node network with dense random weights (9 900 edges, no delays) of FitzHugh–Nagumo nodes with linear
/// coupling, over 64 coupling strengths, 10 000 Euler steps, summaries only: the native backend and PyRates in the
/// same process (both through <see cref="SimulationExperiment.Run(ISimulationBackend, RunOptions?, IProgress{RunProgress}?, CancellationToken)"/>,
/// so the network's lowering is included; the native kernel is compiled in the first, warm-up, run). A delayed
/// variant (lengths, conduction speed 3) runs on the native backend.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NetworkBenchmarks
{
    private readonly RunOptions _summary = new() { Store = ResultStore.Summary };
    private SimulationExperiment _dense = null!;
    private SimulationExperiment _delayed = null!;

    /// <summary>Nodes.</summary>
    [Params(100)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dense = Build(Nodes, delays: false);
        _delayed = Build(Nodes, delays: true);
    }

    private static SimulationExperiment Build(int n, bool delays)
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W)", 0.0);
        var rng = new Random(42);
        var w = new double[n, n];
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i == j ? 0 : rng.NextDouble() / n;
                l[i, j] = i == j ? 0 : 1 + (rng.NextDouble() * 29);
            }
        }

        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 100.0;
        exp.Network = delays ? Network.FromMatrix(w, l) : Network.FromMatrix(w);
        foreach (var node in exp.Network.Nodes)
        {
            node.InitialState["V"] = (2 * rng.NextDouble()) - 1;
        }

        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("Linear");
        exp.Explorations.Add(new Exploration("g", [new ExplorationParameter("c_glob.a", Domain.Range(0.0, 1.0, 64))]));
        return exp;
    }

    [Benchmark(Description = "native 100 nodes dense x 64 x 10000")]
    public int Native() => _dense.Run(new NativeBackend(), _summary).Explorations["g"].ConditionCount;

    [Benchmark(Description = "native 100 nodes dense, delays x 64 x 10000")]
    public int NativeDelayed() => _delayed.Run(new NativeBackend(), _summary).Explorations["g"].ConditionCount;

    [Benchmark(Description = "pyrates 100 nodes dense x 64 x 10000")]
    public int PyRates() => _dense.Run(new PyRatesBackend(), _summary).Explorations["g"].ConditionCount;
}
