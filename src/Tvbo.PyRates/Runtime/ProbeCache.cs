using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tvbo.PyRates.Runtime;

/// <summary>
/// Remembers an interpreter's probe answer (its shared library, search path and module versions) between processes,
/// so a process whose interpreter is given explicitly (option or <c>TVBO_PYTHON</c>) starts no subprocess at all.
/// An entry is keyed by the executable's resolved path and is valid while the executable's size and modification
/// time and the bridge package's files are unchanged; only answers that found PyRates are stored (a missing PyRates
/// is always looked for again, so installing it is noticed at once). The folder is
/// <c>$XDG_CACHE_HOME/tvbo-pyrates</c> (or <c>~/.cache/tvbo-pyrates</c>); <c>TVBO_PROBE_CACHE=0</c> turns it off.
/// Any problem reading or writing it is ignored: the cache only saves time.
/// </summary>
internal static class ProbeCache
{
    /// <summary>Set to <c>0</c> to turn the cache off.</summary>
    public const string Variable = "TVBO_PROBE_CACHE";

    /// <summary>The cached probe output (the JSON after the marker) for an executable, or <see langword="null"/>.</summary>
    public static string? Read(string executable)
    {
        try
        {
            if (Path(executable) is not { } file || !File.Exists(file))
            {
                return null;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            return root.GetProperty("stamp").GetString() == Stamp(executable) ? root.GetProperty("answer").GetString() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stores a probe answer for an executable.</summary>
    public static void Write(string executable, string answer)
    {
        try
        {
            if (Path(executable) is not { } file)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            var tmp = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(tmp, JsonSerializer.Serialize(new Dictionary<string, string> { ["executable"] = executable, ["stamp"] = Stamp(executable), ["answer"] = answer }));
            File.Move(tmp, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time.
        }
    }

    private static string? Path(string executable)
    {
        if (Environment.GetEnvironmentVariable(Variable) is "0")
        {
            return null;
        }

        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        if (string.IsNullOrEmpty(root))
        {
            return null;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(executable))))[..16];
        return System.IO.Path.Combine(root, "tvbo-pyrates", $"probe-{hash}.json");
    }

    /// <summary>What must not change for an entry to stay valid: the executable (resolved) and the bridge package.</summary>
    private static string Stamp(string executable)
    {
        var exe = new FileInfo(executable);
        var target = exe.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? exe;
        var bridge = new FileInfo(System.IO.Path.Combine(BridgePackage.Directory(), "tvbo_pyrates", "__init__.py"));
        return FormattableString.Invariant($"{target.FullName}|{target.Length}|{target.LastWriteTimeUtc.Ticks}|{bridge.Length}|{bridge.LastWriteTimeUtc.Ticks}");
    }
}
