using System.Runtime.CompilerServices;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.Support;

/// <summary>The reference models, built in code, and small experiments on them.</summary>
internal static class Models
{
    /// <summary>An experiment with one exploration named "sweep".</summary>
    public static SimulationExperiment Experiment(Dynamics model, IntegrationMethod method, double duration, double dt, ExplorationMode mode, params (string Name, Domain Domain)[] axes)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Method = method;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Explorations.Add(new Exploration("sweep", axes.Select(a => new ExplorationParameter(a.Name, a.Domain)), mode));
        return exp;
    }
}
