using System.Diagnostics;
using System.Text;

namespace Tvbo.Packaging.Tests;

/// <summary>Runs the dotnet CLI (the one running the tests) and other commands as child processes.</summary>
internal static class Dotnet
{
    /// <summary>Variables that a test host started by 'dotnet test' inherits from MSBuild and that would steer the
    /// child's own MSBuild.</summary>
    private static readonly string[] Inherited = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    public static string Executable { get; } = Locate();

    /// <summary>Runs <c>dotnet args</c> in <paramref name="directory"/>; fails the test with the output when it fails.</summary>
    public static string Run(TestContext context, string directory, TimeSpan timeout, params string[] args) =>
        Exec(context, directory, timeout, Executable, args);

    /// <summary>The machine's NuGet global packages folder (what a restore on this machine uses).</summary>
    public static string GlobalPackagesFolder(TestContext context, string directory)
    {
        var output = Run(context, directory, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
        const string key = "global-packages:";
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            ?? throw new AssertFailedException($"'dotnet nuget locals global-packages --list' printed no folder:\n{output}");
        return line[key.Length..].Trim();
    }

    /// <summary>Runs a program; fails the test with its output when it exits non-zero or outlives the timeout.</summary>
    public static string Exec(TestContext context, string directory, TimeSpan timeout, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // Build nodes that outlive the command would keep its output pipes open (and the test waiting).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        var output = new StringBuilder();
        var closed = new CountdownEvent(2);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        // A server the command started (the compiler's) may hold the pipes after the command has exited.
        closed.Wait(TimeSpan.FromSeconds(5));
        var text = Text();
        var line = $"{Path.GetFileName(program)} {string.Join(' ', args)}";
        context.WriteLine($"[{watch.Elapsed.TotalSeconds:F1} s] {line}");
        if (!exited)
        {
            throw new AssertFailedException($"'{line}' did not finish within {timeout.TotalMinutes} min:\n{text}");
        }

        if (process.ExitCode != 0)
        {
            throw new AssertFailedException($"'{line}' exited with {process.ExitCode} in {directory}:\n{text}");
        }

        return text;

        void Append(string? data)
        {
            if (data is null)
            {
                closed.Signal();
                return;
            }

            lock (output)
            {
                output.AppendLine(data);
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static string Locate()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return "dotnet";
    }
}
