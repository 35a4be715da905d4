using Tvbo.Backends;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Backends;

/// <summary>The progress every backend reports: condition-steps from 0 to the total, at each whole percent, at least
/// once a second while nothing new happens, and the completion last.</summary>
[TestClass]
public sealed class ProgressMeterTests
{
    [TestMethod]
    public void CountsFromZeroToTheTotalAtWholePercents()
    {
        var reports = new SynchronousProgress();
        using (var meter = new ProgressMeter(reports, "sweep", 10, 1000))
        {
            for (var k = 0; k < 1000; k++)
            {
                meter.Add(10);
            }

            meter.Complete();
        }

        var all = reports.Reports.ToArray();
        Assert.AreEqual(new RunProgress("sweep", 0, 10_000, 10), all[0], "0 at once");
        Assert.AreEqual(new RunProgress("sweep", 10_000, 10_000, 10), all[^1]);
        Assert.IsTrue(all[^1].IsComplete);
        Assert.AreEqual(10, all[^1].ConditionsDone);
        Assert.IsLessThanOrEqualTo(101 + 2, all.Length, "at most one report per percent (and heartbeats)");
        for (var k = 1; k < all.Length; k++)
        {
            Assert.IsGreaterThanOrEqualTo(all[k - 1].Completed, all[k].Completed, "never backwards");
        }
    }

    [TestMethod]
    public void SetIgnoresACountBelowTheCurrentOneAndNothingFollowsTheCompletion()
    {
        var reports = new SynchronousProgress();
        using var meter = new ProgressMeter(reports, "e", 4, 100);
        meter.Set(200);
        meter.Set(100);
        Assert.AreEqual(200, meter.Completed);
        meter.Complete();
        meter.Complete();
        meter.Add(50);
        var all = reports.Reports.ToArray();
        CollectionAssert.AreEqual(new long[] { 0, 200, 400 }, all.Select(r => r.Completed).ToArray());
        Assert.AreEqual(2, all[1].ConditionsDone);
    }

    [TestMethod]
    public void AJobWithoutNewStepsIsStillReportedEverySecond()
    {
        // One long step (a PyRates call): the display keeps its elapsed time and rate current.
        var reports = new SynchronousProgress();
        using (var meter = new ProgressMeter(reports, "slow", 3, 10))
        {
            meter.Add(10);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (reports.Reports.Count < 4 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }

        var count = reports.Reports.Count;
        var all = reports.Reports.ToArray();
        Assert.IsGreaterThanOrEqualTo(4, all.Length, "0, the step, then heartbeats");
        Assert.IsTrue(all.Skip(2).All(r => r.Completed == 10 && !r.IsComplete), "heartbeats repeat the count");
        Thread.Sleep(1500);
        Assert.AreEqual(count, reports.Reports.Count, "no heartbeat after Dispose");
    }

    [TestMethod]
    public void WithoutAReceiverNothingRuns()
    {
        using var meter = new ProgressMeter(null, "e", 5, 10);
        meter.Add(10);
        meter.Set(30);
        meter.Complete();
        Assert.AreEqual(0, meter.Completed, "no counting without a receiver");
    }

    [TestMethod]
    public void APiecesProgressIsTheWholeExplorations()
    {
        var reports = new SynchronousProgress();
        var piece = OffsetProgress.For(reports, 300, 1000, 10)!;
        piece.Report(new RunProgress("e", 0, 200, 2));
        piece.Report(new RunProgress("e", 200, 200, 2));
        CollectionAssert.AreEqual(new[] { new RunProgress("e", 300, 1000, 10), new RunProgress("e", 500, 1000, 10) }, reports.Reports.ToArray());
        Assert.IsFalse(reports.Reports.Last().IsComplete, "a piece's completion is not the exploration's");
        Assert.IsNull(OffsetProgress.For(null, 0, 1, 1));
    }

    [TestMethod]
    public void ConditionsDoneAreWholeConditions()
    {
        Assert.AreEqual(3, new RunProgress("e", 399, 1000, 10).ConditionsDone);
        Assert.AreEqual(10, new RunProgress("e", 5, 0, 10).ConditionsDone, "nothing to do is done");
        Assert.AreEqual("e: 40% (4/10 conditions)", new RunProgress("e", 400, 1000, 10).ToString());
    }
}
