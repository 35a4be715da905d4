using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Failures;

/// <summary>With RK45, scipy takes one step for all conditions of a call, so one diverging condition stops the call:
/// the call is split until the diverging condition is alone, and only it fails, wherever it is in the grid.</summary>
[TestClass]
public sealed class Rk45DivergenceTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    public void OnlyTheDivergingConditionFailsWhereverItIs(int position)
    {
        PythonFixture.PyRates();
        var m = new Dynamics("Blow");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.RK45;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 2.0;
        var values = new List<double> { -1.0, -0.5, 0.0, 0.2 };
        values.Insert(position, 0.8); // x = 1/(1 - a t) blows up at t = 1.25
        exp.Explorations.Add(new Exploration("e", [new ExplorationParameter("a", Domain.Values(values.ToArray()))]));
        var r = exp.Run(new PyRatesBackend()).Explorations["e"];
        Assert.HasCount(1, r.Failures, string.Join("; ", r.Failures));
        Assert.AreEqual(position, r.Failures[0].Condition);
        for (var c = 0; c < r.ConditionCount; c++)
        {
            if (c == position)
            {
                continue;
            }

            var a = values[c];
            var last = r.SampleCount - 1;
            var exact = 1.0 / (1.0 - (a * r.Time.Span[last]));
            Assert.AreEqual(exact, r[c, last, 0], 1e-2 * Math.Abs(exact), $"condition {c} (a = {a}); RK45 at rtol 1e-3");
        }
    }
}
