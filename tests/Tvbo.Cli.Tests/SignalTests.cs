using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tvbo.Backends;
using Tvbo.PyRates.Backend;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

/// <summary>Real signals to a real <c>tvbo run</c> process: Ctrl+C (SIGINT) and SIGTERM stop the work, what finished is
/// written with run.json marked partial, nothing is left in the working or temporary folder, and the exit code says
/// which signal; a second Ctrl+C exits at once.</summary>
[TestClass]
public sealed class SignalTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private const string Sweep = """
        model:
          name: QIF
          parameters: {tau: {value: 1.0}, eta: {value: -5.0}, J: {value: 15.0}, Delta: {value: 1.0}}
          state_variables:
            r: {equation: {rhs: "Delta/(tau*pi) + 2*r*v"}, initial_value: 0.1}
            v: {equation: {rhs: "v**2 + eta + J*r*tau - (pi*r*tau)**2"}, initial_value: -2.0}
        integration: {method: euler, duration: DURATION, step_size: 0.005, sampling_step_size: 1.0}
        explorations:
          sweep:
            parameters:
              eta: {domain: {lo: -10.0, hi: -2.0, n: CONDITIONS}}
        """;

    [TestMethod]
    [DataRow(SigInt, 130)]
    [DataRow(SigTerm, 143)]
    public void ANativeRunStopsAndKeepsTheBlocksThatFinished(int signal, int exit)
    {
        if (signal == SigInt)
        {
            RequireSigInt();
        }
        // 200 000 conditions × 100 000 steps: minutes of work, stopped a moment after it starts.
        var run = Start("native", 200_000, 500.0, []);
        run.WaitFor("sweep: ");
        Thread.Sleep(500);
        var latency = run.Signal(signal);
        Assert.AreEqual(exit, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), latency, $"exit {latency.TotalSeconds:F2} s after the signal");
        var result = run.AssertPartial();
        var stopped = result.Failures.Where(f => f.Reason == ConditionFailure.CancelledReason).Select(f => f.Condition).ToHashSet();
        Assert.IsTrue(stopped.Count is > 0 and < 200_000, $"{stopped.Count} conditions stopped");
        var final = result.Summary!.Final.Span;
        for (var c = 0; c < 200_000; c += 97)
        {
            Assert.AreEqual(stopped.Contains(c), double.IsNaN(final[c * 2]), $"condition {c}");
        }
    }

    [TestMethod]
    public void APyRatesRunIsInterruptedInsideItsGridSearchCallAndKeepsFinishedChunks()
    {
        RequireSigInt();
        var python = PythonOrInconclusive();

        // 12 conditions in chunks of 4 × 200 000 steps: the second call is interrupted.
        var run = Start("pyrates", 12, 1000.0, ["--chunk-size", "4", .. python]);
        run.WaitFor("sweep: 33%");
        var latency = run.Signal(SigInt);
        Assert.AreEqual(130, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), latency, $"exit {latency.TotalSeconds:F2} s after the signal");
        var result = run.AssertPartial();
        CollectionAssert.AreEqual(Enumerable.Range(4, 8).ToArray(), result.Failures.Select(f => f.Condition).ToArray());
        Assert.IsTrue(Enumerable.Range(0, 4).All(c => !double.IsNaN(result.Summary!.Final.Span[c * 2])));
    }

    [TestMethod]
    public void CancellingWhileWritingKeepsTheExplorationsWrittenInFull()
    {
        RequireSigInt();
        // Two explorations computed in a moment; the second's 160 MB of series CSV takes seconds to write.
        var run = Start("native", 0, 0, [], """
            model:
              name: M
              parameters: {a: {value: 1.0}}
              state_variables:
                x: {equation: {rhs: "-a*x + sin(t)"}, initial_value: 0.1}
            integration: {method: euler, duration: 100.0, step_size: 0.001}
            explorations:
              first:
                parameters:
                  a: {domain: {lo: 0.0, hi: 1.0, n: 3}}
              second:
                parameters:
                  a: {domain: {lo: 1.0, hi: 2.0, n: 200}}
            """, store: "series");
        run.WaitFor("first/exploration.json");
        var latency = run.Signal(SigInt);
        Assert.AreEqual(130, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), latency, $"exit {latency.TotalSeconds:F2} s after the signal");
        StringAssert.Contains(run.Output, "cancelled while writing");
        var manifest = run.Manifest();
        Assert.AreEqual("partial", manifest.GetProperty("status").GetString());
        Assert.AreEqual("second", manifest.GetProperty("notRun")[0].GetString());
        Assert.IsFalse(Directory.Exists(Path.Combine(run.OutDir, "second")), "the half-written exploration is removed");
        var first = ExplorationResult.Load(Path.Combine(run.OutDir, "first"));
        Assert.AreEqual(3, first.ConditionCount);
        Assert.IsEmpty(first.Failures);
    }

    [TestMethod]
    public void CancellingBeforeAnythingIsWrittenInFullLeavesTheEarlierRunAsItWas()
    {
        RequireSigInt();
        // An earlier run in --out; the new run's one exploration (160 MB of series CSV) is cut while it is written.
        const string Big = """
            model:
              name: M
              parameters: {a: {value: 1.0}}
              state_variables:
                x: {equation: {rhs: "-a*x + sin(t)"}, initial_value: 0.1}
            integration: {method: euler, duration: 100.0, step_size: 0.001}
            explorations:
              sweep:
                parameters:
                  a: {domain: {lo: 1.0, hi: 2.0, n: N}}
            """;
        var earlier = Start("native", 0, 0, [], Big.Replace("N", "2", StringComparison.Ordinal), store: "series");
        Assert.IsTrue(earlier.Process.WaitForExit(TimeSpan.FromMinutes(2)), earlier.Output);
        Assert.AreEqual(0, earlier.Process.ExitCode, earlier.Output);
        var before = Snapshot(earlier.OutDir);

        var run = Start("native", 0, 0, [], Big.Replace("N", "200", StringComparison.Ordinal), store: "series", root: earlier.Root);
        run.WaitFor("exploration(s) in");
        Thread.Sleep(300);
        var latency = run.Signal(SigInt);
        Assert.AreEqual(130, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), latency, $"exit {latency.TotalSeconds:F2} s after the signal");
        StringAssert.Contains(run.Output, "nothing of this run was kept");
        CollectionAssert.AreEqual(before, Snapshot(run.OutDir), "the earlier run, byte for byte, and nothing else (no staging folder)");
        Assert.AreEqual(2, ExplorationResult.Load(Path.Combine(run.OutDir, "sweep")).ConditionCount);
    }

    [TestMethod]
    public void ASignalWhileFiguresAreDrawnIsHonouredAndKeepsWhatWasWritten()
    {
        // Four explorations with figures; SIGTERM as the first exploration's first figure is written.
        var run = Start("native", 0, 0, [], """
            model:
              name: M
              parameters: {a: {value: 1.0}, b: {value: 0.5}}
              state_variables:
                x: {equation: {rhs: "-a*x + b*sin(t)"}, initial_value: 0.1}
                y: {equation: {rhs: "x - y"}, initial_value: 0.0}
            integration: {method: euler, duration: 50.0, step_size: 0.01}
            explorations:
              e1: {parameters: {a: {domain: {lo: 0.5, hi: 2.0, n: 20}}, b: {domain: {lo: 0.1, hi: 1.0, n: 20}}}}
              e2: {parameters: {a: {domain: {lo: 0.5, hi: 2.0, n: 20}}, b: {domain: {lo: 0.1, hi: 1.0, n: 20}}}}
              e3: {parameters: {a: {domain: {lo: 0.5, hi: 2.0, n: 20}}, b: {domain: {lo: 0.1, hi: 1.0, n: 20}}}}
              e4: {parameters: {a: {domain: {lo: 0.5, hi: 2.0, n: 20}}, b: {domain: {lo: 0.1, hi: 1.0, n: 20}}}}
            """, store: "series", figures: true);
        run.WaitFor("e1/figures/");
        var latency = run.Signal(SigTerm);
        Assert.AreEqual(143, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), latency, $"exit {latency.TotalSeconds:F2} s after the signal");
        var manifest = run.Manifest();
        Assert.AreEqual("partial", manifest.GetProperty("status").GetString(), run.Output);
        Assert.AreEqual(400, ExplorationResult.Load(Path.Combine(run.OutDir, "e1")).ConditionCount);
        Assert.IsFalse(Directory.Exists(Path.Combine(run.OutDir, "e4")), run.Output);
        Assert.IsEmpty(Directory.GetDirectories(run.OutDir, ".tvbo-staging-*"), "no staging folder is left");
        var listed = manifest.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).Append("run.json").Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(listed, Snapshot(run.OutDir).Select(e => e.Split('\t')[0]).ToArray(), "run.json lists exactly the files in the folder");
    }

    [TestMethod]
    public void AStagingFolderLeftByAKilledRunIsRemovedByTheNextRun()
    {
        var root = Directory.CreateTempSubdirectory("tvbo-signal-").FullName;
        var stale = Directory.CreateDirectory(Path.Combine(root, "out", ".tvbo-staging-0123456789abcdef0123456789abcdef", "sweep")).FullName;
        File.WriteAllText(Path.Combine(stale, "series.csv"), "t,x\n0,1\n");
        var run = Start("native", 4, 1.0, [], root: root);
        Assert.IsTrue(run.Process.WaitForExit(TimeSpan.FromMinutes(2)), run.Output);
        Assert.AreEqual(0, run.Process.ExitCode, run.Output);
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "out", ".tvbo-staging-0123456789abcdef0123456789abcdef")), run.Output);
        Assert.AreEqual("complete", run.Manifest().GetProperty("status").GetString());
    }

    [TestMethod]
    public void AFolderThatOnlyLooksLikeAStagingFolderIsTheUsers()
    {
        var root = Directory.CreateTempSubdirectory("tvbo-signal-").FullName;
        var mine = Directory.CreateDirectory(Path.Combine(root, "out", ".tvbo-staging-notes")).FullName;
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "mine\n");
        var run = Start("native", 4, 1.0, [], root: root);
        Assert.IsTrue(run.Process.WaitForExit(TimeSpan.FromMinutes(2)), run.Output);
        run.Process.WaitForExit(); // the output read to its end
        Assert.AreEqual(2, run.Process.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "file(s) tvbo did not write");
        Assert.IsTrue(File.Exists(Path.Combine(mine, "notes.txt")));
    }

    /// <summary>Every file under a folder with its SHA-256, relative, sorted.</summary>
    private static string[] Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(folder, f).Replace('\\', '/')}\t{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    [TestMethod]
    public void ASecondCtrlCExitsAtOnce()
    {
        RequireSigInt();
        var python = PythonOrInconclusive();
        var run = Start("pyrates", 4, 1000.0, [.. python]);
        run.WaitFor("sweep: 0%");
        _ = kill(run.Process.Id, SigInt);
        run.WaitFor("cancelling");
        var latency = run.Signal(SigInt);
        Assert.AreEqual(130, run.Process.ExitCode, run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(2), latency);
    }

    [TestMethod]
    public void TwoSigtermsInARowAreOneRequestAndKeepWhatFinished()
    {
        // What GNU timeout sends: SIGTERM to the process, then to its group.
        var run = Start("native", 200_000, 500.0, []);
        run.WaitFor("sweep: ");
        Thread.Sleep(500);
        Assert.AreEqual(0, kill(run.Process.Id, SigTerm));
        Thread.Sleep(20);
        var latency = run.Signal(SigTerm);
        Assert.AreEqual(143, run.Process.ExitCode, run.Output);
        Assert.DoesNotContain("exiting at once", run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(10), latency, $"exit {latency.TotalSeconds:F2} s after the second signal");
        run.AssertPartial();
    }

    [TestMethod]
    public void TwoCtrlCsThatComeTogetherAreOneRequestAndKeepWhatFinished()
    {
        RequireSigInt();
        // Ctrl+C reaching the process twice at once (to it and to its group): the second is the same request (the kernel may
        // also merge the two into one signal).
        var run = Start("native", 200_000, 500.0, []);
        run.WaitFor("sweep: ");
        Thread.Sleep(500);
        Assert.AreEqual(0, kill(run.Process.Id, SigInt));
        var latency = run.Signal(SigInt);
        Assert.AreEqual(130, run.Process.ExitCode, run.Output);
        Assert.DoesNotContain("exiting at once", run.Output);
        Assert.IsLessThan(TimeSpan.FromSeconds(10), latency, $"exit {latency.TotalSeconds:F2} s after the second signal");
        run.AssertPartial();
    }

    /// <summary>Inconclusive where this test run ignores SIGINT (a shell started it in the background, as `cmd &amp;`
    /// does without job control): the processes it starts inherit that and ignore Ctrl+C, as they should.</summary>
    private static void RequireSigInt()
    {
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (Convert.ToUInt64(ignored[7..].Trim(), 16) & (1UL << (SigInt - 1))) != 0)
        {
            Assert.Inconclusive("This test run ignores SIGINT (it was started in the background by a shell), so the tvbo process it starts ignores Ctrl+C too; run the tests in the foreground.");
        }
    }

    private static string[] PythonOrInconclusive()
    {
        try
        {
            var python = new PyRatesBackend().StartPython();
            if (!python.HasPyRates)
            {
                Assert.Inconclusive($"PyRates not importable from {python.DisplayName}: {python.PyRatesError}");
            }

            return python.Executable is { } exe ? ["--python", exe] : [];
        }
        catch (BackendUnavailableException ex)
        {
            Assert.Inconclusive($"No usable Python for the PyRates backend: {ex.Message}");
            return [];
        }
    }

    private static Run Start(string backend, int conditions, double duration, string[] extra, string? experiment = null, string store = "summary", string? root = null, bool figures = false)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("POSIX signals.");
        }

        root ??= Directory.CreateTempSubdirectory("tvbo-signal-").FullName;
        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var file = Path.Combine(root, "sweep.yaml");
        File.WriteAllText(file, experiment ?? Sweep.Replace("DURATION", duration.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("CONDITIONS", conditions.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = work, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "Tvbo.Cli.dll"), "run", file, "--backend", backend, "--out", Path.Combine(root, "out"), "--store", store, .. (figures ? Array.Empty<string>() : ["--no-figures"]), "-v", .. extra])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TMPDIR"] = temp;
        return new Run(Process.Start(psi)!, root, work, temp);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private sealed class Run
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly string _root;
        private readonly string _work;
        private readonly string _temp;

        public Run(Process process, string root, string work, string temp)
        {
            Process = process;
            (_root, _work, _temp) = (root, work, temp);
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Waits until the output holds <paramref name="text"/> (at most 3 minutes).</summary>
        public void WaitFor(string text)
        {
            var clock = Stopwatch.StartNew();
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (Process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(3))
                {
                    Process.WaitForExit();
                    Assert.Fail($"'{text}' never appeared (exit {(Process.HasExited ? Process.ExitCode : -1)}):\n{Output}");
                }

                Thread.Sleep(20);
            }
        }

        /// <summary>Sends the signal; returns the time until the process exited.</summary>
        public TimeSpan Signal(int signal)
        {
            var clock = Stopwatch.StartNew();
            Assert.AreEqual(0, kill(Process.Id, signal));
            if (!Process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"still running 2 minutes after signal {signal}:\n{Output}");
            }

            Process.WaitForExit();
            return clock.Elapsed;
        }

        public string OutDir => Path.Combine(_root, "out");

        public string Root => _root;

        public JsonElement Manifest()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutDir, "run.json")));
            return doc.RootElement.Clone();
        }

        /// <summary>The run folder is marked partial and loads; nothing was left in the working or temporary folder.</summary>
        public ExplorationResult AssertPartial()
        {
            var outDir = Path.Combine(_root, "out");
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
            Assert.AreEqual("partial", manifest.RootElement.GetProperty("status").GetString(), Output);
            Assert.IsEmpty(Directory.GetFileSystemEntries(_work), "the working folder");
            Assert.IsEmpty(Directory.GetFileSystemEntries(_temp), "the temporary folder: " + string.Join(", ", Directory.GetFileSystemEntries(_temp)));
            StringAssert.Contains(Output, "status: partial");
            return ExplorationResult.Load(Path.Combine(outDir, "sweep"));
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
