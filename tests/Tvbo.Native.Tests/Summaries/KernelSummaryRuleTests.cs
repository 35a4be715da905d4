using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Summaries;

/// <summary>
/// The summaries a summary-store run computes while integrating (the compiled kernels inline
/// <see cref="SummaryAccumulator.Include"/>; the RK45 driver calls it) equal, bit for bit, the one summary rule
/// applied to the series of the series-store run, on every method, for series that reach +inf, -inf or NaN (the
/// condition fails there and its samples are NaN from then on) and series with ties (constant, clamped).
/// </summary>
[TestClass]
public sealed class KernelSummaryRuleTests
{
    public static IEnumerable<object[]> Cases =>
        from method in new[] { IntegrationMethod.Euler, IntegrationMethod.Heun, IntegrationMethod.RK4, IntegrationMethod.RK45 }
        from window in new[] { 0.2, 0.5, 1.0 }
        select new object[] { method, window };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void SummaryRunEqualsTheRuleOnTheSeries(IntegrationMethod method, double window)
    {
        var exp = TestExperiments.Experiment(Extremes(), 2, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(-1, 0, 0.3, 0.7, 2)), ("b", Domain.Values(0.5, 1.5, 100))));
        var series = exp.Run("native").Explorations["sweep"];
        var summaryRun = exp.Run("native", new RunOptions { Store = ResultStore.Summary, SummaryWindow = window }).Explorations["sweep"];
        var values = series.Results.ToArray();
        Assert.IsTrue(values.Any(double.IsNaN), "some series fail");
        if (method != IntegrationMethod.RK45)
        {
            // x (the first variable) fails only by reaching +inf, s (the last) only by becoming NaN (sqrt of b - t < 0).
            Assert.IsTrue(series.Failures.Any(f => f.Variable == "x"), "a series reaches an infinity");
            Assert.IsTrue(series.Failures.Any(f => f.Variable == "s"), "a series becomes NaN");
        }

        var expected = ByTheRule(values, series.ConditionCount, series.SampleCount, series.OutputNames.Count, window);
        SummaryRuleTests.AssertBitwiseEqual(expected, summaryRun.Summary!, $"{method} window {window}");
        SummaryRuleTests.AssertBitwiseEqual(SummaryRuleTests.WrittenOut(values, series.ConditionCount, series.SampleCount, series.OutputNames.Count, window), summaryRun.Summary!, $"{method} window {window} (written out)");
        CollectionAssert.AreEqual(series.Failures.ToArray(), summaryRun.Failures.ToArray(), "the same failures");
    }

    /// <summary>x → +inf and y → -inf at t = 1/a (a &gt; 0); s becomes NaN after t = b; z is constant; w is clamped
    /// at its upper bound from t = 0.5 on (fixed-step methods; RK45 applies no boundaries).</summary>
    private static Dynamics Extremes()
    {
        var m = new Dynamics("Extremes");
        m.AddParameter("a", 1.0);
        m.AddParameter("b", 1.0);
        m.AddStateVariable("x", "a*x**2", 1.0);
        m.AddStateVariable("y", "-a*y**2", -1.0);
        m.AddStateVariable("z", "0", 2.0);
        m.AddStateVariable("w", "1", 0.0, new Tvbo.Model.Boundaries(double.NegativeInfinity, 0.5));
        m.AddStateVariable("s", "sqrt(b - t)", 0.0);
        return m;
    }

    private static SummaryStatistics ByTheRule(double[] series, int conditions, int samples, int variables, double window)
    {
        var accumulator = new SummaryAccumulator(conditions, variables, samples, SummaryStatistics.WindowStartFor(samples, window));
        for (var c = 0; c < conditions; c++)
        {
            for (var t = 0; t < samples; t++)
            {
                accumulator.Add(c, t, series.AsSpan(((c * samples) + t) * variables, variables));
            }
        }

        return accumulator.ToStatistics();
    }
}
