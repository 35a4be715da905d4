using System.CommandLine;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo report FILE</c>: the Markdown report of a model file, of an experiment file's model, or of every
/// experiment's model of a study file (without --experiment).</summary>
internal static class ReportCommand
{
    public static int Run(ParseResult parse, TextWriter stdout)
    {
        var file = parse.GetRequiredValue(TvboCommands.ModelFile);
        using var logging = ExperimentFiles.Logging(parse.GetValue(TvboCommands.Verbose));
        var logger = logging.CreateLogger("tvbo");
        var options = ExperimentFiles.Options(parse, logger);
        if (!ExperimentFiles.IsExperiment(file))
        {
            stdout.Write(Dynamics.Load(file, logger).GenerateReport());
            return Cli.Ok;
        }

        var study = options.Experiment is null ? SimulationExperiment.ListExperiments(file) : [];
        if (study.Count <= 1)
        {
            stdout.Write(SimulationExperiment.Load(file, options).Model.GenerateReport());
            return Cli.Ok;
        }

        foreach (var (id, label) in study)
        {
            var choice = id ?? label ?? throw new TvboException($"{file}: an experiment of the study has neither an id nor a label; give it one so it can be chosen.");
            stdout.WriteLine($"# Experiment {choice}{(label is null || label == choice ? string.Empty : $": {label}")}");
            stdout.WriteLine();
            stdout.Write(SimulationExperiment.Load(file, ExperimentFiles.Options(parse, logger, choice)).Model.GenerateReport());
            stdout.WriteLine();
        }

        return Cli.Ok;
    }
}
