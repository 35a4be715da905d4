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
        InputGuard.Refuse("--out", outDir, dirs.Select(d => (d, "a shard being joined")));
        using var loggerFactory = ExperimentFiles.Logging(parse.GetValue(TvboCommands.Verbose));
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(parse, logger);

        var shards = LoadShards(dirs);
        var first = shards[0].Loaded.Metadata;
        var file = CheckShards(shards);
        var experiment = SimulationExperiment.Load(file, loadOptions);
        var grids = experiment.Validate().ToDictionary(g => g.Exploration, StringComparer.Ordinal);
        var merged = new List<ExplorationResult>();
        foreach (var group in shards.GroupBy(s => s.Loaded.Result.Name))
        {
            merged.Add(Merge(group.Key, group.ToArray(), grids, file, stdout));
        }

        ISimulationBackend backend;
        try
        {
            backend = BackendRegistry.Get(shards[0].Loaded.Result.Backend);
        }
        catch (TvboException ex)
        {
            throw new UsageException($"'{shards[0].Dir}' was run with backend '{ResultFileCheck.Show(shards[0].Loaded.Result.Backend)}', which this tvbo cannot name in the joined result: {ex.Message}");
        }


        var result = new ExperimentResult(backend.Name, merged);
        var options = new RunOptions { Store = merged[0].HasSeries ? ResultStore.Series : ResultStore.Summary, SummaryWindow = first.SummaryWindow };
        var folderOptions = output.FolderOptions(file, backend.Describe(), options, TvboCommands.Arguments(parse), DateTimeOffset.UtcNow, TimeSpan.Zero) with { ProtectedPaths = dirs.Select(Path.GetFullPath).ToArray() };
        foreach (var path in result.Save(outDir, experiment, folderOptions))
        {
            stdout.WriteLine($"  wrote {path}");
        }

        return Cli.Ok;
    }

    /// <summary>Every exploration result in the shard folders; each must be a shard (run with --conditions).</summary>
    private static List<(string Dir, LoadedResult Loaded)> LoadShards(string[] dirs)
    {
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

        return shards;
    }

    /// <summary>Checks that the shards come from one unchanged experiment file and one backend; returns the file.</summary>
    private static string CheckShards(List<(string Dir, LoadedResult Loaded)> shards)
    {
        var first = shards[0].Loaded.Metadata;
        foreach (var (dir, loaded) in shards)
        {
            var m = loaded.Metadata;
            if (m.ExperimentSha256 is null || m.ExperimentFile is null || m.ExperimentSha256 != first.ExperimentSha256 || m.ExperimentFile != first.ExperimentFile)
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

        return file;
    }

    /// <summary>Joins one exploration's shards, which must cover its grid once: a gap, an overlap or a range outside
    /// the grid is refused, naming the conditions concerned and the shards holding them.</summary>
    private static ExplorationResult Merge(string name, (string Dir, LoadedResult Loaded)[] shards, Dictionary<string, ExplorationGrid> grids, string file, TextWriter stdout)
    {
        if (!grids.TryGetValue(name, out var grid))
        {
            throw new UsageException($"The shards hold exploration '{name}', which {file} no longer has.");
        }

        var n = grid.ConditionCount;
        var ordered = shards
            .Select(s => (s.Dir, Range: new ConditionRange(s.Loaded.Metadata.ConditionStart!.Value, s.Loaded.Metadata.ConditionStop!.Value), s.Loaded.Result))
            .OrderBy(s => s.Range.Start).ThenBy(s => s.Range.Stop).ToArray();
        var next = 0;
        var reach = ordered[0]; // the shard that reaches furthest so far
        foreach (var shard in ordered)
        {
            var range = shard.Range;
            if (range.Stop > n)
            {
                throw new UsageException($"Exploration '{name}': '{shard.Dir}' holds conditions {range}, but the grid has {n} (0:{n}); it is not a shard of this grid.");
            }

            if (range.Start > next)
            {
                throw new UsageException($"Exploration '{name}': conditions {next}:{range.Start} are in no shard (grid of {n}); run them with --conditions {next}:{range.Start}.");
            }

            if (range.Start < next)
            {
                throw new UsageException($"Exploration '{name}': conditions {range.Start}:{Math.Min(next, range.Stop)} are in two shards ('{reach.Dir}' holds {reach.Range}, '{shard.Dir}' holds {range}); join shards that do not overlap.");
            }

            next = range.Stop;
            reach = shard;
        }

        if (next != n)
        {
            throw new UsageException($"Exploration '{name}': conditions {next}:{n} are in no shard; run them with --conditions {next}:{n}.");
        }

        var parts = ordered.Select(s => (s.Range, s.Result)).ToArray();
        ExplorationResult merged;
        try
        {
            merged = ExplorationResult.Merge(grid, parts);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"Exploration '{name}': {Tvbo.ErrorText.Of(ex)}");
        }

        stdout.WriteLine($"{name}: {parts.Length} shard(s) joined into {grid.ConditionCount} conditions");
        return merged;
    }
}
