using Tvbo.Experiment;
using Tvbo.Files.ExperimentFile;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Networks;

/// <summary>Connectomes from TVBO's files run on the native backend exactly as the same network given as inline
/// matrices; and TVBO's own DesikanKilliany connectome, when it is on this machine, loads with the size the issue gives
/// and runs.</summary>
[TestClass]
public sealed class ConnectomeRunTests
{
    /// <summary>A damped oscillator with a coupling input and a per-node parameter; delayed coupling (lengths / 3 mm/ms)
    /// under Heun; a sweep over the coupling strength and one node's parameter.</summary>
    private const string Model = """
        dynamics:
          name: Damped
          parameters:
            k: {value: 1.0}
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "v"}, initial_value: 1.0, coupling_variable: true}
            v: {equation: {rhs: "-k*x - 0.2*v + c_glob"}, initial_value: 0.0}
        integration: {method: heun, step_size: 0.1, duration: 30.0}
        explorations:
          g:
            space:
              c_glob.a: {domain: {lo: 0.0, hi: 0.2, n: 3}}
              right_frontal.k: {explored_values: [1.0, 2.0]}

        """;

    private const string Coupling = "  coupling: {c_glob: {iri: tvbo:Linear, parameters: {a: {value: 0.1}}}}\n";

    /// <summary>The test connectome as inline matrices and node labels.</summary>
    private const string Inline = """
        network:
          weights: [[0, 2, 0, 1], [2, 0, 3, 0], [0, 3, 0, 4], [1, 0, 4, 0]]
          lengths: [[0, 10, 0, 25], [10, 0, 15, 0], [0, 15, 0, 20], [25, 0, 20, 0]]
          nodes: [left_frontal, left_parietal, right_frontal, right_parietal]

        """;

