using Tvbo.Expressions;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.TestSupport;

/// <summary>
/// An independent, slow scalar integrator built on the core's <see cref="ExpressionEvaluator"/>: the same schemes,
/// time grid, boundary clamp and divergence convention the native backend documents, one condition at a time.
/// The native backend must reproduce it bit for bit (Euler, Heun, RK4) for autonomous models; PyRates, which cannot
/// clamp, is compared with it without boundaries. Time has its own clock here: stage times are computed as
/// <c>t0 + (step)*dt</c> plus the stage's offset (Heun's second stage <c>+dt</c>, RK4's <c>+dt/2</c>, <c>+dt</c>), not
/// accumulated, and <c>transient_time</c> is integrated from <c>t0 = -transient</c> and dropped.
/// </summary>
internal static class ScalarReference
{
    /// <summary>Integrates one condition; returns [sample, variable]. Samples from the first non-finite state on are NaN.</summary>
    public static double[] Integrate(Dynamics model, IntegrationSettings settings, IReadOnlyDictionary<string, double> parameterValues, bool applyBoundaries = true)
    {
        var states = model.StateVariables;
        var nv = states.Count;
        var values = model.Parameters.ToDictionary(p => p.Name, p => parameterValues.TryGetValue(p.Name, out var v) ? v : p.Value, StringComparer.Ordinal);
        var derivedOrder = model.DerivedVariablesInEvaluationOrder;
        var y = states.Select(s => s.InitialValue).ToArray();
        var dt = settings.StepSize;
        var skip = (int)Math.Round(settings.TransientTime / settings.SampleInterval);
        var samples = settings.SampleCount + skip;
        var k = settings.StepsPerSample;
        var t0 = -settings.TransientTime;
        var result = new double[samples * nv];
        var dead = false;
        var step = 0L;
        for (var s = 0; s < samples; s++)
        {
            if (!dead && y.Any(v => !double.IsFinite(v)))
            {
                dead = true;
            }

            for (var i = 0; i < nv; i++)
            {
                result[(s * nv) + i] = dead ? double.NaN : y[i];
            }

            if (s == samples - 1)
            {
                break;
            }

            for (var j = 0; j < k; j++)
            {
                y = Step(settings.Method, y, t0 + (step * dt), dt, F);
                step++;
                for (var i = 0; i < nv; i++)
                {
                    if (applyBoundaries && states[i].Boundaries is { } b)
                    {
                        y[i] = b.Clamp(y[i]);
                    }
                }
            }
        }

        return result[(skip * nv)..];

        double[] F(double[] state, double time)
        {
            var derived = new Dictionary<string, double>(StringComparer.Ordinal);
            double Lookup(string name) => model.Resolve(name) switch
            {
                SymbolKind.StateVariable => state[states.ToList().FindIndex(s => s.Name == name)],
                SymbolKind.Parameter => values[name],
                SymbolKind.DerivedVariable => derived[name],
                SymbolKind.CouplingTerm => 0.0,
                SymbolKind.Time => time,
                _ => Functions.Constants[name],
            };

            foreach (var d in derivedOrder)
            {
                derived[d.Name] = ExpressionEvaluator.Evaluate(d.Equation, Lookup);
            }

            return states.Select(s => ExpressionEvaluator.Evaluate(s.Equation, Lookup)).ToArray();
        }
    }

    private static double[] Step(IntegrationMethod method, double[] y, double t, double dt, Func<double[], double, double[]> f)
    {
        var n = y.Length;
        double[] Offset(double h, double[] k) => Enumerable.Range(0, n).Select(i => y[i] + (h * k[i])).ToArray();
        switch (method)
        {
            case IntegrationMethod.Euler:
                {
                    var k1 = f(y, t);
                    return Enumerable.Range(0, n).Select(i => y[i] + (dt * k1[i])).ToArray();
                }

            case IntegrationMethod.Heun:
                {
                    var k1 = f(y, t);
                    var k2 = f(Offset(dt, k1), t + dt);
                    var half = dt / 2;
                    return Enumerable.Range(0, n).Select(i => y[i] + (half * (k1[i] + k2[i]))).ToArray();
                }

            case IntegrationMethod.RK4:
                {
                    var half = dt / 2;
                    var k1 = f(y, t);
                    var k2 = f(Offset(half, k1), t + half);
                    var k3 = f(Offset(half, k2), t + half);
                    var k4 = f(Offset(dt, k3), t + dt);
                    var sixth = dt / 6;
                    return Enumerable.Range(0, n).Select(i => y[i] + (sixth * (((k1[i] + (2 * k2[i])) + (2 * k3[i])) + k4[i]))).ToArray();
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(method));
        }
    }

    /// <summary>Asserts that every condition of a series equals the scalar reference bit for bit.</summary>
    public static void AssertMatches(SimulationExperiment exp, Tvbo.Results.ExplorationResult result)
    {
        var nv = result.OutputNames.Count;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            var pars = result.Grid.ParameterNames.Select((n, a) => (n, v: result.Grid.Condition(c)[a])).ToDictionary(x => x.n, x => x.v);
            var expected = Integrate(exp.Model, exp.Integration, pars);
            var actual = result.ConditionSeries(c);
            for (var i = 0; i < expected.Length; i++)
            {
                if (!expected[i].Equals(actual[i]))
                {
                    Assert.Fail($"{exp.Model.Name} {exp.Integration.Method}, condition {c}, sample {i / nv}, variable {result.OutputNames[i % nv]}: result {actual[i]:R}, scalar reference {expected[i]:R}");
                }
            }
        }
    }
}
