using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary><c>tvbo report FILE</c>: the Markdown report of a model file, or of an experiment file's model.</summary>
internal static class ReportCommand
{
    public static int Run(CommandLine line, TextWriter stdout)
    {
        var file = line.File();
        line.RejectUnused();
        var model = SimulationExperiment.IsExperimentFile(file) ? SimulationExperiment.Load(file).Model : Dynamics.Load(file);
        stdout.Write(model.GenerateReport());
        return Cli.Ok;
    }
}
