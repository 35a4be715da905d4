using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Networks;

/// <summary>Delayed networks on PyRates, as circuits whose edge ring buffers the bridge sets to the project's delay
/// semantics (a stage at t_k + c·dt reads step k + c − d, the initial state before the start, the stage's own value
/// for d = 0), agree with the native backend: Euler and Heun, delays of 0, 1 and many steps, delays longer than the
/// run, conduction-speed and edge-weight sweeps, functions of the source, edge operators, delayed beside undelayed
/// couplings.</summary>
[TestClass]
public sealed class DelayedCircuitTests
{
    private const string DelayedCircuit = "delays exact through the bridge";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>n nodes (dense or 30 % of the edges), each with its own initial V, lengths from 0 to 40 (some edges of
    /// length 0 and some of one step at speed 3 and dt 0.01), a delayed Linear coupling.</summary>
    private static SimulationExperiment Network(int n, IntegrationMethod method, bool dense, int seed)
    {
        var rng = new Random(seed);
        var w = new double[n, n];
        var lengths = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j || !(dense || rng.NextDouble() < 0.3))
                {
                    continue;
                }

                w[i, j] = rng.NextDouble();
                lengths[i, j] = rng.Next(6) switch
                {
                    0 => 0.0,
                    1 => 0.03, // one step at speed 3
                    2 => 0.06,
                    _ => 40 * rng.NextDouble(),
                };
            }
        }

        var exp = new SimulationExperiment(NetworkComparison.Fhn());
        exp.Integration.Method = method;
        exp.Integration.Duration = 10.0;
        exp.Integration.StepSize = 0.01;
        exp.Network = Tvbo.Networks.Network.FromMatrix(w, lengths);
        exp.Network.ConductionSpeed = 3.0;
        foreach (var node in exp.Network.Nodes)
        {
            node.InitialState["V"] = (2 * rng.NextDouble()) - 1;
        }

        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("tvbo:Linear");
        exp.Network.Coupling["c_glob"].Parameters["a"] = 0.3;
        exp.Explorations.Add(new Exploration("sweep", [
            new ExplorationParameter("c_glob.a", Domain.Values(0.05, 0.3)),
            new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 3.0, 10.0)),
        ]));
        return exp;
    }

    private (double Relative, ExplorationResult PyRates, string[] Debug) Compare(SimulationExperiment exp, string label, PyRatesBackend? backend = null)
    {
        var (relative, _, pyrates, debug) = NetworkComparison.Compare(exp, "sweep", label, TestContext, backend);
        return (relative, pyrates, debug);
    }

    private static void AssertCircuit(string[] debug) =>
        Assert.IsTrue(debug.Any(l => l.Contains(DelayedCircuit, StringComparison.Ordinal)), string.Join("\n", debug));

    /// <summary>The largest difference between two conditions' series: the delays must matter, or agreement says
    /// nothing about them.</summary>
    private static double Spread(ExplorationResult result, int a, int b)
    {
        var (_, t, v) = result.TimeseriesShape;
        var row = t * v;
        var worst = 0.0;
        for (var i = 0; i < row; i++)
        {
            worst = Math.Max(worst, Math.Abs(result.Results.Span[(a * row) + i] - result.Results.Span[(b * row) + i]));
        }

        return worst;
    }

    [TestMethod]
    [DataRow(2, IntegrationMethod.Euler)]
    [DataRow(2, IntegrationMethod.Heun)]
    [DataRow(3, IntegrationMethod.Euler)]
    [DataRow(3, IntegrationMethod.Heun)]
    public void ASmallDelayedNetworkAgreesOverASpeedSweep(int n, IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var (relative, pyrates, debug) = Compare(Network(n, method, dense: true, seed: n), $"{n} nodes, delayed");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
        Assert.IsGreaterThan(1e-3, Spread(pyrates, 0, 2), "the speeds change nothing: the test would not see wrong delays");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, true)]
    [DataRow(IntegrationMethod.Heun, true)]
    [DataRow(IntegrationMethod.Heun, false)]
    public void ATwentyNodeDelayedNetworkAgreesOverASpeedSweep(IntegrationMethod method, bool dense)
    {
        PythonFixture.PyRates();
        var (relative, pyrates, debug) = Compare(Network(20, method, dense, seed: dense ? 21 : 22), dense ? "20 nodes, dense, delayed" : "20 nodes, sparse, delayed");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
        Assert.IsGreaterThan(1e-3, Spread(pyrates, 0, 2));
    }

    [TestMethod]
    public void DelaysOfOneStepAreDelaysAndZeroLengthsAreNone()
    {
        // Only 0- and 1-step delays: PyRates alone buffers nothing (its largest delay is one step), so one step would act
        // as none; here it must be one step.
        PythonFixture.PyRates();
        var exp = Network(3, IntegrationMethod.Heun, dense: true, seed: 5);
        exp.Network!.SetLengths(new double[,] { { 0, 0.03, 0 }, { 0.03, 0, 0.03 }, { 0.0, 0.03, 0 } });
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("network.conduction_speed", Domain.Values(3.0, 1e9))]));
        var (relative, pyrates, debug) = Compare(exp, "3 nodes, one-step delays");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
        Assert.IsGreaterThan(1e-6, Spread(pyrates, 0, 1), "one step of delay (speed 3) must differ from none (speed 1e9)");
    }

    [TestMethod]
    public void DelaysLongerThanTheRunReadTheInitialState()
    {
        PythonFixture.PyRates();
        var exp = Network(3, IntegrationMethod.Heun, dense: true, seed: 6);
        exp.Integration.Duration = 1.0;
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("network.conduction_speed", Domain.Values(0.001, 0.1))]));
        var (relative, _, debug) = Compare(exp, "3 nodes, delays beyond the run");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
    }

    [TestMethod]
    public void AnEdgeWeightSweepWithDelaysAgrees()
    {
        PythonFixture.PyRates();
        var exp = Network(3, IntegrationMethod.Heun, dense: true, seed: 7);
        exp.Network!.AddEdge(2, 1, 0.0, length: 35);
        exp.Network.Nodes[0].Label = "A";
        exp.Network.Nodes[1].Label = "B";
        exp.Network.Nodes[2].Label = "C";
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [
            new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 10.0)),
            new ExplorationParameter("network.edges[C->B].weight", Domain.Values(0.0, 0.8, 2.0)),
        ]));
        var (relative, pyrates, debug) = Compare(exp, "3 nodes, edge C->B swept");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
        Assert.IsGreaterThan(1e-3, Spread(pyrates, 0, 2), "the edge's weight changes nothing");
    }

    [TestMethod]
    public void AnEdgeWeightSweepWithoutDelaysRunsAsACircuitAndAgrees()
    {
        PythonFixture.PyRates();
        var exp = Network(20, IntegrationMethod.Euler, dense: false, seed: 8);
        exp.Network!.Coupling["c_glob"].Delayed = false;
        exp.Network.AddEdge(4, 7, 0.0);
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [
            new ExplorationParameter("c_glob.a", Domain.Values(0.05, 0.3)),
            new ExplorationParameter("network.edges[4->7].weight", Domain.Values(0.0, 3.0)),
        ]));
        var (relative, pyrates, debug) = Compare(exp, "20 nodes, edge 4->7 swept");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains("as a circuit", StringComparison.Ordinal)), string.Join("\n", debug));
        Assert.IsGreaterThan(1e-3, Spread(pyrates, 0, 1));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ADelayedFunctionOfTheSourceAgrees(IntegrationMethod method)
    {
        // The source node computes the sigmoid; its history is the sigmoid's (of the initial state before the start).
        PythonFixture.PyRates();
        var exp = Network(20, method, dense: true, seed: 9);
        exp.Network!.Coupling["c_glob"] = new Coupling("cmax / (1 + exp(r*(midpoint - x_j)))", "a*gx") { Parameters = { ["a"] = 0.3, ["cmax"] = 1.0, ["r"] = 0.56, ["midpoint"] = 0.2 } };
        var (relative, _, debug) = Compare(exp, "20 nodes, delayed sigmoid of the source");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ADelayedKuramotoCouplingAgrees(IntegrationMethod method)
    {
        // Kuramoto's sin(x_j(t - d) - x_i(t)) = sin(x_j(t - d)) cos(x_i(t)) - cos(x_j(t - d)) sin(x_i(t)): two delayed
        // source factors of one state, two buffers in one operator.
        PythonFixture.PyRates();
        var exp = Network(20, method, dense: false, seed: 10);
        exp.Network!.Coupling["c_glob"] = new Coupling("sin(x_j - x_i)", "a*gx") { Parameters = { ["a"] = 0.3 } };
        exp.Integration.Duration = 3.0;
        var (relative, _, debug) = Compare(exp, "20 nodes, delayed sin(x_j - x_i)");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
    }

    [TestMethod]
    public void ADelayedAndAnUndelayedCouplingFromOneStateAgree()
    {
        // Both read V: PyRates buffers V once for both edge sets; the undelayed one reads the current value.
        PythonFixture.PyRates();
        var m = new Dynamics("Fhn2");
        m.AddParameter("I", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddCouplingTerm("c_loc");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W) + c_loc", 0.0);
        var exp = Network(20, IntegrationMethod.Heun, dense: false, seed: 11);
        var net = exp.Network!;
        exp = new SimulationExperiment(m) { Network = net };
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 5.0;
        exp.Integration.StepSize = 0.01;
        net.Coupling["c_loc"] = new Coupling("tanh(x_j)", "b*gx") { Parameters = { ["b"] = 0.05 }, Delayed = false, IncomingStates = { "V" } };
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 10.0))]));
        var (relative, _, debug) = Compare(exp, "20 nodes, delayed and undelayed couplings");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
    }

    [TestMethod]
    public void AFailedCallOfOneSpeedFailsExactlyItsConditions()
    {
        // Speed is the fastest axis, so one speed's conditions are not consecutive: the call of speed 3 holds conditions
        // 1 and 4. A real Python error there fails those two; the others are the native numbers.
        var runtime = PythonFixture.PyRates();
        var exp = Network(3, IntegrationMethod.Euler, dense: true, seed: 12);
        exp.Integration.Duration = 2.0;
        var native = exp.Run(new NativeBackend()).Explorations["sweep"];
        var backend = new PyRatesBackend
        {
            ChunkRunner = (call, chunk, ct) =>
            {
                if (chunk == 1)
                {
                    runtime.Invoke(() =>
                    {
                        using var scope = Python.Runtime.Py.CreateScope();
                        scope.Exec("raise RuntimeError('injected')");
                    });
                }

                return PyRatesBridge.Run(runtime, call, ct);
            },
        };
        var logger = new RecordingLogger();
        var result = exp.Run(backend, new RunOptions { Logger = logger }).Explorations["sweep"];
        CollectionAssert.AreEqual(new[] { 1, 4 }, result.Failures.Select(f => f.Condition).Order().ToArray());
        StringAssert.Contains(result.Failures[0].Reason, "conditions 1, 4");
        StringAssert.Contains(result.Failures[0].Reason, "RuntimeError: injected");
        Assert.IsTrue(logger.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("conditions 1, 4", StringComparison.Ordinal)));
        foreach (var c in new[] { 0, 2, 3, 5 })
        {
            var a = native.ConditionSeries(c).ToArray();
            var b = result.ConditionSeries(c).ToArray();
            Assert.IsLessThanOrEqualTo(1e-12, a.Zip(b, (x, y) => Math.Abs(x - y)).Max(), $"condition {c}");
        }

        Assert.IsTrue(result.ConditionSeries(4).ToArray().All(double.IsNaN));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ANoisyDelayedNetworkAgrees(IntegrationMethod method)
    {
        // TVB's most common run: a stochastic network with delays. Each node's noise series is a grid_search input of
        // that node; trials differ by seed.
        PythonFixture.PyRates();
        var exp = Network(20, method, dense: false, seed: 15);
        exp.Integration.Noise = new NoiseSettings { Sigma = 0.05, Seed = 42 };
        exp.Integration.Noise.Targets.Add("V");
        var (relative, pyrates, debug) = Compare(exp, "20 nodes, delayed, noise on V");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        AssertCircuit(debug);
        Assert.IsGreaterThan(1e-3, Spread(pyrates, 0, 2));
    }

    [TestMethod]
    public void ObservablesOfADelayedKuramotoNetworkAgreeBetweenTheBackends()
    {
        // The order parameter, the power spectrum's peak and the FC, computed from each backend's series.
        PythonFixture.PyRates();
        var m = new Dynamics("Kuramoto");
        m.AddParameter("omega", 0.0628);
        m.AddCouplingTerm("c");
        m.AddStateVariable("theta", "omega + c", 0.1);
        var exp = Network(20, IntegrationMethod.Heun, dense: false, seed: 16);
        var network = exp.Network!;
        network.Coupling.Clear();
        network.Coupling["c"] = new Coupling("sin(x_j - x_i)", "G*gx") { Parameters = { ["G"] = 0.2 } };
        foreach (var node in network.Nodes)
        {
            node.InitialState["theta"] = node.InitialState["V"];
            node.InitialState.Remove("V");
        }

        exp = new SimulationExperiment(m) { Network = network };
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.5;
        exp.Integration.Duration = 400.0;
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("network.conduction_speed", Domain.Values(0.5, 2.0, 6.0))]));
        exp.Observables.Add(new Observable("R", ["theta"], [new ObservableStep("order_parameter", new Dictionary<string, double> { ["window"] = 0.2 })]));
        exp.Observables.Add(new Observable("fc", ["theta"], [new ObservableStep("fc")]));
        exp.Observables.Add(new Observable("peak", ["theta"], [new ObservableStep("peak_frequency", new Dictionary<string, double> { ["segment"] = 128 })]));
        var native = exp.Run(new NativeBackend()).Explorations["sweep"];
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["sweep"];
        foreach (var name in new[] { "R", "fc", "peak" })
        {
            var a = native.Observables[name].Values.ToArray();
            var b = pyrates.Observables[name].Values.ToArray();
            var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max |native - pyrates| = {worst:E2}"));
            Assert.IsLessThanOrEqualTo(1e-9, worst, name);
        }

        Assert.AreNotEqual(native.Observables["R"].Condition(0)[0], native.Observables["R"].Condition(2)[0], "the speed changes the order parameter");
    }

    [TestMethod]
    public void ADelayedPreExpressionReadingTheTargetInseparablyIsRefusedWithTheReason()
    {
        var exp = Network(3, IntegrationMethod.Heun, dense: true, seed: 14);
        exp.Network!.Coupling["c_glob"] = new Coupling("tanh(x_j - x_i)", "a*gx") { Parameters = { ["a"] = 0.3 } };
        var ex = Assert.ThrowsExactly<PyRatesTranslationException>(() => exp.Run(new PyRatesBackend { ChunkRunner = (_, _, _) => throw new AssertFailedException("no call") }));
        StringAssert.Contains(ex.Message, "coupling 'c_glob'");
        StringAssert.Contains(ex.Message, "tanh(x_j - x_i)");
        StringAssert.Contains(ex.Message, "not a sum of products of source and target factors");
        StringAssert.Contains(ex.Message, "native backend");
    }
}
