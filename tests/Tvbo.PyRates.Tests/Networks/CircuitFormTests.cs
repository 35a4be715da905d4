using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Networks;

/// <summary>Networks PyRates runs as a circuit (one PyRates node per network node, edges from the weight matrix) agree
/// with the native backend; networks the circuit cannot express run as the lowered system, and still agree.</summary>
[TestClass]
public sealed class CircuitFormTests
{
    private const string Circuit = "as a circuit";
    private const string Lowered = "as the lowered system";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Twenty nodes, dense or sparse weights, own initial states and one node's own I, a Linear coupling; a
    /// sweep over the coupling's a and node 3's I.</summary>
    private static SimulationExperiment Twenty(IntegrationMethod method, bool dense, Dynamics? model = null)
    {
        const int n = 20;
        var rng = new Random(dense ? 11 : 12);
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i != j && (dense || rng.NextDouble() < 0.2) ? rng.NextDouble() : 0.0;
            }
        }

        var exp = new SimulationExperiment(model ?? NetworkComparison.Fhn());
        exp.Integration.Method = method;
        exp.Integration.Duration = 10.0;
        exp.Integration.StepSize = 0.01;
        exp.Network = Network.FromMatrix(w);
        foreach (var node in exp.Network.Nodes)
        {
            node.InitialState["V"] = (2 * rng.NextDouble()) - 1;
        }

        exp.Network.Nodes[5].Parameters["I"] = 0.8;
        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("tvbo:Linear");
        exp.Explorations.Add(new Exploration("sweep", [
            new ExplorationParameter("c_glob.a", Domain.Values(0.0, 0.05, 0.2)),
            new ExplorationParameter("3.I", Domain.Values(0.5, 1.1)),
        ]));
        return exp;
    }

    private (double Relative, string[] Debug) Compare(SimulationExperiment exp, string exploration, string label)
    {
        var (relative, _, _, debug) = NetworkComparison.Compare(exp, exploration, label, TestContext);
        return (relative, debug);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, true)]
    [DataRow(IntegrationMethod.Heun, true)]
    [DataRow(IntegrationMethod.Euler, false)]
    [DataRow(IntegrationMethod.Heun, false)]
    public void ATwentyNodeNetworkRunsAsACircuitAndAgrees(IntegrationMethod method, bool dense)
    {
        PythonFixture.PyRates();
        var (relative, debug) = Compare(Twenty(method, dense), "sweep", dense ? "20 nodes, dense" : "20 nodes, sparse");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
        Assert.IsFalse(debug.Any(l => l.Contains(Lowered, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void AFunctionOfTheSourceRunsAsACircuitAndAgrees(IntegrationMethod method)
    {
        // A sigmoid of the source (TVBO's Sigmoidal form): each node computes it from its own state, the edges carry it.
        PythonFixture.PyRates();
        var exp = Twenty(method, dense: true);
        exp.Network!.Coupling["c_glob"] = new Coupling("cmax / (1 + exp(r*(midpoint - x_j)))", "a*gx") { Parameters = { ["a"] = 0.1, ["cmax"] = 1.0, ["r"] = 0.56, ["midpoint"] = 0.2 } };
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("c_glob.a", Domain.Values(0.0, 0.1, 0.3)), new ExplorationParameter("c_glob.r", Domain.Values(0.56, 2.0))]));
        var (relative, debug) = Compare(exp, "sweep", "20 nodes, sigmoid of the source");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void PiecewiseInTheNodesAndTheCouplingRunsAsACircuitAndAgrees(IntegrationMethod method)
    {
        // Each Piecewise has a branch that is NaN where it is not taken (sqrt of a negative).
        PythonFixture.PyRates();
        var m = new Dynamics("FhnSwitch");
        m.AddParameter("I", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddDerivedVariable("s", "Piecewise((sqrt(V), V > 0), (-sqrt(-V), True))");
        m.AddStateVariable("V", "V - V**3/3 - W + I + 0.1*s + c_glob", 0.1);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W)", 0.0);
        var exp = Twenty(method, dense: true, m);
        exp.Network!.Coupling["c_glob"] = new Coupling("Piecewise((sqrt(x_j), x_j >= 0), (0, True))", "a*gx") { Parameters = { ["a"] = 0.1 } };
        exp.Explorations.Remove("sweep");
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("c_glob.a", Domain.Values(0.0, 0.1, 0.3))]));
        var (relative, debug) = Compare(exp, "sweep", "20 nodes, Piecewise in nodes and coupling");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    public void ANetworkWithoutParametersRunsAsACircuitAndAgrees()
    {
        // Oscillator nodes and a coupling without parameters: grid_search sweeps the template's unused constant.
        PythonFixture.PyRates();
        var m = new Dynamics("Oscillators");
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("x", "v", 0.5);
        m.AddStateVariable("v", "-x + c_glob", 0.0);
        var exp = Twenty(IntegrationMethod.Heun, dense: false, m);
        foreach (var (node, i) in exp.Network!.Nodes.Select((node, i) => (node, i)))
        {
            node.InitialState.Clear();
            node.InitialState["x"] = Math.Sin(i);
            node.Parameters.Clear();
        }

        exp.Network.Coupling["c_glob"] = new Coupling("x_j", "0.05*gx");
        exp.Explorations.Remove("sweep");
        var (relative, debug) = Compare(exp, SimulationExperiment.IntegrationName, "20 oscillators, no parameters");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void APreExpressionReadingTheTargetInseparablyRunsAsACircuitWithAnEdgeOperatorAndAgrees(IntegrationMethod method)
    {
        // tanh(x_j - x_i) is no sum of products of source and target factors: one source state and the target's, no
        // coupling parameter, so an edge operator computes it per edge.
        PythonFixture.PyRates();
        var exp = Twenty(method, dense: false);
        exp.Network!.Coupling["c_glob"] = new Coupling("tanh(x_j - x_i)", "a*gx") { Parameters = { ["a"] = 0.1 } };
        exp.Integration.Duration = 2.0;
        var (relative, debug) = Compare(exp, "sweep", "20 nodes, tanh(x_j - x_i)");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
        Assert.IsTrue(debug.Any(l => l.Contains("c_glob: an edge operator", StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    [DataRow("sin(x_j - x_i)", "c_glob: 2 edge sets")]
    [DataRow("sin(k*(x_j - x_i))", "c_glob: 2 edge sets")]
    [DataRow("x_j - x_i", "c_glob: 1 edge set and the nodes' weight sums")]
    [DataRow("(x_j - x_i)**2", "c_glob: 2 edge sets and the nodes' weight sums")]
    [DataRow("exp(-(x_j - x_i)) * cos(x_i)", "c_glob: 1 edge set")]
    public void ASeparablePreExpressionRunsAsSumsOfSourceFactorsAndAgrees(string pre, string form)
    {
        // Kuramoto's sin(x_j - x_i) = sin(x_j) cos(x_i) - cos(x_j) sin(x_i): plain edges carry sin(x_j) and cos(x_j).
        PythonFixture.PyRates();
        var exp = Twenty(IntegrationMethod.Heun, dense: false);
        exp.Network!.Coupling["c_glob"] = new Coupling(pre, "a*gx") { Parameters = { ["a"] = 0.1, ["k"] = 1.5 } };
        exp.Integration.Duration = 2.0;
        var (relative, debug) = Compare(exp, "sweep", $"20 nodes, {pre}");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal) && l.Contains(form, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    public void APreExpressionReadingTheTargetInseparablyAndACouplingParameterRunsAsTheLoweredSystemAndAgrees()
    {
        PythonFixture.PyRates();
        var exp = Twenty(IntegrationMethod.Heun, dense: false);
        exp.Network!.Coupling["c_glob"] = new Coupling("tanh(k*(x_j - x_i))", "a*gx") { Parameters = { ["a"] = 0.1, ["k"] = 1.5 } };
        exp.Integration.Duration = 2.0;
        var (relative, debug) = Compare(exp, "sweep", "20 nodes, tanh(k*(x_j - x_i))");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        var line = debug.Single(l => l.Contains(Lowered, StringComparison.Ordinal));
        StringAssert.Contains(line, "reads the target and coupling parameters (k)");
        Assert.IsFalse(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void NodesThatReadTimeRunAsACircuitAndAgree(IntegrationMethod method)
    {
        // A forced FitzHugh–Nagumo, with a transient (time starts at -transient); PyRates' own t is the step number,
        // so the node template integrates its own time.
        PythonFixture.PyRates();
        var m = new Dynamics("ForcedFhn");
        m.AddParameter("I", 0.5);
        m.AddParameter("w", 0.7);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I*sin(w*t) + c_glob", 0.1);
        m.AddStateVariable("W", "0.08*(V + 0.7 - 0.8*W)", 0.0);
        var exp = Twenty(method, dense: false);
        var network = exp.Network!;
        exp = new SimulationExperiment(m) { Network = network };
        exp.Integration.Method = method;
        exp.Integration.Duration = 5.0;
        exp.Integration.TransientTime = 1.5;
        exp.Integration.StepSize = 0.01;
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("c_glob.a", Domain.Values(0.0, 0.2)), new ExplorationParameter("w", Domain.Values(0.7, 2.0))]));
        var (relative, debug) = Compare(exp, "sweep", "20 nodes reading t");
        Assert.IsLessThanOrEqualTo(1e-12, relative);
        Assert.IsTrue(debug.Any(l => l.Contains(Circuit, StringComparison.Ordinal)), string.Join("\n", debug));
    }
}
