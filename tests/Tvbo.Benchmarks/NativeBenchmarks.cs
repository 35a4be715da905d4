using Tvbo.TestSupport;
using BenchmarkDotNet.Attributes;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Planning;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>
/// The native backend on the reference workloads (Euler, float64), timing
/// <see cref="ISimulationBackend.RunExploration"/> with the kernel already compiled and cached (the first run of a
/// model structure adds code generation, see <see cref="NativeCompileBenchmarks"/>).
/// Targets on the 2-core AVX-512 machine: QIF 15x40000 series ≤ 5 ms; QIF 100000x10000 summary ≤ 0.5 s.
/// Flops per step and condition, as the compiled code executes them: QIF 12 (right-hand sides; Delta/(tau*pi) is
/// hoisted out of the loop) + 4 (Euler update) = 16; VdP 5 + 4 = 9.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class NativeBenchmarks
{
    private readonly NativeBackend _backend = new();
    private BackendJob _vdp6 = null!;
    private BackendJob _qif15 = null!;
    private BackendJob _qif1000 = null!;
    private BackendJob _qif100000 = null!;
    private static readonly RunOptions Series = new();
    private static readonly RunOptions Summary = new() { Store = ResultStore.Summary };

    [GlobalSetup]
    public void Setup()
    {
        _vdp6 = Prepare(GuideModels.VdP(), 50, 0.01, Domain.Range(0.1, 10, 6), "mu", Series);
        _qif15 = Prepare(GuideModels.Qif(), 200, 0.005, Domain.Range(-10, 5, 15), "eta", Series);
        _qif1000 = Prepare(GuideModels.Qif(), 50, 0.005, Domain.Range(-10, 5, 1000), "eta", Summary);
        _qif100000 = Prepare(GuideModels.Qif(), 50, 0.005, Domain.Range(-10, 5, 100000), "eta", Summary);

        // Compile and cache every kernel before measuring.
        VdP6x5000Series();
        Qif15x40000Series();
        Qif1000x10000Summary();
    }

    /// <summary>VdP, mu over 6 values, T = 50, dt = 0.01: 6 x 5000 x 2 series.</summary>
    [Benchmark]
    public ExplorationResult VdP6x5000Series() => _backend.RunExploration(_vdp6, null, default);

    /// <summary>QIF, eta over 15 values, T = 200, dt = 0.005: 15 x 40000 x 2 series (9.6 MB).</summary>
    [Benchmark]
    public ExplorationResult Qif15x40000Series() => _backend.RunExploration(_qif15, null, default);

    /// <summary>QIF, eta over 1000 values, 10000 steps, summary only.</summary>
    [Benchmark]
    public ExplorationResult Qif1000x10000Summary() => _backend.RunExploration(_qif1000, null, default);

    /// <summary>QIF, eta over 100000 values, 10000 steps, summary only (10^9 condition-steps).</summary>
    [Benchmark]
    public ExplorationResult Qif100000x10000Summary() => _backend.RunExploration(_qif100000, null, default);

    internal static BackendJob Prepare(Dynamics model, double duration, double dt, Domain domain, string parameter, RunOptions options)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter(parameter, domain)]));
        return exp.Jobs(options)[0];
    }
}
