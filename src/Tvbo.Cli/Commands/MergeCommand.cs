using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo merge DIR... --out DIR</c>: joins the shard folders written by <c>run --conditions START:STOP</c> into
/// one result per exploration, after checking that they are shards of one experiment file (same SHA-256, the file
/// unchanged since), of one backend, and cover each exploration's grid exactly once.</summary>
internal static class MergeCommand
{
    public static int Run(ParseResult parse, TextWriter stdout)
    {
        var dirs = parse.GetRequiredValue(TvboCommands.ShardFolders);
        var outDir = parse.GetValue(TvboCommands.MergeOut) ?? throw new UsageException("'merge' needs --out DIR for the joined result.");
        var output = RunOutput.Parse(parse, outDir)!;
        using var loggerFactory = ExperimentFiles.Logging(parse.GetValue(TvboCommands.Verbose));
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(parse, logger);

        var shards = new List<(string Dir, LoadedResult Loaded)>();
        foreach (var dir in dirs)
        {
            var found = Directory.Exists(dir) ? PlotCommand.Find(dir) : [];
            if (found.Count == 0)
            {
                throw new UsageException($"'{dir}' holds no results of 'tvbo run --out DIR'.");
            }

            foreach (var (_, path, _) in found)
            {
                var loaded = ResultFiles.Read(path);
                if (loaded.Metadata.ConditionStart is null || loaded.Metadata.ConditionStop is null)
                {
                    throw new UsageException($"'{path}' is a whole result, not a shard of 'run --conditions START:STOP'.");
                }

                shards.Add((dir, loaded));
            }
        }

        var first = shards[0].Loaded.Metadata;
        foreach (var (dir, loaded) in shards)
        {
            var m = loaded.Metadata;
            if (m.ExperimentSha256 is null || m.ExperimentSha256 != first.ExperimentSha256 || m.ExperimentFile != first.ExperimentFile)
            {
                throw new UsageException($"'{dir}' is a shard of {m.ExperimentFile ?? "an unknown file"} (SHA-256 {m.ExperimentSha256 ?? "none"}), '{shards[0].Dir}' of {first.ExperimentFile} ({first.ExperimentSha256}); shards to join must come from one experiment file.");
            }

            if (loaded.Result.Backend != shards[0].Loaded.Result.Backend)
            {
                throw new UsageException($"'{dir}' was run with {loaded.Result.Backend}, '{shards[0].Dir}' with {shards[0].Loaded.Result.Backend}; join shards of one backend.");
            }
        }

        var file = first.ExperimentFile!;
        if (!File.Exists(file) || ResultMetadata.Sha256(file) != first.ExperimentSha256)
        {
            throw new UsageException($"The shards were run from {file}, which {(File.Exists(file) ? "has changed since" : "no longer exists")}; merging needs the experiment file they were run from, unchanged.");
        }

        var experiment = SimulationExperiment.Load(file, loadOptions);
        var grids = experiment.Validate().ToDictionary(g => g.Exploration, StringComparer.Ordinal);
        var merged = new List<ExplorationResult>();
        foreach (var group in shards.GroupBy(s => s.Loaded.Result.Name))
        {
            if (!grids.TryGetValue(group.Key, out var grid))
            {
                throw new UsageException($"The shards hold exploration '{group.Key}', which {file} no longer has.");
            }

            var parts = group.OrderBy(s => s.Loaded.Metadata.ConditionStart).Select(s => (new ConditionRange(s.Loaded.Metadata.ConditionStart!.Value, s.Loaded.Metadata.ConditionStop!.Value), s.Loaded.Result)).ToArray();
            var next = 0;
            foreach (var (range, _) in parts)
            {
                if (range.Start != next)
                {
                    throw new UsageException(range.Start > next
                        ? $"Exploration '{group.Key}': conditions {next}:{range.Start} are in no shard (grid of {grid.ConditionCount}); run them with --conditions {next}:{range.Start}."
                        : $"Exploration '{group.Key}': conditions {range.Start}:{next} are in two shards.");
                }

                next = range.Stop;
            }

            if (next != grid.ConditionCount)
            {
                throw new UsageException($"Exploration '{group.Key}': conditions {next}:{grid.ConditionCount} are in no shard; run them with --conditions {next}:{grid.ConditionCount}.");
            }

            try
            {
                merged.Add(ExplorationResult.Merge(grid, parts));
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"Exploration '{group.Key}': {ex.Message}");
            }

            stdout.WriteLine($"{group.Key}: {parts.Length} shard(s) joined into {grid.ConditionCount} conditions");
        }

        var backend = BackendRegistry.Get(shards[0].Loaded.Result.Backend);
        var target = output.Prepare([file, .. dirs.Select(Path.GetFullPath)]);
        var result = new ExperimentResult(backend.Name, merged);
        var options = new RunOptions { Store = merged[0].HasSeries ? ResultStore.Series : ResultStore.Summary, SummaryWindow = first.SummaryWindow };
        var session = output.Begin(target, result, experiment, file, backend, options, TvboCommands.Arguments(parse), DateTimeOffset.UtcNow, TimeSpan.Zero, stdout);
        try
        {
            foreach (var r in merged)
            {
                foreach (var path in session.Write(r, default))
                {
                    stdout.WriteLine($"  wrote {path}");
                }
            }

            session.Complete();
        }
        catch
        {
            session.Abort();
            throw;
        }

        stdout.WriteLine($"  wrote {Path.Combine(target.FullPath, RunManifest.FileName)}");
        return Cli.Ok;
    }
}
