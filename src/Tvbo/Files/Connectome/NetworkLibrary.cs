using System.Text.RegularExpressions;

namespace Tvbo.Files.Connectome;

/// <summary>
/// Finds TVBO's network files by name (<c>network: {iri: tvbo:DesikanKilliany}</c>), as TVBO's own database registry
/// does, in the folders models are found in (<c>--models DIR</c>, <c>TVBO_MODELS_DIR</c>, the installed tvbo package).
/// </summary>
/// <remarks>
/// <para><b>Folders.</b> From each folder given, the network folders searched are the folder itself, its
/// <c>networks</c> subfolder, the <c>networks</c> folder beside it when it is a <c>models</c> folder (TVBO's
/// <c>database/models</c> and <c>database/networks</c>), and <c>database/networks</c> and <c>tvbo/database/networks</c>
/// inside it (a TVBO checkout or package). A folder named <c>networks</c> is searched with its subfolders (as TVBO's
/// registry does); any other only at its top level.</para>
/// <para><b>Choice</b> (per folder, in order; the first folder with a match wins), TVBO's registry
/// (<c>tvbo/data/registry.py</c>, <c>resolve("Network", name)</c>): (1) the file <c>&lt;name&gt;.yaml</c>; (2) a file
/// whose <c>name:</c> (in its first 15 lines) or file name is the name, ignoring case; (3) the first file, in sorted
/// order, whose file name contains <c>atlas-&lt;name&gt;</c>; here those whose atlas is exactly the name come first
/// (TVBO's plain text match would let <c>tvbo:Lobar</c> take <c>atlas-Lobar8</c>, and <c>tvbo:Schaefer1000</c>
/// <c>atlas-Schaefer100017Networks</c>, when they sort first). In TVBO's current database (3) gives, for
/// <c>tvbo:DesikanKilliany</c>, <c>tpl-MNI152NLin2009cAsym_cohort-HCPYA_rec-dTOR_atlas-DesikanKilliany_desc-SC_relmat.yaml</c>
/// (87 regions, dTOR tractogram). TVBO's older database (<c>space-…_atlas-&lt;A&gt;_desc-&lt;tractogram&gt;.yaml</c>) was
/// never looked up by name in TVBO: there an atlas named a connectome through <c>Connectome(parcellation=…)</c>, whose
/// tractogram defaults to dTOR; so among (3)'s matches, the older layout's <c>desc-dTOR</c> files come first, which picks
/// <c>space-MNI152Nlin2009c_atlas-DesikanKilliany_desc-dTOR.yaml</c> (the same 87-region dTOR connectome) rather than
/// the alphabetically first <c>desc-MghUscHcp32</c>.</para>
/// </remarks>
internal static partial class NetworkLibrary
{
    /// <summary>How deep a <c>networks</c> folder is searched.</summary>
    private const int MaxDepth = 4;

    /// <summary>The network folders searched for the given folders (model folders, network folders, TVBO checkouts or
    /// packages), in order, each once; only folders that exist.</summary>
    /// <param name="directories">The folders given, in order.</param>
    public static IReadOnlyList<string> Folders(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var result = new List<string>();
        foreach (var given in directories)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                continue;
            }

            var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
            var candidates = new List<string> { dir, Path.Combine(dir, "networks") };
            if (string.Equals(Path.GetFileName(dir), "models", StringComparison.Ordinal) && Path.GetDirectoryName(dir) is { } parent)
            {
                candidates.Add(Path.Combine(parent, "networks"));
            }

