using System.Diagnostics;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// The folder of one run (<c>tvbo run --out DIR</c>, <see cref="ExperimentResult.Save"/>): one CSV folder or NetCDF
/// file per exploration and a <c>run.json</c> manifest. A run is written into a staging folder inside the folder
/// (<c>.tvbo-staging-*</c>): <see cref="Begin"/> creates it, <see cref="Write(ExplorationResult, CancellationToken)"/> adds each exploration (and
/// <see cref="StagedFolder"/> is where its figures go), and <see cref="Complete"/> removes the earlier run's files,
/// moves the new ones into place and writes the manifest (by a rename) with status <c>complete</c> or <c>partial</c>.
/// Until then the earlier run stays as it was: after a failed or cancelled write <see cref="Abort"/> removes the
/// staging folder, and after a cancelled one <see cref="KeepOnly"/> keeps the explorations written in full as a
/// partial run. <see cref="Read"/> reads a folder back.
/// </summary>
public sealed class RunFolder
{
    private const string ExplorationFile = "exploration.json";

    private readonly ResultDirectory _target;
    private readonly string _staging;
    private readonly IResultWriter _writer;
    private readonly ResultMetadata _metadata;
    private readonly RunManifest _manifest;
    private readonly TimeSpan _runTime;
    private readonly Stopwatch _writeTime = new();
    private readonly ResultFormat _format;

    private RunFolder(ResultDirectory target, string staging, IResultWriter writer, ResultMetadata metadata, RunManifest manifest, TimeSpan runTime, long estimatedBytes)
    {
        _format = writer.Format;
        _target = target;
        _staging = staging;
        _writer = writer;
        _metadata = metadata;
        _manifest = manifest;
        _runTime = runTime;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The folder's full path.</summary>
    public string FullPath => _target.FullPath;

    /// <summary>What the writer estimated the explorations' files to take, in bytes.</summary>
    public long EstimatedBytes { get; }

    /// <summary>The writer's description (format and layout), e.g. for a message about a large write.</summary>
    public string WriterDescription => _writer.Description;

    /// <summary>Starts writing a run's results into a checked folder: creates the staging folder the files are written
    /// into; the earlier run's files stay until <see cref="Complete"/>.</summary>
    /// <param name="target">The folder, checked before the run (<see cref="ResultDirectory.Prepare"/>).</param>
    /// <param name="result">The run's results.</param>
    /// <param name="experiment">The experiment that was run (recorded: model, settings, explorations).</param>
    /// <param name="options">Format and what to record.</param>
    /// <returns>The folder being written.</returns>
    public static RunFolder Begin(ResultDirectory target, ExperimentResult result, SimulationExperiment experiment, RunFolderOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        var writer = options.CreateWriter();
        var metadata = MetadataOf(experiment, options);
        var explorations = result.Order.Select(n => result.Explorations[n]).ToArray();
        var manifest = RunManifestBuilder.Create(result, experiment, options, metadata, writer, explorations);
        return new RunFolder(target, target.CreateStaging(), writer, metadata, manifest, options.RunTime, explorations.Sum(writer.EstimateBytes));
    }

    /// <summary>Where an exploration's further files (its figures) are written before <see cref="Complete"/> moves them
    /// into place with its results.</summary>
    /// <param name="exploration">The exploration's name.</param>
    /// <returns>The staged folder (full path; created by whoever writes into it).</returns>
    public string StagedFolder(string exploration) => ResultDirectory.Inside(_staging, exploration);

    /// <summary>Where a staged file will be once the run is complete.</summary>
    /// <param name="stagedPath">A path under the staging folder (as <see cref="StagedFolder"/> gives).</param>
    /// <returns>The path in the run folder.</returns>
    public string FinalPath(string stagedPath) =>
        Path.Combine(_target.FullPath, Path.GetRelativePath(_staging, Path.GetFullPath(stagedPath)));

    /// <summary>Writes one exploration's files (into the staging folder).</summary>
    /// <param name="result">The exploration's result.</param>
    /// <param name="cancellationToken">Stops the write; the files of this exploration are then removed.</param>
    /// <returns>The files written, as full paths where they will be once the run is complete.</returns>
    public IReadOnlyList<string> Write(ExplorationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        _writeTime.Start();
        var started = Stopwatch.StartNew();
        try
        {
            var written = _writer.Write(result, _staging, _metadata, cancellationToken);
            _manifest.Explorations.First(e => e.Name == result.Name).WriteSeconds = started.Elapsed.TotalSeconds;
            return written.Select(FinalPath).ToArray();
        }
        finally
        {
            _writeTime.Stop();
        }
    }

    /// <summary>Writes one continuation's files (into the staging folder): the CSV folder <c>&lt;continuation&gt;/</c>
    /// (<c>continuation.json</c>, <c>branch_&lt;branch&gt;.csv</c>, <c>special_points.csv</c>), or with the NetCDF
    /// format the file <c>&lt;continuation&gt;.nc</c>. The manifest lists it under <see cref="RunManifest.Continuations"/>.</summary>
    /// <param name="result">The continuation's result.</param>
    /// <returns>The files written, as full paths where they will be once the run is complete.</returns>
    /// <exception cref="ResultFileException">An exploration of the run has the continuation's name.</exception>
    public IReadOnlyList<string> Write(Bifurcation.ContinuationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_manifest.Explorations.Any(e => e.Name == result.Name) || _manifest.Continuations.Contains(result.Name))
        {
            throw new ResultFileException($"Continuation '{result.Name}' has the name of another result of the run; its files would replace the other's. Give it a name of its own.", _target.FullPath);
        }

        _writeTime.Start();
        try
        {
            IReadOnlyList<string> written;
            if (_format == ResultFormat.NetCdf)
            {
                var path = Path.Combine(_staging, result.Name + NetCdfResultWriter.Extension);
                ContinuationNetCdf.WriteFile(result, path, _metadata);
                written = [path];
            }
            else
            {
                written = ContinuationCsv.Write(result, ResultDirectory.Inside(_staging, result.Name));
                _manifest.Directories.Add(result.Name);
            }

            _manifest.Continuations.Add(result.Name);
            return written.Select(FinalPath).ToArray();
        }
        finally
        {
            _writeTime.Stop();
        }
    }

