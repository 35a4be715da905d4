using System.Text.Json;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

/// <summary>tvbo run's result files: --format, --csv-layout, --overwrite, run.json.</summary>
[TestClass]
public sealed class RunOutputTests
{
    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-out-").FullName;

    private static (int Exit, string Out, string Err) Run(string outDir, params string[] extra) =>
        CliRunner.Run(["run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures", .. extra]);

    [TestMethod]
    public void NetCdfFilesLoadBackAsTheCsvOnesDo()
    {
        string csv = NewDir(), nc = NewDir();
        var (exit, stdout, stderr) = Run(nc, "--format", "netcdf");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, Path.Combine(nc, "mu_sweep.nc"));
        Assert.AreEqual(0, Run(csv).Exit);
        var fromNc = ExplorationResult.Load(Path.Combine(nc, "mu_sweep.nc"));
        var fromCsv = ExplorationResult.Load(Path.Combine(csv, "mu_sweep"));
        Assert.AreEqual("(6, 5000, 2)", fromNc.TimeseriesShape.ToString());
        CollectionAssert.AreEqual(fromCsv.Results.ToArray(), fromNc.Results.ToArray());
        CollectionAssert.AreEqual(fromCsv.Time.ToArray(), fromNc.Time.ToArray());
        Assert.AreEqual("μ sweep", fromNc.Label);
        var meta = ResultFiles.Read(Path.Combine(nc, "mu_sweep.nc")).Metadata;
        Assert.AreEqual("VdP", meta.Model);
        Assert.AreEqual("euler", meta.Method);
        Assert.AreEqual(0.01, meta.StepSize);
        Assert.AreEqual(ResultMetadata.Sha256(CliRunner.Example("vdp_mu_sweep.yaml")), meta.ExperimentSha256);
    }

    [TestMethod]
    public void TheManifestListsCommandVersionsSettingsFilesAndTimes()
    {
        var dir = NewDir();
        var (exit, stdout, stderr) = Run(dir, "--csv-layout", "tidy");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, Path.Combine(dir, "run.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        var root = json.RootElement;
        Assert.AreEqual("complete", root.GetProperty("status").GetString());
        CollectionAssert.Contains(root.GetProperty("command").EnumerateArray().Select(e => e.GetString()).ToArray(), "--csv-layout");
        Assert.AreEqual("native", root.GetProperty("backend").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(root.GetProperty("backendVersion").GetString()));
        Assert.IsTrue(root.GetProperty("software").TryGetProperty("Tvbo", out _));
        Assert.AreEqual(ResultMetadata.Sha256(CliRunner.Example("vdp_mu_sweep.yaml")), root.GetProperty("experiment").GetProperty("sha256").GetString());
        Assert.AreEqual("VdP", root.GetProperty("experiment").GetProperty("model").GetString());
        var settings = root.GetProperty("settings");
        Assert.AreEqual("csv", settings.GetProperty("format").GetString());
        Assert.AreEqual("tidy", settings.GetProperty("csvLayout").GetString());
        Assert.AreEqual("series", settings.GetProperty("store").GetString());
        Assert.AreEqual("euler", settings.GetProperty("integration").GetProperty("method").GetString());
        var exploration = root.GetProperty("explorations")[0];
        Assert.AreEqual("mu_sweep", exploration.GetProperty("name").GetString());
        Assert.AreEqual(6, exploration.GetProperty("conditions").GetInt32());
        var files = exploration.GetProperty("files").EnumerateArray().Select(e => e.GetString()!).ToArray();
        CollectionAssert.AreEquivalent(
            new[] { "mu_sweep/conditions.csv", "mu_sweep/series.csv", "mu_sweep/summary.csv", "mu_sweep/failures.csv", "mu_sweep/exploration.json" },
            files);
        Assert.AreEqual(files.Sum(f => new FileInfo(Path.Combine(dir, f)).Length), exploration.GetProperty("bytes").GetInt64());
        var times = root.GetProperty("wallTimeSeconds");
        Assert.IsTrue(times.GetProperty("total").GetDouble() >= times.GetProperty("write").GetDouble());
        Assert.IsTrue(times.GetProperty("run").GetDouble() > 0);
        Assert.AreEqual("condition,time,x,z", File.ReadLines(Path.Combine(dir, "mu_sweep", "series.csv")).First());
    }

    [TestMethod]
    public void AFolderWithOtherFilesIsRefusedUnlessOverwrite()
    {
        var dir = NewDir();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        var (exit, stdout, stderr) = Run(dir);
        Assert.AreEqual(2, exit, stdout);
        StringAssert.Contains(stderr, "holds 1 file(s) tvbo did not write (notes.txt)");
        StringAssert.Contains(stderr, "pass --overwrite (RunFolderOptions.Overwrite = true)");
        Assert.IsFalse(stdout.Contains("exploration(s) in", StringComparison.Ordinal), "nothing is computed");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "notes.txt")));

        (exit, _, stderr) = Run(dir, "--overwrite");
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "notes.txt")));
        Assert.IsTrue(File.Exists(Path.Combine(dir, "mu_sweep", "series.csv")));
    }

    [TestMethod]
    public void ARunReplacesTheFilesOfTheEarlierRunWithoutMixingThem()
    {
        var dir = NewDir();
        Assert.AreEqual(0, Run(dir).Exit);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "mu_sweep", "series.csv")));

        var (exit, _, stderr) = Run(dir, "--format", "netcdf");
        Assert.AreEqual(0, exit, stderr);
        var files = Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order().ToArray();
        CollectionAssert.AreEqual(new[] { "mu_sweep.nc", "run.json" }, files);
    }

    [TestMethod]
    public void UnusableOutFoldersAreRefusedBeforeComputing()
    {
        var file = Path.Combine(NewDir(), "a-file");
        File.WriteAllText(file, "x");
        var (exit, stdout, stderr) = Run(file);
        Assert.AreEqual(2, exit, stdout);
        StringAssert.Contains(stderr, "is a file");

        // --overwrite never clears the folder holding the experiment file.
        var experiment = CliRunner.TempFile(File.ReadAllText(CliRunner.Example("vdp_mu_sweep.yaml")));
        (exit, _, stderr) = CliRunner.Run("run", experiment, "--backend", "native", "--out", Path.GetDirectoryName(experiment)!, "--overwrite", "--no-figures");
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "an input of this run");
        Assert.IsTrue(File.Exists(experiment));
    }

    [TestMethod]
    [DataRow(new[] { "--format", "hdf" }, "--format must be 'csv' or 'netcdf'")]
    [DataRow(new[] { "--csv-layout", "narrow" }, "--csv-layout must be 'wide', 'long' or 'tidy'")]
    [DataRow(new[] { "--format", "netcdf", "--csv-layout", "long" }, "--csv-layout applies to --format csv only")]
    public void BadOutputOptions(string[] extra, string message)
    {
        var (exit, _, stderr) = Run(NewDir(), extra);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, message);
    }

    [TestMethod]
    public void OutputOptionsNeedOut()
    {
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--format", "netcdf");
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "give --out");
    }
}
