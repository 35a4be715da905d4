using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.Validation;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo check FILE [--backends a,b] [--tol-abs X] [--tol-rel Y] [--json FILE] [--out DIR]</c>: runs an
/// experiment with two backends, compares them condition by condition (<see cref="CrossCheck"/>) and prints the
/// Markdown report. <c>tvbo compare</c> is the same command with its older option <c>--tolerance</c> (absolute).</summary>
internal static class CheckCommand
{
    /// <summary>Exit code when some condition disagrees (systematic, or diverged in one backend).</summary>
    public const int Disagrees = 3;

    public static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var legacyTolerance = parse.GetValue(TvboCommands.Tolerance);
        var tolAbs = parse.GetValue(TvboCommands.TolAbs) ?? legacyTolerance;
        var tolRel = parse.GetValue(TvboCommands.TolRel) ?? (legacyTolerance is null ? null : 0.0);
        var json = parse.GetValue(TvboCommands.Json);
        var outDir = parse.GetValue(TvboCommands.CheckOut);
        var verbose = parse.GetValue(TvboCommands.Verbose);
        using var progress = ProgressDisplay.Create(stderr, verbose, parse.GetValue(TvboCommands.Quiet)); // before the logger, which keeps the stderr it finds
        using var loggerFactory = ExperimentFiles.Logging(verbose);
        var logger = loggerFactory.CreateLogger("tvbo");
        GuardOutputs(parse, json, outDir);

        var (check, metadata) = parse.GetValue(TvboCommands.CheckSecond) is { } second
            ? (CheckFolders(parse, parse.GetRequiredValue(TvboCommands.CheckInput), second, tolAbs, tolRel), null)
            : CheckRuns(parse, logger, stderr, progress, tolAbs, tolRel);

