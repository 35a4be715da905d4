using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

/// <summary><c>tvbo run</c> and <c>tvbo plot</c> of experiments with continuations.</summary>
[TestClass]
public sealed class ContinuationRunTests
{
    /// <summary>TVBO's QIF-bifurcation.yaml: a model and a continuation, no integration, no exploration.</summary>
    private const string QifBifurcation = """
        label: QIF neural mass, bifurcation in eta_bar
        model:
          name: QIF
          parameters:
            tau: {value: 1.0}
            eta_bar: {value: -5.0}
            Delta: {value: 1.0}
            J: {value: 15.0}
          state_variables:
            r: {equation: {rhs: "(Delta/(pi*tau) + 2*r*v) / tau"}, initial_value: 0.01}
            v: {equation: {rhs: "(v**2 + eta_bar + J*r*tau - (pi*r*tau)**2) / tau"}, initial_value: -2.0}
        continuations:
          eq_eta:
            free_parameters:
              - name: eta_bar
                domain: {lo: -20, hi: 20}
            ds: 0.0001
            ds_min: 1.0e-8
            ds_max: 0.05
            max_steps: 2000
            initial_state: {method: time_integration, duration: 4000.0}
            bothside: true
        """;

    /// <summary>x' = a − tanh(x) from x = 5: Newton's method from the initial state fails (tanh is flat there), an
    /// integration reaches the equilibrium.</summary>
    private const string OneFails = """
        model:
          name: Relax
          parameters:
            a: {value: 0.5}
          state_variables:
            x: {equation: {rhs: "a - tanh(x)"}, initial_value: 5.0}
        continuations:
          bad_start:
            free_parameters:
              - name: a
                domain: {lo: -0.9, hi: 0.9}
            ds: 0.01
            ds_max: 0.05
            initial_state: {method: newton}
          good:
            free_parameters:
              - name: a
                domain: {lo: -0.9, hi: 0.9}
            ds: 0.01
            ds_max: 0.05
            initial_state: {method: time_integration, duration: 100.0}
            bothside: true
        """;

    private static string OutDir() => Path.Combine(Directory.CreateTempSubdirectory("tvbo-cont-").FullName, "out");

