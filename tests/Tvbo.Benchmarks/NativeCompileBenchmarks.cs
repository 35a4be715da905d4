using BenchmarkDotNet.Attributes;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Results;

namespace Tvbo.Benchmarks;

/// <summary>A first run of a model structure the native backend has not seen: code generation and JIT
/// compilation of the kernel plus a tiny integration (each invocation uses a model with a fresh equation, so the
/// kernel cache misses).</summary>
[SimpleJob(warmupCount: 2, iterationCount: 5, invocationCount: 16)]
public class NativeCompileBenchmarks
{
    private readonly NativeBackend _backend = new();
    private int _counter;

    /// <summary>Compile a QIF-sized model and run 15 conditions x 10 steps.</summary>
    [Benchmark]
    public ExplorationResult FirstRunOfANewModel()
    {
        var qif = new Dynamics("QIF");
        qif.AddParameter("tau", 1.0);
        qif.AddParameter("eta", -5.0);
        qif.AddParameter("J", 15.0);
        qif.AddParameter("Delta", 1.0);
        qif.AddStateVariable("r", $"Delta/(tau*pi) + 2*r*v + {++_counter}e-300", 0.1);
        qif.AddStateVariable("v", "v**2 + eta + J*r*tau - (pi*r*tau)**2", -2.0);
        return _backend.RunExploration(NativeBenchmarks.Prepare(qif, 0.05, 0.005, Domain.Range(-10, 5, 15), "eta", new RunOptions()), null, default);
    }
}
