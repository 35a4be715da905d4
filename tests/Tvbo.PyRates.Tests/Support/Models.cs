using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>The guide's models and experiments (tests/Data/reference/README.md).</summary>
internal static class Models
{
    public static SimulationExperiment Experiment(Dynamics model, double duration, double dt, IntegrationMethod method, params Exploration[] explorations)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Integration.Method = method;
        foreach (var e in explorations)
        {
            exp.Explorations[e.Name] = e;
        }

        return exp;
    }

    public static Exploration Sweep(string name, ExplorationMode mode, params (string Name, Domain Domain)[] parameters) =>
        new(name, parameters.Select(p => new ExplorationParameter(p.Name, p.Domain)), mode);

}
