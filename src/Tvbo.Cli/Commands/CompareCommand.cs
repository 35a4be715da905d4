using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo compare FILE [--backends native,pyrates] [--tolerance T]</c>: runs an experiment with two
/// backends and reports, condition by condition, how far their results are apart.</summary>
internal static class CompareCommand
{
    /// <summary>Exit code when some condition differs by more than the tolerance.</summary>
    public const int Differs = 3;

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var file = line.File();
        var names = (line.Option("backends") ?? "native,pyrates").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != 2)
        {
            throw new UsageException($"--backends takes two names separated by a comma (e.g. native,pyrates), got '{string.Join(",", names)}'.");
        }

        var tolerance = line.DoubleOption("tolerance") ?? 1e-9;
        var verbose = line.Flag("verbose");
        using var loggerFactory = ExperimentFiles.Logging(verbose);
        var logger = loggerFactory.CreateLogger("tvbo");
        var loadOptions = ExperimentFiles.Options(line, logger);
        var backends = BackendFactory.Create(names, line, logger);
        line.RejectUnused();

        var experiment = SimulationExperiment.Load(file, loadOptions);
        var options = new RunOptions { Logger = logger };
        var a = experiment.Run(backends[0], options);
        var b = experiment.Run(backends[1], options);
        var worstOverall = 0.0;
        var failing = 0;
        foreach (var name in a.Order)
        {
            var cmp = ResultComparison.Compare(a.Explorations[name], b.Explorations[name]);
            stdout.WriteLine($"Exploration '{name}': {a.Backend} vs {b.Backend}, {cmp.Conditions.Count} conditions, max |difference| = {F(cmp.MaxAbsoluteDifference)}");
            stdout.WriteLine("  condition," + string.Join(",", a.Explorations[name].Axes.Select(x => x.Name)) + ",max_abs_diff,variable,time,scale");
            foreach (var c in cmp.Conditions)
            {
                var values = string.Join(",", a.Explorations[name].ParameterValues(c.Condition).ToArray().Select(ResultCsvWriter.Number));
                stdout.WriteLine($"  {c.Condition},{values},{F(c.MaxAbsoluteDifference)},{c.Variable},{F(c.Time)},{F(c.Scale)}");
            }

            failing += cmp.Exceeding(tolerance).Count();
            worstOverall = double.IsNaN(cmp.MaxAbsoluteDifference) ? double.NaN : Math.Max(worstOverall, cmp.MaxAbsoluteDifference);
        }

        stdout.WriteLine(failing == 0
            ? $"All conditions agree within {F(tolerance)} (max |difference| {F(worstOverall)})."
            : $"{failing} condition(s) differ by more than {F(tolerance)}.");
        return failing == 0 ? Cli.Ok : Differs;
    }

    private static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
