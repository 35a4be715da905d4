using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Figures;
using Tvbo.Files.ExperimentFile;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo run FILE --backend NAME [--out DIR] [--format csv|netcdf] [--store series|summary] ...</c>: runs an
/// experiment and writes its results (CSV or NetCDF, with a run.json manifest; see <see cref="RunOutput"/>).</summary>
internal static class RunCommand
{
    /// <summary>Conditions per native shard on a Dask cluster without --chunk-size.</summary>
    public const int DefaultShardSize = 10_000;

    /// <summary>Runs the command: the experiment, or every experiment of a study file (without --experiment), each
    /// into its own folder <c>DIR/experiment-&lt;id&gt;</c>.</summary>
    public static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var file = parse.GetRequiredValue(TvboCommands.ExperimentFile);
        var outDir = parse.GetValue(TvboCommands.Out);
        var experiments = parse.GetValue(TvboCommands.Experiment) is null && File.Exists(file) ? StudyExperiments(file) : [];
        if (experiments.Count <= 1)
        {
            return RunOne(parse, file, parse.GetValue(TvboCommands.Experiment), outDir, stdout, stderr);
        }

        // A study: every experiment in turn; one that is refused or fails does not stop the others.
        var code = Cli.Ok;
        foreach (var (id, label, folder) in experiments)
        {
            var into = outDir is null ? null : Path.Combine(outDir, folder);
            stdout.WriteLine($"experiment {id}{(label is null ? string.Empty : $" '{label}'")}{(into is null ? string.Empty : $" → {into}")}");
            try
            {
                var one = RunOne(parse, file, id, into, stdout, stderr);
                code = code == Cli.Ok ? one : code;
            }
            catch (Tvbo.Files.TvboFileException ex) when (ex.Problem.StartsWith($"experiment {id}: ", StringComparison.Ordinal))
            {
                stderr.WriteLine($"tvbo: {ex.Message}"); // file:line:column: experiment <id>: ...
                code = code == Cli.Ok ? Cli.BadInput : code;
            }
            catch (TvboException ex)
            {
                stderr.WriteLine($"tvbo: experiment {id}: {ex.Message}");
                code = code == Cli.Ok ? Cli.BadInput : code;
            }
            catch (BackendException ex)
            {
                stderr.WriteLine($"tvbo: experiment {id}: {ex.Message}");
                code = code == Cli.Ok ? Cli.Failure : code;
            }
        }

