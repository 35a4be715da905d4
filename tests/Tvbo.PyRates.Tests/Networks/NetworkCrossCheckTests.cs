using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Networks;

/// <summary>Networks on PyRates and on the native backend, condition by condition, over a G sweep; and delayed
/// networks, which PyRates 1.2.3 cannot integrate as defined, refused with the reason.</summary>
[TestClass]
public sealed class NetworkCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>A random asymmetric weight matrix with a zero diagonal and about half the edges present.</summary>
    private static double[,] RandomWeights(int n, int seed)
    {
        var rng = new Random(seed);
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i != j && rng.NextDouble() < 0.5 ? rng.NextDouble() : 0.0;
            }
        }

        return w;
    }

    private static SimulationExperiment GSweep(Dynamics model, int n, IntegrationMethod method, string coupled, double duration, double dt)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Method = method;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Network = Network.FromMatrix(RandomWeights(n, 7 + n));
        var rng = new Random(n);
        foreach (var node in exp.Network.Nodes)
        {
            node.InitialState[model.StateVariables[0].Name] = (2 * rng.NextDouble()) - 1;
        }

        var linear = Coupling.FromLibrary("tvbo:Linear");
        exp.Network.Coupling[coupled] = linear;
        exp.Explorations.Add(new Exploration("g_sweep", [new ExplorationParameter($"{coupled}.a", Domain.Range(0.0, 0.3, 4))]));
        return exp;
    }

    private double CompareBackends(SimulationExperiment exp, string label)
    {
        var native = exp.Run(new NativeBackend()).Explorations["g_sweep"];
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["g_sweep"];
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        var worst = 0.0;
        var scale = 0.0;
        for (var i = 0; i < native.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(native.Results.Span[i] - pyrates.Results.Span[i]));
            scale = Math.Max(scale, Math.Abs(native.Results.Span[i]));
        }

        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {exp.Integration.Method} {native.TimeseriesShape}: max |native - pyrates| = {worst:E2} (values up to {scale:G3})"));
        return worst;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void AThreeNodeNetworkAgreesOverAGSweep(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = GSweep(NetworkComparison.Fhn(), 3, method, "c_glob", 20.0, 0.01);
        var check = exp.CrossCheck(new NativeBackend(), new PyRatesBackend());
        Assert.IsTrue(check.Passed, check.ToMarkdown());
        Assert.IsLessThanOrEqualTo(1e-9, CompareBackends(exp, "FHN 3 nodes"));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ATwentyNodeGeneric2dOscillatorNetworkAgreesOverAGSweep(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var model = Dynamics.Load(Path.Combine(dir, "Generic2dOscillator.yaml"));
        var exp = GSweep(model, 20, method, "c_glob", 10.0, 0.01);
        Assert.IsLessThanOrEqualTo(1e-9, CompareBackends(exp, "Generic2dOscillator 20 nodes"));
    }

    [TestMethod]
    public void TvbosCouplingFormsAndTransformsAgreeOnPyRates()
    {
        PythonFixture.PyRates();
        // A multi-output coupling keyed by its input, over a bare incoming name, and a Kuramoto coupling keyed by its own
        // name over theta_j / theta_i, on transformed weights; a sweep of the own-named coupling's G.
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-pyrates-forms-").FullName, "exp.yaml");
        File.WriteAllText(path, """
            dynamics:
              name: EIK
              parameters: {omega: 0.7}
              coupling_inputs:
                EIB: {dimension: 2, keys: [c_lre, c_ffi]}
                c_k: {}
              state_variables:
                S_e: {equation: {rhs: "-S_e + 0.5*c_lre - 0.2*S_i + 1"}, initial_value: 0.2}
                S_i: {equation: {rhs: "-2*S_i + c_ffi + 0.3*S_e"}, initial_value: 0.1}
                theta: {equation: {rhs: "omega + c_k + 0.1*S_e"}, initial_value: 0.3}
            integration: {method: heun, step_size: 0.01, duration: 5.0}
            network:
              weights: [[0, 2, 1], [1, 0, 0.5], [0.25, 3, 0]]
              nodes: [{state: {S_e: 0.9, theta: -1.0}}, {}, {state: {S_i: 0.7, theta: 2.0}}]
              transforms:
                - {name: weight, equation: {rhs: "weight / mean(weight[weight > 0])"}}
              coupling:
                EIB: {delayed: false, parameters: {wLRE: 1.5, wFFI: 0.5}, incoming_states: [S_e], pre_expression: "[S_e * wLRE, S_e * wFFI]", post_expression: gx}
                KuramotoLike:
                  delayed: false
                  parameters: {G: 0.4}
                  incoming_states: [theta]
                  local_states: [theta]
                  pre_expression: "sin(theta_j - theta_i)"
                  post_expression: "G * gx"
            explorations:
              g_sweep: {space: {KuramotoLike.G: {explored_values: [0.0, 0.4, 1.2]}}}
            """);
        var exp = SimulationExperiment.Load(path);
        Assert.AreEqual("c_k", exp.Network!.Coupling["KuramotoLike"].Input);
        Assert.IsLessThanOrEqualTo(1e-9, CompareBackends(exp, "TVBO coupling forms"));
    }

    [TestMethod]
    public void ADirectedEdgeDrivesOnlyItsTargetOnPyRates()
    {
        PythonFixture.PyRates();
        var m = new Dynamics("Leak");
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("x", "-x + c_glob", 1.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.Duration = 2.0;
        exp.Integration.StepSize = 0.01;
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 1, target: 0, weight: 2.0);
        exp.Network.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        var r = exp.Run(new PyRatesBackend()).Explorations[SimulationExperiment.IntegrationName];
        var last = r.SampleCount - 1;
        Assert.AreEqual(Math.Pow(0.99, last), r[0, last, 1], 1e-12, "the source (node 1) decays on its own");
        Assert.IsGreaterThan(Math.Pow(0.99, last) + 0.5, r[0, last, 0], "the target (node 0) is driven");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK45)]
    public void PerStepIsRefusedForAMultiStageMethodWithTheReason(IntegrationMethod method)
    {
        var exp = GSweep(NetworkComparison.Fhn(), 3, method, "c_glob", 1.0, 0.01);
        exp.Integration.CouplingEvaluation = CouplingEvaluation.PerStep;
        if (method == IntegrationMethod.RK45)
        {
            // Refused for every backend, before anything runs.
            StringAssert.Contains(Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new PyRatesBackend())).Message, "rk45");
            return;
        }

        var ex = Assert.ThrowsExactly<PyRatesTranslationException>(() => exp.Run(new PyRatesBackend()));
        StringAssert.Contains(ex.Message, "integration.coupling_evaluation 'per_step'");
        StringAssert.Contains(ex.Message, "cannot hold a value across them");
        StringAssert.Contains(ex.Message, "native backend");
        Assert.IsTrue(exp.Run(new NativeBackend()).Explorations["g_sweep"].Failures.Count == 0, "the native backend runs it");
    }
}
