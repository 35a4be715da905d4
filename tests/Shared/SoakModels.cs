using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.TestSupport;

/// <summary>A different small model and sweep for every run of a long-lived process: its own model name, parameter
/// names, number of state variables and right-hand sides, so nothing a backend caches by model can be reused.</summary>
internal static class SoakModels
{
    private static readonly string[] Terms = ["-{x}", "{a}*sin({y})", "-{b}*{x}**3", "{a}*tanh({y} - {x})", "{b}*exp(-{x}**2)", "-{x}/(1 + {y}**2)"];

    public static SimulationExperiment Experiment(int run)
    {
        var n = 1 + (run % 3);
        var m = new Dynamics($"Soak{run}");
        var a = $"a{run}";
        var b = $"b{run % 7}_{run}";
        m.AddParameter(a, 0.5 + (0.01 * (run % 13)));
        m.AddParameter(b, 0.2);
        for (var k = 0; k < n; k++)
        {
            var x = $"x{k}_{run}";
            var y = $"x{(k + 1) % n}_{run}";
            var rhs = string.Join(" + ", Enumerable.Range(0, 2 + (run % 3)).Select(j => Terms[(run + k + j) % Terms.Length].Replace("{x}", x, StringComparison.Ordinal).Replace("{y}", y, StringComparison.Ordinal).Replace("{a}", a, StringComparison.Ordinal).Replace("{b}", b, StringComparison.Ordinal)));
            m.AddStateVariable(x, rhs, 0.1 * (k + 1));
        }

        var exp = new SimulationExperiment(m);
        exp.Integration.Method = (run % 2) == 0 ? IntegrationMethod.Euler : IntegrationMethod.Heun;
        exp.Integration.Duration = 2.0;
        exp.Integration.StepSize = 0.01;
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter(a, Domain.Range(0.1, 1.0, 3 + (run % 4)))]));
        return exp;
    }
}
