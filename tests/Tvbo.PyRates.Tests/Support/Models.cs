using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>The guide's models and experiments (tests/Data/reference/README.md).</summary>
internal static class Models
{
    public static Dynamics VanDerPol()
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

    /// <summary>Reference scalar Euler/Heun with <see cref="Expressions.ExpressionEvaluator"/>, on the time grid of
    /// DESIGN §3 (sample k = state after k steps).</summary>
    public static double[] ScalarRun(Dynamics model, IReadOnlyDictionary<string, double> parameters, IntegrationSettings integration)
    {
        var states = model.StateVariables;
        var derived = model.DerivedVariablesInEvaluationOrder;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in model.Parameters)
        {
            values[p.Name] = parameters.TryGetValue(p.Name, out var v) ? v : p.Value;
        }

        foreach (var c in model.CouplingTerms)
        {
            values[c.Name] = 0.0;
        }

        var y = states.Select(s => s.InitialValue).ToArray();
        var n = integration.SampleCount;
        var per = integration.StepsPerSample;
        var dt = integration.StepSize;
        var output = new double[n * states.Count];
        double Lookup(string name) => values.TryGetValue(name, out var v) ? v : Expressions.Functions.Constants[name];
        double[] Rhs(double[] state)
        {
            for (var i = 0; i < states.Count; i++)
            {
                values[states[i].Name] = state[i];
            }

            foreach (var d in derived)
            {
                values[d.Name] = Expressions.ExpressionEvaluator.Evaluate(d.Equation, Lookup);
            }

            return states.Select(s => Expressions.ExpressionEvaluator.Evaluate(s.Equation, Lookup)).ToArray();
        }

        for (var k = 0; k < n; k++)
        {
            Array.Copy(y, 0, output, k * states.Count, states.Count);
            for (var s = 0; s < per; s++)
            {
                var f = Rhs(y);
                if (integration.Method == IntegrationMethod.Heun)
                {
                    var predictor = y.Select((v, i) => v + (dt * f[i])).ToArray();
                    var g = Rhs(predictor);
                    y = y.Select((v, i) => v + (dt / 2 * (f[i] + g[i]))).ToArray();
                }
                else
                {
                    y = y.Select((v, i) => v + (dt * f[i])).ToArray();
                }
            }
        }

        return output;
    }
}
