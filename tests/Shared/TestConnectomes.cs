using System.Diagnostics;

namespace Tvbo.TestSupport;

/// <summary>The test connectome in TVBO's layouts (<c>tests/Data/connectomes</c>, copied beside the test binaries), its
/// values as inline matrices, and TVBO's own network database when it is on this machine (never part of this
/// repository).</summary>
internal static class TestConnectomes
{
    /// <summary>The weights of the test connectome (row = target, column = source).</summary>
    public static readonly double[,] Weights = { { 0, 2, 0, 1 }, { 2, 0, 3, 0 }, { 0, 3, 0, 4 }, { 1, 0, 4, 0 } };

    /// <summary>Its lengths (mm).</summary>
    public static readonly double[,] Lengths = { { 0, 10, 0, 25 }, { 10, 0, 15, 0 }, { 0, 15, 0, 20 }, { 25, 0, 20, 0 } };

    /// <summary>Its BoldCorrelation (BIDS) or fc (HDF5) observational measure.</summary>
    public static readonly double[,] Correlation = { { 1, 0.5, 0, 0.25 }, { 0.5, 1, -0.5, 0 }, { 0, -0.5, 1, 0.75 }, { 0.25, 0, 0.75, 1 } };

    /// <summary>Its node labels as network node labels (the files write <c>left-frontal</c>, …).</summary>
    public static readonly string[] Labels = ["left_frontal", "left_parietal", "right_frontal", "right_parietal"];

    /// <summary>The test data folder.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "connectomes");

    /// <summary>The older layout: a TVBO checkout's root.</summary>
    public static string Older => Path.Combine(Folder, "older");

    /// <summary>The current layout: the folder holding an installed package's <c>tvbo/</c>.</summary>
    public static string Current => Path.Combine(Folder, "current");

    /// <summary>The current layout's network folder.</summary>
    public static string CurrentNetworks => Path.Combine(Current, "tvbo", "database", "networks");

    /// <summary>The BIDS connectivity folder.</summary>
    public static string Bids => Path.Combine(CurrentNetworks, "bids", "tiny_average");

    /// <summary>A copy of a folder of the test data in a new temporary folder (to damage it), and the copy's path.</summary>
    /// <param name="folder">The folder to copy.</param>
    public static string Copy(string folder)
    {
        var target = Path.Combine(Directory.CreateTempSubdirectory("tvbo-connectome-").FullName, Path.GetFileName(folder));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>TVBO's network database on this machine: the fetched source at <c>/tmp/tvbo-src</c> (older layout), else
    /// the tvbo package of <c>python3</c> (found without importing it); <see langword="null"/> with the reason when there
    /// is neither.</summary>
    /// <param name="reason">Why there is none.</param>
    public static string? TvboDatabase(out string reason)
    {
        const string Source = "/tmp/tvbo-src";
        if (Directory.Exists(Path.Combine(Source, "database", "networks")))
        {
            reason = string.Empty;
            return Source;
        }

        try
        {
            using var p = Process.Start(new ProcessStartInfo("python3", ["-c", "import importlib.util as u, os\ns = u.find_spec('tvbo')\nprint(os.path.dirname(s.origin) if s and s.origin else '')"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            var package = p?.StandardOutput.ReadToEnd().Trim() ?? string.Empty;
            p?.WaitForExit(10_000);
            if (package.Length > 0 && Directory.Exists(Path.GetDirectoryName(package)))
            {
                reason = string.Empty;
                return Path.GetDirectoryName(package);
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // No python3: no installed package.
        }

        reason = $"TVBO's network database is not on this machine: no {Source}/database/networks (the fetched TVBO source) and no tvbo package for python3.";
        return null;
    }
}
