namespace Tvbo.Cli.Tests;

/// <summary>The command line on the network examples: outputs per node, a delayed network on the native backend and
/// its cross-check with PyRates.</summary>
[TestClass]
public sealed class NetworkTests
{
    private static string Tvbo(string name) => CliRunner.Example(Path.Combine("tvbo", name));

    [TestMethod]
    public void ADelayedNetworkRunsOnNativeWithOneColumnPerNode()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-net-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", Tvbo("network_delays.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "ExplorationResult(name='speed', grid=3x2, timeseries=(6, 10000, 6))");
        var header = File.ReadLines(Path.Combine(outDir, "speed", "series.csv")).First();
        StringAssert.StartsWith(header, "time,V[A]|0,V[A]|1,");
        StringAssert.EndsWith(header, ",W[C]|4,W[C]|5");
        var conditions = File.ReadAllLines(Path.Combine(outDir, "speed", "conditions.csv"));
        Assert.AreEqual("condition,network.conduction_speed,network.edges[C->B].weight", conditions[0]);
    }

    [TestMethod]
    public void TheDelayedExamplePassesTheCrossCheckWithPyRates()
    {
        var pythonOption = PyRatesPython.OptionOrInconclusive();
        var (exit, stdout, stderr) = CliRunner.Run(["check", Tvbo("network_delays.yaml"), "--backends", "native,pyrates", .. pythonOption]);
        Assert.AreEqual(0, exit, stdout + stderr);
        StringAssert.Contains(stdout, "**PASSED**: 6 conditions in 1 exploration: 6 agree.");
    }

    [TestMethod]
    public void TransformsAreAppliedAndRecordedInThePlanAndRunJson()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-net-").FullName;
        var experiment = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(experiment, """
            dynamics:
              name: Lin
              coupling_inputs: {c_glob: {}}
              state_variables:
                x: {equation: {rhs: "-x + c_glob"}, initial_value: 1.0, coupling_variable: true}
            integration: {method: euler, step_size: 0.1, duration: 1.0}
            network:
              weights: [[0, 4], [2, 0]]
              transforms:
                - {name: weight, equation: {rhs: "weight / mean(weight[weight > 0])"}}
              coupling: {c_glob: {iri: tvbo:Linear, parameters: {a: 1.0}}}
            """);
        var (exit, stdout, stderr) = CliRunner.Run("plan", experiment);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "; transforms applied: weight = weight / mean(weight[weight > 0])");

        var outDir = Path.Combine(dir, "out");
        (exit, _, stderr) = CliRunner.Run("run", experiment, "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var recorded = manifest.RootElement.GetProperty("settings").GetProperty("networkTransforms");
        Assert.AreEqual("weight = weight / mean(weight[weight > 0])", recorded[0].GetString());
    }
}
