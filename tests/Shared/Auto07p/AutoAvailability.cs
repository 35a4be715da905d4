using System.Diagnostics;

namespace Tvbo.TestSupport.Auto07p;

/// <summary>Whether AUTO-07p can run here: Debian's package <c>auto-07p</c> (its Python interface under
/// <see cref="AutoDirectory"/>), <c>/usr/bin/python3</c> with numpy, and gfortran (AUTO compiles each equations file).
/// Checked once per test run; tests that need AUTO call <see cref="SkipUnlessAvailable"/>.</summary>
internal static class AutoAvailability
{
    /// <summary>The interpreter the driver runs in (the system one, which has Debian's numpy).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Why = new(Probe);

    /// <summary>AUTO's folder: AUTO_DIR when set, else where Debian installs it.</summary>
    public static string AutoDirectory =>
        Environment.GetEnvironmentVariable("AUTO_DIR") is { Length: > 0 } d ? d : "/usr/lib/auto-07p";

    /// <summary>Why AUTO cannot run here, or null when it can.</summary>
    public static string? Reason => Why.Value;

    /// <summary>Whether AUTO runs here.</summary>
    public static bool IsAvailable => Reason is null;

    /// <summary>Ends the test as inconclusive, with the reason, when AUTO cannot run here.</summary>
    public static void SkipUnlessAvailable()
    {
        if (Reason is { } why)
        {
            Assert.Inconclusive($"AUTO-07p is not available: {why} (env/setup.sh installs the Debian package auto-07p and gfortran).");
        }
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist";
        }

        var init = Path.Combine(AutoDirectory, "python", "auto", "__init__.py");
        if (!File.Exists(init))
        {
            return $"{init} does not exist (the Debian package auto-07p is not installed)";
        }

        if (!Directory.Exists(Path.Combine(AutoDirectory, "lib")))
        {
            return $"{Path.Combine(AutoDirectory, "lib")} does not exist";
        }

        if (FindOnPath("gfortran") is null)
        {
            return "gfortran is not on PATH (AUTO compiles the equations with it)";
        }

        // The driver's own preamble: numpy (with the alias the Debian interface needs) and AUTO's module.
        var code = $"import sys; sys.path.insert(0, '{Path.Combine(AutoDirectory, "python")}'); import numpy; " +
                   "numpy.__dict__.setdefault('bool', numpy.bool_); sys.stdout = sys.stderr; import auto; print('ok', file=sys.__stdout__)";
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["AUTO_DIR"] = AutoDirectory;
        try
        {
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000))
            {
                p.Kill(entireProcessTree: true);
                return "importing AUTO's Python module took more than 60 s";
            }

            return p.ExitCode == 0 && stdout.Result.Contains("ok", StringComparison.Ordinal) ? null
                : $"'import auto' fails: {stderr.Result.Trim().Split('\n').LastOrDefault()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Python} cannot start: {ex.Message}";
        }
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    /// <param name="program">The program's name.</param>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
