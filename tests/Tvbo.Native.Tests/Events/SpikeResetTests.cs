using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Events;

/// <summary>Spike-and-reset events on the native backend: applied after each step where the condition holds, every
/// assigned value from the state before the event, several events in declaration order.</summary>
[TestClass]
public sealed class SpikeResetTests
{
    /// <summary>The times of the samples at which v dropped (a reset happened in the step before).</summary>
    private static List<double> ResetTimes(ReadOnlySpan<double> v, ReadOnlySpan<double> time)
    {
        var times = new List<double>();
        for (var k = 1; k < v.Length; k++)
        {
            if (v[k] < v[k - 1])
            {
                times.Add(time[k]);
            }
        }

        return times;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    public void InterspikeIntervalIsTheClosedForm(IntegrationMethod method)
    {
        const double dt = 0.001;
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 100, dt, method);
        var result = exp.Run("native").Explorations.Values.Single();
        var v = result.Series(0, "v");
        Assert.IsTrue(v.All(x => x <= SpikingModels.Threshold + 0.01), "v is reset in the step it crosses the threshold, so no sample lies far above it");
        var spikes = ResetTimes(v, result.Time.Span);
        Assert.IsGreaterThanOrEqualTo(5, spikes.Count, $"{spikes.Count} spikes");

        // From v = E_L towards E_L + R·I, v reaches V_th after τ·ln(R·I / (R·I − (V_th − E_L))) = 10·ln 4.
        var isi = SpikingModels.Interval(20.0);
        Assert.AreEqual(isi, spikes[0], 3 * dt, "the first spike, from v(0) = E_L");
        for (var k = 1; k < spikes.Count; k++)
        {
            Assert.AreEqual(isi, spikes[k] - spikes[k - 1], 3 * dt, $"interval {k}");
        }
    }

