using System.CommandLine;
using Tvbo.Figures;
using Tvbo.IO;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo plot DIR [--exploration NAME]...</c>: the figures of results written earlier by <c>run --out DIR</c>,
/// into <c>DIR/&lt;exploration&gt;/figures/</c>. DIR may also be one exploration's folder or NetCDF file.</summary>
internal static class PlotCommand
{
    public static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var dir = parse.GetRequiredValue(TvboCommands.ResultFolder);
        var only = parse.GetValue(TvboCommands.Exploration) ?? [];
        var window = parse.GetValue(TvboCommands.SummaryWindow);
        var figures = FigureOutput.Parse(parse, hasOutput: true);
        if (!figures.Wanted)
        {
            throw new UsageException("'plot' with --no-figures has nothing to do.");
        }

        var found = Find(dir);
        var continuations = FindContinuations(dir);
        if (found.Count == 0 && continuations.Count == 0)
        {
            throw new UsageException($"'{dir}' holds no results of 'tvbo run --out DIR' (DIR/<exploration>/{ExplorationFile}, DIR/<exploration>.nc, DIR/<continuation>/{ContinuationCsv.InfoFile} or DIR/<continuation>.nc).");
        }

        foreach (var name in only)
        {
            if (!found.Any(f => f.Name == name) && !continuations.Any(c => c.Result.Name == name))
            {
                throw new UsageException($"--exploration '{name}' is not in '{dir}'; explorations: {string.Join(", ", found.Select(f => f.Name))}{(continuations.Count == 0 ? string.Empty : $"; continuations: {string.Join(", ", continuations.Select(c => c.Result.Name))}")}.");
            }
        }

        var failed = 0;
        var explorations = new List<Results.ExplorationResult>();
        ResultMetadata? metadata = null;
        foreach (var (name, path, target) in found.Where(f => only.Length == 0 || only.Contains(f.Name) || continuations.Count > 0))
        {
            var loaded = ResultFiles.Read(path);
            explorations.Add(loaded.Result); // also the sweeps a continuation's diagram is drawn over
            metadata ??= loaded.Metadata;
            if (only.Length > 0 && !only.Contains(name))
            {
                continue;
            }

            stdout.WriteLine($"{path}: {loaded.Result}");
            var options = OptionsFor(figures, loaded.Metadata, window);
            var written = new List<string>();
            failed += FigureOutput.Write(loaded.Result, target, options, stdout, stderr, writtenFiles: written);
            RunFolder.Record(written); // a run folder's manifest lists them, so a re-run replaces them as its own
        }

        // The continuations' figures: the stored sweeps' record gives their options, else the run folder's label.
        FigureOptions? continuationOptions = null;
        FigureOptions ContinuationOptions() => continuationOptions ??= metadata is null
            ? figures.For(null, window ?? 0.2) with { Title = RunManifest.Read(dir)?.Experiment.Label }
            : OptionsFor(figures, metadata, window);

        foreach (var (continuation, target) in continuations.Where(c => only.Length == 0 || only.Contains(c.Result.Name)))
        {
            stdout.WriteLine($"{target}: {continuation}");
            var options = ContinuationOptions();
            var written = new List<string>();
            failed += FigureOutput.Write(continuation, explorations, Path.Combine(target, FigureOutput.Folder), options, stdout, stderr, writtenFiles: written, others: continuations.Select(c => c.Result).ToArray());
            RunFolder.Record(written);
        }

        // A run folder's continuations together: the two-parameter diagrams, in the run's own figures/.
        if (continuations.Count > 0 && !ContinuationCsv.IsContinuationFolder(dir) && (only.Length == 0 || continuations.Any(c => only.Contains(c.Result.Name))))
        {
            var options = ContinuationOptions();
            var written = new List<string>();
            failed += FigureOutput.WritePlanes(continuations.Select(c => c.Result).ToArray(), Path.Combine(dir, FigureOutput.Folder), options, stdout, stderr, written);
            RunFolder.Record(written);
        }

        return failed == 0 ? Cli.Ok : Cli.Failure;
    }

    /// <summary>The continuations in a run folder (or DIR itself when it is one continuation's folder or NetCDF file),
    /// with the folder whose figures/ gets the diagram.</summary>
    internal static List<(Tvbo.Bifurcation.ContinuationResult Result, string Target)> FindContinuations(string dir)
    {
        if (ContinuationNetCdf.IsContinuationFile(dir))
        {
            var full = Path.GetFullPath(dir);
            return [(ContinuationNetCdf.Read(dir), Path.Combine(Path.GetDirectoryName(full) ?? ".", Path.GetFileNameWithoutExtension(full)))];
        }

        if (!Directory.Exists(dir))
        {
            return [];
        }

        if (ContinuationCsv.IsContinuationFolder(dir))
        {
            return [(ContinuationCsv.Read(dir), dir)];
        }

        return RunFolder.ReadContinuations(dir).Select(c => (c, Path.Combine(dir, c.Name))).ToList();
    }

    /// <summary>The figure options of a stored result: its file's record stands in for the experiment (its label, time
    /// unit and units).</summary>
    internal static FigureOptions OptionsFor(FigureOutput figures, ResultMetadata metadata, double? window) =>
        figures.For(null, window ?? metadata.SummaryWindow) with
        {
            Title = metadata.ExperimentLabel,
            TimeUnit = metadata.TimeUnit,
            Units = metadata.Units.Count > 0 ? metadata.Units : null,
        };

    /// <summary>The results in a folder: (exploration name, path to load, folder whose figures/ gets the images).</summary>
    internal static List<(string Name, string Path, string Target)> Find(string dir)
    {
        var found = new List<(string Name, string Path, string Target)>();
        if (File.Exists(dir) && dir.EndsWith(".nc", StringComparison.OrdinalIgnoreCase))
        {
            if (ContinuationNetCdf.IsContinuationFile(dir))
            {
                return found; // a continuation's file (FindContinuations)
            }

            var full = Path.GetFullPath(dir);
            var stem = Path.GetFileNameWithoutExtension(full);
            found.Add((stem, dir, Path.Combine(Path.GetDirectoryName(full) ?? ".", stem)));
            return found;
        }

        if (!Directory.Exists(dir))
        {
            throw new UsageException($"'{dir}' is not a folder.");
        }

        if (IsExplorationFolder(dir))
        {
            found.Add((Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar)), dir, dir));
            return found;
        }

        foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            if (IsExplorationFolder(sub))
            {
                found.Add((Path.GetFileName(sub), sub, sub));
            }
        }

        foreach (var nc in Directory.GetFiles(dir, "*.nc").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(nc);
            if (!found.Any(f => f.Name == stem) && !ContinuationNetCdf.IsContinuationFile(nc))
            {
                found.Add((stem, nc, Path.Combine(dir, stem)));
            }
        }

        return found;
    }

    /// <summary>The file that marks an exploration's CSV folder.</summary>
    private const string ExplorationFile = "exploration.json";

    private static bool IsExplorationFolder(string dir) => File.Exists(Path.Combine(dir, ExplorationFile));
}
