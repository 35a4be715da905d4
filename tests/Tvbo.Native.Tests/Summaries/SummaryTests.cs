using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;
using Tvbo.Backends;

namespace Tvbo.Native.Tests.Summaries;

/// <summary>Summaries computed while integrating equal SummaryStatistics.FromSeries of the series run.</summary>
[TestClass]
public sealed class SummaryTests
{
    public static IEnumerable<object[]> Cases =>
    [
        [IntegrationMethod.Euler, 0.2, null!],
        [IntegrationMethod.Heun, 0.5, null!],
        [IntegrationMethod.RK4, 1.0, 0.05],
        [IntegrationMethod.RK45, 0.2, null!],
        [IntegrationMethod.RK45, 0.37, 0.04],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void SummaryEqualsTheSummaryOfTheSeries(IntegrationMethod method, double window, double? samplingStep)
    {
        foreach (var exp in new[] { Qif(method, samplingStep), Blowup(method, samplingStep) })
        {
            var series = exp.Run("native").Explorations["sweep"];
            var summaryRun = exp.Run("native", new RunOptions { Store = ResultStore.Summary, SummaryWindow = window }).Explorations["sweep"];
            Assert.IsFalse(summaryRun.HasSeries);
            var expected = SummaryStatistics.FromSeries(series.Results.ToArray(), series.ConditionCount, series.SampleCount, series.OutputNames.Count, window);
            var actual = summaryRun.Summary!;
            Assert.AreEqual(expected.WindowStart, actual.WindowStart);
            CollectionAssert.AreEqual(expected.First.ToArray(), actual.First.ToArray(), "first");
            CollectionAssert.AreEqual(expected.Final.ToArray(), actual.Final.ToArray(), "final");
            CollectionAssert.AreEqual(expected.Min.ToArray(), actual.Min.ToArray(), "min");
            CollectionAssert.AreEqual(expected.Max.ToArray(), actual.Max.ToArray(), "max");
            for (var i = 0; i < expected.Mean.Length; i++)
            {
                var e = expected.Mean.Span[i];
                var a = actual.Mean.Span[i];
                Assert.IsTrue(e.Equals(a) || Math.Abs(e - a) <= 1e-15 * Math.Abs(e), $"mean {i}: {a:R} vs {e:R}");
            }

            CollectionAssert.AreEqual(series.Failures.ToArray(), summaryRun.Failures.ToArray(), "the same failures");
        }
    }

    private static SimulationExperiment Qif(IntegrationMethod method, double? samplingStep)
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 20, 0.005, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 7)), ("J", Domain.Range(5, 25, 5))));
        exp.Integration.SamplingStepSize = samplingStep;
        return exp;
    }

    private static SimulationExperiment Blowup(IntegrationMethod method, double? samplingStep)
    {
        var m = new Dynamics("Blowup");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        m.AddStateVariable("y", "-y + x", 0.0);
        var exp = TestExperiments.Experiment(m, 2, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(-1, 0, 0.4, 0.9, 3, 0.2, -2, 1.5, 0.1, 0.7))));
        exp.Integration.SamplingStepSize = samplingStep;
        return exp;
    }
}
