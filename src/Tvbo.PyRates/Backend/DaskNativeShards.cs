using System.Globalization;
using Microsoft.Extensions.Logging;
using Python.Runtime;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Files.ExperimentFile;
using Tvbo.IO;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;
using Tvbo.Results;

namespace Tvbo.PyRates.Backend;

/// <summary>
/// The native backend beyond one machine: each exploration's C-order grid is cut into shards that run as Dask tasks,
/// each task running the <c>tvbo</c> tool (<c>run --backend native --conditions START:STOP</c>) on a worker that has it
/// (<c>TVBO_TOOL</c> in the worker's environment, else <c>tvbo</c> on its PATH). The experiment file's folder (and the
/// model folders) travel with the tasks; the shards come back as NetCDF files and are joined with
/// <see cref="ExplorationResult.Merge"/>. A shard whose task fails is retried once; a second failure fails the run,
/// naming the worker's error. Workers need Python, distributed and the tool, not PyRates.
/// </summary>
public static class DaskNativeShards
{
    /// <summary>The most bytes of files sent with every task.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Runs an experiment file's explorations as native shards on a Dask cluster.</summary>
    /// <param name="experimentFile">The experiment file (as for <c>tvbo run</c>).</param>
    /// <param name="loadOptions">Model folders and the experiment of a study file.</param>
    /// <param name="schedulerAddress">The scheduler, e.g. <c>tcp://host:8786</c>.</param>
    /// <param name="shardSize">Conditions per shard (at least 1).</param>
    /// <param name="options">Storage and summary window of the shards; <see cref="RunOptions.Conditions"/> must be unset.</param>
    /// <param name="explorations">The explorations to run; empty for all.</param>
    /// <param name="pythonExecutable">The Python with distributed for the client, or null to locate it.</param>
    /// <param name="progress">Receives each exploration's progress as its shards come back.</param>
    /// <param name="cancellationToken">Cancels the outstanding tasks.</param>
    /// <returns>The results, as a native run of the whole grids gives them.</returns>
    /// <exception cref="PyRatesException">distributed is missing, the scheduler cannot be reached, a worker lacks the
    /// tool, or a shard failed twice.</exception>
    public static ExperimentResult Run(string experimentFile, ExperimentLoadOptions loadOptions, string schedulerAddress, int shardSize, RunOptions options, IReadOnlyCollection<string> explorations, string? pythonExecutable = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentFile);
        ArgumentNullException.ThrowIfNull(loadOptions);
        ArgumentNullException.ThrowIfNull(schedulerAddress);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(explorations);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        var logger = options.Logger;
        var experiment = SimulationExperiment.Load(experimentFile, loadOptions);
        var grids = experiment.Validate().Where(g => explorations.Count == 0 || explorations.Contains(g.Exploration)).ToArray();
        var (files, relativeFile, modelArguments) = TaskFiles(experimentFile, loadOptions);
        var runtime = PythonRuntime.Start(pythonExecutable);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var description = DaskBridge.Connect(runtime, null, schedulerAddress, "tool");
        logger.LogInformation("Dask: {Description} (connected in {Seconds:F1} s).", description, clock.Elapsed.TotalSeconds);

        var temp = Directory.CreateTempSubdirectory("tvbo_shards_").FullName;
        try
        {
            var jobs = grids.SelectMany(g => Jobs(experiment, g, relativeFile, modelArguments, shardSize, options, loadOptions)).ToArray();
            var paths = jobs.Select((_, k) => Path.Combine(temp, string.Create(CultureInfo.InvariantCulture, $"shard_{k}.nc"))).ToArray();
            var shards = new ShardResults(grids, jobs, paths);
            var steps = (long)Math.Max(0, experiment.Integration.SampleCount - 1) * experiment.Integration.StepsPerSample;
            var meters = grids.ToDictionary(g => g.Exploration, g => new ProgressMeter(progress, g.Exploration, g.ConditionCount, steps), StringComparer.Ordinal);
            try
            {
                RunJobs(runtime, jobs, files, shards, logger, job => meters[job.Grid.Exploration].Add(job.Range.Count * steps), cancellationToken);
                foreach (var meter in meters.Values)
                {
                    meter.Complete();
                }
            }
            finally
            {
                foreach (var meter in meters.Values)
                {
                    meter.Dispose();
                }
            }

            var results = grids.Select(g => shards.Result(g, partial: false)).ToArray();
            return new ExperimentResult(results.FirstOrDefault()?.Backend ?? "native", results);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    // The files every task gets: the experiment's folder, and each model folder; the experiment file's path among
    // them, and the --models arguments naming the model folders.
    private static (Dictionary<string, string> Files, string RelativeFile, List<string> ModelArguments) TaskFiles(string experimentFile, ExperimentLoadOptions loadOptions)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var full = Path.GetFullPath(experimentFile);
        var folder = Path.GetDirectoryName(full)!;
        AddFolder(files, folder, "experiment");
        var modelArguments = new List<string>();
        for (var i = 0; i < loadOptions.ModelDirectories.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"models_{i}");
            AddFolder(files, Path.GetFullPath(loadOptions.ModelDirectories[i]), prefix);
            modelArguments.AddRange(["--models", prefix]);
        }

        var bytes = files.Values.Sum(f => new FileInfo(f).Length);
        if (bytes > MaxFileBytes)
        {
            throw new ExperimentException($"The experiment's folder {folder} (and model folders) hold {bytes / (1 << 20)} MiB; every native shard task carries them, and the limit is {MaxFileBytes >> 20} MiB. Put the experiment in a folder of its own.");
        }

