using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo run FILE --backend NAME [--out DIR] [--format csv|netcdf] [--store series|summary] ...</c>: runs an
/// experiment and writes its results (CSV or NetCDF, with a run.json manifest; see <see cref="RunOutput"/>).</summary>
internal static class RunCommand
{
    /// <summary>Conditions per native shard on a Dask cluster without --chunk-size.</summary>
    public const int DefaultShardSize = 10_000;

    public static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var file = parse.GetRequiredValue(TvboCommands.ExperimentFile);
        var backendName = parse.GetValue(TvboCommands.Backend) ?? throw new UsageException("'run' needs --backend native or --backend pyrates.");
        var outDir = parse.GetValue(TvboCommands.Out);
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
        var only = parse.GetValue(TvboCommands.Exploration) ?? [];
        ConditionRange? conditions = null;
        if (parse.GetValue(TvboCommands.Conditions) is { } range)
        {
            try
            {
                conditions = ConditionRange.Parse(range);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--conditions: {ex.Message}");
            }
        }

        var verbose = parse.GetValue(TvboCommands.Verbose);
        var figures = FigureOutput.Parse(parse, outDir is not null);
        var output = RunOutput.Parse(parse, outDir);

        using var loggerFactory = ExperimentFiles.Logging(verbose);
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(parse, logger);

        // The native backend on a Dask cluster: shards as tasks running this tool on the workers.
        var nativeScheduler = string.Equals(backendName, Tvbo.Native.NativeBackend.BackendName, StringComparison.OrdinalIgnoreCase) ? parse.GetValue(TvboCommands.Scheduler) : null;
        var shardSize = nativeScheduler is null ? null : parse.GetValue(TvboCommands.ChunkSize);
        var clientPython = nativeScheduler is null ? null : parse.GetValue(TvboCommands.Python);
        if (nativeScheduler is not null && conditions is not null)
        {
            throw new UsageException("--conditions runs one shard here; --scheduler with the native backend cuts the grid into shards itself. Give one of them.");
        }

        var backend = BackendFactory.Create([backendName], parse, logger, allowNativeScheduler: true)[0];

        var experiment = SimulationExperiment.Load(file, loadOptions);
        foreach (var name in only)
        {
            if (!experiment.Explorations.Contains(name))
            {
                throw new UsageException($"--exploration '{name}' is not in {file}; explorations: {string.Join(", ", experiment.Explorations.Select(e => e.Name))}.");
            }
        }

        foreach (var e in experiment.Explorations.ToList())
        {
            if (only.Length > 0 && !only.Contains(e.Name))
            {
                experiment.Explorations.Remove(e.Name);
            }
        }

        // Refuse an unusable --out before computing anything.
        var target = output?.Prepare([file, .. loadOptions.ModelDirectories]);

        using var interruption = new Interruption(stderr);
        var options = new RunOptions { Store = store, SummaryWindow = window, MaxResultBytes = maxBytes, Logger = logger, Conditions = conditions };
        IProgress<RunProgress>? progress = verbose ? new ConsoleProgress(stderr) : null;
        var startedAt = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.StartNew();
        ExperimentResult result;
        RunCancelledException? cancelled = null;
        try
        {
            result = nativeScheduler is null
                ? experiment.Run(backend, options, progress, interruption.Token)
                : Tvbo.PyRates.Backend.DaskNativeShards.Run(file, loadOptions, nativeScheduler, shardSize ?? DefaultShardSize, options, only, clientPython, interruption.Token);
        }
        catch (RunCancelledException ex) when (target is not null && (ex.Finished.Count > 0 || ex.Interrupted is not null))
        {
            // Keep what finished: written as usual, the manifest marked partial.
            cancelled = ex;
            result = new ExperimentResult(backend.Name, ex.Interrupted is { } stopped ? [.. ex.Finished, stopped] : ex.Finished);
        }

        var runTime = started.Elapsed;
        var writeToken = cancelled is null ? interruption.Token : CancellationToken.None; // a second signal exits at once
        stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Backend}: {result.Explorations.Count} exploration(s) in {runTime.TotalSeconds:0.###} s{(cancelled is null ? string.Empty : " (cancelled)")}"));
        var written = new List<string>();
        var session = target is null ? null : output!.Begin(target, result, experiment, file, backend, options, TvboCommands.Arguments(parse), startedAt, runTime, stdout);
        try
        {
            foreach (var name in result.Order)
            {
                var r = result.Explorations[name];
                stdout.WriteLine($"  {r}");
                WriteFailures(r, stdout);

                if (session is not null && outDir is not null)
                {
                    foreach (var path in session.Write(r, writeToken))
                    {
                        stdout.WriteLine($"    wrote {path}");
                    }

                    if (figures.Wanted && cancelled is null)
                    {
                        FigureOutput.Write(r, Path.Combine(outDir, name), figures.For(experiment, window), stdout, stderr, writeToken);
                    }

                    written.Add(name);
                }
            }

            session?.Complete(cancelled is null ? null : Except(experiment, result.Explorations.Keys));
        }
        catch (OperationCanceledException) when (session is not null && written.Count > 0 && interruption.Token.IsCancellationRequested)
        {
            // Cancelled while writing: the explorations already written stay, the manifest marked partial.
            session.KeepOnly(written, Except(experiment, written));
            stderr.WriteLine($"tvbo: cancelled while writing; the explorations written in full ({string.Join(", ", written.Select(n => $"'{n}'"))}) are kept in {target!.FullPath} (run.json: status 'partial').");
            return interruption.ExitCode;
        }
        catch
        {
            session?.Abort();
            throw;
        }

        if (target is not null)
        {
            stdout.WriteLine($"  wrote {Path.Combine(target.FullPath, Tvbo.IO.RunManifest.FileName)}{(cancelled is null ? string.Empty : " (status: partial)")}");
        }

        if (cancelled is not null)
        {
            stderr.WriteLine($"tvbo: cancelled. {cancelled.Message} What finished is in {target!.FullPath} (run.json: status 'partial').");
            return interruption.ExitCode;
        }

        return Cli.Ok;
    }

    /// <summary>The experiment's explorations other than <paramref name="names"/> (those a cancelled run did not keep).</summary>
    private static List<string> Except(SimulationExperiment experiment, IEnumerable<string> names) =>
        experiment.Explorations.Select(e => e.Name).Except(names, StringComparer.Ordinal).ToList();

    /// <summary>The first failures, one line each, then how many more; conditions a cancellation stopped as ranges.</summary>
    private static void WriteFailures(ExplorationResult result, TextWriter stdout)
    {
        const int Shown = 10;
        var failed = result.Failures.Where(f => f.Reason != ConditionFailure.CancelledReason).ToArray();
        foreach (var f in failed.Take(Shown))
        {
            stdout.WriteLine($"    failed: {f}");
        }

        if (failed.Length > Shown)
        {
            stdout.WriteLine($"    ... and {failed.Length - Shown} more failed conditions (all listed in failures.csv, or the NetCDF file's failures)");
        }

        var stopped = result.Failures.Where(f => f.Reason == ConditionFailure.CancelledReason).Select(f => f.Condition).ToArray();
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
