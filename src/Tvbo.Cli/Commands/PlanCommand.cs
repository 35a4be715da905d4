using System.CommandLine;
using System.Globalization;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Networks;
using Tvbo.Report;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo plan FILE [--csv]</c>: what a run of an experiment will do, without running it.</summary>
internal static class PlanCommand
{
    public static int Run(ParseResult parse, TextWriter stdout)
    {
        var file = parse.GetRequiredValue(TvboCommands.ExperimentFile);
        var csv = parse.GetValue(TvboCommands.Csv);
        using var logging = ExperimentFiles.Logging(parse.GetValue(TvboCommands.Verbose));
        var options = ExperimentFiles.Options(parse, logging.CreateLogger("tvbo"));
        var experiment = SimulationExperiment.Load(file, options);
        var grids = experiment.Validate();
        if (csv)
        {
            WriteCsv(grids, stdout);
            return Cli.Ok;
        }

        WriteSetup(experiment, file, stdout);
        foreach (var grid in grids)
        {
            WriteExploration(experiment, grid, stdout);
        }

        return Cli.Ok;
    }

    // The experiment, model, integration, network, stimuli, noise and inputs, a line each.
    private static void WriteSetup(SimulationExperiment experiment, string file, TextWriter stdout)
    {
        var integ = experiment.Integration;
        var model = experiment.Model;
        stdout.WriteLine($"Experiment: {experiment.Label ?? Path.GetFileNameWithoutExtension(file)}");
        stdout.WriteLine($"Model: {model.Name} ({model.StateVariables.Count} state variables: {string.Join(", ", model.StateVariables.Select(s => s.Name))})");
        stdout.WriteLine($"Integration: {integ.Method.ToString().ToLowerInvariant()}, step size {F(integ.StepSize)}, duration {F(integ.Duration)}, {integ.StepCount} steps"
            + (integ.SamplingStepSize is { } dts ? $", sampling step {F(dts)}" : string.Empty));
        if (experiment.Network is { } network)
        {
            stdout.WriteLine(NetworkLine(network));
        }

        foreach (var (name, stimulus) in experiment.Stimuli)
        {
            stdout.WriteLine($"Stimulus '{name}' on {stimulus.Target ?? name}: {stimulus}");
        }

        if (integ.Noise is { } noise)
        {
            stdout.WriteLine($"Noise: {noise}");
        }

        foreach (var (symbol, series) in experiment.Inputs)
        {
            stdout.WriteLine($"Input on {symbol}: {(series.Conditions is { } k ? $"{k} series" : "one series")} of {(series.Length is { } n ? $"{n} steps" : "generated values")}");
        }
    }

    private static string NetworkLine(Network network)
    {
        var labels = network.NodeCount <= 10 ? string.Join(", ", network.Nodes.Select(n => n.Label)) : $"{network.Nodes[0].Label} … {network.Nodes[^1].Label}";
        return $"Network: {network.NodeCount} nodes ({labels}), {network.EdgeCount} weighted edges{(network.Source is { } source ? $" from {source}" : string.Empty)}, conduction speed {F(network.ConductionSpeed)}; coupling: "
            + (network.Coupling.Count == 0 ? "none" : string.Join("; ", network.Coupling.Select(c => $"{c.Key}{(c.Value.Input is { } input && input != c.Key ? $" (drives {input})" : string.Empty)} = {c.Value.Iri ?? "custom"} (pre {c.Value.PreExpression}, post {c.Value.PostExpression}{(c.Value.Delayed ? "" : ", not delayed")})")))
            + (network.Transforms.Count == 0 ? string.Empty : "; transforms applied: " + string.Join("; ", network.Transforms));
    }

    // One exploration: its axes, sizes, outputs, and its conditions in C order (the first and last 20 of a large grid).
    private static void WriteExploration(SimulationExperiment experiment, ExplorationGrid grid, TextWriter stdout)
    {
        var integ = experiment.Integration;
        var exploration = experiment.Explorations.Contains(grid.Exploration) ? experiment.Explorations[grid.Exploration] : null;
        var outputs = experiment.ResultOutputNames(exploration);
        var series = new RunOptions { Store = ResultStore.Series }.EstimateResultBytes(grid, integ, outputs.Count);
        var summary = new RunOptions { Store = ResultStore.Summary }.EstimateResultBytes(grid, integ, outputs.Count);
        stdout.WriteLine();
        stdout.WriteLine($"Exploration '{grid.Exploration}'{(exploration?.Label is { } l ? $" ({l})" : string.Empty)}: {grid.Mode.ToString().ToLowerInvariant()}, grid {grid.ShapeText}");
        foreach (var axis in grid.Axes)
        {
            stdout.WriteLine($"  axis {axis.Name}: {axis.ExploredValues.Count} values [{string.Join(", ", axis.ExploredValues.Select(Number))}]");
        }

        stdout.WriteLine($"  conditions: {grid.ConditionCount}");
        stdout.WriteLine($"  samples per condition: {integ.SampleCount}{(integ.TransientTime > 0 ? $" (after a transient of {F(integ.TransientTime)})" : string.Empty)}");
        stdout.WriteLine($"  outputs: {(outputs.Count <= 24 ? string.Join(", ", outputs) : $"{string.Join(", ", outputs.Take(12))} … {outputs[^1]} ({outputs.Count})")}");
        stdout.WriteLine($"  result size: {RunOptions.FormatBytes(series)} as series ({series} bytes), {RunOptions.FormatBytes(summary)} as summary");
        stdout.WriteLine($"  conditions (C order):");
        stdout.WriteLine("    " + string.Join(",", grid.ParameterNames.Prepend("condition")));
        const int Shown = 20;
        for (var c = 0; c < grid.ConditionCount; c++)
        {
            if (grid.ConditionCount > 2 * Shown && c == Shown)
            {
                stdout.WriteLine($"    … {grid.ConditionCount - (2 * Shown)} more (all of them: tvbo plan --csv)");
                c = grid.ConditionCount - Shown;
            }

            stdout.WriteLine("    " + Row(c, Values(grid, c)));
        }
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
                var values = Values(grid, c);
                var cells = columns.Select(col => names.IndexOf(col) is var i and >= 0 ? Number(values[i]) : string.Empty);
                stdout.WriteLine(string.Join(",", new[] { grid.Exploration, c.ToString(CultureInfo.InvariantCulture) }.Concat(cells)));
            }
        }
    }

    /// <summary>One condition's values, from the axes (a plan never builds the table of a large grid).</summary>
    private static double[] Values(ExplorationGrid grid, int condition) =>
        Enumerable.Range(0, grid.Axes.Count).Select(j => grid.ValueAt(condition, j)).ToArray();

    private static string Row(int condition, ReadOnlySpan<double> values)
    {
        var cells = new string[values.Length + 1];
        cells[0] = condition.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < values.Length; i++)
        {
            cells[i + 1] = Number(values[i]);
        }

        return string.Join(",", cells);
    }

    private static string F(double v) => ModelReport.FormatValue(v);

    /// <summary>A value as the plan prints it: the shortest text that reads back as the same double.</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