        return (files, "experiment/" + Path.GetRelativePath(folder, full).Replace('\\', '/'), modelArguments);
    }

    // One job per shard of the grid: the tool's arguments for its conditions, and the result file it writes.
    private static IEnumerable<ShardJob> Jobs(SimulationExperiment experiment, ExplorationGrid grid, string relativeFile, List<string> modelArguments, int shardSize, RunOptions options, ExperimentLoadOptions loadOptions)
    {
        for (var start = 0; start < grid.ConditionCount; start += shardSize)
        {
            var range = new ConditionRange(start, Math.Min(grid.ConditionCount, start + shardSize));
            var arguments = new List<string> { "run", relativeFile, "--backend", "native", "--conditions", range.ToString(), "--out", "out", "--format", "netcdf", "--no-figures", "--store", options.Store == ResultStore.Summary ? "summary" : "series", "--summary-window", options.SummaryWindow.ToString("R", CultureInfo.InvariantCulture) };
            if (options.AllowCode)
            {
                arguments.Add("--allow-code");
            }

            if (options.MaxEventTimes != EventTimes.DefaultMaxTimesPerCondition)
            {
                arguments.AddRange(["--max-event-times", options.MaxEventTimes.ToString(CultureInfo.InvariantCulture)]);
            }

            if (experiment.Explorations.Count > 0)
            {
                arguments.AddRange(["--exploration", grid.Exploration]);
            }

            if (loadOptions.Experiment is { } id)
            {
                arguments.AddRange(["--experiment", id]);
            }

            arguments.AddRange(modelArguments);
            yield return new ShardJob(grid, range, arguments.ToArray(), $"out/{grid.Exploration}.nc");
        }
    }

    // Submits every job and waits for all; a failed task is retried once, a second failure fails the run.
    private static void RunJobs(PythonRuntime runtime, ShardJob[] jobs, Dictionary<string, string> files, ShardResults shards, ILogger logger, Action<ShardJob> finished, CancellationToken cancellationToken)
    {
        var futures = jobs.Select(job => (PyObject?)DaskBridge.SubmitTool(runtime, job.Arguments, files, job.Result)).ToArray();
        var attempts = new int[jobs.Length];
        var remaining = jobs.Length;
        while (remaining > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                DaskBridge.Cancel(runtime, futures);
                throw shards.Cancelled(cancellationToken);
            }

            foreach (var (k, error) in DaskBridge.WaitNextTool(runtime, futures, TimeSpan.FromMilliseconds(250), shards.Paths))
            {
                DaskBridge.Release(runtime, [futures[k]]);
                futures[k] = null;
                if (error is null)
                {
                    shards.Done[k] = true;
                    remaining--;
                    finished(jobs[k]);
                    continue;
                }

                if (++attempts[k] > 1)
                {
                    DaskBridge.Cancel(runtime, futures);
                    throw new PyRatesException("DaskError", $"Native shard {jobs[k].Range} of exploration '{jobs[k].Grid.Exploration}' failed twice on the Dask workers: {error}", string.Empty);
                }

                logger.LogWarning("Native shard {Range} of exploration '{Exploration}' failed on a worker ({Error}); retrying once.", jobs[k].Range, jobs[k].Grid.Exploration, error);
                futures[k] = DaskBridge.SubmitTool(runtime, jobs[k].Arguments, files, jobs[k].Result);
            }
        }
    }

    /// <summary>One native shard: its grid, its conditions, the tool's arguments and the result file it writes.</summary>
    private sealed record ShardJob(ExplorationGrid Grid, ConditionRange Range, string[] Arguments, string Result);

    /// <summary>The shards' result files, which have arrived, and the explorations joined from them.</summary>
    private sealed class ShardResults(ExplorationGrid[] grids, ShardJob[] jobs, string[] paths)
    {
        private readonly Dictionary<ExplorationGrid, int[]> _shardsOf = grids.ToDictionary(g => g, g => Enumerable.Range(0, jobs.Length).Where(k => jobs[k].Grid == g).ToArray());

        public string[] Paths => paths;

        public bool[] Done { get; } = new bool[jobs.Length];

        public ExplorationResult Result(ExplorationGrid grid, bool partial)
        {
            var shards = _shardsOf[grid].Where(k => Done[k]).Select(k => (jobs[k].Range, ResultFiles.Read(paths[k]).Result)).ToArray();
            return partial ? ExplorationResult.MergeFinished(grid, shards) : ExplorationResult.Merge(grid, shards);
        }

        // Keep the explorations whose shards all finished, and the finished shards of the first one that has some.
        public RunCancelledException Cancelled(CancellationToken cancellationToken)
        {
            var complete = grids.Where(g => _shardsOf[g].All(k => Done[k])).ToArray();
            var started = grids.FirstOrDefault(g => !complete.Contains(g) && _shardsOf[g].Any(k => Done[k]));
            return new RunCancelledException(complete.Select(g => Result(g, partial: false)).ToArray(), started is null ? null : Result(started, partial: true), cancellationToken);
        }
    }

    private static void AddFolder(Dictionary<string, string> files, string folder, string prefix)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint }))
        {
            files[prefix + "/" + Path.GetRelativePath(folder, path).Replace('\\', '/')] = path;
        }
    }
}
