using System.CommandLine;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo report FILE</c>: the Markdown report of a model file, or of an experiment file's model.</summary>
internal static class ReportCommand
{
    public static int Run(ParseResult parse, TextWriter stdout)
    {
        var file = parse.GetRequiredValue(TvboCommands.ModelFile);
        using var logging = ExperimentFiles.Logging(parse.GetValue(TvboCommands.Verbose));
        var logger = logging.CreateLogger("tvbo");
        var options = ExperimentFiles.Options(parse, logger);
        var model = ExperimentFiles.IsExperiment(file) ? SimulationExperiment.Load(file, options).Model : Dynamics.Load(file, logger);
        stdout.Write(model.GenerateReport());
        return Cli.Ok;
    }
}
