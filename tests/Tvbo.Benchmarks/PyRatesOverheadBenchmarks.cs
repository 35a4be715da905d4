using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.PyRates.Backend;

namespace Tvbo.Benchmarks;

/// <summary>Target: <c>Run("pyrates")</c> on QIF 15 x 40 000 (the guide's Example 3: eta = linspace(-10, 5, 15),
/// T = 200, dt = 0.005) takes at most 1.10x the bare <c>grid_search</c> call on the same grid, in the same process.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PyRatesOverheadBenchmarks
{
    private PyRatesBenchmarkSupport _support = null!;
    private PyRatesBackend _backend = null!;

    [GlobalSetup]
    public void Setup()
    {
        _support = new PyRatesBenchmarkSupport(15, 200.0, 0.005);
        _backend = new PyRatesBackend();
    }

    [GlobalCleanup]
    public void Cleanup() => _support.Dispose();

    [Benchmark(Baseline = true, Description = "bare grid_search 15x40000")]
    public void BareGridSearch() => _support.Bare();

    [Benchmark(Description = "Run(pyrates) 15x40000")]
    public int RunPyRates() => _support.Experiment.Run(_backend).Explorations["eta"].ConditionCount;
}
