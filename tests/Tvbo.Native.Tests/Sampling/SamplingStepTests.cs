using Tvbo.TestSupport;
using Tvbo.Experiment;

namespace Tvbo.Native.Tests.Sampling;

/// <summary>With a sampling step, sample k is the state after k·(dts/dt) steps: every k-th sample of the full run.</summary>
[TestClass]
public sealed class SamplingStepTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler, 5)]
    [DataRow(IntegrationMethod.Heun, 3)]
    [DataRow(IntegrationMethod.RK4, 10)]
    [DataRow(IntegrationMethod.RK45, 4)]
    public void SampledRunEqualsEveryKthSampleOfTheFullRun(IntegrationMethod method, int k)
    {
        var full = TestExperiments.Experiment(GuideModels.VdP(), 12, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Range(0.1, 10, 11))));
        var sampled = TestExperiments.Experiment(GuideModels.VdP(), 12, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Range(0.1, 10, 11))));
        sampled.Integration.SamplingStepSize = k * 0.01;
        var a = full.Run("native").Explorations["sweep"];
        var b = sampled.Run("native").Explorations["sweep"];
        Assert.AreEqual(sampled.Integration.SampleCount, b.SampleCount);
        Assert.AreEqual((int)Math.Round(12 / (k * 0.01)), b.SampleCount);
        for (var c = 0; c < a.ConditionCount; c++)
        {
            for (var s = 0; s < b.SampleCount; s++)
            {
                Assert.AreEqual(a.Time.Span[s * k], b.Time.Span[s], 1e-12);
                for (var v = 0; v < 2; v++)
                {
                    if (method == IntegrationMethod.RK45)
                    {
                        // The adaptive steps do not depend on the sampling; the dense output is evaluated at the same times.
                        Assert.AreEqual(a[c, s * k, v], b[c, s, v], 1e-12);
                    }
                    else
                    {
                        Assert.AreEqual(a[c, s * k, v], b[c, s, v]);
                    }
                }
            }
        }
    }
}
