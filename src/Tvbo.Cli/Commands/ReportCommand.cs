using System.CommandLine;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo report FILE</c>: the Markdown report of a model file, of an experiment file's model, or of every
/// experiment's model of a study file (without --experiment; one refused is reported on stderr and the others still
/// are, exit 2 at the end), or the top-level model of a study file without experiments.</summary>
internal static class ReportCommand
{
    public static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
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
        if (study.Count == 0 && options.Experiment is null && Tvbo.Files.ExperimentFile.ExperimentFileReader.ReadStudyModel(file, options) is { } shared)
        {
            // A study without experiments: the model its experiments would inherit.
            stdout.WriteLine("# Study without experiments: the top-level model its experiments inherit");
            stdout.WriteLine();
            stdout.Write(shared.GenerateReport());
            return Cli.Ok;
        }

        if (study.Count <= 1)
        {
            stdout.Write(SimulationExperiment.Load(file, options).Model.GenerateReport());
            return Cli.Ok;
        }

        // Every experiment's model; one that is refused does not stop the others (exit 2 at the end), as 'run'.
        var code = Cli.Ok;
        foreach (var (id, label) in study)
        {
            var choice = id ?? label ?? throw new TvboException($"{file}: an experiment of the study has neither an id nor a label; give it one so it can be chosen.");
            string report;
            try
            {
                report = SimulationExperiment.Load(file, ExperimentFiles.Options(parse, logger, choice)).Model.GenerateReport();
            }
            catch (TvboException ex)
            {
                stderr.WriteLine(ex is Tvbo.Files.TvboFileException fe && fe.Problem.StartsWith($"experiment {choice}: ", StringComparison.Ordinal) ? $"tvbo: {ex.Message}" : $"tvbo: experiment {choice}: {ex.Message}");
                code = Cli.BadInput;
                continue;
            }

            stdout.WriteLine($"# Experiment {choice}{(label is null || label == choice ? string.Empty : $": {label}")}");
            stdout.WriteLine();
            stdout.Write(report);
            stdout.WriteLine();
        }

        return code;
    }
}
