using System.Runtime.CompilerServices;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.Support;

/// <summary>The reference models, built in code, and small experiments on them.</summary>
internal static class Models
{
    public static Dynamics VdP()
    {
        var vdp = new Dynamics("VdP");
        vdp.AddParameter("mu", 1.0);
        vdp.AddStateVariable("x", "z", 0.1);
        vdp.AddStateVariable("z", "mu*(1 - x**2)*z - x", 0.0);
        return vdp;
    }

    public static Dynamics Qif()
    {
        var qif = new Dynamics("QIF");
        qif.AddParameter("tau", 1.0);
        qif.AddParameter("eta", -5.0);
        qif.AddParameter("J", 15.0);
        qif.AddParameter("Delta", 1.0);
        qif.AddStateVariable("r", "Delta/(tau*pi) + 2*r*v", 0.1);
        qif.AddStateVariable("v", "v**2 + eta + J*r*tau - (pi*r*tau)**2", -2.0);
        return qif;
    }

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
