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
/// What observables cost: a 84-node Kuramoto network (random weights, no delays), Heun dt 0.5, 800 ms (1 600 samples),
/// 64 coupling strengths, summary store, run on the native backend with no observable, the built-in order parameter, the
/// order parameter as an equation function over arrays, the same as TVBO's Python source code (embedded CPython), and
/// the spectrum through scipy's welch (a callable). The difference to <see cref="None"/> is the observable's cost.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ObservableBenchmarks
{
    private const string KuramotoOrder = "jnp.mean(jnp.abs(jnp.mean(jnp.exp(1j * data[-int(tail * data.shape[0]):, 0, :]), axis=1)))";

    private readonly RunOptions _summary = new() { Store = ResultStore.Summary, AllowCode = true };
    private readonly NativeBackend _native = new();
    private SimulationExperiment _none = null!;
    private SimulationExperiment _builtIn = null!;
    private SimulationExperiment _equation = null!;
    private SimulationExperiment _sourceCode = null!;
    private SimulationExperiment _welch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _none = Build();
        _builtIn = Build();
        _builtIn.Observables.Add(new Observable("R", ["theta"], [new ObservableStep("order_parameter", new Dictionary<string, double> { ["window"] = 0.2 })]));
        _equation = Build();
        _equation.Functions.Add(PipelineFunction.FromEquation("late_mean", "mean(data)", [new PipelineArgument("data")]));
        _equation.Observables.Add(new Observable("m", ["theta"], [new ObservableStep("late_mean")]));
        _sourceCode = Build();
        _sourceCode.Functions.Add(PipelineFunction.FromSourceCode("kuramoto_order", KuramotoOrder, [new PipelineArgument("data"), new PipelineArgument("tail", 0.2)]));
        _sourceCode.Observables.Add(new Observable("R", ["theta"], [new ObservableStep("kuramoto_order")]) { SourceHasStateAxis = true });
        _welch = Build();
        _welch.Observables.Add(new Observable("psd", ["theta"], [new ObservableStep("welch", new Dictionary<string, double> { ["fs"] = 2000, ["nperseg"] = 256, ["axis"] = 0 }) { Module = "scipy.signal", Outputs = ["f", "p"] }]));
        foreach (var e in new[] { _none, _builtIn, _equation, _sourceCode, _welch })
        {
            _ = e.Run(_native, _summary);
        }
    }

    private static SimulationExperiment Build()
    {
        const int n = 84;
        var m = new Dynamics("Kuramoto");
        m.AddParameter("omega", 0.0628);
        m.AddCouplingTerm("c");
        m.AddStateVariable("theta", "omega + c", 0.1);
        var rng = new Random(42);
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i == j ? 0 : rng.NextDouble() / n;
            }
        }

        var network = Network.FromMatrix(w);
        network.Coupling["c"] = new Coupling("sin(x_j - x_i)", "G*gx") { Parameters = { ["G"] = 0.5 } };
        for (var i = 0; i < n; i++)
        {
            network.Nodes[i].InitialState["theta"] = rng.NextDouble() * 6.28;
        }

        var exp = new SimulationExperiment(m) { Network = network };
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.5;
        exp.Integration.Duration = 800;
        exp.Explorations.Add(new Exploration("g", [new ExplorationParameter("c.G", Domain.Range(0.0, 2.0, 64))]));
        return exp;
    }

    [Benchmark(Baseline = true)]
    public ExperimentResult None() => _none.Run(_native, _summary);

    [Benchmark]
    public ExperimentResult BuiltInOrderParameter() => _builtIn.Run(_native, _summary);

    [Benchmark]
    public ExperimentResult EquationFunction() => _equation.Run(_native, _summary);

    [Benchmark]
    public ExperimentResult SourceCodeOrderParameter() => _sourceCode.Run(_native, _summary);

    [Benchmark]
    public ExperimentResult WelchCallable() => _welch.Run(_native, _summary);
}
