using System.Diagnostics;
using System.Text.Json;
using Tvbo.Backends;

namespace Tvbo.PyRates.Runtime;

/// <summary>
/// Finds the Python interpreter to embed. In order: an explicit executable (<see cref="Backend.PyRatesBackendOptions.PythonExecutable"/>),
/// the environment variable <c>TVBO_PYTHON</c> (a python executable), <c>PYTHONNET_PYDLL</c> (a libpython), then
/// <c>python3</c> and <c>python</c> on <c>PATH</c> and <c>/usr/bin/python3</c>. Each executable is asked (in a
/// subprocess) for its version, its shared libpython (<c>sysconfig</c> <c>LIBDIR</c> + <c>INSTSONAME</c>/<c>LDLIBRARY</c>),
/// <c>sys.path</c>, and whether numpy, pandas and PyRates import. Among the automatic candidates one that imports
/// PyRates wins, then one that imports numpy and pandas. An explicit choice is used as given or rejected
/// with the reason, never replaced by another.
/// </summary>
public static class PythonLocator
{
    /// <summary>The environment variable naming the python executable to use.</summary>
    public const string PythonVariable = "TVBO_PYTHON";

    /// <summary>pythonnet's environment variable naming the libpython to load.</summary>
    public const string PyDllVariable = "PYTHONNET_PYDLL";

    /// <summary>How to install what is missing.</summary>
    public const string InstallHint =
        "Run env/setup.sh from the Tvbo.PyRates repository (Debian/Ubuntu: apt packages python3 python3-numpy python3-scipy " +
        "python3-pandas python3-sympy python3-networkx python3-ruamel.yaml libpython3-dev, then 'pip install pyrates==1.2.3'; " +
        "elsewhere: 'conda env create -f environment.yml'), or point TVBO_PYTHON at a python that imports numpy, pandas and pyrates.";

    private const string ProbeScript = "import json, sys; sys.path.insert(0, sys.argv[1]); import tvbo_pyrates; print('TVBO-PROBE' + json.dumps(tvbo_pyrates.probe(imports=False)))";

