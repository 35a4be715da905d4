using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.PyRates.Backend;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>
/// TVBO's documentation example on PyRates: the Desikan–Killiany connectome (see <see cref="ConnectomeBenchmarks"/>),
/// Generic2dOscillator nodes, Linear coupling, a 9-condition G sweep, Heun, dt 0.1, 5000 steps, summaries only, run as a
/// PyRates circuit without delays and with delays at 3 mm/ms (exact through the bridge, one condition per
/// grid_search call). In-process: the embedded Python starts in the warm-up run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PyRatesConnectomeBenchmarks
{
    private readonly RunOptions _summary = new() { Store = ResultStore.Summary };
    private SimulationExperiment _undelayed = null!;
    private SimulationExperiment _delayed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (w, l, source) = ConnectomeBenchmarks.Connectome();
        Console.WriteLine($"// connectome: {source}");
        _delayed = ConnectomeBenchmarks.Dk(w, l, new ExplorationParameter("c_glob.a", Domain.Range(0.0, 0.08, 9)));
        _delayed.Integration.Duration = 500.0;
        _undelayed = ConnectomeBenchmarks.Dk(w, l, new ExplorationParameter("c_glob.a", Domain.Range(0.0, 0.08, 9)));
        _undelayed.Integration.Duration = 500.0;
        _undelayed.Network!.Coupling["c_glob"].Delayed = false;
    }

    [Benchmark(Description = "pyrates DK G sweep x 9, 5000 Heun steps, no delays")]
    public int Undelayed() => _undelayed.Run(new PyRatesBackend(), _summary).Explorations["sweep"].ConditionCount;

    [Benchmark(Description = "pyrates DK G sweep x 9, 5000 Heun steps, delays at 3 mm/ms")]
    public int Delayed() => _delayed.Run(new PyRatesBackend(), _summary).Explorations["sweep"].ConditionCount;
}
