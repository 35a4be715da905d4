using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.TestSupport;

/// <summary>Small experiments built in code on a model (the guide's models: <see cref="GuideModels"/>).</summary>
internal static class TestExperiments
{
    /// <summary>An experiment of <paramref name="model"/> with the given integration and explorations.</summary>
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

    /// <summary>An exploration of the given parameters.</summary>
    public static Exploration Sweep(string name, ExplorationMode mode, params (string Name, Domain Domain)[] parameters) =>
        new(name, parameters.Select(p => new ExplorationParameter(p.Name, p.Domain)), mode);
}
