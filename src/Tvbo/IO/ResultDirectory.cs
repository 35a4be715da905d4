namespace Tvbo.IO;

/// <summary>
/// The folder a run writes into (<c>tvbo run --out DIR</c>), checked before anything is computed: it must be a
/// folder (or creatable) and writable, and it may hold only files an earlier tvbo run wrote (listed in its
/// <c>run.json</c>) unless <c>overwrite</c> is given. A new run is written into a staging folder inside it
/// (<c>.tvbo-staging-*</c>) and moved into place when complete; <see cref="Clear"/>, called right before that, removes
/// the earlier run's files (and, with <c>overwrite</c>, everything else), so files of two runs are never mixed and a
/// run cut while writing leaves the earlier one as it was. A staging folder left by a killed process counts as tvbo's.
/// </summary>
public sealed class ResultDirectory
{
    private ResultDirectory(string fullPath, bool overwrite, IReadOnlyList<string> earlier, IReadOnlyList<string> foreign, bool created)
    {
        Created = created;
        FullPath = fullPath;
        Overwrite = overwrite;
        EarlierRunFiles = earlier;
        ForeignFiles = foreign;
    }

    /// <summary>The folder's full path.</summary>
    public string FullPath { get; }

    /// <summary>Whether <see cref="Prepare"/> created the folder (it did not exist before).</summary>
    public bool Created { get; }

