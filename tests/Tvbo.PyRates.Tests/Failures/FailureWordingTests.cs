using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Failures;

/// <summary>Both backends report a failure of the same kind in the same words: a diverging condition reads the same
/// line by line from PyRates and from the native backend.</summary>
[TestClass]
public sealed class FailureWordingTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ADivergingConditionIsReportedInTheSameWordsByBothBackends(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var m = new Dynamics("BlowWording");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        m.AddStateVariable("y", "-y", 1.0);
        var exp = TestExperiments.Experiment(m, 2.0, 0.01, method, TestExperiments.Sweep("a", ExplorationMode.Product, ("a", Domain.Values(0.2, 0.9))));
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["a"];
        var native = exp.Run("native").Explorations["a"];
        Assert.HasCount(1, pyrates.Failures);
        Assert.HasCount(1, native.Failures);
        Assert.AreEqual(FailureKind.Diverged, pyrates.Failures[0].Kind);
        Assert.AreEqual(native.Failures[0], pyrates.Failures[0]);
        Assert.AreEqual(native.Failures[0].ToString(), pyrates.Failures[0].ToString());
        StringAssert.StartsWith(pyrates.Failures[0].ToString(), $"condition 1: {ConditionFailure.DivergedReason} at t = ");
    }

    [TestMethod]
    public void AStateLeavingItsBoundariesIsReportedAsLeftBounds()
    {
        PythonFixture.PyRates();
        var m = new Dynamics("BoundedWording");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a", 0.0, new Boundaries(-1.0, 1.0));
        var exp = TestExperiments.Experiment(m, 2.0, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("a", ExplorationMode.Product, ("a", Domain.Values(0.1, 1.0))));
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["a"];
        Assert.HasCount(1, pyrates.Failures, string.Join("; ", pyrates.Failures));
        var f = pyrates.Failures[0];
        Assert.AreEqual(FailureKind.LeftBounds, f.Kind);
        Assert.AreEqual("left its boundaries [-1, 1]", f.Reason);
        Assert.AreEqual(FailureKind.LeftBounds, ConditionFailure.KindOf(f.Reason));
    }
}
