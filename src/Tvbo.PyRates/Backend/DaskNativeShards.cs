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
    /// <param name="cancellationToken">Cancels the outstanding tasks.</param>
    /// <returns>The results, as a native run of the whole grids gives them.</returns>
    /// <exception cref="PyRatesException">distributed is missing, the scheduler cannot be reached, a worker lacks the
    /// tool, or a shard failed twice.</exception>
    public static ExperimentResult Run(string experimentFile, ExperimentLoadOptions loadOptions, string schedulerAddress, int shardSize, RunOptions options, IReadOnlyCollection<string> explorations, string? pythonExecutable = null, CancellationToken cancellationToken = default)
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

        // The files every task gets: the experiment's folder, and each model folder.
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

        var relativeFile = "experiment/" + Path.GetRelativePath(folder, full).Replace('\\', '/');
        var runtime = PythonRuntime.Start(pythonExecutable);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var description = DaskBridge.Connect(runtime, null, schedulerAddress, "tool");
        logger.LogInformation("Dask: {Description} (connected in {Seconds:F1} s).", description, clock.Elapsed.TotalSeconds);

        var temp = Directory.CreateTempSubdirectory("tvbo_shards_").FullName;
        try
        {
            var jobs = new List<(ExplorationGrid Grid, ConditionRange Range, string[] Arguments, string Result)>();
            foreach (var grid in grids)
            {
                for (var start = 0; start < grid.ConditionCount; start += shardSize)
                {
                    var range = new ConditionRange(start, Math.Min(grid.ConditionCount, start + shardSize));
                    var arguments = new List<string> { "run", relativeFile, "--backend", "native", "--conditions", range.ToString(), "--out", "out", "--format", "netcdf", "--no-figures", "--store", options.Store == ResultStore.Summary ? "summary" : "series", "--summary-window", options.SummaryWindow.ToString("R", CultureInfo.InvariantCulture) };
                    if (experiment.Explorations.Count > 0)
                    {
                        arguments.AddRange(["--exploration", grid.Exploration]);
                    }

                    if (loadOptions.Experiment is { } id)
                    {
                        arguments.AddRange(["--experiment", id]);
                    }

                    arguments.AddRange(modelArguments);
                    jobs.Add((grid, range, arguments.ToArray(), $"out/{grid.Exploration}.nc"));
                }
            }

            var paths = jobs.Select((_, k) => Path.Combine(temp, string.Create(CultureInfo.InvariantCulture, $"shard_{k}.nc"))).ToArray();
            var futures = new PyObject?[jobs.Count];
            var attempts = new int[jobs.Count];
            for (var k = 0; k < jobs.Count; k++)
            {
                futures[k] = DaskBridge.SubmitTool(runtime, jobs[k].Arguments, files, jobs[k].Result);
            }

            var remaining = jobs.Count;
            var done = new bool[jobs.Count];
            var shardsOf = grids.ToDictionary(g => g, g => Enumerable.Range(0, jobs.Count).Where(k => jobs[k].Grid == g).ToArray());
            ExplorationResult Result(ExplorationGrid grid, bool partial)
            {
                var shards = shardsOf[grid].Where(k => done[k]).Select(k => (jobs[k].Range, ResultFiles.Read(paths[k]).Result)).ToArray();
                return partial ? ExplorationResult.MergeFinished(grid, shards) : ExplorationResult.Merge(grid, shards);
            }

            while (remaining > 0)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // Keep the explorations whose shards all finished, and the finished shards of the first one that has some.
                    DaskBridge.Cancel(runtime, futures);
                    var complete = grids.Where(g => shardsOf[g].All(k => done[k])).ToArray();
                    var started = grids.FirstOrDefault(g => !complete.Contains(g) && shardsOf[g].Any(k => done[k]));
                    throw new RunCancelledException(complete.Select(g => Result(g, partial: false)).ToArray(), started is null ? null : Result(started, partial: true), cancellationToken);
                }

                foreach (var (k, error) in DaskBridge.WaitNextTool(runtime, futures, TimeSpan.FromMilliseconds(250), paths))
                {
                    DaskBridge.Release(runtime, [futures[k]]);
                    futures[k] = null;
                    if (error is null)
                    {
                        done[k] = true;
                        remaining--;
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

            var results = grids.Select(g => Result(g, partial: false)).ToArray();
            return new ExperimentResult(results.FirstOrDefault()?.Backend ?? "native", results);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
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