    /// <summary>After a run that failed before writing anything: removes the folder when <see cref="Prepare"/> created
    /// it and it is still empty, so a failed run leaves nothing behind.</summary>
    public void RemoveIfUnused()
    {
        try
        {
            if (Created && Directory.Exists(FullPath) && !Directory.EnumerateFileSystemEntries(FullPath).Any())
            {
                Directory.Delete(FullPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder is all that is left.
        }
    }

    /// <summary>Whether files tvbo did not write may be deleted.</summary>
    public bool Overwrite { get; }

    /// <summary>Files of an earlier tvbo run (relative, '/'-separated), removed by <see cref="Clear"/>.</summary>
    public IReadOnlyList<string> EarlierRunFiles { get; }

    /// <summary>Files tvbo did not write (relative): none unless <see cref="Overwrite"/>; removed by <see cref="Clear"/>.</summary>
    public IReadOnlyList<string> ForeignFiles { get; }

    /// <summary>The name prefix of the staging folders a run writes into before its files are moved into place.</summary>
    internal const string StagingPrefix = ".tvbo-staging-";

    /// <summary>Creates a new, empty staging folder in the folder.</summary>
    /// <returns>Its full path.</returns>
    internal string CreateStaging() =>
        Directory.CreateDirectory(Path.Combine(FullPath, StagingPrefix + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Whether a relative path lies in a staging folder: one named exactly as <see cref="CreateStaging"/> names
    /// it (the prefix and 32 hexadecimal digits), so a folder of the user's that only starts like one stays the user's.</summary>
    internal static bool IsStaged(string relative)
    {
        var folder = relative.Split('/')[0];
        return folder.Length == StagingPrefix.Length + 32
            && folder.StartsWith(StagingPrefix, StringComparison.Ordinal)
            && folder.AsSpan(StagingPrefix.Length).ContainsAnyExcept("0123456789abcdef") is false;
    }

    /// <summary>The path of <paramref name="name"/> in <paramref name="directory"/>, checked to stay inside it.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="name">A file or folder name (an exploration's).</param>
    /// <exception cref="ResultFileException">The name would lead out of the folder.</exception>
    public static string Inside(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(name);
        var root = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(root, name));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) && !Path.IsPathRooted(name)
            ? path
            : throw new ResultFileException($"'{name}' would be written outside the output folder {root}; result names must be plain file names.", path);
    }

    /// <summary>Checks (and creates) the output folder.</summary>
    /// <param name="path">The folder, as given.</param>
    /// <param name="overwrite">Allow deleting files tvbo did not write.</param>
    /// <param name="protectedPaths">Files and folders that must survive (the experiment file, model folders):
    /// <paramref name="overwrite"/> refuses a folder that holds one.</param>
    /// <exception cref="ResultFileException">The path is a file, cannot be created or written, holds files tvbo did
    /// not write (without <paramref name="overwrite"/>), or clearing it would delete a protected path, the current
    /// directory or a home or root folder.</exception>
    public static ResultDirectory Prepare(string path, bool overwrite, IEnumerable<string>? protectedPaths = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            throw new ResultFileException($"{OutputFolder(path)} is a file; give a folder (it is created when missing).", path);
        }

        if (UnsafeRoot(full) is { } root)
        {
            // Refused at once: such a folder is never a run's own, and walking it would take long or fail half-way.
            throw new ResultFileException($"{OutputFolder(path)} is {root}; give a folder of its own (a new or empty one).", path);
        }

        var created = !Directory.Exists(full);
        CheckWritable(full, path);
        var (earlier, foreign, complete) = Classify(full, overwrite);
        if (foreign.Count > 0 && !overwrite)
        {
            var shown = string.Join(", ", foreign.Order(StringComparer.Ordinal).Take(5)) + (foreign.Count > 5 ? $" and {foreign.Count - 5}{(complete ? string.Empty : " or more")} more" : string.Empty);
            throw new ResultFileException(
                $"{OutputFolder(path)} holds {(complete ? string.Empty : "at least ")}{foreign.Count} file(s) tvbo did not write ({shown}); give a new or empty folder, or pass --overwrite (RunFolderOptions.Overwrite = true) to replace everything in it.",
                path);
        }

        if (overwrite && foreign.Count > 0)
        {
            CheckSafeToClear(full, path, protectedPaths ?? []);
        }

        return new ResultDirectory(full, overwrite, earlier, overwrite ? foreign : [], created);
    }

    /// <summary>The folder as messages name it, for the command line and for C# callers alike.</summary>
    private static string OutputFolder(string path) => $"the output folder '{path}' (--out; ExperimentResult.Save's directory)";

    /// <summary>Files listed beyond this many that tvbo did not write stop the look (without --overwrite the folder is
    /// refused anyway).</summary>
    private const int ForeignLimit = 10_000;

    /// <summary>A file-system root or the home folder, named; else <see langword="null"/>.</summary>
    private static string? UnsafeRoot(string full)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.GetPathRoot(full) is { } root && (root == full || root == full + Path.DirectorySeparatorChar) ? "a file-system root"
            : home.Length > 0 && string.Equals(Path.TrimEndingDirectorySeparator(home), full, StringComparison.Ordinal) ? "your home folder"
            : null;
    }

