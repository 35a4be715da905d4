using Tvbo.TestSupport;
using Tvbo.Backends;
using Tvbo.Experiment;

namespace Tvbo.Native.Tests.Backend;

/// <summary>The backend's contract: found by name, options checked, result shape and metadata.</summary>
[TestClass]
public sealed class NativeBackendTests
{
    [TestMethod]
    public void RegistryFindsTheBackendByName()
    {
        _ = typeof(NativeBackend); // load the assembly
        var backend = BackendRegistry.Get("native");
        Assert.IsInstanceOfType<NativeBackend>(backend);
        Assert.AreEqual("native", backend.Name);
    }

    [TestMethod]
    public void BadOptionsAreRejectedNamingTheOption()
    {
        StringAssert.Contains(Assert.Throws<ArgumentOutOfRangeException>(() => new NativeBackend(new NativeBackendOptions { MaxDegreeOfParallelism = 0 })).Message, "MaxDegreeOfParallelism");
        StringAssert.Contains(Assert.Throws<ArgumentOutOfRangeException>(() => new NativeBackend(new NativeBackendOptions { VectorBits = 384 })).Message, "VectorBits");
        StringAssert.Contains(Assert.Throws<ArgumentOutOfRangeException>(() => new NativeBackend(new NativeBackendOptions { GroupsPerBlock = 9 })).Message, "GroupsPerBlock");
    }

    [TestMethod]
    public void ResultCarriesGridTimeOutputsAndBackend()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 2, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Values(-1, 0, 1)), ("J", Domain.Values(5, 10))));
        var result = exp.Run("native").Explorations["sweep"];
        Assert.AreEqual("native", result.Backend);
        CollectionAssert.AreEqual(new[] { "r", "v" }, result.OutputNames.ToArray());
        CollectionAssert.AreEqual(exp.Integration.CreateTimeGrid(), result.Time.ToArray());
        Assert.AreEqual((6, 200, 2), result.TimeseriesShape);
        Assert.AreEqual(0.01, result.Dt);
        for (var c = 0; c < 6; c++)
        {
            Assert.AreEqual(0.1, result[c, 0, 0]);
            Assert.AreEqual(-2.0, result[c, 0, 1]);
        }

        // C order: J (last axis) varies fastest; condition 1 is eta=-1, J=10, and differs from condition 0.
        Assert.AreNotEqual(result[0, 100, 0], result[1, 100, 0]);
    }

    [TestMethod]
    public void TooLargeAResultFailsBeforeRunning()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 100, 0.001, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 1000))));
        var ex = Assert.Throws<ExperimentException>(() => exp.Run("native", new RunOptions { MaxResultBytes = 1 << 20 }));
        StringAssert.Contains(ex.Message, "Summary");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.RK45)]
    public void ASingleSampleRunReturnsTheInitialState(IntegrationMethod method)
    {
        var exp = TestExperiments.Experiment(GuideModels.VdP(), 0.01, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Values(1, 2, 3))));
        var result = exp.Run("native").Explorations["sweep"];
        Assert.AreEqual(1, result.SampleCount);
        for (var c = 0; c < 3; c++)
        {
            Assert.AreEqual(0.1, result[c, 0, 0]);
            Assert.AreEqual(0.0, result[c, 0, 1]);
        }
    }
}
