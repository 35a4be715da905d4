using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Failures;

/// <summary>A condition that diverges fails alone, on every method PyRates runs, at the same condition and variable as on
/// the native backend; its neighbours in the same grid_search call keep their numbers.</summary>
[TestClass]
public sealed class DivergenceOnEveryMethodTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK45)]
    public void TheDivergingConditionFailsAloneOnBothBackends(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var m = new Dynamics("Blow");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        m.AddStateVariable("y", "-y", 1.0);
        var exp = TestExperiments.Experiment(m, 2.0, 0.01, method, TestExperiments.Sweep("a", ExplorationMode.Product, ("a", Domain.Values(-1.0, -0.5, 0.9, 0.0, 0.2))));
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["a"];
        var native = exp.Run("native").Explorations["a"];
        foreach (var (r, backend) in new[] { (pyrates, "pyrates"), (native, "native") })
        {
            // x = 1/(1 - a t) blows up at t = 1/a = 1.11 for a = 0.9, inside the 2 time units.
            Assert.HasCount(1, r.Failures, $"{backend}: {string.Join("; ", r.Failures)}");
            Assert.AreEqual(2, r.Failures[0].Condition, backend);
            for (var c = 0; c < 5; c++)
            {
                if (c != 2)
                {
                    Assert.IsTrue(r.ConditionSeries(c).ToArray().All(double.IsFinite), $"{backend}: condition {c} kept its numbers");
                }
            }
        }

        Assert.AreEqual(native.Failures[0].Variable ?? "x", pyrates.Failures[0].Variable ?? "x");
        var last = native.SampleCount - 1;
        Assert.AreEqual(native[4, last, 0], pyrates[4, last, 0], method == IntegrationMethod.RK45 ? 1e-3 : 1e-12, "condition 4 at the end");
    }
}
