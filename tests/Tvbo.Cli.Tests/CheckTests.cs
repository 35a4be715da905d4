using Tvbo.Planning;
using System.Text.Json;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Native;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

[TestClass]
public sealed class CheckTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The native backend with one sample of condition 2 (variable 0) changed by 1e-6: a disagreement.</summary>
    private sealed class PerturbedBackend : ISimulationBackend
    {
        public const string BackendName = "perturbed-native";

        public string Name => BackendName;

        public ExplorationResult RunExploration(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
        {
            var r = new NativeBackend().RunExploration(job, progress, cancellationToken);
            var data = r.Results.ToArray();
            data[((2 * r.SampleCount) + 1000) * r.OutputNames.Count] += 1e-6;
            return new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, data, null, r.Failures, BackendName);
        }
    }

    [ClassInitialize]
    public static void Register(TestContext _) => BackendRegistry.Register(new PerturbedBackend());

    [TestMethod]
    public void TwoNativeRunsAgreeAndExitZero()
    {
        var (exit, stdout, stderr) = CliRunner.Run("check", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", "native,native");
        TestContext.WriteLine(stdout);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "## Cross-check: native (A) vs native (B)");
        StringAssert.Contains(stdout, "**PASSED**: 6 conditions in 1 exploration: 6 agree.");
        StringAssert.Contains(stdout, "| mu_sweep | x | 6 | 6 | 0 | 0 | 0 |");
    }

    [TestMethod]
    public void ANetCdfRunFolderWithFiguresDrawnLaterIsStillComparedByItsFile()
    {
        // 'tvbo plot' draws a NetCDF run's figures into DIR/<exploration>/figures, beside DIR/<exploration>.nc: the
        // exploration is still the .nc file.
        var dir = Directory.CreateTempSubdirectory("tvbo-check-").FullName;
        var run = Path.Combine(dir, "run");
        Assert.AreEqual(0, CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", run, "--format", "netcdf", "--no-figures").Exit);
        var (plotExit, _, plotErr) = CliRunner.Run("plot", run);
        Assert.AreEqual(0, plotExit, plotErr);
        Assert.IsTrue(Directory.Exists(Path.Combine(run, "mu_sweep", "figures")));
        var (exit, stdout, stderr) = CliRunner.Run("check", run, run);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "6 agree");
    }

    [TestMethod]
    public void ADisagreementExitsThreeAndNamesConditionVariableAndTime()
    {
        var (exit, stdout, stderr) = CliRunner.Run("check", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", $"native,{PerturbedBackend.BackendName}");
        TestContext.WriteLine(stdout);
        Assert.AreEqual(3, exit, stderr);
        StringAssert.Contains(stdout, "**FAILED**: 1 of 6 conditions in 1 exploration disagree");
        StringAssert.Contains(stdout, "**mu_sweep #2 (mu = 4.06)**: systematic difference in x: x differs by 1e-6 at t = 10 ");
    }

    [TestMethod]
    public void JsonAndOutWriteTheReportsAndBothResults()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-check-").FullName;
        var json = Path.Combine(dir, "sub", "check.json");
        var outDir = Path.Combine(dir, "out");
        var (exit, stdout, stderr) = CliRunner.Run("check", CliRunner.Example("fhn_sweep.yaml"), "--backends", "native,native", "--json", json, "--out", outDir, "--tol-abs", "1e-12", "--tol-rel", "0");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "≤ 1e-12 + 0 × scale");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.AreEqual(1e-12, doc.RootElement.GetProperty("tolerance").GetProperty("absolute").GetDouble());
        Assert.AreEqual(9, doc.RootElement.GetProperty("counts").GetProperty("agree").GetInt32());
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "check.md")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "check.json")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "native-A", "a_x_I", "series.csv")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "native-B", "a_x_I", "exploration.json")));
    }

    [TestMethod]
    public void TwoStoredRunFoldersAreCompared()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-check-").FullName;
        string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
        foreach (var d in new[] { a, b })
        {
            var (runExit, _, runErr) = CliRunner.Run("run", CliRunner.Example("fhn_sweep.yaml"), "--backend", "native", "--out", d);
            Assert.AreEqual(0, runExit, runErr);
        }

        var (exit, stdout, stderr) = CliRunner.Run("check", a, b);
        TestContext.WriteLine(stdout);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "## Cross-check: native (a) vs native (b)");
        StringAssert.Contains(stdout, "**PASSED**: 9 conditions in 1 exploration: 9 agree.");

        // One exploration's folder against another's works too.
        (exit, _, stderr) = CliRunner.Run("check", Path.Combine(a, "a_x_I"), Path.Combine(b, "a_x_I"));
        Assert.AreEqual(0, exit, stderr);
    }

    [TestMethod]
    public void TheFoldersWrittenByCheckOutCanBeCheckedAgain()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-check-").FullName;
        var (exit, _, stderr) = CliRunner.Run("check", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", $"native,{PerturbedBackend.BackendName}", "--out", outDir);
        Assert.AreEqual(3, exit, stderr);
        var (again, stdout, stderr2) = CliRunner.Run("check", Path.Combine(outDir, "native"), Path.Combine(outDir, PerturbedBackend.BackendName), "--json", Path.Combine(outDir, "again.json"));
        TestContext.WriteLine(stdout);
        Assert.AreEqual(3, again, stderr2);
        StringAssert.Contains(stdout, "**mu_sweep #2 (mu = 4.06)**: systematic difference in x: x differs by 1e-6 at t = 10 ");
    }

    [TestMethod]
    public void StoredResultsOfDifferentExperimentsAreBadInput()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-check-").FullName;
        string a = Path.Combine(dir, "vdp"), b = Path.Combine(dir, "fhn");
        Assert.AreEqual(0, CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", a).Exit);
        Assert.AreEqual(0, CliRunner.Run("run", CliRunner.Example("fhn_sweep.yaml"), "--backend", "native", "--out", b).Exit);
        var (exit, _, stderr) = CliRunner.Run("check", a, b);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "The two results hold different explorations: native (vdp) has (mu_sweep), native (fhn) has (a_x_I)");
        (exit, _, stderr) = CliRunner.Run("check", Path.Combine(a, "mu_sweep"), Path.Combine(b, "a_x_I"));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "the grids differ");
        (exit, _, stderr) = CliRunner.Run("check", a, Path.Combine(dir, "nothing"));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "does not exist");
    }

    [TestMethod]
    public void CompareIsTheSameCheckWithAnAbsoluteTolerance()
    {
        var (exit, stdout, stderr) = CliRunner.Run("compare", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", "native,native", "--tolerance", "1e-9");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "≤ 1e-9 + 0 × scale");
        (exit, _, stderr) = CliRunner.Run("compare", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", $"{PerturbedBackend.BackendName},native");
        Assert.AreEqual(3, exit, stderr);
    }

    [TestMethod]
    public void BadInputExitsTwo()
    {
        var vdp = CliRunner.Example("vdp_mu_sweep.yaml");
        var (exit, _, stderr) = CliRunner.Run("check", vdp, "--backends", "native");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "--backends takes two names");
        (exit, _, stderr) = CliRunner.Run("check", vdp, "--backends", "native,native", "--tol-abs", "-1");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "The tolerance must be finite and at least 0");
        (exit, _, stderr) = CliRunner.Run("check", vdp, "--backends", "native,native", "--tolerance", "1e-9");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "'check' does not take --tolerance");
        (exit, _, stderr) = CliRunner.Run("check", vdp, "--backends", "native,nosuch");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "No backend named 'nosuch'");
        (exit, _, stderr) = CliRunner.Run("check");
        Assert.AreEqual(2, exit);
    }

    [TestMethod]
    public void ABackendThatCannotRunExitsOne()
    {
        var (exit, _, stderr) = CliRunner.Run("check", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", "native,pyrates", "--python", "/nonexistent/python3");
        Assert.AreEqual(1, exit, stderr);
        StringAssert.Contains(stderr, "/nonexistent/python3");
    }
}
