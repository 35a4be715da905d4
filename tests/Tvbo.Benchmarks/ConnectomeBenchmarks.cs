using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>
/// Whole-brain sweeps on the Desikan–Killiany connectome: Generic2dOscillator nodes (TVB's equations and defaults),
/// Linear coupling, Heun, dt 0.1, 10 000 steps, conduction speed 3 mm/ms, summaries only, on the native backend; and a
/// dense 1000-node network (8 conditions × 1000 steps). The connectome is TVBO's <c>tvbo:DesikanKilliany</c> (dTOR
/// weights, normalised by their maximum, and tract lengths), read by the tool from a TVBO checkout named by
/// <c>TVBO_SOURCE</c>; without one, a synthetic stand-in of the same size, density and
/// length range (87 nodes, 5242 edges, 10–328 mm), so the numbers are comparable but not TVBO's.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ConnectomeBenchmarks
{
    private readonly RunOptions _summary = new() { Store = ResultStore.Summary };
    private SimulationExperiment _gSweep = null!;
    private SimulationExperiment _speeds8 = null!;
    private SimulationExperiment _speeds50 = null!;
    private SimulationExperiment _dense1000 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (w, l, source) = Connectome();
        Console.WriteLine($"// connectome: {source}");
        _gSweep = Dk(w, l, new ExplorationParameter("c_glob.a", Domain.Range(0.0, 0.05, 16)));
        _speeds8 = Dk(w, l, new ExplorationParameter("network.conduction_speed", Domain.Range(1.0, 10.0, 8)));
        _speeds50 = Dk(w, l, new ExplorationParameter("network.conduction_speed", Domain.Range(1.0, 10.0, 50)));
        _dense1000 = Dense(1000);
    }

    [Benchmark(Description = "DK G sweep x 16, delays, 10000 Heun steps")]
    public int GSweep() => _gSweep.Run(new NativeBackend(), _summary).Explorations["sweep"].ConditionCount;

    [Benchmark(Description = "DK conduction speed x 8, 10000 Heun steps")]
    public int Speeds8() => _speeds8.Run(new NativeBackend(), _summary).Explorations["sweep"].ConditionCount;

    [Benchmark(Description = "DK conduction speed x 50, 10000 Heun steps")]
    public int Speeds50() => _speeds50.Run(new NativeBackend(), _summary).Explorations["sweep"].ConditionCount;

    [Benchmark(Description = "dense 1000 nodes x 8 conditions x 1000 Heun steps")]
    public int Dense1000() => _dense1000.Run(new NativeBackend(), _summary).Explorations["sweep"].ConditionCount;

    /// <summary>TVB's Generic2dOscillator with its defaults.</summary>
    internal static Dynamics Generic2dOscillator()
    {
        var m = new Dynamics("Generic2dOscillator");
        foreach (var (p, v) in new[] { ("tau", 1.0), ("I", 0.0), ("a", -2.0), ("b", -10.0), ("c", 0.0), ("d", 0.02), ("e", 3.0), ("f", 1.0), ("g", 0.0), ("alpha", 1.0), ("beta", 1.0), ("gamma", 1.0) })
        {
            m.AddParameter(p, v);
        }

        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "d*tau*(alpha*W - f*V**3 + e*V**2 + g*V + gamma*I + gamma*c_glob)", 0.1).IsCouplingVariable = true;
        m.AddStateVariable("W", "d*(a + b*V + c*V**2 - beta*W)/tau", 0.1);
        return m;
    }

    internal static SimulationExperiment Dk(double[,] w, double[,] l, ExplorationParameter axis)
    {
        var exp = new SimulationExperiment(Generic2dOscillator());
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.1;
        exp.Integration.Duration = 1000.0;
        exp.Network = Network.FromMatrix(w, l);
        exp.Network.ConductionSpeed = 3.0;
        var linear = Coupling.FromLibrary("Linear");
        linear.Parameters["a"] = 0.02;
        exp.Network.Coupling["c_glob"] = linear;
        exp.Explorations.Add(new Exploration("sweep", [axis]));
        return exp;
    }

    private static SimulationExperiment Dense(int n)
    {
        var rng = new Random(7);
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i == j ? 0 : rng.NextDouble() / n;
            }
        }

        var exp = new SimulationExperiment(Generic2dOscillator());
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.1;
        exp.Integration.Duration = 100.0;
        exp.Network = Network.FromMatrix(w);
        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("Linear");
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("c_glob.a", Domain.Range(0.0, 0.1, 8))]));
        return exp;
    }

    /// <summary>TVBO's DK connectome when a TVBO checkout is named, else a synthetic one of the same size.</summary>
    internal static (double[,] Weights, double[,] Lengths, string Source) Connectome()
    {
        if (Environment.GetEnvironmentVariable("TVBO_SOURCE") is { Length: > 0 } root)
        {
            // Through the tool's own reader: the network TVBO's name gives, its weights normalised by a transform.
            var file = Path.Combine(Directory.CreateTempSubdirectory("tvbo-bench-").FullName, "dk.yaml");
            File.WriteAllText(file, """
                dynamics:
                  name: Probe
                  coupling_inputs: {c_glob: {}}
                  state_variables: {x: {equation: {rhs: "-x + c_glob"}, initial_value: 0.0}}
                network:
                  iri: tvbo:DesikanKilliany
                  transforms: [{name: weight, equation: {rhs: "weight / max(weight)"}}]
                """);
            var network = SimulationExperiment.Load(file, new Tvbo.Files.ExperimentFile.ExperimentLoadOptions { ModelDirectories = [Path.Combine(root, "database", "models")] }).Network!;
            return (network.Weights, network.Lengths, $"TVBO's DK ({network.Source})");
        }

        const int N = 87;
        var rng = new Random(87);
        var weights = new double[N, N];
        var lengths = new double[N, N];
        var edges = 0;
        for (var i = 0; i < N; i++)
        {
            for (var j = i + 1; j < N; j++)
            {
                if (rng.NextDouble() < 5242.0 / (N * (N - 1)))
                {
                    var weight = Math.Exp(-4 * rng.NextDouble());
                    var length = 10 + (318 * rng.NextDouble());
                    (weights[i, j], weights[j, i]) = (weight, weight);
                    (lengths[i, j], lengths[j, i]) = (length, length);
                    edges += 2;
                }
            }
        }

        return (weights, lengths, $"synthetic, {N} nodes, {edges} edges (set TVBO_SOURCE to a TVBO checkout for TVBO's DK)");
    }
}
