using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Events;

/// <summary>The times at which a model's events fired, recorded by the native backend per event and condition: the end
/// time of the step after which each was detected, at most <see cref="RunOptions.MaxEventTimes"/> kept, all counted.</summary>
[TestClass]
public sealed class SpikeTimeTests
{
    private static Exploration Drives(params double[] drives) => TestExperiments.Sweep("drive", ExplorationMode.Product, ("RI", Domain.Values(drives)));

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    public void IntegrateAndFireSpikeTimesAreEquallySpacedAtTheClosedForm(IntegrationMethod method)
    {
        const double dt = 0.001;
        var result = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 100, dt, method, Drives(20.0, 30.0)).Run("native").Explorations["drive"];
        var events = result.EventTimes!;
        CollectionAssert.AreEqual(new[] { "spike" }, events.EventNames.ToArray());
        Assert.AreEqual(2, events.ConditionCount);
        Assert.IsFalse(events.AnyTruncated);
        var worst = 0.0;
        foreach (var (cond, drive) in new[] { (0, 20.0), (1, 30.0) })
        {
            var times = events.Times("spike", cond).ToArray();
            Assert.AreEqual(times.Length, events.Count("spike", cond));
            Assert.IsGreaterThanOrEqualTo(5, times.Length, $"RI = {drive}: {times.Length} spikes");
            var isi = SpikingModels.Interval(drive);
            worst = Math.Max(worst, Math.Abs(times[0] - isi));
            Assert.AreEqual(isi, times[0], 3 * dt, $"RI = {drive}: the first spike, from v(0) = E_L");
            for (var k = 1; k < times.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(times[k] - times[k - 1] - isi));
                Assert.AreEqual(isi, times[k] - times[k - 1], 3 * dt, $"RI = {drive}: interval {k}");
            }