    private static ExplorationResult Run(string text, string dir, params string[] folders)
    {
        var path = Path.Combine(dir, "exp.yaml");
        Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
        var exp = SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = folders });
        Assert.IsNotNull(exp.Network);
        Assert.IsTrue(exp.Network.HasEdges);
        return exp.RunBothWays().Explorations["g"];
    }

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-connectome-run-").FullName;

    private static void AssertSame(ExplorationResult expected, ExplorationResult actual)
    {
        CollectionAssert.AreEqual(expected.OutputNames.ToArray(), actual.OutputNames.ToArray());
        Assert.AreEqual(6, actual.ConditionCount);
        for (var c = 0; c < expected.ConditionCount; c++)
        {
            CollectionAssert.AreEqual(expected.ConditionSeries(c).ToArray(), actual.ConditionSeries(c).ToArray(), $"condition {c}: bit for bit");
        }
    }

    [TestMethod]
    public void EachOfTvbosLayoutsRunsAsTheInlineMatrices()
    {
        var expected = Run(Model + Inline + Coupling, NewDir());
        Assert.AreEqual("x[left_frontal]", expected.OutputNames[0]);
        var delayed = expected.Series(5, "x[left_frontal]");
        Assert.IsTrue(delayed.All(double.IsFinite));

        AssertSame(expected, Run(Model + "network:\n  iri: tvbo:Tiny\n" + Coupling, NewDir(), TestConnectomes.Older));
        AssertSame(expected, Run(Model + "network:\n  iri: tvbo:Tiny\n" + Coupling, NewDir(), TestConnectomes.Current));

        var experiments = Path.Combine(TestConnectomes.Copy(TestConnectomes.Current), "tvbo", "database", "experiments");
        AssertSame(expected, Run(Model + "network:\n  data_file: ../networks/tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.h5\n" + Coupling, experiments));
        AssertSame(expected, Run(Model + """
            network:
              bids_dir: ../networks/bids/tiny_average
              structural_measures: [streamlineCount, tractLength]
              observational_measures: [BoldCorrelation]

            """ + Coupling, experiments));
    }

    [TestMethod]
    public void TheOtherTractogramGivesAnotherResult()
    {
        var dtor = Run(Model + "network:\n  iri: tvbo:Tiny\n" + Coupling, NewDir(), TestConnectomes.Older);
        var other = Run(Model + "network:\n  iri: tvbo:space-Test_atlas-Tiny_desc-Other\n" + Coupling, NewDir(), TestConnectomes.Older);
        CollectionAssert.AreEqual(dtor.ConditionSeries(0).ToArray(), other.ConditionSeries(0).ToArray(), "a = 0: no coupling, the same");
        CollectionAssert.AreNotEqual(dtor.ConditionSeries(4).ToArray(), other.ConditionSeries(4).ToArray(), "a = 0.2: ten times the weights");
    }

    [TestMethod]
    public void TvbosDesikanKillianyConnectomeLoadsWithItsSizeAndRuns()
    {
        if (TestConnectomes.TvboDatabase(out var reason) is not { } database)
        {
            Assert.Inconclusive(reason);
            return;
        }

        var dir = NewDir();
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, """
            dynamics: {iri: tvbo:Generic2dOscillator}
            network:
              iri: tvbo:DesikanKilliany
              coupling:
                c_glob: {iri: tvbo:Linear, parameters: {a: {value: 0.0}}}
            integration: {method: heun, step_size: 0.1, duration: 20}
            explorations:
              g: {space: {c_glob.a: {domain: {lo: 0, hi: 1.0e-6, n: 2}}}}
            """);
        // TVBO's database/models folder: its models, and the networks folder beside it.
        var models = new[] { Path.Combine(database, "database", "models"), Path.Combine(database, "tvbo", "database", "models") }.First(Directory.Exists);
        var exp = SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = [models] });
        var network = exp.Network!;
        Assert.AreEqual(87, network.NodeCount);
        var (w, l) = (network.Weights, network.Lengths);
        var edges = 0;
        var longest = 0.0;
        for (var i = 0; i < 87; i++)
        {
            for (var j = 0; j < 87; j++)
            {
                edges += w[i, j] != 0 ? 1 : 0;
                longest = Math.Max(longest, w[i, j] != 0 ? l[i, j] : 0);
                Assert.AreEqual(w[i, j], w[j, i], "TVBO's DK weights are symmetric");
            }
        }

        Assert.AreEqual(5242, edges, "the issue's 5242 edges");
        Assert.IsTrue(longest is > 327 and < 328.5, $"the issue's lengths up to 328 mm; the longest is {longest}");
        Assert.AreEqual("left_cerebellum_cortex", network.Nodes[0].Label);
        Assert.AreEqual("ctx_rh_insula", network.Nodes[86].Label);

        var result = exp.RunBothWays().Explorations["g"];
        Assert.AreEqual(87 * 2, result.OutputNames.Count);
        Assert.IsTrue(result.ConditionSeries(1).ToArray().All(double.IsFinite));
    }

    [TestMethod]
    public void TvbosDelaySpeedExperimentFormRunsAsTheSameNetworkWrittenOut()
    {
        // The form of TVBO's Delay_Speed_Synchronization experiment: a BIDS folder, a transform normalising the weights by
        // the mean of the existing edges, a delayed Kuramoto coupling keyed by its own name over theta_j/theta_i, and a
        // conduction-speed sweep; against the same network with the normalised weights and the coupling written out.
        const string Kuramoto = """
            dynamics:
              name: Kuramoto
              parameters: {omega: {value: 0.0628}}
              coupling_inputs: {c: {}}
              state_variables:
                theta: {equation: {rhs: "omega + c"}, initial_value: 0.1, coupling_variable: true}
            integration: {method: Heun, step_size: 0.5, duration: 100.0}
            explorations:
              g:
                space:
                  network.conduction_speed: {domain: {lo: 0.5, hi: 6.0, n: 3}}

            """;
        var experiments = Path.Combine(TestConnectomes.Copy(TestConnectomes.Current), "tvbo", "database", "experiments");
        var tvbo = Run(Kuramoto + """
            network:
              bids_dir: ../networks/bids/tiny_average
              structural_measures: [streamlineCount, tractLength]
              parameters: {conduction_speed: {value: 3.0}}
              transforms:
                - name: weight
                  equation: {rhs: "weight / mean(weight[weight > 0])"}
              coupling:
                DelayedKuramotoCoupling:
                  delayed: true
                  parameters: {G: {value: 0.05}}
                  incoming_states: [theta]
                  local_states: [theta]
                  pre_expression: {rhs: "sin(theta_j - theta_i)"}
                  post_expression: {rhs: "G * gx"}
            """, experiments);

        // The positive weights are 2, 3, 4, 1 (each twice): their mean is 2.5.
        var written = Run(Kuramoto + """
            network:
              weights: [[0, 0.8, 0, 0.4], [0.8, 0, 1.2, 0], [0, 1.2, 0, 1.6], [0.4, 0, 1.6, 0]]
              lengths: [[0, 10, 0, 25], [10, 0, 15, 0], [0, 15, 0, 20], [25, 0, 20, 0]]
              nodes: [left_frontal, left_parietal, right_frontal, right_parietal]
              conduction_speed: 3.0
              coupling:
                c:
                  parameters: {G: {value: 0.05}}
                  pre_expression: {rhs: "sin(x_j - x_i)"}
                  post_expression: {rhs: "G * gx"}
            """, NewDir());
        CollectionAssert.AreEqual(written.OutputNames.ToArray(), tvbo.OutputNames.ToArray());
        var (a, b) = (written.Results.ToArray(), tvbo.Results.ToArray());
        var worst = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
        Assert.IsLessThan(1e-12, worst, $"max |TVBO form - written out| = {worst:E2}");
        Assert.IsGreaterThan(1e-3, Math.Abs(b[b.Length - 1] - b[(b.Length / 3) - 1]), "the speeds give different runs");
    }
}