        var markdown = check.ToMarkdown();
        stdout.Write(markdown);
        if (outDir is not null)
        {
            stdout.WriteLine();
            if (check.Results is { } results && metadata is not null)
            {
                Write(results.A, Path.Combine(outDir, Folder(check.LabelA)), metadata, stdout);
                Write(results.B, Path.Combine(outDir, Folder(check.LabelB)), metadata, stdout);
            }

            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "check.md"), markdown);
            File.WriteAllText(Path.Combine(outDir, "check.json"), check.ToJson());
            stdout.WriteLine($"wrote {Path.Combine(outDir, "check.md")} and {Path.Combine(outDir, "check.json")}");
            if (check.Results is { } both)
            {
                WriteOverlays(check, both.A, both.B, Path.Combine(outDir, "figures"), stdout, stderr);
            }
        }

        if (json is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(json));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(json, check.ToJson());
            stdout.WriteLine($"wrote {json}");
        }

        return check.Passed ? Cli.Ok : Disagrees;
    }

    /// <summary>--json and --out may not replace or sit inside what the check reads (the experiment file, or the two
    /// result folders), and --json must name a file; refused before anything runs.</summary>
    private static void GuardOutputs(ParseResult parse, string? json, string? outDir)
    {
        var first = parse.GetValue(TvboCommands.CheckInput) ?? parse.GetRequiredValue(TvboCommands.ExperimentFile);
        var second = parse.GetValue(TvboCommands.CheckSecond);
        (string, string)[] inputs = second is null
            ? [(first, "the experiment file")]
            : [(first, "a result being compared"), (second, "a result being compared")];
        if (json is not null)
        {
            InputGuard.RefuseFolder("--json", json);
            InputGuard.Refuse("--json", json, inputs);
        }

        if (outDir is not null)
        {
            InputGuard.Refuse("--out", outDir, second is null ? [] : inputs);
        }
    }

    private static (CrossCheckResult Check, ResultMetadata Metadata) CheckRuns(ParseResult parse, ILogger logger, TextWriter stderr, ProgressDisplay? progress, double? tolAbs, double? tolRel)
    {
        var file = parse.GetValue(TvboCommands.CheckInput) ?? parse.GetRequiredValue(TvboCommands.ExperimentFile);
        var names = (parse.GetValue(TvboCommands.Backends) ?? "native,pyrates").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != 2)
        {
            throw new UsageException($"--backends takes two names separated by a comma (e.g. native,pyrates), got '{string.Join(",", names)}'.");
        }

        var loadOptions = ExperimentFiles.Options(parse, logger);
        var backends = BackendFactory.Create(names, parse, logger);

        var experiment = SimulationExperiment.Load(file, loadOptions);
        var defaults = CheckTolerance.For(experiment.Integration);
        var tolerance = new CheckTolerance(tolAbs ?? defaults.Absolute, tolRel ?? defaults.Relative);
        tolerance.Validate();

        using var interruption = new Interruption(stderr);
        var check = experiment.CrossCheck(backends[0], backends[1], tolerance, new RunOptions { Logger = logger, AllowCode = parse.GetValue(TvboCommands.AllowCode) }, progress, interruption.Token);
        return (check, ResultMetadata.From(experiment, file));
    }

    /// <summary><c>tvbo check DIR_A DIR_B</c>: two stored results (run folders of <c>tvbo run --out</c>, exploration
    /// folders or NetCDF files). Without --tol-abs/--tol-rel the tolerance follows the method the files record.</summary>
    private static CrossCheckResult CheckFolders(ParseResult parse, string pathA, string pathB, double? tolAbs, double? tolRel)
    {
        TvboCommands.RejectGiven(parse, TvboCommands.Backends, TvboCommands.Python, TvboCommands.ChunkSize, TvboCommands.KeepYaml, TvboCommands.Workers, TvboCommands.Scheduler, TvboCommands.Models, TvboCommands.Experiment);
        var a = LoadRun(pathA);
        var b = LoadRun(pathB);
        var ta = DefaultTolerance(a.Metadata);
        var tb = DefaultTolerance(b.Metadata);
        var tolerance = new CheckTolerance(tolAbs ?? Math.Max(ta.Absolute, tb.Absolute), tolRel ?? Math.Max(ta.Relative, tb.Relative));
        tolerance.Validate();
        string la = Label(a.Single ? Path.GetDirectoryName(Path.GetFullPath(pathA))! : pathA, a.Result.Backend);
        string lb = Label(b.Single ? Path.GetDirectoryName(Path.GetFullPath(pathB))! : pathB, b.Result.Backend);
        if (a.Single && b.Single)
        {
            // Two explorations named explicitly: compared even when their names differ.
            var one = CrossCheck.Compare(a.Result.Explorations[a.Result.Order[0]], b.Result.Explorations[b.Result.Order[0]], tolerance, la, lb);
            return new CrossCheckResult(one.LabelA, one.LabelB, tolerance, [one]) { Results = (a.Result, b.Result) };
        }

        return CrossCheck.Compare(a.Result, b.Result, tolerance, la, lb);
    }

    private static CheckTolerance DefaultTolerance(ResultMetadata? metadata)
    {
        var settings = new IntegrationSettings();
        if (metadata is { Method: { } method } && Enum.TryParse<IntegrationMethod>(method, ignoreCase: true, out var m))
        {
            settings.Method = m;
            settings.RelativeTolerance = metadata.RelativeTolerance ?? settings.RelativeTolerance;
            settings.AbsoluteTolerance = metadata.AbsoluteTolerance ?? settings.AbsoluteTolerance;
        }

        return CheckTolerance.For(settings);
    }

    private static string Label(string path, string backend)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return string.Equals(name, backend, StringComparison.Ordinal) ? backend : $"{backend} ({name})";
    }

    /// <summary>Reads a run folder (its <c>run.json</c>, or every exploration folder and <c>.nc</c> file in it), one
    /// exploration's folder, or one <c>.nc</c> file.</summary>
    private static (ExperimentResult Result, ResultMetadata? Metadata, bool Single) LoadRun(string path)
    {
        if (File.Exists(path) || File.Exists(Path.Combine(path, ExplorationFile)))
        {
            var one = ResultFiles.Read(path);
            return (new ExperimentResult(one.Result.Backend, [one.Result]), one.Metadata, true);
        }

        if (!Directory.Exists(path))
        {
            throw new UsageException($"'{path}' does not exist; 'check DIR_A DIR_B' takes two folders written by 'tvbo run --out DIR' (or two exploration folders or .nc files).");
        }

        var entries = RunFolder.ExplorationPaths(path);
        if (entries.Count == 0)
        {
            throw new UsageException(
                $"'{path}' holds no results: expected the folder of 'tvbo run --out DIR' (DIR/<exploration>/ with {ExplorationFile}, or DIR/<exploration>.nc), an exploration's folder or a .nc file.");
        }

        var run = RunFolder.Read(path);
        return (run.Result, run.Explorations[0].Metadata, false);
    }

    /// <summary>Overlay figures (both series and their difference) of each exploration's worst condition (the largest
    /// difference relative to the variable's scale, see <see cref="Tvbo.Figures.CheckFigures.OverlayCondition"/>): for the
    /// worst variable, and for every variable that disagrees (at most six per exploration).</summary>
    private static void WriteOverlays(CrossCheckResult check, ExperimentResult a, ExperimentResult b, string dir, TextWriter stdout, TextWriter stderr)
    {
        foreach (var e in check.Explorations)
        {
            if (!a.Explorations.TryGetValue(e.Name, out var ra) || !b.Explorations.TryGetValue(e.Name, out var rb) || !ra.HasSeries || !rb.HasSeries)
            {
                continue;
            }

            var worst = e.Variables.OrderByDescending(v => v.Systematic + v.Diverged).ThenByDescending(v => v.MaxRelativeError).ToArray();
            var shown = worst.Take(1).Concat(worst.Skip(1).Where(v => v.Systematic + v.Diverged > 0)).Take(6);
            foreach (var v in shown)
            {
                var variable = ra.OutputNames.ToList().IndexOf(v.Variable);
                if (variable < 0)
                {
                    continue;
                }

                // The condition of the largest difference relative to its scale (when all agree exactly: the widest-ranging one).
                int condition;
                try
                {
                    condition = Tvbo.Figures.CheckFigures.OverlayCondition(ra, rb, variable);
                }
                catch (ArgumentException ex)
                {
                    stderr.WriteLine($"tvbo: no overlay of {e.Name}/{v.Variable}: {ex.Message}");
                    continue;
                }

                var name = new string($"{e.Name}_{v.Variable}_condition{condition}".Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
                try
                {
                    var path = Tvbo.Figures.CheckFigures.WriteOverlay(ra, rb, condition, variable, Path.Combine(dir, name + ".png"), nameA: check.LabelA, nameB: check.LabelB);
                    stdout.WriteLine($"wrote {path}");
                }
                catch (Exception ex) when (ex is ArgumentException or IOException)
                {
                    stderr.WriteLine($"tvbo: no overlay of {e.Name}/{v.Variable}: {ex.Message}");
                }
            }
        }
    }

    /// <summary>The file that marks an exploration's CSV folder (see <see cref="ResultFiles.Read"/>).</summary>
    private const string ExplorationFile = "exploration.json";

    private static void Write(ExperimentResult result, string dir, ResultMetadata metadata, TextWriter stdout)
    {
        var writer = ResultWriters.Create(ResultFormat.Csv);
        foreach (var name in result.Order)
        {
            foreach (var path in writer.Write(result.Explorations[name], dir, metadata))
            {
                stdout.WriteLine($"wrote {path}");
            }
        }
    }

    /// <summary>A folder name for a result label (<c>native</c>, or <c>native-A</c> for <c>native (A)</c>).</summary>
    private static string Folder(string label) =>
        string.Concat(label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')).Trim('-').Replace("--", "-", StringComparison.Ordinal);
}
