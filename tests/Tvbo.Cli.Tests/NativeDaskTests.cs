using System.Diagnostics;

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

    private static Process Start(string dir, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        return p;
    }

    private static string WaitForAddress(string file, Process scheduler)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.IsFalse(scheduler.HasExited, "dask scheduler exited");
            if (File.Exists(file))
            {
                try
                {
                    using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
                    return doc.RootElement.GetProperty("address").GetString()!;
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException)
                {
                    // Still being written.
                }
            }

            Thread.Sleep(100);
        }

        Assert.Fail("dask scheduler did not write its address within 30 s");
        return string.Empty;
    }

    private static void Stop(Process? p)
    {
        if (p is { HasExited: false })
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }

        p?.Dispose();
    }

    [TestMethod]
    public void NativeShardsOnAClusterEqualALocalRunAndAWorkerWithoutTheToolIsNamed()
    {
        RequireDistributed();
        var dir = Directory.CreateTempSubdirectory("tvbo-native-dask-").FullName;
        var file = Path.Combine(dir, "scheduler.json");
        using var scheduler = Start(dir, new Dictionary<string, string>(), "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", file);
        Process? worker = null;
        try
        {
            var address = WaitForAddress(file, scheduler);

            // A worker without the tool: named in the error, before anything runs.
            worker = Start(dir, new Dictionary<string, string> { ["TVBO_TOOL"] = "tvbo-not-installed-here" }, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1");
            var example = CliRunner.Example(Path.Combine("tvbo", "network_delays.yaml"));
            var (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "native", "--scheduler", address, "--out", Path.Combine(dir, "none"), "--no-figures");
            Assert.AreNotEqual(0, exit);
            StringAssert.Contains(stderr, "without the tvbo tool");
            StringAssert.Contains(stderr, "tvbo-not-installed-here");
            Stop(worker);

            var tool = $"dotnet {Path.Combine(AppContext.BaseDirectory, "Tvbo.Cli.dll")}";
            worker = Start(dir, new Dictionary<string, string> { ["TVBO_TOOL"] = tool }, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1");
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
            Stop(worker);
            Stop(scheduler);
        }
    }
}
