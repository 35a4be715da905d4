using System.Diagnostics;
using Tvbo.TestSupport;

namespace Tvbo.Cli.Tests;

/// <summary>The native backend on a real <c>dask scheduler</c> + <c>dask worker</c> started on 127.0.0.1 by the test:
/// shards run as tasks that run this tool on the worker, and the joined files equal a local native run's; a worker
/// without the tool is named.</summary>
[TestClass]
[DoNotParallelize]
public sealed class NativeDaskTests
{
    private const string Python = "/usr/bin/python3";

    private static void RequireDistributed()
    {
        var psi = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import distributed");
        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                Assert.Inconclusive($"Dask's distributed is not importable from {Python} ({p.StandardError.ReadToEnd().Trim().Split('\n')[^1]}); env/setup.sh --with-dask installs it.");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Inconclusive($"{Python} does not exist.");
        }
    }

    [TestMethod]
    public void NativeShardsOnAClusterEqualALocalRunAndAWorkerWithoutTheToolIsNamed()
    {
        RequireDistributed();
        var dir = Directory.CreateTempSubdirectory("tvbo-native-dask-").FullName;
        using var scheduler = DaskProcesses.StartScheduler(Python, dir, out var file);
        Process? worker = null;
        try
        {
            var address = DaskProcesses.WaitForAddress(file, scheduler);

            // A worker without the tool: named in the error, before anything runs.
            worker = DaskProcesses.StartWorker(Python, dir, address, new Dictionary<string, string> { ["TVBO_TOOL"] = "tvbo-not-installed-here" });
            var example = CliRunner.Example(Path.Combine("tvbo", "network_delays.yaml"));
            var (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "native", "--scheduler", address, "--out", Path.Combine(dir, "none"), "--no-figures");
            Assert.AreNotEqual(0, exit);
            StringAssert.Contains(stderr, "without the tvbo tool");
            StringAssert.Contains(stderr, "tvbo-not-installed-here");
            DaskProcesses.Stop(worker);

            var tool = $"dotnet {Path.Combine(AppContext.BaseDirectory, "Tvbo.Cli.dll")}";
            worker = DaskProcesses.StartWorker(Python, dir, address, new Dictionary<string, string> { ["TVBO_TOOL"] = tool });
            (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "native", "--scheduler", address, "--chunk-size", "2", "--out", Path.Combine(dir, "cluster"), "--no-figures");
            Assert.AreEqual(0, exit, stderr);
            (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "native", "--out", Path.Combine(dir, "local"), "--no-figures");
            Assert.AreEqual(0, exit, stderr);
            CollectionAssert.AreEqual(
                File.ReadAllBytes(Path.Combine(dir, "local", "speed", "series.csv")),
                File.ReadAllBytes(Path.Combine(dir, "cluster", "speed", "series.csv")));
        }
        finally
        {
            DaskProcesses.Stop(worker);
            DaskProcesses.Stop(scheduler);
        }
    }
}