    [TestMethod]
    public void BelowThresholdDriveNeverFires()
    {
        var result = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(drive: 10.0), 100, 0.01, IntegrationMethod.Euler).Run("native").Explorations.Values.Single();
        var v = result.Series(0, "v");
        Assert.AreEqual(0, ResetTimes(v, result.Time.Span).Count);
        Assert.AreEqual(-60.0, v[^1], 1e-3, "the steady state E_L + R·I below the threshold");
    }

    [TestMethod]
    public void IzhikevichResetEqualsAHandWrittenEulerLoopInEveryLane()
    {
        var m = SpikingModels.Izhikevich();
        const double dt = 0.01;
        var drives = new[] { 0.0, 4.0, 10.0, 15.0, 3.0 };
        var exp = TestExperiments.Experiment(m, 200, dt, IntegrationMethod.Euler, TestExperiments.Sweep("I", ExplorationMode.Product, ("I", Domain.Values(drives))));
        var result = exp.Run("native").Explorations["I"];
        var fired = 0;
        for (var cond = 0; cond < result.ConditionCount; cond++)
        {
            var drive = result.Grid.Condition(cond)[0];
            double v = -65.0, u = -13.0;
            for (var n = 0; n < result.SampleCount; n++)
            {
                Assert.AreEqual(v, result[cond, n, 0], 1e-12 * Math.Max(1, Math.Abs(v)), $"I = {drive}: v at sample {n}");
                Assert.AreEqual(u, result[cond, n, 1], 1e-12 * Math.Max(1, Math.Abs(u)), $"I = {drive}: u at sample {n}");
                var dv = (0.04 * (v * v)) + (5 * v) + 140 - u + drive;
                var du = 0.02 * ((0.2 * v) - u);
                v += dt * dv;
                u += dt * du;
                if (v > 30.0)
                {
                    (v, u) = (-65.0, u + 8.0); // both from the state before the event
                    fired++;
                }
            }
        }

        Assert.IsGreaterThan(10, fired, "the driven lanes spike");
    }

    [TestMethod]
    public void SeveralEventsApplyInOrderEachFromTheStateBeforeIt()
    {
        // z runs at rate 1; every time it passes 0.5 the first event swaps x and y (both values from the state before
        // it, so a true swap) and restarts z; the second, declared after it, sees that z and counts the swap.
        var m = new Dynamics("Swapper");
        m.AddStateVariable("x", "0", 1.0);
        m.AddStateVariable("y", "0", 2.0);
        m.AddStateVariable("z", "1", 0.0);
        m.AddStateVariable("k", "0", 0.0);
        m.AddEvent("swap", "z > 0.5", "x = y; y = x; z = 0");
        m.AddEvent("count", "z == 0", "k = k + 1");
        var result = TestExperiments.Experiment(m, 5, 0.125, IntegrationMethod.Euler).Run("native").Explorations.Values.Single();
        var swaps = 0;
        for (var n = 0; n < result.SampleCount; n++)
        {
            var (x, y, z, k) = (result[0, n, 0], result[0, n, 1], result[0, n, 2], result[0, n, 3]);
            Assert.AreEqual(swaps % 2 == 0 ? 1.0 : 2.0, x, $"x at sample {n}");
            Assert.AreEqual(swaps % 2 == 0 ? 2.0 : 1.0, y, $"y at sample {n}");
            Assert.AreEqual(swaps, k, $"k at sample {n}: the count follows the swap in the same step");
            if (n + 1 < result.SampleCount && result[0, n + 1, 2] == 0)
            {
                swaps++;
            }

            Assert.IsLessThanOrEqualTo(0.5, z);
        }

        Assert.IsGreaterThanOrEqualTo(7, swaps, "every 5 steps of 0.125 over 40 steps");
    }

    [TestMethod]
    public void AnEventMayReadTime()
    {
        // x decays; once t passes 1 the event lifts it back to 1 whenever it falls below 0.5.
        var m = new Dynamics("Kick");
        m.AddStateVariable("x", "-x", 1.0);
        m.AddEvent("kick", "(t > 1) & (x < 0.5)", "x = 1");
        var result = TestExperiments.Experiment(m, 4, 0.0078125, IntegrationMethod.Euler).Run("native").Explorations.Values.Single();
        var x = result.Series(0, "x");
        var time = result.Time.ToArray();
        for (var n = 0; n < x.Length; n++)
        {
            if (time[n] > 1.1)
            {
                Assert.IsGreaterThanOrEqualTo(0.5, x[n], $"t = {time[n]}");
            }
        }

        Assert.IsLessThan(0.5, x.Where((_, n) => time[n] <= 1.0).Min(), "before t = 1 the event does not fire");
    }

    [TestMethod]
    public void AMapAppliesItsEventsAfterEachIterate()
    {
        var m = SpikingModels.Counter();
        var result = TestExperiments.Experiment(m, 10, 1.0, IntegrationMethod.Euler).Run("native").Explorations.Values.Single();
        CollectionAssert.AreEqual(new[] { 0.0, 1, 2, 0, 1, 2, 0, 1, 2, 0 }, result.Series(0, "n"));
    }

    [TestMethod]
    public void Rk45WithEventsIsRefused()
    {
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 10, 0.01, IntegrationMethod.RK45);
        var ex = Assert.ThrowsExactly<BackendException>(() => exp.Run("native"));
        StringAssert.Contains(ex.Message, "Model 'IaF' has spike-and-reset events (spike); the native backend applies them after each step of a fixed-step method (euler, heun, rk4), not within RK45's adaptive steps.");
    }

    [TestMethod]
    public void ANetworkWithEventsIsRefused()
    {
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(coupled: true), 10, 0.01, IntegrationMethod.Euler);
        exp.Network = Tvbo.Networks.Network.FromMatrix(new double[,] { { 0, 1.0 }, { 1.0, 0 } });
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run("native"));
        StringAssert.Contains(ex.Message, "Model 'IaF' has spike-and-reset events (spike); they are applied to a single node, not yet on a network of 2 nodes.");
    }
}
