using Tvbo.Results;
using Tvbo.TestSupport;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.Divergence;

/// <summary>A condition whose state becomes NaN/infinite is reported once and NaN from then on; the others go on.</summary>
[TestClass]
public sealed class DivergenceTests
{
    private static Dynamics Blowup()
    {
        var m = new Dynamics("Blowup");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        m.AddStateVariable("y", "-y", 1.0);
        return m;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    [DataRow(IntegrationMethod.RK45)]
    public void DivergedConditionsAreReportedAndTheOthersAreIntact(IntegrationMethod method)
    {
        double[] a = [-1, 2, 0, 5, -0.5, 0.1, 3, -2, 0.2];
        var exp = TestExperiments.Experiment(Blowup(), 3, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(a))));
        var logger = new RecordingLogger();
        var result = exp.Run("native", new RunOptions { Logger = logger }).Explorations["sweep"];

        // Exactly x(t) = 1/(1 - a t) blows up before T = 3 when a > 1/3.
        var diverging = Enumerable.Range(0, a.Length).Where(c => a[c] > 0.5).ToArray();
        CollectionAssert.AreEqual(diverging, result.Failures.Select(f => f.Condition).ToArray());
        foreach (var f in result.Failures)
        {
            Assert.AreEqual(method == IntegrationMethod.RK45 && f.Variable is null ? null : "x", f.Variable);
            StringAssert.StartsWith(f.Reason, "diverged");
            var first = Array.IndexOf(result.Time.ToArray(), f.Time);
            Assert.IsGreaterThan(0, first, "the failure time is a sample time after the start");
            for (var k = 0; k < result.SampleCount; k++)
            {
                for (var v = 0; v < 2; v++)
                {
                    Assert.AreEqual(k >= first, double.IsNaN(result[f.Condition, k, v]), $"condition {f.Condition}, sample {k}: NaN exactly from the failure on");
                }
            }
        }

        // The others equal a run without the diverging conditions, bit for bit.
        var calm = Enumerable.Range(0, a.Length).Except(diverging).ToArray();
        var alone = TestExperiments.Experiment(Blowup(), 3, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(calm.Select(c => a[c]).ToArray()))));
        var aloneResult = alone.Run("native").Explorations["sweep"];
        Assert.IsEmpty(aloneResult.Failures);
        for (var i = 0; i < calm.Length; i++)
        {
            CollectionAssert.AreEqual(aloneResult.ConditionSeries(i).ToArray(), result.ConditionSeries(calm[i]).ToArray());
        }

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToArray();
        Assert.HasCount(1, warnings);
        StringAssert.Contains(warnings[0].Message, $"{diverging.Length} of {a.Length} conditions diverged");
    }

    [TestMethod]
    public void FixedStepFailuresMatchTheScalarReferenceAndNameNaNOrInfinity()
    {
        var exp = TestExperiments.Experiment(Blowup(), 3, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(1, 4))));
        var result = exp.Run("native").Explorations["sweep"];
        ScalarReference.AssertMatches(exp, result);
        Assert.HasCount(2, result.Failures);
        foreach (var f in result.Failures)
        {
            Assert.AreEqual(ConditionFailure.DivergedReason, f.Reason);
            Assert.AreEqual(FailureKind.Diverged, f.Kind);
        }
    }
}