    private static (int Width, int Height) PngSize(string path)
    {
        var b = File.ReadAllBytes(path);
        Assert.IsTrue(b.Length > 24 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', $"{path} is not a PNG");
        return ((b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19], (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23]);
    }

    [TestMethod]
    public void AContinuationFileRunsOnlyItsContinuationsAndWritesTheListedFiles()
    {
        var outDir = OutDir();
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.TempFile(QifBifurcation), "--backend", "native", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "0 exploration(s) and 1 continuation(s) (native)");
        StringAssert.Contains(stdout, "LP1, LP2");
        string[] expected = ["eq_eta/branch_eq_eta.csv", "eq_eta/continuation.json", "eq_eta/figures/bifurcation_eq_eta.png", "eq_eta/special_points.csv"];
        var onDisk = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expected.Append("run.json").Order(StringComparer.Ordinal).ToArray(), onDisk, "no integration folder: the file has no integration: and no exploration");
        var manifest = RunManifest.Read(outDir)!;
        CollectionAssert.AreEquivalent(expected, manifest.Files);
        CollectionAssert.AreEqual(new[] { "eq_eta" }, manifest.Continuations);
        Assert.AreEqual(RunManifest.Complete, manifest.Status);
        Assert.AreEqual((800, 600), PngSize(Path.Combine(outDir, "eq_eta", "figures", "bifurcation_eq_eta.png")));
        var csv = File.ReadAllLines(Path.Combine(outDir, "eq_eta", "branch_eq_eta.csv"));
        StringAssert.StartsWith(csv[0], "point,eta_bar,r,v,stable,unstable_eigenvalues,label,");
        Assert.AreEqual(2, csv.Count(l => l.Contains(",LP,", StringComparison.Ordinal)));
        var loaded = ExperimentResult.Load(outDir);
        Assert.AreEqual(0, loaded.Explorations.Count);
        Assert.AreEqual("eq_eta", loaded.Continuations.Single().Name);
        Assert.AreEqual(csv.Length - 1, loaded.Continuations[0].Main.Points.Count);
    }

    [TestMethod]
    public void AFailingContinuationIsReportedAndTheOthersAreWritten()
    {
        var outDir = OutDir();
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.TempFile(OneFails), "--backend", "native", "--out", outDir);
        Assert.AreEqual(1, exit, stdout);
        StringAssert.Contains(stderr, "tvbo: continuation 'bad_start' failed: Continuation 'bad_start': initial_state: the model's initial state is not an equilibrium at a = 0.5");
        StringAssert.Contains(stderr, "1 continuation(s) failed");
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "good", "branch_good.csv")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "good", "figures", "bifurcation_good.png")));
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "bad_start")));
        StringAssert.Contains(stderr, "(run.json: failedContinuations)");
        var manifest = RunManifest.Read(outDir)!;
        CollectionAssert.AreEqual(new[] { "good" }, manifest.Continuations);
        var failed = manifest.FailedContinuations!.Single();
        Assert.AreEqual("bad_start", failed.Name);
        StringAssert.StartsWith(failed.Message, "Continuation 'bad_start': initial_state: the model's initial state is not an equilibrium at a = 0.5");

        // What a script reading run.json sees; and a run.json without the list (as older runs wrote it) still reads.
        var path = Path.Combine(outDir, RunManifest.FileName);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)))
        {
            var entry = json.RootElement.GetProperty("failedContinuations").EnumerateArray().Single();
            Assert.AreEqual("bad_start", entry.GetProperty("name").GetString());
            Assert.AreEqual(failed.Message, entry.GetProperty("message").GetString());
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node.Remove("failedContinuations");
        File.WriteAllText(path, node.ToJsonString());
        Assert.IsNull(RunManifest.Read(outDir)!.FailedContinuations);
        Assert.AreEqual("good", ExperimentResult.Load(outDir).Continuations.Single().Name);
        node["failedContinuations"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null);
        File.WriteAllText(path, node.ToJsonString());
        var ex = Assert.ThrowsExactly<ResultFileException>(() => RunManifest.Read(outDir));
        StringAssert.Contains(ex.Message, "\"failedContinuations\" is null or holds null");
    }

    [TestMethod]
    public void ARunWithoutFailuresListsNone()
    {
        var outDir = OutDir();
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(QifBifurcation), "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        Assert.IsNull(RunManifest.Read(outDir)!.FailedContinuations);
        Assert.IsFalse(File.ReadAllText(Path.Combine(outDir, RunManifest.FileName)).Contains("failedContinuations", StringComparison.Ordinal));
    }

    [TestMethod]
    public void AContinuationNamedAsAnExplorationIsRefusedBeforeRunning()
    {
        var file = CliRunner.TempFile(File.ReadAllText(CliRunner.Example("qif_eta_sweep.yaml")).Replace("  eq_eta:\n", "  eta_sweep:\n", StringComparison.Ordinal));
        var outDir = OutDir();
        var (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", outDir);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "Continuation 'eta_sweep' has the name of an exploration");
        Assert.IsFalse(Directory.Exists(outDir), "nothing is written");
    }

    [TestMethod]
    public void AResultNamedFiguresIsRefusedWhereTheTwoParameterDiagramGoes()
    {
        var text = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CliRunner.Example("qif_eta_sweep.yaml"))!, "tvbo", "jansen_rit_bifurcation.yaml"));
        var file = CliRunner.TempFile(text.Replace("  hopf_mu_J:\n", "  figures:\n", StringComparison.Ordinal));
        var outDir = OutDir();
        var (exit, _, stderr) = CliRunner.Run("run", file, "--out", outDir);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "'figures' names a result of this run, but DIR/figures/ holds the run's two-parameter bifurcation diagram");
        Assert.IsFalse(Directory.Exists(outDir), "nothing is written");
    }

    [TestMethod]
    public void TheExampleDrawsTheContinuationOverTheSweepAndPlotRedrawsIt()
    {
        var outDir = OutDir();
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("qif_eta_sweep.yaml"), "--backend", "native", "--store", "summary", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "1 exploration(s) and 1 continuation(s) (native)");
        var figure = Path.Combine(outDir, "eq_eta", "figures", "bifurcation_eq_eta.png");
        Assert.AreEqual((800, 600), PngSize(figure));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "eta_sweep", "figures", "bifurcation.png")));
        File.Delete(figure);
        (exit, stdout, stderr) = CliRunner.Run("plot", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "bifurcation_eq_eta.png");
        Assert.AreEqual((800, 600), PngSize(figure));
    }

    [TestMethod]
    public void TheJansenRitStudyDrawsItsCurvesInOnePlaneAndPlotRedrawsIt()
    {
        var outDir = OutDir();
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("tvbo/jansen_rit_bifurcation.yaml"), "--out", outDir, "--figure-format", "png,svg");
        Assert.AreEqual(0, exit, stderr);
        var figure = Path.Combine(outDir, "figures", "bifurcation_mu_J.png");
        StringAssert.Contains(stdout, $"wrote {figure}");
        Assert.AreEqual((800, 600), PngSize(figure));
        var svg = File.ReadAllText(Path.ChangeExtension(figure, ".svg"));
        foreach (var text in new[] { "fold_mu_J", "hopf_mu_J", "LP1", "HB1", "BT1", "GH1", "J = 135" })
        {
            StringAssert.Contains(svg, text);
        }

        var manifest = RunManifest.Read(outDir)!;
        CollectionAssert.IsSubsetOf(new[] { "figures/bifurcation_mu_J.png", "figures/bifurcation_mu_J.svg", "fold_mu_J/figures/bifurcation_fold_mu_J.png" }, manifest.Files.ToArray());
        Assert.AreEqual(RunManifest.Complete, manifest.Status);

        File.Delete(figure);
        (exit, stdout, stderr) = CliRunner.Run("plot", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "bifurcation_mu_J.png");
        Assert.AreEqual((800, 600), PngSize(figure));
        CollectionAssert.Contains(RunManifest.Read(outDir)!.Files.ToArray(), "figures/bifurcation_mu_J.png");

        // A re-run replaces the run's figures as its own (they are listed in run.json).
        (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("tvbo/jansen_rit_bifurcation.yaml"), "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(File.Exists(Path.ChangeExtension(figure, ".svg")), "the earlier run's SVG is gone");
        Assert.IsTrue(File.Exists(figure));
    }

    [TestMethod]
    public void NetCdfRunWritesOneFilePerContinuation()
    {
        var outDir = OutDir();
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.TempFile(QifBifurcation), "--backend", "native", "--out", outDir, "--format", "netcdf", "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "eq_eta.nc");
        CollectionAssert.AreEqual(new[] { "eq_eta.nc" }, RunManifest.Read(outDir)!.Files);
        var csvDir = OutDir();
        (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(QifBifurcation), "--out", csvDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        var fromCsv = ExperimentResult.Load(csvDir).Continuations.Single();
        var fromNetCdf = ExperimentResult.Load(outDir).Continuations.Single();
        Assert.AreEqual(fromCsv.ToString(), fromNetCdf.ToString());
        Assert.AreEqual(string.Join(";", fromCsv.Main.Points.Select(p => string.Join(",", p.State.Select(x => BitConverter.DoubleToInt64Bits(x))))),
            string.Join(";", fromNetCdf.Main.Points.Select(p => string.Join(",", p.State.Select(x => BitConverter.DoubleToInt64Bits(x))))));
    }

    [TestMethod]
    public void PlotDrawsTheContinuationOfANetCdfRun()
    {
        var outDir = OutDir();
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(QifBifurcation), "--out", outDir, "--format", "netcdf", "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        var figure = Path.Combine(outDir, "eq_eta", "figures", "bifurcation_eq_eta.png");
        Assert.IsFalse(File.Exists(figure));
        (exit, var stdout, stderr) = CliRunner.Run("plot", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "bifurcation_eq_eta.png");
        Assert.AreEqual((800, 600), PngSize(figure));
        CollectionAssert.Contains(RunManifest.Read(outDir)!.Files, "eq_eta/figures/bifurcation_eq_eta.png");

        // The file on its own, too.
        File.Delete(figure);
        (exit, _, stderr) = CliRunner.Run("plot", Path.Combine(outDir, "eq_eta.nc"));
        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual((800, 600), PngSize(figure));
    }
}
