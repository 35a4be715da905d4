using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Methods;

/// <summary>The fixed-step schemes converge at their order on a linear oscillator with a known solution.</summary>
[TestClass]
public sealed class ConvergenceOrderTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>x' = v, v' = -w²·x - 2·g·v with x(0) = 1, v(0) = 0 (underdamped): a known closed form.</summary>
    internal static Dynamics DampedOscillator()
    {
        var m = new Dynamics("DampedOscillator");
        m.AddParameter("w", 1.0);
        m.AddParameter("g", 0.1);
        m.AddStateVariable("x", "v", 1.0);
        m.AddStateVariable("v", "-w**2*x - 2*g*v", 0.0);
        return m;
    }

    internal static (double X, double V) Exact(double w, double g, double t)
    {
        var wd = Math.Sqrt((w * w) - (g * g));
        var decay = Math.Exp(-g * t);
        var x = decay * (Math.Cos(wd * t) + (g / wd * Math.Sin(wd * t)));
        var v = -decay * (w * w / wd) * Math.Sin(wd * t);
        return (x, v);
    }

    internal static double MaxError(SimulationExperiment exp)
    {
        var result = exp.Run("native").Explorations["sweep"];
        var error = 0.0;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            var w = result.Grid.Condition(c)[0];
            for (var k = 0; k < result.SampleCount; k++)
            {
                var (x, v) = Exact(w, 0.1, result.Time.Span[k]);
                error = Math.Max(error, Math.Max(Math.Abs(result[c, k, 0] - x), Math.Abs(result[c, k, 1] - v)));
            }
        }

        return error;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, 1.0, 0.01)]
    [DataRow(IntegrationMethod.Heun, 2.0, 0.02)]
    [DataRow(IntegrationMethod.RK4, 4.0, 0.1)]
    public void ObservedOrderMatchesTheScheme(IntegrationMethod method, double order, double coarsest)
    {
        var errors = new List<double>();
        for (var dt = coarsest; dt >= coarsest / 4; dt /= 2)
        {
            var exp = TestExperiments.Experiment(DampedOscillator(), 10, dt, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("w", Domain.Values(0.5, 1, 2))));
            errors.Add(MaxError(exp));
        }

        for (var i = 1; i < errors.Count; i++)
        {
            var observed = Math.Log2(errors[i - 1] / errors[i]);
            TestContext.WriteLine($"{method}: errors {errors[i - 1]:E3} -> {errors[i]:E3}, observed order {observed:F3}");
            Assert.AreEqual(order, observed, 0.15, $"{method} observed order");
        }
    }
}
