using System.Diagnostics;

namespace Tvbo.TestSupport;

/// <summary>A real <c>dask scheduler</c> and <c>dask worker</c> started on 127.0.0.1 by a test, with Python's
/// <c>distributed</c> command-line modules.</summary>
internal static class DaskProcesses
{
    /// <summary>Starts <paramref name="python"/> with <paramref name="args"/> in <paramref name="dir"/>, its output drained.</summary>
    public static Process Start(string python, string dir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(python) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
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

    /// <summary>Starts a scheduler on 127.0.0.1 (any free port) writing its address to a file in <paramref name="dir"/>.</summary>
    public static Process StartScheduler(string python, string dir, out string schedulerFile)
    {
        schedulerFile = Path.Combine(dir, "scheduler.json");
        return Start(python, dir, null, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", schedulerFile);
    }

    /// <summary>Starts a single-threaded worker of the scheduler at <paramref name="address"/>.</summary>
    public static Process StartWorker(string python, string dir, string address, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(python, dir, environment, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1");

    /// <summary>The scheduler's address, once it has written its file (at most 30 s).</summary>
    public static string WaitForAddress(string file, Process scheduler)
    {
        for (var i = 0; i < 300; i++)
        {
            if (scheduler.HasExited)
            {
                Assert.Fail($"dask scheduler exited with code {scheduler.ExitCode}");
            }

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

    /// <summary>Ends a process and its children.</summary>
    public static void Stop(Process? p)
    {
        if (p is null)
        {
            return;
        }

        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
