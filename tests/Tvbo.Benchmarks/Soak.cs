using System.Diagnostics;
using System.Globalization;
using Python.Runtime;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Runtime;
using Tvbo.TestSupport;

namespace Tvbo.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Tvbo.Benchmarks -- soak [RUNS]</c>: a long-lived process running RUNS
/// (default 300) PyRates explorations of different models, one after the other, as a service or a notebook kernel
/// would. Every 10 runs it prints the resident memory, the managed heap, and the embedded interpreter's state
/// (sys.path entries, sys.modules, objects tracked by Python's garbage collector), and what is in the working and
/// temporary folders; at the end, the growth after warm-up (run 50).
/// </summary>
internal static class Soak
{
    public static int Run(int runs)
    {
        var runtime = PythonRuntime.Start();
        if (!runtime.HasPyRates)
        {
            Console.Error.WriteLine($"PyRates not importable from {runtime.Interpreter.DisplayName}: {runtime.PyRatesError}");
            return 1;
        }

        var cwd = Directory.CreateTempSubdirectory("tvbo-soak-").FullName;
        Environment.CurrentDirectory = cwd;
        var temp = Path.GetTempPath();
        var tempBefore = Directory.GetDirectories(temp, "tvbo_pyrates_*").Length;
        var backend = new PyRatesBackend();
        Console.WriteLine("run,seconds,rss_mib,managed_mib,sys_path,sys_modules,gc_objects,cwd_entries,temp_dirs");
        var rows = new List<(int Run, double Rss, int Path, int Modules, int Objects)>();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= runs; i++)
        {
            var exp = SoakModels.Experiment(i);
            var r = exp.Run(backend).Explorations["sweep"];
            if (r.Failures.Count > 0)
            {
                Console.Error.WriteLine($"run {i}: {r.Failures.Count} failures: {r.Failures[0]}");
            }

            if (i % 10 == 0 || i == 1)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var (path, modules, objects) = runtime.Invoke(() =>
                {
                    using var gc = Py.Import("gc");
                    gc.InvokeMethod("collect").Dispose();
                    using var sys = Py.Import("sys");
                    using var p = sys.GetAttr("path");
                    using var m = sys.GetAttr("modules");
                    using var o = gc.InvokeMethod("get_objects");
                    return (p.Length(), m.Length(), o.Length());
                });
                using var self = Process.GetCurrentProcess();
                var rss = self.WorkingSet64 / 1048576.0;
                rows.Add((i, rss, (int)path, (int)modules, (int)objects));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},{clock.Elapsed.TotalSeconds:F1},{rss:F1},{GC.GetTotalMemory(false) / 1048576.0:F1},{path},{modules},{objects},{Directory.GetFileSystemEntries(cwd).Length},{Directory.GetDirectories(temp, "tvbo_pyrates_*").Length - tempBefore}"));
            }
        }

        var warm = rows.FirstOrDefault(r => r.Run >= 50);
        var last = rows[^1];
        if (warm.Run > 0 && last.Run > warm.Run)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after warm-up (run {warm.Run} to {last.Run}): RSS {warm.Rss:F1} -> {last.Rss:F1} MiB ({100 * (last.Rss - warm.Rss) / warm.Rss:+0.0;-0.0} %, {1024 * (last.Rss - warm.Rss) / (last.Run - warm.Run):F1} KiB per run), sys.path {warm.Path} -> {last.Path}, sys.modules {warm.Modules} -> {last.Modules}, gc objects {warm.Objects} -> {last.Objects}"));
        }

        Directory.Delete(cwd, recursive: true);
        return 0;
    }
}