    /// <summary>Creates the folder and writes and removes a probe file in it.</summary>
    private static void CheckWritable(string full, string given)
    {
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".tvbo-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultFileException($"{OutputFolder(given)} cannot be created or written: {ex.Message}", given, ex);
        }
    }

    /// <summary>The folder's entries: the earlier run's (listed in its run.json) and the others; without
    /// <paramref name="overwrite"/> the look stops at <see cref="ForeignLimit"/> others (<c>Complete</c> false).</summary>
    private static (List<string> Earlier, List<string> Foreign, bool Complete) Classify(string full, bool overwrite)
    {
        var manifest = RunManifest.Read(full);
        var ours = new HashSet<string>(StringComparer.Ordinal);
        if (manifest is not null)
        {
            // Only the files the manifest lists are tvbo's: anything else, at any depth (a note in an exploration's
            // folder, a figure of one's own), is the user's.
            ours.Add(RunManifest.FileName);
            ours.UnionWith(manifest.Files);
            ours.UnionWith(manifest.Explorations.SelectMany(e => e.Files));
        }

        var earlier = new List<string>();
        var foreign = new List<string>();
        foreach (var (relative, isLink) in Entries(full))
        {
            // A symbolic link is never followed (it may lead out of the folder) and never tvbo's.
            // A staging folder is what a killed run left: tvbo's.
            (!isLink && (ours.Contains(relative) || IsStaged(relative)) ? earlier : foreign).Add(relative);
            if (!overwrite && foreign.Count >= ForeignLimit)
            {
                return (earlier, foreign, false);
            }
        }

        return (earlier, foreign, true);
    }

    /// <summary>Removes the earlier run's files and, with <see cref="Overwrite"/>, every other file and folder in the
    /// folder, leaving it empty for the new run.</summary>
    public void Clear()
    {
        foreach (var relative in EarlierRunFiles.Concat(ForeignFiles))
        {
            var file = new FileInfo(Path.Combine(FullPath, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (file.Exists || file.LinkTarget is not null)
            {
                file.Delete(); // a link is removed as itself, its target untouched
            }
        }

        // Folders left empty (exploration folders, or anything under --overwrite); links are not followed.
        foreach (var dir in Folders(FullPath).OrderByDescending(d => d.Length).ToArray())
        {
            if (!Directory.EnumerateFileSystemEntries(dir).Any())
            {
                Directory.Delete(dir);
            }
        }
    }

    /// <summary>The files in the folder now, relative and '/'-separated (without <c>run.json</c>); a symbolic link is
    /// listed as itself, never followed.</summary>
    public IReadOnlyList<string> CurrentFiles() =>
        Entries(FullPath)
            .Select(e => e.Relative)
            .Where(f => f != RunManifest.FileName && f != RunManifest.FileName + ".tmp" && !IsStaged(f))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every file under <paramref name="root"/> (links included, not followed), relative and '/'-separated, in
    /// ordinal order.</summary>
    internal static IReadOnlyList<string> FilesUnder(string root) => Entries(root).Select(e => e.Relative).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every file and symbolic link under <paramref name="root"/>, relative and '/'-separated; folders are
    /// walked, links (to files or folders) are entries of their own and are not followed.</summary>
    private static IEnumerable<(string Relative, bool IsLink)> Entries(string root)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            foreach (var info in pending.Pop().EnumerateFileSystemInfos())
            {
                if (info.LinkTarget is not null)
                {
                    yield return (Relative(root, info.FullName), true);
                }
                else if (info is DirectoryInfo folder)
                {
                    pending.Push(folder);
                }
                else
                {
                    yield return (Relative(root, info.FullName), false);
                }
            }
        }
    }

    /// <summary>Every folder under <paramref name="root"/> (full paths), without following links.</summary>
    private static IEnumerable<string> Folders(string root)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            foreach (var folder in pending.Pop().EnumerateDirectories().Where(d => d.LinkTarget is null))
            {
                pending.Push(folder);
                yield return folder.FullName;
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static void CheckSafeToClear(string full, string given, IEnumerable<string> protectedPaths)
    {
        static bool Inside(string candidate, string folder) =>
            string.Equals(candidate, folder, StringComparison.Ordinal)
            || candidate.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        var cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Environment.CurrentDirectory));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var reason =
            Path.GetPathRoot(full) == full + Path.DirectorySeparatorChar || Path.GetPathRoot(full) == full ? "a file-system root"
            : home.Length > 0 && string.Equals(Path.TrimEndingDirectorySeparator(home), full, StringComparison.Ordinal) ? "your home folder"
            : Inside(cwd, full) ? "the current directory or one of its parents"
            : protectedPaths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).FirstOrDefault(p => Inside(p, full)) is { } p ? $"the folder holding '{p}', an input of this run"
            : null;
        if (reason is not null)
        {
            throw new ResultFileException($"--overwrite (RunFolderOptions.Overwrite) would delete everything in the output folder '{given}', which is {reason}; give a folder of its own.", given);
        }
    }
}