        return code;
    }

    /// <summary>The experiments of a study file with more than one, with the folder each is written to
    /// (<c>experiment-&lt;id&gt;</c>, or its position when it has no id); empty for an experiment file.</summary>
    private static IReadOnlyList<(string Id, string? Label, string Folder)> StudyExperiments(string file)
    {
        if (!SimulationExperiment.IsExperimentFile(file))
        {
            return [];
        }

        var listed = SimulationExperiment.ListExperiments(file);
        return listed.Select((e, k) =>
        {
            var id = e.Id ?? e.Label ?? (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var safe = new string(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
            return (id, e.Label, $"experiment-{safe}");
        }).ToArray();
    }

    /// <summary>Runs one experiment (of a study, the one <paramref name="experimentId"/> names).</summary>
    private static int RunOne(ParseResult parse, string file, string? experimentId, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        var backendName = parse.GetValue(TvboCommands.Backend);
        var (store, window, maxBytes, conditions) = ReadRunSettings(parse);
        var only = parse.GetValue(TvboCommands.Exploration) ?? [];
        var verbose = parse.GetValue(TvboCommands.Verbose);
        var figures = FigureOutput.Parse(parse, outDir is not null);
        var output = RunOutput.Parse(parse, outDir);

        using var progress = ProgressDisplay.Create(stderr, verbose, parse.GetValue(TvboCommands.Quiet)); // before the logger, which keeps the stderr it finds
        using var loggerFactory = ExperimentFiles.Logging(verbose);
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(parse, logger, experimentId);

        var experiment = LoadExperiment(file, loadOptions, only);
        var continuations = Continuations(experiment, only);
        if (conditions is not null && continuations.Count > 0)
        {
            // A shard of the explorations' grids: the continuations are not part of it (run the file without --conditions).
            stderr.WriteLine($"tvbo: --conditions runs a shard of the explorations; the continuations ({string.Join(", ", continuations.Select(c => c.Name))}) are not run.");
            continuations = [];
        }

        // With continuations and no exploration, only the continuations run, unless the file gives an integration: (and
        // --exploration does not pick continuations only).
        var integrate = experiment.Explorations.Count > 0 || continuations.Count == 0 || (experiment.IntegrationInFile && only.Length == 0);

        // Continuations run natively: a file with nothing to integrate needs no --backend.
        backendName ??= integrate ? throw new UsageException("'run' needs --backend native or --backend pyrates.") : BackendFactory.NativeName;

        // The native backend on a Dask cluster: shards as tasks running this tool on the workers.
        var nativeScheduler = string.Equals(backendName, BackendFactory.NativeName, StringComparison.OrdinalIgnoreCase) ? parse.GetValue(TvboCommands.Scheduler) : null;
        if (nativeScheduler is not null && conditions is not null)
        {
            throw new UsageException("--conditions runs one shard here; --scheduler with the native backend cuts the grid into shards itself. Give one of them.");
        }

        var backend = BackendFactory.Create([backendName], parse, logger, allowNativeScheduler: true)[0];

        // Refuse an unusable --out before computing anything.
        var target = output?.Prepare([file, .. loadOptions.ModelDirectories]);

        using var interruption = new Interruption(stderr);
        var options = new RunOptions { Store = store, SummaryWindow = window, MaxResultBytes = maxBytes, Logger = logger, Conditions = conditions, AllowCode = parse.GetValue(TvboCommands.AllowCode), MaxEventTimes = parse.GetValue(TvboCommands.MaxEventTimes) ?? Results.EventTimes.DefaultMaxTimesPerCondition };
        var startedAt = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.StartNew();
        ExperimentResult result;
        RunCancelledException? cancelled;
        IReadOnlyList<(string Name, string Message)> continuationFailures = [];
        try
        {
            (result, cancelled) = !integrate ? (new ExperimentResult(backend.Name, []), null) : Execute(() => nativeScheduler is null
                ? experiment.Run(backend, options, progress, interruption.Token)
                : BackendFactory.RunNativeShards(parse, file, loadOptions, nativeScheduler, options, only, progress, interruption.Token), backend.Name, target is not null);
            if (cancelled is null && continuations.Count > 0)
            {
                var (found, failures) = RunContinuations(experiment, continuations, logger, stderr, interruption.Token);
                result = new ExperimentResult(result.Backend, result.Order.Select(n => result.Explorations[n]), found);
                continuationFailures = failures;
            }
        }
        catch
        {
            target?.RemoveIfUnused(); // a failed run leaves no empty --out behind
            throw;
        }

        var runTime = started.Elapsed;
        stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Backend}: {result.Explorations.Count} exploration(s){(continuations.Count == 0 ? string.Empty : $" and {result.Continuations.Count} continuation(s) (native)")} in {runTime.TotalSeconds:0.###} s{(cancelled is null ? string.Empty : " (cancelled)")}"));
        var folder = target is null ? null : output!.Begin(target, result, experiment, output.FolderOptions(file, backend.Describe(), options, TvboCommands.Arguments(parse), startedAt, runTime), stdout);
        foreach (var (name, message) in continuationFailures)
        {
            folder?.RecordFailedContinuation(name, message);
        }

        interruption.BeforeExitNow = folder is null ? null : folder.Abort;
        var writing = new Writing(result, experiment, folder, outDir, figures.Wanted && cancelled is null ? figures.For(experiment, window) : null, cancelled is null ? interruption.Token : CancellationToken.None); // a second signal exits at once
        if (!writing.WriteAll(stdout, stderr, cancelled is null ? null : Except(experiment, result.Explorations.Keys)))
        {
            return interruption.ExitCode;
        }

        if (folder is not null)
        {
            stdout.WriteLine($"  wrote {Path.Combine(folder.FullPath, RunManifest.FileName)}{(cancelled is null ? string.Empty : " (status: partial)")}");
        }

        if (cancelled is not null)
        {
            stderr.WriteLine($"tvbo: cancelled. {cancelled.Message} What finished is in {target!.FullPath} (run.json: status 'partial').");
            return interruption.ExitCode;
        }

        if (continuationFailures.Count > 0)
        {
            stderr.WriteLine($"tvbo: {continuationFailures.Count} continuation(s) failed (see above); {(folder is null ? "the other results are printed above" : $"the other results are in {folder.FullPath} (run.json: failedContinuations)")}.");
            return Cli.Failure;
        }

        return Cli.Ok;
    }

    /// <summary>The continuations to run: all of the experiment's, or with --exploration those it names. An
    /// exploration and a continuation of one name are refused (their files would have one name).</summary>
    private static IReadOnlyList<Continuation> Continuations(SimulationExperiment experiment, string[] only)
    {
        foreach (var c in experiment.Continuations)
        {
            if (experiment.Explorations.Contains(c.Name))
            {
                throw new ExperimentException($"Continuation '{c.Name}' has the name of an exploration; their results would be written to one folder, DIR/{c.Name}/. Rename one of them.", c.Name);
            }
        }

        // The two-parameter diagram goes to DIR/figures/: no result of the run may own that folder then.
        if (experiment.Continuations.Any(c => c.FreeParameters.Count == 2)
            && experiment.Explorations.Select(e => e.Name).Concat(experiment.Continuations.Select(c => c.Name)).FirstOrDefault(n => n == FigureOutput.Folder) is { } taken)
        {
            throw new ExperimentException($"'{taken}' names a result of this run, but DIR/{FigureOutput.Folder}/ holds the run's two-parameter bifurcation diagram (the experiment has fold or Hopf curves). Rename it.", taken);
        }

        return experiment.Continuations.Where(c => only.Length == 0 || only.Contains(c.Name)).ToArray();
    }

    /// <summary>Runs the continuations natively (whatever the backend), one after the other; one that fails is reported
    /// on stderr (and later in run.json) and the others go on.</summary>
    private static (List<Tvbo.Bifurcation.ContinuationResult> Results, List<(string Name, string Message)> Failures) RunContinuations(SimulationExperiment experiment, IReadOnlyList<Continuation> continuations, ILogger logger, TextWriter stderr, CancellationToken cancellationToken)
    {
        var results = new List<Tvbo.Bifurcation.ContinuationResult>();
        var failures = new List<(string Name, string Message)>();
        foreach (var c in continuations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                results.Add(Tvbo.Bifurcation.BifurcationAnalysis.Run(experiment, c.Name, results, logger, cancellationToken));
            }
            catch (TvboException ex) when (ex is Tvbo.Bifurcation.ContinuationException or ExperimentException)
            {
                stderr.WriteLine($"tvbo: continuation '{c.Name}' failed: {ex.Message}");
                failures.Add((c.Name, ex.Message));
            }
        }

        return (results, failures);
    }

    /// <summary>--store, --summary-window, --max-result-bytes and --conditions, checked.</summary>
    private static (ResultStore Store, double Window, long MaxBytes, ConditionRange? Conditions) ReadRunSettings(ParseResult parse)
    {
        var store = parse.GetValue(TvboCommands.Store) switch
        {
            null or "series" => ResultStore.Series,
            "summary" => ResultStore.Summary,
            var s => throw new UsageException($"--store must be 'series' or 'summary', got '{s}'."),
        };
        var window = parse.GetValue(TvboCommands.SummaryWindow) ?? 0.2;
        if (!(window > 0 && window <= 1))
        {
            throw new UsageException($"--summary-window must be a fraction in (0, 1], e.g. 0.2 for the last 20 % of samples; got {window.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var maxBytes = parse.GetValue(TvboCommands.MaxResultBytes) ?? RunOptions.DefaultMaxResultBytes;
        if (parse.GetValue(TvboCommands.Conditions) is not { } range)
        {
            return (store, window, maxBytes, null);
        }

        try
        {
            return (store, window, maxBytes, ConditionRange.Parse(range));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--conditions: {ex.Message}");
        }
    }

    /// <summary>Loads the experiment and keeps only the explorations --exploration names (all when none).</summary>
    private static SimulationExperiment LoadExperiment(string file, ExperimentLoadOptions loadOptions, string[] only)
    {
        var experiment = SimulationExperiment.Load(file, loadOptions);
        foreach (var name in only)
        {
            if (!experiment.Explorations.Contains(name) && !experiment.Continuations.Contains(name))
            {
                throw new UsageException($"--exploration '{name}' is not in {file}; explorations: {string.Join(", ", experiment.Explorations.Select(e => e.Name))}{(experiment.Continuations.Count == 0 ? string.Empty : $"; continuations: {string.Join(", ", experiment.Continuations.Select(c => c.Name))}")}.");
            }
        }

        foreach (var e in experiment.Explorations.ToList())
        {
            if (only.Length > 0 && !only.Contains(e.Name))
            {
                experiment.Explorations.Remove(e.Name);
            }
        }

        return experiment;
    }

    /// <summary>Runs; a cancelled run that finished something and has a folder to write it to keeps what finished.</summary>
    private static (ExperimentResult Result, RunCancelledException? Cancelled) Execute(Func<ExperimentResult> run, string backend, bool hasFolder)
    {
        try
        {
            return (run(), null);
        }
        catch (RunCancelledException ex) when (hasFolder && (ex.Finished.Count > 0 || ex.Interrupted is not null))
        {
            // Keep what finished: written as usual, the manifest marked partial.
            return (new ExperimentResult(backend, ex.Interrupted is { } stopped ? [.. ex.Finished, stopped] : ex.Finished), ex);
        }
    }

    /// <summary>Prints each exploration and writes its files and figures into the run folder.</summary>
    private sealed class Writing(ExperimentResult result, SimulationExperiment experiment, RunFolder? folder, string? outDir, FigureOptions? figures, CancellationToken token)
    {
        private readonly List<string> _written = [];

        /// <summary>Writes everything; false when cancelled while writing or drawing (what was written in full is kept
        /// as a partial run; when nothing was, the folder keeps the earlier run as it was).</summary>
        public bool WriteAll(TextWriter stdout, TextWriter stderr, IReadOnlyList<string>? notRun)
        {
            try
            {
                foreach (var name in result.Order)
                {
                    WriteOne(result.Explorations[name], stdout, stderr);
                }

                foreach (var c in result.Continuations)
                {
                    WriteContinuation(c, stdout, stderr);
                }

                if (folder is not null && figures is not null && result.Continuations.Count > 0)
                {
                    token.ThrowIfCancellationRequested();
                    FigureOutput.WritePlanes(result.Continuations, folder.StagedFolder(FigureOutput.Folder), figures, stdout, stderr, shownAs: folder.FinalPath);
                }

                // A signal during the last figures is honoured like one during the writing: the run is kept as partial.
                token.ThrowIfCancellationRequested();
                folder?.Complete(notRun);
                return true;
            }
            catch (OperationCanceledException) when (folder is not null && token.IsCancellationRequested)
            {
                if (_written.Count == 0)
                {
                    folder.Abort();
                    stderr.WriteLine($"tvbo: cancelled while writing; nothing of this run was kept, and {folder.FullPath} is as it was before the run.");
                    return false;
                }

                // Cancelled while writing: the explorations written in full stay, the manifest marked partial.
                folder.KeepOnly(_written, Except(experiment, _written));
                stderr.WriteLine($"tvbo: cancelled while writing; the explorations written in full ({string.Join(", ", _written.Select(n => $"'{n}'"))}) are kept in {folder.FullPath} (run.json: status 'partial').");
                return false;
            }
            catch
            {
                folder?.Abort();
                throw;
            }
        }

        private void WriteContinuation(Tvbo.Bifurcation.ContinuationResult c, TextWriter stdout, TextWriter stderr)
        {
            stdout.WriteLine($"  {c}");
            if (folder is null || outDir is null)
            {
                return;
            }

            foreach (var path in folder.Write(c))
            {
                stdout.WriteLine($"    wrote {path}");
            }

            _written.Add(c.Name);
            if (figures is not null)
            {
                token.ThrowIfCancellationRequested();
                FigureOutput.Write(c, result.Order.Select(n => result.Explorations[n]).ToArray(), Path.Combine(folder.StagedFolder(c.Name), FigureOutput.Folder), figures, stdout, stderr, shownAs: folder.FinalPath, others: result.Continuations);
            }
        }

        private void WriteOne(ExplorationResult r, TextWriter stdout, TextWriter stderr)
        {
            stdout.WriteLine($"  {r}");
            WriteObservables(r, experiment.Explorations.FirstOrDefault(e => e.Name == r.Name)?.Observable, stdout);
            WriteFailures(r, stdout);
            if (folder is null || outDir is null)
            {
                return;
            }

            foreach (var path in folder.Write(r, token))
            {
                stdout.WriteLine($"    wrote {path}");
            }

            _written.Add(r.Name); // its results are written in full; its figures go with them, as far as they are drawn
            if (figures is not null)
            {
                FigureOutput.Write(r, folder.StagedFolder(r.Name), figures, stdout, stderr, token, shownAs: folder.FinalPath);
            }
        }
    }

    /// <summary>The observables, the exploration's own first: a number per condition as a small table (the first
    /// conditions with their parameters), anything larger by its shape.</summary>
    private static void WriteObservables(ExplorationResult result, string? reported, TextWriter stdout)
    {
        const int Shown = 12;
        foreach (var o in result.Observables.Values.OrderBy(o => o.Name == reported ? 0 : 1))
        {
            stdout.WriteLine($"    observable {o}{(o.Name == reported ? " (the exploration's observable)" : string.Empty)}");
            if (o.Dimensions.Count > 0)
            {
                continue;
            }

            var values = o.Values.Span;
            for (var c = 0; c < Math.Min(Shown, o.ConditionCount); c++)
            {
                var parameters = string.Join(", ", result.Axes.Select((a, k) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Name} = {result.ParameterValues(c)[k]:G6}")));
                stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"      #{c} ({parameters}): {values[c]:G6}"));
            }

            if (o.ConditionCount > Shown)
            {
                stdout.WriteLine($"      ... {o.ConditionCount - Shown} more in the written results ({Tvbo.IO.ObservableCsv.FileName(o.Name)}, or the variable '{o.Name}' of the NetCDF file)");
            }
        }
    }

    /// <summary>The experiment's explorations other than <paramref name="names"/> (those a cancelled run did not keep).</summary>
    private static List<string> Except(SimulationExperiment experiment, IEnumerable<string> names) =>
        experiment.Explorations.Select(e => e.Name).Except(names, StringComparer.Ordinal).ToList();

    /// <summary>The first failures, one line each, then how many more; conditions a cancellation stopped as ranges.</summary>
    private static void WriteFailures(ExplorationResult result, TextWriter stdout)
    {
        const int Shown = 10;
        var failed = result.Failures.Where(f => !f.IsCancelled).ToArray();
        foreach (var f in failed.Take(Shown))
        {
            stdout.WriteLine($"    failed: {f}");
        }

        if (failed.Length > Shown)
        {
            stdout.WriteLine($"    ... and {failed.Length - Shown} more failed conditions (all listed in failures.csv, or the NetCDF file's failures)");
        }

        var stopped = result.Failures.Where(f => f.IsCancelled).Select(f => f.Condition).ToArray();
        if (stopped.Length > 0)
        {
            stdout.WriteLine($"    not finished (cancelled): {stopped.Length} condition(s), {Ranges(stopped)}; they are NaN");
        }
    }

    private static string Ranges(int[] sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}..{sorted[j]}");
            i = j + 1;
            if (parts.Count == 8 && i < sorted.Length)
            {
                parts.Add("...");
                break;
            }
        }

        return string.Join(", ", parts);
    }
}
