using System.Diagnostics;
using Tvbo.Cli.Tests.Battery;

namespace Tvbo.Cli.Tests;

/// <summary>The file-access policy (<see cref="Tvbo.Files.InputFile"/>): a pipe or a link to a device named like a data
/// file is refused at once, naming the file, instead of blocking or reading without end.</summary>
[TestClass]
public sealed class SpecialFileTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [TestMethod]
    [DataRow("w.csv", "fifo")]
    [DataRow("w.csv", "zero")]
    [DataRow("w.npy", "zero")]
    public void AWeightsFileThatIsAPipeOrADeviceIsRefused(string name, string kind)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-special-").FullName;
        Make(Path.Combine(dir, name), kind);
        var exp = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(exp, BadInputCases.Valid.Replace("integration:", $"network:\n  weights: {name}\nintegration:", StringComparison.Ordinal));
        var (exit, _, stderr) = Within(() => CliRunner.Run("run", exp, "--backend", "native"));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, name);
        StringAssert.Contains(stderr, "not a regular file");
    }

    [TestMethod]
    [DataRow("fifo")]
    [DataRow("zero")]
    public void AnExperimentFileThatIsAPipeOrADeviceIsRefused(string kind)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-special-").FullName;
        var exp = Path.Combine(dir, "exp.yaml");
        Make(exp, kind);
        var (exit, _, stderr) = Within(() => CliRunner.Run("run", exp, "--backend", "native", "--out", Path.Combine(dir, "out")));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "exp.yaml");
        StringAssert.Contains(stderr, "not a regular file");
        Assert.IsFalse(Directory.Exists(Path.Combine(dir, "out")), "nothing is written");
    }

    [TestMethod]
    [DataRow("model", "fifo")]
    [DataRow("model", "zero")]
    [DataRow("include", "fifo")]
    [DataRow("include", "zero")]
    public void AModelFileOrAnIncludeThatIsAPipeOrADeviceIsRefused(string how, string kind)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-special-").FullName;
        Make(Path.Combine(dir, "m.yaml"), kind);
        var exp = Path.Combine(dir, "exp.yaml");
        var rest = BadInputCases.Valid[BadInputCases.Valid.IndexOf("integration:", StringComparison.Ordinal)..];
        File.WriteAllText(exp, (how == "model" ? "model: m.yaml\n" : "model: !include m.yaml\n") + rest);
        var (exit, _, stderr) = Within(() => CliRunner.Run("run", exp, "--backend", "native"));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "exp.yaml:1:");
        StringAssert.Contains(stderr, "m.yaml");
        StringAssert.Contains(stderr, "not a regular file");
    }

    [TestMethod]
    public void TheLibraryRefusesAPipeNamedLikeAnExperimentAtOnce()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-special-").FullName;
        var exp = Path.Combine(dir, "exp.yaml");
        Make(exp, "fifo");
        var task = Task.Run(() => Tvbo.Experiment.SimulationExperiment.Load(exp));
        var ex = Assert.ThrowsExactly<AggregateException>(() => task.Wait(Limit));
        var error = ex.InnerException as Tvbo.Files.TvboFileException ?? throw new AssertFailedException($"not a TvboFileException: {ex.InnerException}");
        Assert.AreEqual(exp, error.File);
        StringAssert.Contains(error.Problem, "is not a regular file but a pipe (FIFO)");
    }

    [TestMethod]
    [DataRow("fifo")]
    [DataRow("zero")]
    public void AResultFileThatIsAPipeOrADeviceIsRefused(string kind)
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-special-out-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        var series = Path.Combine(outDir, "mu_sweep", "series.csv");
        File.Delete(series);
        Make(series, kind);
        (exit, _, stderr) = Within(() => CliRunner.Run("plot", outDir));
        Assert.AreNotEqual(0, exit, stderr);
        StringAssert.Contains(stderr, "series.csv");
        StringAssert.Contains(stderr, "not a regular file");
    }

    [TestMethod]
    public void ARunManifestThatIsAPipeIsRefused()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-special-manifest-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        File.Delete(Path.Combine(outDir, "run.json"));
        Make(Path.Combine(outDir, "run.json"), "fifo");
        var task = Task.Run(() => Tvbo.Results.ExperimentResult.Load(outDir));
        var ex = Assert.ThrowsExactly<AggregateException>(() => task.Wait(Limit));
        StringAssert.Contains(ex.InnerException!.Message, "run.json");
        StringAssert.Contains(ex.InnerException.Message, "not a regular file");
    }

    private static void Make(string path, string kind)
    {
        if (kind == "zero")
        {
            File.CreateSymbolicLink(path, "/dev/zero");
            return;
        }

        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true }) ?? throw new AssertInconclusiveException("mkfifo cannot be started");
        mkfifo.WaitForExit();
        Assert.AreEqual(0, mkfifo.ExitCode, mkfifo.StandardError.ReadToEnd());
    }

    private static (int Exit, string Out, string Err) Within(Func<(int, string, string)> run)
    {
        var task = Task.Run(run);
        Assert.IsTrue(task.Wait(Limit), $"no answer within {Limit.TotalSeconds} s: the file was opened");
        return task.Result;
    }
}
