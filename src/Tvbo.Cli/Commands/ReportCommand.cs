using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo report FILE</c>: the Markdown report of a model file, or of an experiment file's model.</summary>
internal static class ReportCommand
{
    public static int Run(CommandLine line, TextWriter stdout)
    {
        var file = line.File();
        using var logging = ExperimentFiles.Logging(line.Flag("verbose"));
        var logger = logging.CreateLogger("tvbo");
        var options = ExperimentFiles.Options(line, logger);
        line.RejectUnused();
        var model = ExperimentFiles.IsExperiment(file) ? SimulationExperiment.Load(file, options).Model : Dynamics.Load(file, logger);
        stdout.Write(model.GenerateReport());
        return Cli.Ok;
    }
}
