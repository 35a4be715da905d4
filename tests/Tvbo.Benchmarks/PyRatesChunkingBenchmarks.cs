using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tvbo.PyRates.Backend;

namespace Tvbo.Benchmarks;

/// <summary>Target: QIF 1 000 conditions x 10 000 steps (T = 10, dt = 1e-3) run in chunks is at least 5x faster
/// than one bare <c>grid_search</c> call on the whole grid, with identical numbers (checked in the setup).</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class PyRatesChunkingBenchmarks
{
    private PyRatesBenchmarkSupport _support = null!;
    private PyRatesBackend _backend = null!;

    [GlobalSetup]
    public void Setup()
    {
        _support = new PyRatesBenchmarkSupport(1000, 10.0, 1e-3);
        _backend = new PyRatesBackend();
        if (Environment.GetEnvironmentVariable("TVBO_BENCH_CHECK") == "1")
        {
            var chunked = _support.Experiment.Run(_backend).Explorations["eta"].Results;
            var bare = _support.BareInCOrder();
            var identical = chunked.Span.SequenceEqual(bare);
            Console.WriteLine($"// chunked (ChunkSize {_backend.Options.ChunkSize}) vs one bare grid_search call: {(identical ? "IDENTICAL" : "DIFFERENT")} ({chunked.Length} values)");
            if (!identical)
            {
                throw new InvalidOperationException("Chunked results differ from one grid_search call.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _support.Dispose();

    [Benchmark(Baseline = true, Description = "bare grid_search 1000x10000 (one call)")]
    public void BareGridSearch() => _support.Bare();

    [Benchmark(Description = "Run(pyrates) 1000x10000 (chunked)")]
    public int RunChunked() => _support.Experiment.Run(_backend).Explorations["eta"].ConditionCount;
}