    /// <summary>Records a continuation of the run that failed (it has no files): the manifest lists it with the reason
    /// under <see cref="RunManifest.FailedContinuations"/>.</summary>
    /// <param name="continuation">The continuation's name.</param>
    /// <param name="message">Why it failed.</param>
    public void RecordFailedContinuation(string continuation, string message)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(message);
        (_manifest.FailedContinuations ??= []).Add(new ManifestContinuationFailure { Name = continuation, Message = message });
    }

    /// <summary>Moves the run into place: removes the earlier run's files, moves the staged files in, and writes the
    /// manifest listing them with status complete, or partial when <paramref name="notRun"/> is given (a cancelled
    /// run: those explorations did not run).</summary>
    /// <param name="notRun">The explorations that did not run, or <see langword="null"/>.</param>
    /// <exception cref="ResultFileException">A file appeared during the run where a result goes (the earlier run is then
    /// left as it was, and the new files in the staging folder).</exception>
    public void Complete(IReadOnlyList<string>? notRun = null)
    {
        var files = ResultDirectory.FilesUnder(_staging);
        var cleared = new HashSet<string>(_target.EarlierRunFiles.Concat(_target.ForeignFiles), StringComparer.Ordinal);
        foreach (var f in files)
        {
            var destination = Path.Combine(_target.FullPath, f);
            if (!cleared.Contains(f) && (File.Exists(destination) || Directory.Exists(destination)))
            {
                throw new ResultFileException($"'{destination}' appeared in the output folder (--out; ExperimentResult.Save's directory) during the run, where a result of this run goes; the results are in '{_staging}'. Move that file away and copy them, or run again.", destination);
            }
        }

        _target.Clear();
        foreach (var f in files)
        {
            var destination = Path.Combine(_target.FullPath, f);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(Path.Combine(_staging, f), destination);
        }

        _manifest.Files = files.ToList();
        foreach (var e in _manifest.Explorations)
        {
            e.Files = files.Where(f => Belongs(f, e.Name)).ToList();
            e.Bytes = e.Files.Sum(f => new FileInfo(Path.Combine(_target.FullPath, f)).Length);
        }

        _manifest.Status = notRun is null ? RunManifest.Complete : RunManifest.Partial;
        _manifest.NotRun = notRun?.ToList();
        _manifest.Finished = DateTimeOffset.UtcNow;
        _manifest.WallTimeSeconds["write"] = _writeTime.Elapsed.TotalSeconds;
        _manifest.WallTimeSeconds["total"] = (_manifest.Finished.Value - _manifest.Started).TotalSeconds;
        _manifest.WallTimeSeconds["run"] = _runTime.TotalSeconds;
        _manifest.Write(_target.FullPath);
        RemoveStaging();
    }

    /// <summary>After a cancelled write: keeps the explorations <paramref name="kept"/> written in full, drops the
    /// staged files of the others, and completes the run as partial with <paramref name="notRun"/>.</summary>
    /// <param name="kept">The explorations written in full.</param>
    /// <param name="notRun">The explorations not kept.</param>
    public void KeepOnly(IReadOnlyCollection<string> kept, IReadOnlyList<string> notRun)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(notRun);
        foreach (var f in ResultDirectory.FilesUnder(_staging).Where(f => !kept.Any(k => Belongs(f, k))))
        {
            File.Delete(Path.Combine(_staging, f));
        }

        _manifest.Explorations.RemoveAll(e => !kept.Contains(e.Name));
        _manifest.Continuations.RemoveAll(c => !kept.Contains(c));
        _manifest.Directories.RemoveAll(d => !kept.Contains(d));
        Complete(notRun);
    }

    /// <summary>After a failed or cancelled write: removes the staging folder; the folder holds the earlier run as it
    /// was (and is removed when this run created it and it is empty). Best effort: a staging folder that cannot be
    /// removed now is removed by the next run into the folder.</summary>
    public void Abort()
    {
        RemoveStaging();
        _target.RemoveIfUnused();
    }

    private void RemoveStaging()
    {
        try
        {
            if (Directory.Exists(_staging))
            {
                Directory.Delete(_staging, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as documented.
        }
    }

    /// <summary>Lists files written into a run folder after its run (figures drawn later by <c>tvbo plot</c>) in its
    /// <c>run.json</c>, so they count as tvbo's: a re-run replaces them, while files a person puts there are kept. A
    /// file outside any run folder (no <c>run.json</c> up to three folders above it) is left unrecorded.</summary>
    /// <param name="files">The files written (paths as written).</param>
    public static void Record(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var group in files.Select(Path.GetFullPath).GroupBy(RunFolderOf).Where(g => g.Key is not null))
        {
            RunManifest manifest;
            try
            {
                manifest = RunManifest.Read(group.Key!)!;
            }
            catch (ResultFileException)
            {
                continue; // a run.json tvbo did not write: not a run folder, nothing to record
            }

            foreach (var relative in group.Select(f => Path.GetRelativePath(group.Key!, f).Replace(Path.DirectorySeparatorChar, '/')))
            {
                if (!manifest.Files.Contains(relative))
                {
                    manifest.Files.Add(relative);
                }

                var exploration = manifest.Explorations.FirstOrDefault(e => Belongs(relative, e.Name));
                if (exploration is not null && !exploration.Files.Contains(relative))
                {
                    exploration.Files.Add(relative);
                }
            }

            manifest.Write(group.Key!);
        }
    }

    /// <summary>The run folder holding <paramref name="file"/>: the nearest of the three folders above it with a
    /// <c>run.json</c>, or <see langword="null"/>.</summary>
    private static string? RunFolderOf(string file)
    {
        var dir = Path.GetDirectoryName(file);
        for (var i = 0; i < 3 && dir is not null; i++, dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, RunManifest.FileName)))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>The explorations' result paths in a run folder: those its <c>run.json</c> lists (a CSV folder, or
    /// else a <c>.nc</c> file, per exploration), or without a manifest every sub-folder holding an
    /// <c>exploration.json</c> and every <c>.nc</c> file, in name order. Empty when there are none.</summary>
    /// <param name="directory">The run folder.</param>
    /// <returns>The paths.</returns>
    /// <exception cref="ResultFileException">The folder's <c>run.json</c> is not a tvbo manifest.</exception>
    public static IReadOnlyList<string> ExplorationPaths(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = RunManifest.Read(directory);
        return manifest is not null
            // A NetCDF run's exploration is its .nc file (a folder of that name holds only the figures drawn for it).
            ? ListedNames(directory, manifest).Select(name => File.Exists(Path.Combine(directory, name + ".nc")) && !File.Exists(Path.Combine(directory, name, ExplorationFile)) ? Path.Combine(directory, name + ".nc") : Path.Combine(directory, name)).ToList()
            : Directory.EnumerateDirectories(directory).Where(d => File.Exists(Path.Combine(d, ExplorationFile)))
                .Concat(Directory.EnumerateFiles(directory, "*.nc").Where(f => !ContinuationNetCdf.IsContinuationFile(f))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads a run folder back: every exploration of <see cref="ExplorationPaths"/>, under the backend its
    /// manifest names (else the first exploration's).</summary>
    /// <param name="directory">The run folder.</param>
    /// <returns>The results with what their files record, in the manifest's order.</returns>
    /// <exception cref="ResultFileException">The folder does not exist, holds no results, or a file cannot be read.</exception>
    public static LoadedRun Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new ResultFileException($"'{directory}' does not exist or is not a folder; give the folder of 'tvbo run --out DIR' or of ExperimentResult.Save.", directory);
        }

        var paths = ExplorationPaths(directory);
        var continuations = ReadContinuations(directory);
        if (paths.Count == 0 && continuations.Count == 0)
        {
            throw new ResultFileException($"'{directory}' holds no results: expected DIR/<exploration>/ with {ExplorationFile}, DIR/<exploration>.nc, DIR/<continuation>/ with {ContinuationCsv.InfoFile}, or DIR/<continuation>.nc.", directory);
        }

        var loaded = paths.Select(ResultFiles.Read).ToArray();
        var manifest = RunManifest.Read(directory);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < loaded.Length; i++)
        {
            var name = loaded[i].Result.Name;
            if (manifest is not null && name != manifest.Explorations[i].Name)
            {
                throw new ResultFileException($"'{paths[i]}' holds exploration '{name}', but '{Path.Combine(directory, RunManifest.FileName)}' lists it as '{manifest.Explorations[i].Name}'; valid: a run folder as tvbo run --out or ExperimentResult.Save wrote it (each exploration's files named after it).", paths[i]);
            }

            if (!seen.TryAdd(name, paths[i]))
            {
                throw new ResultFileException($"'{directory}' holds exploration '{name}' twice ('{seen[name]}' and '{paths[i]}'); valid: one result per exploration.", directory);
            }
        }

        var backend = manifest?.Backend is { Length: > 0 } b ? b : loaded.Length > 0 ? loaded[0].Result.Backend : "native";
        return new LoadedRun(new ExperimentResult(backend, loaded.Select(l => l.Result), continuations), loaded);
    }

    /// <summary>The continuations of a run folder: those its manifest lists (else every sub-folder holding a
    /// <c>continuation.json</c> and every continuation's <c>.nc</c> file, in name order), each read from its CSV folder
    /// <c>&lt;continuation&gt;/</c> or else its NetCDF file <c>&lt;continuation&gt;.nc</c>.</summary>
    /// <param name="directory">The run folder.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ResultFileException">A continuation's files cannot be read.</exception>
    public static IReadOnlyList<Bifurcation.ContinuationResult> ReadContinuations(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = RunManifest.Read(directory);
        var paths = manifest is not null
            // A NetCDF run's continuation is its .nc file (a folder of that name holds only the figures drawn for it).
            ? manifest.Continuations.Where(Exploration.IsValidName).Select(n => ContinuationCsv.IsContinuationFolder(Path.Combine(directory, n)) || !File.Exists(Path.Combine(directory, n + NetCdfResultWriter.Extension))
                ? Path.Combine(directory, n)
                : Path.Combine(directory, n + NetCdfResultWriter.Extension))
            : Directory.EnumerateDirectories(directory).Where(ContinuationCsv.IsContinuationFolder)
                .Concat(Directory.EnumerateFiles(directory, "*" + NetCdfResultWriter.Extension).Where(ContinuationNetCdf.IsContinuationFile)).Order(StringComparer.Ordinal);
        return paths.Where(p => ContinuationCsv.IsContinuationFolder(p) || File.Exists(p))
            .Select(p => File.Exists(p) ? ContinuationNetCdf.Read(p) : ContinuationCsv.Read(p)).ToArray();
    }

    /// <summary>The explorations a manifest lists: names an exploration can have (they name files in the folder), each
    /// once.</summary>
    private static IEnumerable<string> ListedNames(string directory, RunManifest manifest)
    {
        var path = Path.Combine(directory, RunManifest.FileName);
        var names = new List<string>();
        foreach (var e in manifest.Explorations ?? [])
        {
            var name = e?.Name;
            if (!Exploration.IsValidName(name))
            {
                throw new ResultFileException($"'{path}' lists an exploration named '{ResultFileCheck.Show(name ?? string.Empty)}'; valid: exploration names (letters, digits, '_', and '-' or '.' after the first character), as 'tvbo run' writes them.", path);
            }

            if (names.Contains(name!, StringComparer.Ordinal))
            {
                throw new ResultFileException($"'{path}' lists exploration '{name}' twice; valid: each exploration once.", path);
            }

            names.Add(name!);
        }

        return names;
    }

    private static ResultMetadata MetadataOf(SimulationExperiment experiment, RunFolderOptions options)
    {
        var metadata = ResultMetadata.From(experiment, options.ExperimentFile is { } file ? Path.GetFullPath(file) : null) with
        {
            BackendVersion = options.Backend?.Version,
            SummaryWindow = options.Run.SummaryWindow,
            ConditionStart = options.Run.Conditions?.Start,
            ConditionStop = options.Run.Conditions?.Stop,
        };
        return options.Backend is { } backend ? metadata.WithSoftware(backend.Software) : metadata;
    }

    private static bool Belongs(string file, string exploration) =>
        file.StartsWith(exploration + "/", StringComparison.Ordinal) || (file.StartsWith(exploration + ".", StringComparison.Ordinal) && !file.Contains('/', StringComparison.Ordinal));
}