            candidates.Add(Path.Combine(dir, "database", "networks"));
            candidates.Add(Path.Combine(dir, "tvbo", "database", "networks"));
            foreach (var c in candidates.Select(Path.GetFullPath))
            {
                if (Directory.Exists(c) && !result.Contains(c, StringComparer.Ordinal))
                {
                    result.Add(c);
                }
            }
        }

        return result;
    }

    /// <summary>The network file a name (the local part of an IRI) names, or <see langword="null"/>.</summary>
    /// <param name="name">The name, e.g. <c>DesikanKilliany</c>.</param>
    /// <param name="folders">The network folders (see <see cref="Folders"/>), in order.</param>
    public static string? Find(string name, IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(folders);
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            return null;
        }

        foreach (var folder in folders)
        {
            if (FindIn(name, folder) is { } file)
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>The atlases the network files of the folders name (<c>atlas-&lt;A&gt;</c> in their file names), sorted.</summary>
    /// <param name="folders">The network folders.</param>
    public static IReadOnlyList<string> Atlases(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        return folders
            .SelectMany(f => YamlFiles(f).Select(y => AtlasEntity().Match(Path.GetFileNameWithoutExtension(y.Path))))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The folders in which the matrices an older network file names are looked for by file name: the file's
    /// own folder and the <c>tvbo/data/tvbo_data/connectome</c> folder of the checkout or package it is in, then those
    /// of the other network folders searched.</summary>
    /// <param name="networkFile">The network file.</param>
    /// <param name="folders">The network folders searched.</param>
    public static IReadOnlyList<string> ConnectomeFolders(string networkFile, IReadOnlyList<string> folders) =>
        DataFolders(networkFile, folders, ["tvbo", "data", "tvbo_data", "connectome"], ["data", "tvbo_data", "connectome"], null);

    /// <summary>The folders in which the atlas files (region labels) of an older network file are looked for: the
    /// <c>tvbo/data/tvbo_data/atlas</c> folder of its checkout or package and the <c>atlases</c> folder beside its
    /// <c>networks</c> folder.</summary>
    /// <param name="networkFile">The network file.</param>
    /// <param name="folders">The network folders searched.</param>
    public static IReadOnlyList<string> AtlasFolders(string networkFile, IReadOnlyList<string> folders) =>
        DataFolders(networkFile, folders, ["tvbo", "data", "tvbo_data", "atlas"], ["data", "tvbo_data", "atlas"], "atlases");

    /// <summary>The BIDS entities of a file name (<c>tpl-X_atlas-Y_desc-Z_relmat</c> → tpl, atlas, desc), as TVBO parses
    /// them.</summary>
    /// <param name="stem">The file name without its extension.</param>
    public static Dictionary<string, string> Entities(string stem)
    {
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Entity().Matches(stem))
        {
            entities.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        }

        return entities;
    }

    private static IReadOnlyList<string> DataFolders(string networkFile, IReadOnlyList<string> folders, string[] fromRoot, string[] fromPackage, string? sibling)
    {
        var result = new List<string>();
        void Add(string path)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full) && !result.Contains(full, StringComparer.Ordinal))
            {
                result.Add(full);
            }
        }

        var own = Path.GetDirectoryName(Path.GetFullPath(networkFile)) ?? ".";
        if (sibling is null)
        {
            Add(own);
        }

        foreach (var dir in new[] { own }.Concat(folders))
        {
            // <root>/database/networks (a checkout) or <package>/database/networks (an installed package).
            var up = Path.GetDirectoryName(Path.GetDirectoryName(dir) ?? dir) ?? dir;
            Add(Path.Combine([up, .. fromRoot]));
            Add(Path.Combine([up, .. fromPackage]));
            if (sibling is not null && Path.GetDirectoryName(dir) is { } parent)
            {
                Add(Path.Combine(parent, sibling));
            }
        }

        return result;
    }

    /// <summary>TVBO's registry choice within one folder.</summary>
    private static string? FindIn(string name, string folder)
    {
        foreach (var ext in new[] { ".yaml", ".yml" })
        {
            var exact = Path.Combine(folder, name + ext);
            if (File.Exists(exact))
            {
                return exact;
            }
        }

        var files = YamlFiles(folder);

        // TVBO's name index: `name:` in the first 15 lines, else the file name; a later file with the same name replaces
        // an earlier one in its place.
        var index = new List<(string Canonical, string Path)>();
        foreach (var (path, _) in files)
        {
            var canonical = DeclaredName(path) ?? Path.GetFileNameWithoutExtension(path);
            var at = index.FindIndex(e => e.Canonical == canonical);
            if (at >= 0)
            {
                index[at] = (canonical, path);
            }
            else
            {
                index.Add((canonical, path));
            }
        }

        foreach (var (canonical, path) in index)
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (string.Equals(canonical, name, StringComparison.OrdinalIgnoreCase) || string.Equals(stem, name, StringComparison.OrdinalIgnoreCase))
            {
                return path;
            }
        }

        // TVBO matches the text atlas-<name> anywhere in the file name, so tvbo:Lobar would take atlas-Lobar8 and
        // tvbo:Schaefer1000 atlas-Schaefer100017Networks when they sort first: the atlas itself comes first here.
        var key = $"atlas-{name}";
        return files
            .Where(f => Path.GetFileNameWithoutExtension(f.Path).Contains(key, StringComparison.Ordinal))
            .OrderBy(f => Entities(Path.GetFileNameWithoutExtension(f.Path)).GetValueOrDefault("atlas") == name ? 0 : 1)
            .ThenBy(f => IsOlderDefault(Path.GetFileNameWithoutExtension(f.Path)) ? 0 : 1)
            .Select(f => f.Path)
            .FirstOrDefault();
    }

    /// <summary>Whether a file name is of TVBO's older network layout (<c>space-…_atlas-…_desc-&lt;tractogram&gt;</c>, no
    /// <c>_relmat</c> suffix) with TVBO's default tractogram dTOR.</summary>
    private static bool IsOlderDefault(string stem)
    {
        var entities = Entities(stem);
        return !stem.EndsWith("_relmat", StringComparison.Ordinal) && !entities.ContainsKey("rec") && entities.TryGetValue("desc", out var desc) && desc == "dTOR";
    }

    /// <summary>The YAML files of a network folder (with its subfolders when it is named <c>networks</c>), sorted as
    /// Python sorts paths (by their parts), without files whose name starts with <c>_</c>.</summary>
    private static List<(string Path, string[] Parts)> YamlFiles(string folder)
    {
        var recurse = string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), "networks", StringComparison.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, MaxRecursionDepth = MaxDepth, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive };
        var files = new List<(string Path, string[] Parts)>();
        try
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", options))
            {
                var file = Path.GetFileName(path);
                if (!YamlSource.IsYamlFileName(file) || file.StartsWith('_'))
                {
                    continue;
                }

                files.Add((path, Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed holds nothing found.
        }

        files.Sort((a, b) => CompareParts(a.Parts, b.Parts));
        return files;
    }

    private static int CompareParts(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>The <c>name:</c> a file declares in its first 15 lines (as TVBO's registry reads it), or
    /// <see langword="null"/>; a file that cannot be read declares none.</summary>
    private static string? DeclaredName(string path)
    {
        if (InputFile.Check(path, YamlSource.MaxFileBytes, allowEmpty: true).Finding != InputFile.Finding.Readable)
        {
            return null;
        }

        try
        {
            using var reader = new StreamReader(InputFile.OpenRead(path));
            var buffer = new char[1 << 14];
            var n = reader.ReadBlock(buffer, 0, buffer.Length);
            var lines = new string(buffer, 0, n).Split('\n');
            foreach (var line in lines.Take(15))
            {
                var m = NameLine().Match(line.TrimEnd('\r'));
                if (m.Success)
                {
                    return m.Groups[1].Value.Trim();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    [GeneratedRegex(@"^name:\s*(\S.*)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"(?:^|_)atlas-([^_]+)")]
    private static partial Regex AtlasEntity();

    [GeneratedRegex(@"(?:^|_)([a-zA-Z]+)-([^_]+)")]
    private static partial Regex Entity();
}