            // Each time is a sample's: the first sample that shows the reset.
            var v = result.Series(cond, "v");
            var drops = Enumerable.Range(1, v.Length - 1).Where(k => v[k] < v[k - 1]).Select(k => result.Time.Span[k]).ToArray();
            CollectionAssert.AreEqual(drops, times, $"RI = {drive}: the times of the drops in the series");
        }

        Console.WriteLine($"{method}: largest interval error {worst:E3} (dt = {dt})");
    }

    [TestMethod]
    public void IzhikevichSpikeTimesEqualAHandWrittenLoopsResets()
    {
        var m = SpikingModels.Izhikevich();
        const double dt = 0.01;
        var drives = new[] { 0.0, 4.0, 10.0, 15.0, 3.0 };
        var exp = TestExperiments.Experiment(m, 200, dt, IntegrationMethod.Euler, TestExperiments.Sweep("I", ExplorationMode.Product, ("I", Domain.Values(drives))));
        exp.Integration.SamplingStepSize = 0.1; // the times are the steps', not the samples'
        var result = exp.Run("native").Explorations["I"];
        var steps = (int)Math.Round(200 / dt);
        var fired = 0;
        for (var cond = 0; cond < result.ConditionCount; cond++)
        {
            var drive = result.Grid.Condition(cond)[0];
            double v = -65.0, u = -13.0;
            var resets = new List<double>();
            for (var n = 0; n < steps - 10; n++)
            {
                var dv = (0.04 * (v * v)) + (5 * v) + 140 - u + drive;
                var du = 0.02 * ((0.2 * v) - u);
                v += dt * dv;
                u += dt * du;
                if (v > 30.0)
                {
                    (v, u) = (-65.0, u + 8.0);
                    resets.Add((n + 1) * dt);
                }
            }

            fired += resets.Count;
            CollectionAssert.AreEqual(resets, result.EventTimes!.Times("spike", cond).ToArray(), $"I = {drive}");
        }

        Assert.IsGreaterThan(10, fired, "the driven lanes spike");
    }

    [TestMethod]
    public void ASummaryRunKeepsTheSameTimes()
    {
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 60, 0.01, IntegrationMethod.Heun, Drives(16.0, 20.0, 25.0, 40.0, 10.0));
        var series = exp.Run("native").Explorations["drive"];
        var summary = exp.Run("native", new RunOptions { Store = ResultStore.Summary }).Explorations["drive"];
        Assert.IsFalse(summary.HasSeries);
        for (var c = 0; c < series.ConditionCount; c++)
        {
            CollectionAssert.AreEqual(series.EventTimes!.Times("spike", c).ToArray(), summary.EventTimes!.Times("spike", c).ToArray(), $"condition {c}");
        }

        Assert.AreEqual(0, summary.EventTimes!.Count("spike", 4), "RI = 10 stays below the threshold");
    }

    [TestMethod]
    public void TheCapKeepsTheFirstTimesCountsAllAndSaysSo()
    {
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 100, 0.01, IntegrationMethod.Euler, Drives(20.0, 25.0));
        var all = exp.Run("native").Explorations["drive"].EventTimes!;
        var capped = exp.Run("native", new RunOptions { MaxEventTimes = 3 }).Explorations["drive"].EventTimes!;
        Assert.AreEqual(3, capped.MaxTimesPerCondition);
        Assert.IsTrue(capped.AnyTruncated);
        for (var c = 0; c < 2; c++)
        {
            Assert.IsGreaterThan(3, all.Count("spike", c));
            Assert.AreEqual(all.Count("spike", c), capped.Count("spike", c), "every firing is counted");
            Assert.IsTrue(capped.IsTruncated("spike", c));
            CollectionAssert.AreEqual(all.Times("spike", c).ToArray()[..3], capped.Times("spike", c).ToArray(), "the first three");
        }

        StringAssert.Contains(capped.ToString(), "truncated");
        var none = exp.Run("native", new RunOptions { MaxEventTimes = 0 }).Explorations["drive"].EventTimes!;
        Assert.AreEqual(0, none.Times("spike", 0).Length);
        Assert.AreEqual(all.Count("spike", 0), none.Count("spike", 0));
    }

    [TestMethod]
    public void ShardsMergeIntoTheWholeGridsTimes()
    {
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 60, 0.01, IntegrationMethod.Euler, Drives(16.0, 20.0, 25.0, 40.0, 10.0));
        var whole = exp.Run("native").Explorations["drive"];
        var ranges = new[] { new ConditionRange(0, 2), new ConditionRange(2, 5) };
        var shards = ranges.Select(r => (r, exp.Run("native", new RunOptions { Conditions = r }).Explorations["drive"])).ToArray();
        Assert.AreEqual(2, shards[0].Item2.EventTimes!.ConditionCount);
        var merged = ExplorationResult.Merge(whole.Grid, shards);
        AssertSame(whole.EventTimes!, merged.EventTimes!);
    }

    [TestMethod]
    public void ADivergingNeighbourDoesNotRecordAFiringTwice()
    {
        // w' = k·w overflows for k = 30 at about t = 24: its segment (64 samples) is run again, checked; the other lanes
        // of the block, firing every 0.15 ms, keep each firing once, and the diverged lane keeps those before its failure.
        var m = SpikingModels.IntegrateAndFire();
        m.AddParameter("k", 0.0);
        m.AddStateVariable("w", "k*w", 1.0);
        var exp = TestExperiments.Experiment(m, 100, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.0, 30.0, 0.0)), ("RI", Domain.Values(1000.0))));
        var result = exp.Run("native").Explorations["k"];
        var failure = result.Failures.Single();
        Assert.AreEqual(1, failure.Condition);
        var reference = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 100, 0.01, IntegrationMethod.Euler, Drives(1000.0)).Run("native").Explorations["drive"].EventTimes!.Times("spike", 0).ToArray();
        Assert.IsGreaterThan(500, reference.Length);
        CollectionAssert.AreEqual(reference, result.EventTimes!.Times("spike", 0).ToArray());
        CollectionAssert.AreEqual(reference, result.EventTimes!.Times("spike", 2).ToArray());
        var diverged = result.EventTimes!.Times("spike", 1).ToArray();
        CollectionAssert.AreEqual(reference.Where(t => t <= failure.Time).ToArray(), diverged, $"before the failure at t = {failure.Time}");
    }

    [TestMethod]
    public void TimesAreCountedFromTheTransientsEnd()
    {
        const double dt = 0.01;
        var plain = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 100, dt, IntegrationMethod.Euler).Run("native").Explorations.Values.Single().EventTimes!.Times("spike", 0).ToArray();
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 70, dt, IntegrationMethod.Euler);
        exp.Integration.TransientTime = 30;
        var shifted = exp.Run("native").Explorations.Values.Single().EventTimes!.Times("spike", 0).ToArray();
        var expected = plain.Where(t => t >= 30 - 1e-9 && t < 100 - 1e-9).Select(t => t - 30).ToArray();
        Assert.HasCount(expected.Length, shifted);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.AreEqual(expected[k], shifted[k], 1e-9, $"spike {k}");
        }
    }

    [TestMethod]
    public void AMapsEventsAreAtTheIteratesThatFiredThem()
    {
        // n counts iterates and wraps from 3 to 0: the event fires at iterates 3, 6, 9 (time = iterate · dt, dt = 0.5).
        var m = SpikingModels.Counter();
        var result = TestExperiments.Experiment(m, 5, 0.5, IntegrationMethod.Euler).Run("native").Explorations.Values.Single();
        CollectionAssert.AreEqual(new[] { 1.5, 3.0, 4.5 }, result.EventTimes!.Times("wrap", 0).ToArray());
    }

    [TestMethod]
    public void AModelWithoutEventsHasNoEventTimes() =>
        Assert.IsNull(TestExperiments.Experiment(GuideModels.VdP(), 1, 0.01, IntegrationMethod.Euler).Run("native").Explorations.Values.Single().EventTimes);

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.RK4)]
    public void ARefractoryPeriodInTheEquationsAddsItsDurationToTheInterval(IntegrationMethod method)
    {
        // TVBO's events have no refractory key; the NeuroML meaning (v held at the reset for t_ref) is written in the
        // model's equations with a countdown, and the interval is τ·ln(R·I/(R·I − (V_th − E_L))) + t_ref.
        const double dt = 0.001;
        var result = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(refractory: true), 100, dt, method).Run("native").Explorations.Values.Single();
        var times = result.EventTimes!.Times("spike", 0).ToArray();
        Assert.IsGreaterThanOrEqualTo(5, times.Length);
        Assert.AreEqual(SpikingModels.Interval(20.0), times[0], 3 * dt, "the first spike, from v(0) = E_L, without a refractory period before it");
        var worst = 0.0;
        for (var k = 1; k < times.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(times[k] - times[k - 1] - (SpikingModels.Interval(20.0) + 2.0)));
            Assert.AreEqual(SpikingModels.Interval(20.0) + 2.0, times[k] - times[k - 1], 3 * dt, $"interval {k}");
        }

        // v stays at the reset during the refractory period.
        var v = result.Series(0, "v");
        var first = (int)Math.Round(times[0] / dt);
        for (var n = first; n < first + (int)(1.9 / dt); n++)
        {
            Assert.AreEqual(SpikingModels.Reset, v[n], $"v at sample {n}, in the refractory period");
        }

        Console.WriteLine($"{method}: largest interval error with t_ref = 2: {worst:E3} (dt = {dt})");
    }

    internal static void AssertSame(EventTimes expected, EventTimes actual)
    {
        CollectionAssert.AreEqual(expected.EventNames.ToArray(), actual.EventNames.ToArray());
        Assert.AreEqual(expected.ConditionCount, actual.ConditionCount);
        Assert.AreEqual(expected.MaxTimesPerCondition, actual.MaxTimesPerCondition);
        foreach (var name in expected.EventNames)
        {
            for (var c = 0; c < expected.ConditionCount; c++)
            {
                CollectionAssert.AreEqual(expected.Times(name, c).ToArray(), actual.Times(name, c).ToArray(), $"{name}, condition {c}");
                Assert.AreEqual(expected.Count(name, c), actual.Count(name, c), $"{name}, condition {c}");
            }
        }
    }
}
