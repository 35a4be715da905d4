using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.Boundaries;

/// <summary>State variables with boundaries are clamped after every step.</summary>
[TestClass]
public sealed class BoundaryTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    public void StatesStayWithinBoundsAndMatchTheClampedReference(IntegrationMethod method)
    {
        var m = new Dynamics("Clamped");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a + 0.1*y", 0.0, new Tvbo.Model.Boundaries(-0.3, 0.5));
        m.AddStateVariable("y", "x - 0.2*y", 0.2, new Tvbo.Model.Boundaries(0.0, double.PositiveInfinity));
        var exp = TestExperiments.Experiment(m, 3, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(-2, -1, 0, 1, 2))));
        var result = exp.Run("native").Explorations["sweep"];
        var hitUpper = false;
        var hitLower = false;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            for (var k = 0; k < result.SampleCount; k++)
            {
                var x = result[c, k, 0];
                Assert.IsTrue(x >= -0.3 && x <= 0.5, $"x = {x} outside [-0.3, 0.5]");
                Assert.IsGreaterThanOrEqualTo(0.0, result[c, k, 1]);
                hitUpper |= x == 0.5;
                hitLower |= x == -0.3;
            }
        }

        Assert.IsTrue(hitUpper && hitLower, "the sweep drives x onto both bounds");
        ScalarReference.AssertMatches(exp, result);
    }
}
