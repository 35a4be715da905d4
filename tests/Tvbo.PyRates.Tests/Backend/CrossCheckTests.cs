using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>The PyRates backend against the native C# backend, condition by condition.</summary>
[TestClass]
public sealed class CrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ThreeAxisProductMatchesTheNativeBackendConditionByCondition(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 10.0, 0.005, method,
            TestExperiments.Sweep("eta_J_Delta", ExplorationMode.Product, ("eta", Domain.Range(-6.0, 2.0, 3)), ("J", Domain.Values(5.0, 15.0)), ("Delta", Domain.Values(0.5, 1.0, 2.0, 3.0))));
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 10 })).Explorations["eta_J_Delta"];
        var native = exp.Run(new NativeBackend()).Explorations["eta_J_Delta"];
        Assert.AreEqual(native.TimeseriesShape, pyrates.TimeseriesShape);
        CollectionAssert.AreEqual(native.Time.ToArray(), pyrates.Time.ToArray());
        var worst = 0.0;
        for (var c = 0; c < pyrates.ConditionCount; c++)
        {
            CollectionAssert.AreEqual(native.ParameterValues(c).ToArray(), pyrates.ParameterValues(c).ToArray());
            var error = Compare.MaxRelativeError(pyrates, c, native.ConditionSeries(c).ToArray());
            Assert.IsLessThanOrEqualTo(1e-11, error, $"condition {c}");
            worst = Math.Max(worst, error);
        }

        Assert.HasCount(native.Failures.Count, pyrates.Failures);
        TestContext.WriteLine($"{method}: largest relative difference PyRates vs native over {pyrates.ConditionCount} conditions: {worst:E2}");
    }
}
