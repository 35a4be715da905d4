namespace Tvbo.Cli.Tests;

/// <summary>The command line on the network examples: outputs per node, a delayed network on the native backend,
/// and PyRates' refusal of delays with the reason.</summary>
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
    public void PyRatesRefusesADelayedNetworkAndSaysWhy()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-net-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", Tvbo("network_delays.yaml"), "--backend", "pyrates", "--out", outDir);
        Assert.AreEqual(2, exit, "the template is refused before Python starts, so the answer is the same with or without PyRates");
        StringAssert.Contains(stderr, "network with delays");
        StringAssert.Contains(stderr, "native backend");
    }
}
