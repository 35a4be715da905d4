using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Noise;

/// <summary>Seeded noise and input series on the native backend: the Ornstein–Uhlenbeck stationary variance under
/// Euler–Maruyama, stochastic Heun against a reference built from the same increments, determinism whatever the
/// threads and blocks, seeds, targets, and input series integrated exactly.</summary>
[TestClass]
public sealed class NoiseAndInputTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>dx = −θ x dt + σ dW (and a deterministic y), over <paramref name="conditions"/> conditions of an unused axis.</summary>
    private static SimulationExperiment Ou(int conditions, double duration, IntegrationMethod method = IntegrationMethod.Euler, long seed = 42)
    {
        var m = new Dynamics("Ou");
        m.AddParameter("theta", 1.0);
        m.AddParameter("label", 0.0);
        m.AddStateVariable("x", "-theta*x", 0.0);
        m.AddStateVariable("y", "-y", 1.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = method;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = duration;
        exp.Integration.Noise = new NoiseSettings { Sigma = 0.5, Seed = seed };
        exp.Integration.Noise.Targets.Add("x");
        exp.Explorations.Add(new Exploration("trials", [new ExplorationParameter("label", Domain.Range(0, conditions - 1, conditions))]));
        return exp;
    }

    private static ExplorationResult Run(SimulationExperiment exp, NativeBackendOptions? options = null) =>
        exp.Run(new NativeBackend(options ?? new NativeBackendOptions())).Explorations["trials"];

    [TestMethod]
    public void EulerMaruyamaGivesTheOrnsteinUhlenbeckStationaryVariance()
    {
        var r = Run(Ou(256, 200.0));
        var start = r.SampleCount / 20; // after 10 relaxation times
        double sum = 0, sum2 = 0;
        long count = 0;
        for (var c = 0; c < r.ConditionCount; c++)
        {
            for (var k = start; k < r.SampleCount; k++)
            {
                var x = r[c, k, 0];
                sum += x;
                sum2 += x * x;
                count++;
            }
        }

        var mean = sum / count;
        var variance = (sum2 / count) - (mean * mean);
        var exact = 0.25 / (1.0 * (2 - 0.01)); // Euler–Maruyama's stationary variance, sigma^2 / (theta (2 - theta dt))
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"variance {variance:F5} (sigma^2/(2 theta) = 0.125, Euler-Maruyama {exact:F5}), mean {mean:F5}, {count} samples"));
        Assert.AreEqual(exact, variance, 0.04 * exact, "stationary variance");
        Assert.AreEqual(0.0, mean, 0.02, "stationary mean");
    }

    [TestMethod]
    public void TheSameSeedGivesTheSameNumbersWhateverTheThreadsAndBlocks()
    {
        var a = Run(Ou(37, 5.0), new NativeBackendOptions { MaxDegreeOfParallelism = 1, GroupsPerBlock = 1 });
        var b = Run(Ou(37, 5.0), new NativeBackendOptions { MaxDegreeOfParallelism = 2, GroupsPerBlock = 4 });
        CollectionAssert.AreEqual(a.Results.ToArray(), b.Results.ToArray(), "bit for bit");

        // A condition's noise depends on its index only: condition 5 of a 37-condition grid is condition 5 of a 6-condition one.
        var small = Run(Ou(6, 5.0));
        for (var k = 0; k < small.SampleCount; k++)
        {
            Assert.AreEqual(a[5, k, 0], small[5, k, 0], 0.0);
        }

        var other = Run(Ou(37, 5.0, seed: 7));
        Assert.AreNotEqual(a[3, a.SampleCount - 1, 0], other[3, other.SampleCount - 1, 0], "another seed, another realization");
        Assert.AreNotEqual(a[3, a.SampleCount - 1, 0], a[4, a.SampleCount - 1, 0], "conditions get different noise");
        for (var k = 0; k < a.SampleCount; k++)
        {
            Assert.AreEqual(Math.Pow(0.99, k), a[3, k, 1], 1e-12, "y is not a target: deterministic");
        }
    }

    [TestMethod]
    public void StochasticHeunMatchesAReferenceOnTheSameIncrements()
    {
        // The increments sigma*sqrt(dt)*xi_k, read from an Euler run of dx = sigma dW (x starts at 0).
        var pure = new Dynamics("Ou");
        pure.AddParameter("theta", 0.0);
        pure.AddParameter("label", 0.0);
        pure.AddStateVariable("x", "0*theta*x", 0.0);
        pure.AddStateVariable("y", "-y", 1.0);
        var incrementsExp = Ou(3, 5.0);
        var walk = new SimulationExperiment(pure);
        walk.Integration.Method = IntegrationMethod.Euler;
        walk.Integration.StepSize = 0.01;
        walk.Integration.Duration = 5.0;
        walk.Integration.Noise = incrementsExp.Integration.Noise;
        walk.Explorations.Add(incrementsExp.Explorations["trials"]);
        var w = walk.Run("native").Explorations["trials"];

        var heun = Run(Ou(3, 5.0, IntegrationMethod.Heun));
        for (var c = 0; c < 3; c++)
        {
            var x = 0.0;
            var worst = 0.0;
            for (var k = 0; k + 1 < heun.SampleCount; k++)
            {
                var dW = w[c, k + 1, 0] - w[c, k, 0];
                var predictor = x + (0.01 * -x) + dW;
                x = x + (0.01 / 2 * (-x + -predictor)) + dW;
                worst = Math.Max(worst, Math.Abs(x - heun[c, k + 1, 0]));
            }

            Assert.IsLessThan(1e-12, worst, $"condition {c}: max |native - reference| = {worst:E2}");
        }
    }

    [TestMethod]
    public void TrialsRepeatAConditionWithTheNoiseOfTheirIndex()
    {
        var exp = Ou(8, 5.0);
        var label = exp.Explorations["trials"];
        exp.Explorations.Remove("trials");
        exp.Explorations.Add(new Exploration("trials", [], ExplorationMode.Product) { Trials = 8 });
        var trials = Run(exp);
        Assert.AreEqual(ExplorationGrid.TrialAxis, trials.Grid.Axes.Single().Name);
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).Select(t => (double)t).ToArray(), trials.Grid.Axes[0].ExploredValues.ToArray());

        // Trial t is condition t: the same numbers as condition t of the 8-value grid (its axis is unused).
        exp.Explorations.Remove("trials");
        exp.Explorations.Add(label);
        var grid = Run(exp);
        CollectionAssert.AreEqual(grid.Results.ToArray(), trials.Results.ToArray());

        // With an axis, trials are the last (fastest) axis.
        exp.Explorations.Remove("trials");
        exp.Explorations.Add(new Exploration("trials", [new ExplorationParameter("theta", Domain.Values(0.5, 2.0))]) { Trials = 3 });
        var both = Run(exp);
        CollectionAssert.AreEqual(new[] { 2, 3 }, both.Grid.Shape.ToArray());
        Assert.AreNotEqual(both[0, both.SampleCount - 1, 0], both[1, both.SampleCount - 1, 0]);
    }

    [TestMethod]
    public void NoiseWithRk4IsRefused()
    {
        var exp = Ou(2, 1.0, IntegrationMethod.RK4);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "Euler–Maruyama");
    }

    [TestMethod]
    public void ASeriesInputIsAddedStepByStep()
    {
        var m = new Dynamics("Integrator");
        m.AddParameter("I", 1.0);
        m.AddParameter("gain", 1.0);
        m.AddStateVariable("x", "gain*I", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.5;
        exp.Integration.Duration = 5.0;
        var u = Enumerable.Range(0, 10).Select(k => (double)(k * k)).ToArray();
        exp.Inputs["I"] = InputSeries.Shared(u);
        exp.Explorations.Add(new Exploration("gain", [new ExplorationParameter("gain", Domain.Values(1.0, 2.0))]));
        var r = exp.Run("native").Explorations["gain"];
        for (var c = 0; c < 2; c++)
        {
            var gain = c + 1.0;
            var x = 0.0;
            for (var k = 0; k < r.SampleCount; k++)
            {
                Assert.AreEqual(x, r[c, k, 0], 1e-12, $"gain {gain}, sample {k}");
                x += 0.5 * gain * (1.0 + u[k]); // both stages of step k see I + u[k]
            }
        }

        exp.Inputs["I"] = InputSeries.PerCondition([u, u.Select(v => -v).ToArray()]);
        r = exp.Run("native").Explorations["gain"];
        Assert.AreEqual(0.5 * 2.0 * ((1 - 0) + (1 - 1) + (1 - 4)), r[1, 3, 0], 1e-12, "condition 1 reads its own series");

        exp.Inputs["I"] = InputSeries.Shared(u[..5]);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run("native"));
        StringAssert.Contains(ex.Message, "has 5 values; the integration takes 10 steps");
    }
}
