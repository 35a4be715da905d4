using System.Globalization;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Report;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo plan FILE [--csv]</c>: what a run of an experiment will do, without running it.</summary>
internal static class PlanCommand
{
    public static int Run(CommandLine line, TextWriter stdout)
    {
        var file = line.File();
        var csv = line.Flag("csv");
        using var logging = ExperimentFiles.Logging(line.Flag("verbose"));
        var options = ExperimentFiles.Options(line, logging.CreateLogger("tvbo"));
        line.RejectUnused();
        var experiment = SimulationExperiment.Load(file, options);
        var grids = experiment.Validate();
        if (csv)
        {
            WriteCsv(grids, stdout);
            return Cli.Ok;
        }

        var integ = experiment.Integration;
        var model = experiment.Model;
        stdout.WriteLine($"Experiment: {experiment.Label ?? Path.GetFileNameWithoutExtension(file)}");
        stdout.WriteLine($"Model: {model.Name} ({model.StateVariables.Count} state variables: {string.Join(", ", model.StateVariables.Select(s => s.Name))})");
        stdout.WriteLine($"Integration: {integ.Method.ToString().ToLowerInvariant()}, step size {F(integ.StepSize)}, duration {F(integ.Duration)}, {integ.StepCount} steps"
            + (integ.SamplingStepSize is { } dts ? $", sampling step {F(dts)}" : string.Empty));
        foreach (var grid in grids)
        {
            var exploration = experiment.Explorations.Contains(grid.Exploration) ? experiment.Explorations[grid.Exploration] : null;
            var series = new RunOptions { Store = ResultStore.Series }.EstimateResultBytes(grid, integ, model.StateVariables.Count);
            var summary = new RunOptions { Store = ResultStore.Summary }.EstimateResultBytes(grid, integ, model.StateVariables.Count);
            stdout.WriteLine();
            stdout.WriteLine($"Exploration '{grid.Exploration}'{(exploration?.Label is { } l ? $" ({l})" : string.Empty)}: {grid.Mode.ToString().ToLowerInvariant()}, grid {grid.ShapeText}");
            foreach (var axis in grid.Axes)
            {
                stdout.WriteLine($"  axis {axis.Name}: {axis.ExploredValues.Count} values [{string.Join(", ", axis.ExploredValues.Select(ResultCsvWriter.Number))}]");
            }

            stdout.WriteLine($"  conditions: {grid.ConditionCount}");
            stdout.WriteLine($"  samples per condition: {integ.SampleCount}{(integ.TransientTime > 0 ? $" (after a transient of {F(integ.TransientTime)})" : string.Empty)}");
            stdout.WriteLine($"  outputs: {string.Join(", ", experiment.OutputNamesFor(exploration))}");
            stdout.WriteLine($"  result size: {RunOptions.FormatBytes(series)} as series ({series} bytes), {RunOptions.FormatBytes(summary)} as summary");
            stdout.WriteLine($"  conditions (C order):");
            stdout.WriteLine("    " + string.Join(",", grid.ParameterNames.Prepend("condition")));
            for (var c = 0; c < grid.ConditionCount; c++)
            {
                stdout.WriteLine("    " + Row(c, grid.Condition(c)));
            }
        }

        return Cli.Ok;
    }

    private static void WriteCsv(IReadOnlyList<ExplorationGrid> grids, TextWriter stdout)
    {
        var columns = grids.SelectMany(g => g.ParameterNames).Distinct(StringComparer.Ordinal).ToList();
        stdout.WriteLine(string.Join(",", new[] { "exploration", "condition" }.Concat(columns)));
        foreach (var grid in grids)
        {
            var names = grid.ParameterNames.ToList();
            for (var c = 0; c < grid.ConditionCount; c++)
            {
                var values = grid.Condition(c).ToArray();
                var cells = columns.Select(col => names.IndexOf(col) is var i and >= 0 ? ResultCsvWriter.Number(values[i]) : string.Empty);
                stdout.WriteLine(string.Join(",", new[] { grid.Exploration, c.ToString(CultureInfo.InvariantCulture) }.Concat(cells)));
            }
        }
    }

    private static string Row(int condition, ReadOnlySpan<double> values)
    {
        var cells = new string[values.Length + 1];
        cells[0] = condition.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < values.Length; i++)
        {
            cells[i + 1] = ResultCsvWriter.Number(values[i]);
        }

        return string.Join(",", cells);
    }

    private static string F(double v) => ModelReport.FormatValue(v);
}
