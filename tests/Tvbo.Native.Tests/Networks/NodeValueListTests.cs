using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Native.Tests.Networks;

/// <summary>A model parameter given as a list (TVBO's heterogeneous parameters, e.g. <c>omega: {value: [...]}</c> in
/// Hopf_Pareto_ParallelOpt): one value per node, as network.nodes[i].parameters.</summary>
[TestClass]
public sealed class NodeValueListTests
{
    private const string Network = """
        network:
          weights: [[0, 1, 0.5], [0.2, 0, 0], [0, 0.7, 0]]
          coupling:
            c_glob: {iri: tvbo:Linear, parameters: {a: 0.3, b: 0.0}}

        """;

    private static string Model(string k) => $$$"""
        dynamics:
          name: Decay
          parameters:
            k: {{{k}}}
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "-k * x + c_glob"}, initial_value: 1.0, coupling_variable: true}
        integration: {method: heun, step_size: 0.1, duration: 2.0}

        """;

    private static SimulationExperiment Load(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-nodelist-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path);
    }

    private static string Explicit(string extra = "") => Model("{value: 9.0}") + Network.Replace(
        "  coupling:", "  nodes:\n    - {parameters: {k: 0.5}}\n    - {parameters: {k: 1.5}}\n    - {parameters: {k: 2.5}}\n  coupling:", StringComparison.Ordinal) + extra;

    private static double[][] Series(SimulationExperiment exp, string exploration, int condition) =>
        [.. Enumerable.Range(0, 3).Select(i => exp.RunBothWays().Explorations[exploration].Series(condition, $"x[{i}]"))];

    [TestMethod]
    [DataRow("{value: [0.5, 1.5, 2.5]}")]
    [DataRow("[0.5, 1.5, 2.5]")]
    [DataRow("{value: [0.5, 1.5, 2.5], heterogeneous: true, shape: \"(n_nodes,)\"}")]
    public void AListGivesEachNodeItsValueAsNetworkNodesParametersDo(string k)
    {
        var list = Load(Model(k) + Network);
        CollectionAssert.AreEqual(new[] { 0.5, 1.5, 2.5 }, list.Network!.Nodes.Select(n => n.Parameters["k"]).ToArray());
        var a = Series(list, SimulationExperiment.IntegrationName, 0);
        var b = Series(Load(Explicit()), SimulationExperiment.IntegrationName, 0);
        for (var i = 0; i < 3; i++)
        {
            CollectionAssert.AreEqual(b[i], a[i], $"node {i}, bit for bit");
        }

        Assert.AreNotEqual(a[0][^1], a[2][^1], "the nodes decay at their own rates");
    }

    [TestMethod]
    public void ANodesOwnValueWinsOverTheList()
    {
        var exp = Load(Model("{value: [0.5, 1.5, 2.5]}") + Network.Replace("  coupling:", "  nodes:\n    - {}\n    - {parameters: {k: 7.0}}\n    - {}\n  coupling:", StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { 0.5, 7.0, 2.5 }, exp.Network!.Nodes.Select(n => n.Parameters["k"]).ToArray());
    }

    [TestMethod]
    public void AnAxisOnTheParameterSetsItAtEveryNode()
    {
        const string Sweep = "explorations:\n  g: {space: {k: {explored_values: [0.5, 2.0]}}}\n";
        var list = Load(Model("{value: [0.5, 1.5, 2.5]}") + Network + Sweep);
        var uniform = Load(Model("1.0") + Network + Sweep);
        var byModelName = Load(Model("{value: [0.5, 1.5, 2.5]}") + Network + Sweep.Replace("k:", "Decay.k:", StringComparison.Ordinal));
        var explicitNodes = Load(Explicit(Sweep));
        for (var c = 0; c < 2; c++)
        {
            var expected = Series(uniform, "g", c);
            foreach (var (name, exp) in new[] { ("list", list), ("Decay.k", byModelName), ("network.nodes", explicitNodes) })
            {
                var got = Series(exp, "g", c);
                for (var i = 0; i < 3; i++)
                {
                    CollectionAssert.AreEqual(expected[i], got[i], $"{name}, condition {c}, node {i}: the swept value replaces the per-node values");
                }
            }
        }
    }

    [TestMethod]
    public void AOneValueListOnASingleNodeIsItsValue()
    {
        var list = Load(Model("{value: [0.7]}"));
        Assert.IsNull(list.Network);
        CollectionAssert.AreEqual(
            Load(Model("0.7")).RunBothWays().Explorations[SimulationExperiment.IntegrationName].Series(0, "x"),
            list.RunBothWays().Explorations[SimulationExperiment.IntegrationName].Series(0, "x"));
    }

    [TestMethod]
    [DataRow("{value: [0.5, 1.5]}", true, "a list of 2 values (one per node), but the network has 3 nodes")]
    [DataRow("{value: [0.5, 1.5]}", false, "a list of 2 values (one per node), but the experiment has no network")]
    [DataRow("{value: []}", true, "is an empty list")]
    [DataRow("{value: [[0.5], [1.5], [2.5]]}", true, "is a list of lists")]
    public void AListOfTheWrongLengthIsRefusedNamingTheParameterAndItsLine(string k, bool network, string expected)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Load(Model(k) + (network ? Network : "")));
        StringAssert.Contains(ex.Message, "parameter 'k'");
        StringAssert.Contains(ex.Message, expected);
        StringAssert.Contains(ex.Message, ":4");
    }
}
