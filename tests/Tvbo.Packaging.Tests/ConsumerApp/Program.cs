// A fresh console app that references the Tvbo.Native and Tvbo.PyRates packages (written by PackageTests).
// It runs x' = -k*x (x0 = 1, Euler, dt = 0.01, T = 1) for k = 0.5, 1, 2 with each backend and prints one line per
// condition: "result <backend> <condition> <k> <samples> <x at the last sample>", or "unavailable <backend> <reason>".
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;

var bridge = Path.Combine(AppContext.BaseDirectory, "python", "tvbo_pyrates", "__init__.py");
Console.WriteLine($"bridge {(File.Exists(bridge) ? "present" : "missing")} {bridge}");

var decay = new Dynamics("Decay");
decay.AddParameter("k", 1.0);
decay.AddStateVariable("x", equation: "-k*x", initialValue: 1.0);
var experiment = new SimulationExperiment(decay);
experiment.Integration.Duration = 1.0;
experiment.Integration.StepSize = 0.01;
experiment.Integration.Method = IntegrationMethod.Euler;
experiment.Explorations["k_sweep"] = new Exploration("k_sweep", [new ExplorationParameter("k", Domain.Values(0.5, 1.0, 2.0))]);

foreach (var backend in args.Length > 0 ? args : ["native", "pyrates"])
{
    try
    {
        var sweep = experiment.Run(backend).Explorations["k_sweep"];
        var k = sweep.Axes[0].ExploredValues;
        for (var c = 0; c < sweep.Shape[0]; c++)
        {
            var x = sweep.Series(condition: c, variable: "x");
            Console.WriteLine(FormattableString.Invariant($"result {backend} {c} {k[c]:R} {x.Length} {x[^1]:R}"));
        }
    }
    catch (BackendUnavailableException e)
    {
        Console.WriteLine($"unavailable {backend} {e.Message.ReplaceLineEndings(" ")}");
    }
}
