using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Figures.Tests;

/// <summary>Results of the guide's sweeps (run once with the native backend) and of a few awkward ones.</summary>
internal static class Results
{
    private static readonly Lazy<ExplorationResult> VdpSweep = new(() => Run(GuideModels.VdP(), 50, 0.01, IntegrationMethod.Euler, "mu_sweep", ExplorationMode.Product, ("mu", Domain.Range(0.1, 10, 6))));
    private static readonly Lazy<ExplorationResult> QifSweep = new(() => Run(GuideModels.Qif(), 200, 0.005, IntegrationMethod.Euler, "eta_sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 15))));
    private static readonly Lazy<ExplorationResult> FhnSweep = new(() => Run(Fhn(), 100, 0.005, IntegrationMethod.Heun, "a_x_I", ExplorationMode.Product, ("a", Domain.Range(0.5, 1, 3)), ("I_ext", Domain.Range(0, 1, 3))));

    /// <summary>VdP, mu in 0.1..10 (6), 5000 samples.</summary>
    public static ExplorationResult Vdp => VdpSweep.Value;

    /// <summary>QIF, eta in -10..5 (15), 40 000 samples.</summary>
    public static ExplorationResult Qif => QifSweep.Value;

    /// <summary>FHN, a (3) x I_ext (3), 20 000 samples.</summary>
    public static ExplorationResult Fhn2D => FhnSweep.Value;

    public static Dynamics Fhn()
    {
        var fhn = new Dynamics("FHN");
        fhn.AddParameter("a", 0.7);
        fhn.AddParameter("b", 0.8);
        fhn.AddParameter("tau", 12.5);
        fhn.AddParameter("I_ext", 0.5, unit: "mA");
        fhn.AddStateVariable("v", "v - v**3/3 - w + I_ext", 0.0);
        fhn.AddStateVariable("w", "(v + a - b*w)/tau", 0.0);
        return fhn;
    }

    /// <summary>x' = k*x**2 - x/tau: blows up (NaN, a failure) for k > 2/tau from x0 = 0.5.</summary>
    public static Dynamics Blowup()
    {
        var m = new Dynamics("Blowup");
        m.AddParameter("k", 1.0);
        m.AddParameter("tau", 1.0);
        m.AddStateVariable("x", "k*x**2 - x/tau", 0.5);
        return m;
    }

    public static ExplorationResult Run(Dynamics model, double duration, double dt, IntegrationMethod method, string name, ExplorationMode mode, params (string Name, Domain Domain)[] axes) =>
        Run(model, duration, dt, method, name, mode, ResultStore.Series, axes);

    public static ExplorationResult Run(Dynamics model, double duration, double dt, IntegrationMethod method, string name, ExplorationMode mode, ResultStore store, params (string Name, Domain Domain)[] axes)
    {
        var experiment = new SimulationExperiment(model);
        experiment.Integration.Duration = duration;
        experiment.Integration.StepSize = dt;
        experiment.Integration.Method = method;
        experiment.Explorations[name] = new Exploration(name, axes.Select(a => new ExplorationParameter(a.Name, a.Domain)).ToArray(), mode);
        return experiment.Run(new NativeBackend(), new Tvbo.Backends.RunOptions { Store = store }).Explorations[name];
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("tvbo-figures-").FullName;
}
