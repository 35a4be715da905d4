using System.Diagnostics;

namespace Tvbo.TestSupport;

/// <summary>Debian's Python (/usr/bin/python3, with the packages env/setup.sh installs) as a separate process, for
/// independent results computed at test time (numpy, scipy, xarray).</summary>
internal static class DebianPython
{
    /// <summary>The interpreter.</summary>
    public const string Executable = "/usr/bin/python3";

    /// <summary>Runs the interpreter with arguments (a script and its arguments, or <c>-c code</c>), without the
    /// caller's PYTHONPATH/PYTHONHOME, and fails the test after 120 s.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and what it printed.</returns>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new AssertFailedException("python did not finish in 120 s");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Why an import fails (the last line of Python's error), or null when it works.</summary>
    /// <param name="imports">The modules, as an import statement's list (<c>numpy, scipy.signal</c>).</param>
    public static string? Missing(string imports)
    {
        if (!File.Exists(Executable))
        {
            return "no such file";
        }

        var (exit, stdout, stderr) = Run("-c", $"import {imports}");
        return exit == 0 ? null : (stderr.Trim().Split('\n').LastOrDefault() ?? stdout);
    }
}
