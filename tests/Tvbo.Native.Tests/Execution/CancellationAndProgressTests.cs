using Tvbo.TestSupport;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Execution;

/// <summary>Cancellation stops a run; progress is reported in condition-steps, not too often.</summary>
[TestClass]
public sealed class CancellationAndProgressTests
{
    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.RK45)]
    public void CancellingDuringARunThrowsOperationCanceled(IntegrationMethod method)
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 2e4, 0.005, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 64))));
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress { OnReport = _ => cts.Cancel() };
        var started = DateTime.UtcNow;
        Assert.Throws<OperationCanceledException>(() => exp.Run("native", new RunOptions { Store = ResultStore.Summary }, progress, cts.Token));
        Assert.IsNotEmpty(progress.Reports, "the run reported progress before it was cancelled");
        Assert.IsLessThan(TimeSpan.FromSeconds(30), DateTime.UtcNow - started, "the run stopped long before its end");
    }

    [TestMethod]
    [DataRow(ResultStore.Series, 1)]
    [DataRow(ResultStore.Summary, 2)]
    public void ACancelledRunKeepsTheBlocksThatFinished(ResultStore store, int parallelism)
    {
        // 64 conditions in blocks of one vector: cancelled once a quarter of the work is reported done.
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 200, 0.005, IntegrationMethod.Heun, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 64))));
        exp.Integration.SamplingStepSize = 0.5;
        var backend = new NativeBackend(new NativeBackendOptions { GroupsPerBlock = 1, MaxDegreeOfParallelism = parallelism });
        var options = new RunOptions { Store = store };
        var full = exp.Run(backend, options).Explorations["sweep"];
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress { OnReport = p => { if (p.Fraction >= 0.25) { cts.Cancel(); } } };
        var ex = Assert.Throws<RunCancelledException>(() => exp.Run(backend, options, progress, cts.Token));
        Assert.IsEmpty(ex.Finished);
        var partial = ex.Interrupted ?? throw new AssertFailedException("the finished blocks were not kept");
        var stopped = partial.Failures.Where(f => f.Reason == ConditionFailure.CancelledReason).Select(f => f.Condition).ToHashSet();
        Assert.IsTrue(ex.InterruptedCompleted is > 0 and < 64, $"{ex.InterruptedCompleted} of 64 conditions finished");
        Assert.AreEqual(64 - ex.InterruptedCompleted, stopped.Count);
        for (var c = 0; c < 64; c++)
        {
            for (var v = 0; v < 2; v++)
            {
                if (store == ResultStore.Series)
                {
                    for (var t = 0; t < partial.SampleCount; t += 37)
                    {
                        Assert.AreEqual(stopped.Contains(c) ? double.NaN : full[c, t, v], partial[c, t, v], $"condition {c}, sample {t}, variable {v}");
                    }
                }
                else
                {
                    Assert.AreEqual(stopped.Contains(c) ? double.NaN : full.Summary!.Final.Span[(c * 2) + v], partial.Summary!.Final.Span[(c * 2) + v], $"condition {c}, variable {v}");
                }
            }
        }
    }

    [TestMethod]
    public void AnAlreadyCancelledTokenThrows()
    {
        var exp = TestExperiments.Experiment(GuideModels.VdP(), 1, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Values(1, 2))));
        Assert.Throws<OperationCanceledException>(() => exp.Run("native", cancellationToken: new CancellationToken(true)));
    }

    [TestMethod]
    public void ProgressCountsConditionStepsAndEndsAtTheTotal()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 100, 0.005, IntegrationMethod.Heun, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 200))));
        exp.Integration.SamplingStepSize = 0.05;
        var progress = new SynchronousProgress();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        exp.Run(new NativeBackend(new NativeBackendOptions { GroupsPerBlock = 1 }), null, progress);
        var reports = progress.Reports.ToArray();
        var total = 200L * (exp.Integration.SampleCount - 1) * exp.Integration.StepsPerSample;
        Assert.IsGreaterThan(5, reports.Length);
        Assert.IsLessThanOrEqualTo(101 + (int)clock.Elapsed.TotalSeconds + 1, reports.Length, "0, one per whole percent, the end, and a heartbeat a second");
        Assert.AreEqual(0, reports[0].Completed);
        Assert.IsTrue(reports.All(r => r.Total == total && r.Conditions == 200 && r.Exploration == "sweep" && r.Completed <= total));
        Assert.AreEqual(total, reports[^1].Completed);
        Assert.AreEqual(1.0, reports[^1].Fraction);
    }
}
