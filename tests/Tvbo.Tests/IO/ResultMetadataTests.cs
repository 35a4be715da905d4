using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.TestSupport;

namespace Tvbo.Tests.IO;

/// <summary>What a result file records about the run: method-specific settings only for the method they belong to.</summary>
[TestClass]
public sealed class ResultMetadataTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler, false)]
    [DataRow(IntegrationMethod.Heun, false)]
    [DataRow(IntegrationMethod.RK4, false)]
    [DataRow(IntegrationMethod.RK45, true)]
    public void TolerancesAreRecordedForTheAdaptiveMethodOnly(IntegrationMethod method, bool recorded)
    {
        var m = ResultMetadata.From(TestExperiments.Experiment(GuideModels.VdP(), 1, 0.01, method));
        Assert.AreEqual(recorded, m.RelativeTolerance is not null);
        Assert.AreEqual(recorded, m.AbsoluteTolerance is not null);
        Assert.AreEqual(method.ToString().ToLowerInvariant(), m.Method);
    }
}