    /// <summary>Finds the interpreter to embed.</summary>
    /// <param name="explicitExecutable">A python executable chosen by the caller, or <see langword="null"/>.</param>
    /// <returns>The interpreter (it imports numpy and pandas; check <see cref="PythonInterpreter.HasPyRates"/>).</returns>
    /// <exception cref="BackendUnavailableException">No usable interpreter; the message lists every candidate tried,
    /// why it was rejected, and how to install Python, numpy, pandas and PyRates.</exception>
    public static PythonInterpreter Locate(string? explicitExecutable = null)
    {
        var tried = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitExecutable))
        {
            return Require(explicitExecutable, "option", tried);
        }

        if (Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } fromEnv)
        {
            return Require(fromEnv, PythonVariable, tried);
        }

        if (Environment.GetEnvironmentVariable(PyDllVariable) is { Length: > 0 } dll)
        {
            if (File.Exists(dll))
            {
                // Only the library is known: its interpreter's own defaults decide sys.path; numpy is checked after start.
                return new PythonInterpreter(null, "unknown", dll, [], "unchecked", "unchecked", null, "not checked (PYTHONNET_PYDLL gives no executable to ask)", PyDllVariable);
            }

            tried.Add($"{PyDllVariable}={dll}: no such file");
        }

        return FirstUsable(Candidates(), tried);
    }

    // python3 and python in each PATH folder, in order, then /usr/bin/python3.
    private static List<string> Candidates()
    {
        var candidates = new List<string>();
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var exe in new[] { "python3", "python" })
            {
                var path = Path.Combine(dir, exe);
                if (File.Exists(path) && !candidates.Contains(path))
                {
                    candidates.Add(path);
                }
            }
        }

        if (File.Exists("/usr/bin/python3") && !candidates.Contains("/usr/bin/python3"))
        {
            candidates.Add("/usr/bin/python3");
        }

        return candidates;
    }

    // The first candidate that imports PyRates, else the first usable one; every candidate tried is listed in the error.
    private static PythonInterpreter FirstUsable(List<string> candidates, List<string> tried)
    {
        var usable = new List<PythonInterpreter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var source = candidate == "/usr/bin/python3" && !IsOnPath(candidate) ? "system" : "PATH";
            var (interpreter, reason) = Probe(candidate, source);
            if (interpreter is null)
            {
                tried.Add($"{candidate}: {reason}");
                continue;
            }

            if (!seen.Add(interpreter.Executable ?? candidate))
            {
                continue;
            }

            tried.Add($"{candidate}: usable, PyRates {(interpreter.HasPyRates ? interpreter.PyRatesVersion : "not importable (" + interpreter.PyRatesError + ")")}");
            if (interpreter.HasPyRates)
            {
                return interpreter;
            }

            usable.Add(interpreter);
        }

        return usable.Count > 0
            ? usable[0]
            : throw new BackendUnavailableException("pyrates", $"No usable Python found for the PyRates backend (it needs a shared libpython, numpy and pandas; PyRates for runs). Tried:\n  {string.Join("\n  ", tried.DefaultIfEmpty("nothing: no python3 or python on PATH, no /usr/bin/python3"))}\n{InstallHint}");
    }

    private static bool IsOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => Path.Combine(d, Path.GetFileName(file)) == file);

    private static PythonInterpreter Require(string executable, string source, List<string> tried)
    {
        // An interpreter named explicitly is used as it is: a cached answer (when it had PyRates) saves the subprocess.
        if (File.Exists(executable) && ProbeCache.Read(executable) is { } cached && Parse(cached, executable, source).Interpreter is { HasPyRates: true } known)
        {
            return known;
        }

        var (interpreter, reason) = Probe(executable, source);
        if (interpreter is { HasPyRates: true } && LastAnswer is { } answer)
        {
            ProbeCache.Write(executable, answer);
        }

        if (interpreter is not null)
        {
            return interpreter;
        }

        tried.Add($"{executable}: {reason}");
        throw new BackendUnavailableException("pyrates", $"The Python chosen through {(source == "option" ? "--python (PyRatesBackendOptions.PythonExecutable)" : source)} cannot be used:\n  {string.Join("\n  ", tried)}\n{InstallHint}");
    }

    /// <summary>Asks one executable about itself. Returns the interpreter, or null and why it is not usable.</summary>
    internal static (PythonInterpreter? Interpreter, string Reason) Probe(string executable, string source)
    {
        if (!File.Exists(executable))
        {
            return (null, "no such file");
        }

        var (stdout, stderr, failure) = RunProbeScript(executable);
        if (failure is not null)
        {
            return (null, failure);
        }

        var marker = stdout.LastIndexOf("TVBO-PROBE", StringComparison.Ordinal);
        if (marker < 0)
        {
            return (null, $"gave no answer to the probe: {LastLine(stdout + stderr)}");
        }

        LastAnswer = stdout[(marker + "TVBO-PROBE".Length)..].Trim();
        return Parse(LastAnswer, executable, source);
    }

    // Runs the probe script in a subprocess: its output, or why it gave none.
    private static (string Stdout, string Stderr, string? Failure) RunProbeScript(string executable)
    {
        try
        {
            var psi = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(ProbeScript);
            psi.ArgumentList.Add(BridgePackage.Directory());
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("the process did not start");
            process.StandardInput.Close();
            var outTask = process.StandardOutput.ReadToEndAsync();
            var errTask = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return (string.Empty, string.Empty, "did not answer within 60 s");
            }

            var stdout = outTask.GetAwaiter().GetResult();
            var stderr = errTask.GetAwaiter().GetResult();
            return (stdout, stderr, process.ExitCode != 0 ? $"exited with code {process.ExitCode}: {LastLine(stderr)}" : null);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (string.Empty, string.Empty, $"could not be started ({ex.Message})");
        }
    }

    /// <summary>The JSON answer of the last subprocess probe on this thread (for the cache).</summary>
    [ThreadStatic]
    private static string? LastAnswer;

    /// <summary>Reads a probe answer into an interpreter, or the reason it cannot be used.</summary>
    private static (PythonInterpreter? Interpreter, string Reason) Parse(string answer, string executable, string source)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(answer);
        }
        catch (JsonException ex)
        {
            return (null, $"gave an unreadable answer to the probe ({ex.Message})");
        }

        using var _ = json;
        var root = json.RootElement;
        string? Get(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var version = Get("version") ?? "unknown";
        if (Get("numpy") is null)
        {
            return (null, $"Python {version} cannot import numpy ({Get("numpy_error")})");
        }

        if (Get("pandas") is null)
        {
            return (null, $"Python {version} cannot import pandas ({Get("pandas_error")})");
        }

        var library = FindLibrary(Get("libdir"), Get("instsoname"), Get("ldlibrary"), version, Get("multiarch"));
        if (library is null)
        {
            return (null, $"Python {version} has no shared libpython (LIBDIR={Get("libdir")}, INSTSONAME={Get("instsoname")}, LDLIBRARY={Get("ldlibrary")}, Py_ENABLE_SHARED={(root.TryGetProperty("shared", out var s) ? s.ToString() : "?")}); install libpython3-dev / libpython{Major(version)} or use a python built with --enable-shared");
        }

        var path = root.TryGetProperty("path", out var p) ? p.EnumerateArray().Select(e => e.GetString() ?? string.Empty).Where(e => e.Length > 0).ToArray() : [];
        return (new PythonInterpreter(Get("executable") ?? executable, version, library, path, Get("numpy"), Get("pandas"), Get("pyrates"), Get("pyrates_error"), source), "usable");
    }

    private static string Major(string version) => string.Join('.', version.Split('.').Take(2));

    private static string? FindLibrary(string? libdir, string? instsoname, string? ldlibrary, string version, string? multiarch)
    {
        var dirs = new List<string>();
        if (!string.IsNullOrEmpty(libdir))
        {
            dirs.Add(libdir);
            if (!string.IsNullOrEmpty(multiarch))
            {
                dirs.Add(Path.Combine(libdir, multiarch));
            }
        }

        var names = new[] { instsoname, ldlibrary, $"libpython{Major(version)}.so.1.0", $"libpython{Major(version)}.so", $"libpython{Major(version)}.dylib" }
            .Where(n => !string.IsNullOrEmpty(n) && !n.EndsWith(".a", StringComparison.Ordinal))
            .Distinct();
        foreach (var dir in dirs)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name!);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : lines[^1];
    }
}
