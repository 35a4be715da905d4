using System.Diagnostics;
using Tvbo.TestSupport;

namespace Tvbo.Cli.Tests;

/// <summary>The command line with connectomes from TVBO's files: a network named by its atlas, found through
/// <c>--models</c>, runs end to end; one that is nowhere is refused with the atlases there are.</summary>
[TestClass]
public sealed class ConnectomeTests
{
    private const string Tiny = """
        dynamics:
          name: Damped
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "v"}, initial_value: 1.0, coupling_variable: true}
            v: {equation: {rhs: "-x - 0.2*v + c_glob"}, initial_value: 0.0}
        network:
          iri: tvbo:Tiny
          coupling:
            c_glob: {iri: tvbo:Linear, parameters: {a: {value: 0.01}}}
        integration: {method: heun, step_size: 0.1, duration: 10}
        explorations:
          g: {space: {c_glob.a: {domain: {lo: 0, hi: 0.02, n: 4}}}}
        """;

    [TestMethod]
    public void ANetworkNamedByItsAtlasRunsWithItsRegionLabels()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-connectome-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.TempFile(Tiny), "--backend", "native", "--out", outDir, "--no-figures", "--models", TestConnectomes.Current);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "ExplorationResult(name='g', grid=4, timeseries=(4, 100, 8))");
        var header = File.ReadLines(Path.Combine(outDir, "g", "series.csv")).First();
        StringAssert.StartsWith(header, "time,x[left_frontal]|0,x[left_frontal]|1,");
        StringAssert.EndsWith(header, ",v[right_parietal]|3");
    }

    [TestMethod]
    public void RunJsonRecordsWhereTheNetworkCameFromAndAFingerprintOfItsMatrices()
    {
        var named = Directory.CreateTempSubdirectory("tvbo-connectome-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(Tiny), "--backend", "native", "--out", named, "--no-figures", "--models", TestConnectomes.Current);
        Assert.AreEqual(0, exit, stderr);
        var inline = Directory.CreateTempSubdirectory("tvbo-connectome-").FullName;
        var written = Tiny.Replace("  iri: tvbo:Tiny\n", "  weights: [[0, 2, 0, 1], [2, 0, 3, 0], [0, 3, 0, 4], [1, 0, 4, 0]]\n  lengths: [[0, 10, 0, 25], [10, 0, 15, 0], [0, 15, 0, 20], [25, 0, 20, 0]]\n", StringComparison.Ordinal);
        (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(written), "--backend", "native", "--out", inline, "--no-figures");
        Assert.AreEqual(0, exit, stderr);

        System.Text.Json.JsonElement Network(string dir) =>
            System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json"))).RootElement.GetProperty("settings").GetProperty("network").Clone();
        var (a, b) = (Network(named), Network(inline));
        Assert.AreEqual(4, a.GetProperty("nodes").GetInt32());
        Assert.AreEqual(8, a.GetProperty("edges").GetInt32());
        StringAssert.EndsWith(a.GetProperty("source").GetString(), "_relmat.yaml");
        Assert.IsFalse(b.TryGetProperty("source", out _), "matrices in the experiment have no source");
        Assert.AreEqual(a.GetProperty("matricesSha256").GetString(), b.GetProperty("matricesSha256").GetString(), "the same matrices, whatever file they came from");
        Assert.AreEqual(64, a.GetProperty("matricesSha256").GetString()!.Length);
    }

    [TestMethod]
    public void AnAtlasThatIsNowhereIsRefusedWithTheAtlasesThereAre()
    {
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(Tiny.Replace("tvbo:Tiny", "tvbo:Tinny", StringComparison.Ordinal)), "--backend", "native", "--models", TestConnectomes.Older);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "the network 'tvbo:Tinny' is not in the network folders searched");
        StringAssert.Contains(stderr, "Atlases available: Tiny.");
    }

    /// <summary>The issue's experiment, run by the tool as a user runs it (<c>dotnet Tvbo.Cli.dll run … --models
    /// database/models</c>) on TVBO's own DesikanKilliany connectome. With TVBO's raw streamline counts (up to 458 885)
    /// the larger couplings diverge (TVBO's examples normalise the weights with network.transforms, not read here yet):
    /// those conditions are reported as failed, and the run still succeeds.</summary>
    [TestMethod]
    public void TheIssuesExperimentRunsOnTvbosDesikanKilliany()
    {
        if (TestConnectomes.TvboDatabase(out var reason) is not { } database)
        {
            Assert.Inconclusive(reason);
            return;
        }

        var models = new[] { Path.Combine(database, "database", "models"), Path.Combine(database, "tvbo", "database", "models") }.First(Directory.Exists);
        var exp = CliRunner.TempFile("""
            dynamics: {iri: tvbo:Generic2dOscillator}
            network:
              iri: tvbo:DesikanKilliany
              coupling:
                c_glob: {iri: tvbo:Linear, parameters: {a: {value: 0.01}}}
            integration: {method: heun, step_size: 0.1, duration: 100}
            explorations:
              g: {space: {c_glob.a: {domain: {lo: 0, hi: 0.02, n: 4}}}}
            """);
        var outDir = Path.Combine(Path.GetDirectoryName(exp)!, "out");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "Tvbo.Cli.dll"), "run", exp, "--backend", "native", "--out", outDir, "--no-figures", "--models", models])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderrTask = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.IsTrue(p.WaitForExit(300_000), "the run ends");
        var stderr = stderrTask.Result;
        Assert.AreEqual(0, p.ExitCode, stderr);
        StringAssert.Contains(stdout, "ExplorationResult(name='g', grid=4, timeseries=(4, 1000, 174))");
        var header = File.ReadLines(Path.Combine(outDir, "g", "series.csv")).First();
        StringAssert.StartsWith(header, "time,V[left_cerebellum_cortex]|0,");
        StringAssert.Contains(header, ",W[ctx_rh_insula]|3");
        var conditions = File.ReadAllLines(Path.Combine(outDir, "g", "conditions.csv"));
        Assert.AreEqual(5, conditions.Length);
        var series = File.ReadLines(Path.Combine(outDir, "g", "series.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.IsTrue(series.All(r => double.IsFinite(double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))), "a = 0 (uncoupled) stays finite");
    }
}
