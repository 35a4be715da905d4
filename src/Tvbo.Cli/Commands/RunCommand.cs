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
    private const int DefaultShardSize = 10_000;

    public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        var file = line.File();
        var backendName = line.Option("backend") ?? throw new UsageException("'run' needs --backend native or --backend pyrates.");
        var outDir = line.Option("out");
        var store = line.Option("store") switch
        {
            null or "series" => ResultStore.Series,
            "summary" => ResultStore.Summary,
            var s => throw new UsageException($"--store must be 'series' or 'summary', got '{s}'."),
        };
        var window = line.DoubleOption("summary-window") ?? 0.2;
        if (!(window > 0 && window <= 1))
        {
            throw new UsageException($"--summary-window must be a fraction in (0, 1], e.g. 0.2 for the last 20 % of samples; got {window.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var maxBytes = line.Option("max-result-bytes") is { } mb
            ? long.TryParse(mb, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? m : throw new UsageException($"--max-result-bytes must be a positive whole number of bytes, got '{mb}'.")
            : RunOptions.DefaultMaxResultBytes;
        var only = line.Options("exploration");
        ConditionRange? conditions = null;
        if (line.Option("conditions") is { } range)
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

        var verbose = line.Flag("verbose");
        var figures = FigureOutput.Parse(line, outDir is not null);
        var output = RunOutput.Parse(line, outDir);

        using var loggerFactory = ExperimentFiles.Logging(verbose);
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(line, logger);

        // The native backend on a Dask cluster: shards as tasks running this tool on the workers.
        var nativeScheduler = string.Equals(backendName, Tvbo.Native.NativeBackend.BackendName, StringComparison.OrdinalIgnoreCase) ? line.Option("scheduler") : null;
        var shardSize = nativeScheduler is null ? null : line.IntOption("chunk-size");
        var clientPython = nativeScheduler is null ? null : line.Option("python");
        if (nativeScheduler is not null && conditions is not null)
        {
            throw new UsageException("--conditions runs one shard here; --scheduler with the native backend cuts the grid into shards itself. Give one of them.");
        }

        var backend = BackendFactory.Create([backendName], line, logger, allowNativeScheduler: true)[0];
        line.RejectUnused();

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
            if (only.Count > 0 && !only.Contains(e.Name))
            {
                experiment.Explorations.Remove(e.Name);
            }
        }

        // Refuse an unusable --out before computing anything.
        var target = output?.Prepare([file, .. loadOptions.ModelDirectories]);

        using var interruption = new Interruption();
        var options = new RunOptions { Store = store, SummaryWindow = window, MaxResultBytes = maxBytes, Logger = logger, Conditions = conditions };
        IProgress<RunProgress>? progress = verbose ? new ConsoleProgress(stderr) : null;
        var startedAt = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = nativeScheduler is null
            ? experiment.Run(backend, options, progress, interruption.Token)
            : Tvbo.PyRates.Backend.DaskNativeShards.Run(file, loadOptions, nativeScheduler, shardSize ?? DefaultShardSize, options, only, clientPython, interruption.Token);
        var runTime = started.Elapsed;
        stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Backend}: {result.Explorations.Count} exploration(s) in {runTime.TotalSeconds:0.###} s"));
        var session = target is null ? null : output!.Begin(target, result, experiment, file, backend, options, line.Arguments, startedAt, runTime, stdout);
        try
        {
            foreach (var name in result.Order)
            {
                var r = result.Explorations[name];
                stdout.WriteLine($"  {r}");
                foreach (var f in r.Failures)
                {
                    stdout.WriteLine($"    failed: {f}");
                }

                if (session is not null && outDir is not null)
                {
                    foreach (var path in session.Write(r, interruption.Token))
                    {
                        stdout.WriteLine($"    wrote {path}");
                    }

                    if (figures.Wanted)
                    {
                        FigureOutput.Write(r, Path.Combine(outDir, name), figures.For(experiment, window), stdout, stderr);
                    }
                }
            }

            session?.Complete();
        }
        catch
        {
            session?.Abort();
            throw;
        }

        if (target is not null)
        {
            stdout.WriteLine($"  wrote {Path.Combine(target.FullPath, Tvbo.IO.RunManifest.FileName)}");
        }

        return Cli.Ok;
    }
}
