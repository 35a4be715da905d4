using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Native.Tests.Stimuli;

/// <summary>Stimuli (TVBO events) on the native backend: a pulse-driven integrator against its closed form, the
/// convergence orders of Euler and Heun, an onset sweep, and node weights on a network.</summary>
[TestClass]
public sealed class StimulusTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string SmoothPulse = "Piecewise((amplitude*sin(pi*(t - t0)/duration)**2, (t >= t0) & (t < t0 + duration)), (0.0, True))";
    private const string Box = "Piecewise((amplitude, (t >= t0) & (t < t0 + duration)), (0.0, True))";

    /// <summary>dx/dt = I with I = 0 and a stimulus on I: x(t) is the stimulus's integral.</summary>
    private static SimulationExperiment Integrator(string equation, IntegrationMethod method, double dt, double t0 = 1.0)
    {
        var m = new Dynamics("Integrator");
        m.AddParameter("I", 0.0);
        m.AddStateVariable("x", "I", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = method;
        exp.Integration.StepSize = dt;
        exp.Integration.Duration = 4.0;
        var s = new Stimulus(equation) { Target = "I" };
        s.Parameters["amplitude"] = 0.4;
        s.Parameters["t0"] = t0;
        s.Parameters["duration"] = 2.0;
        exp.Stimuli["stimulus"] = s;
        return exp;
    }

    /// <summary>The integral of the smooth pulse from its onset to t.</summary>
    private static double SmoothIntegral(double t, double t0, double a = 0.4, double d = 2.0)
    {
        var tau = Math.Clamp(t - t0, 0, d);
        return a * ((tau / 2) - (d / (4 * Math.PI) * Math.Sin(2 * Math.PI * tau / d)));
    }

    private static double MaxError(Tvbo.Results.ExplorationResult r, int condition, double t0)
    {
        var worst = 0.0;
        for (var k = 0; k < r.SampleCount; k++)
        {
            worst = Math.Max(worst, Math.Abs(r[condition, k, 0] - SmoothIntegral(r.Time.Span[k], t0)));
        }

        return worst;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, 1.0)]
    [DataRow(IntegrationMethod.Heun, 2.0)]
    public void ASmoothPulseConvergesAtTheMethodsOrder(IntegrationMethod method, double order)
    {
        var e1 = MaxError(Integrator(SmoothPulse, method, 0.02).Run("native").Explorations[SimulationExperiment.IntegrationName], 0, 1.0);
        var e2 = MaxError(Integrator(SmoothPulse, method, 0.01).Run("native").Explorations[SimulationExperiment.IntegrationName], 0, 1.0);
        var measured = Math.Log2(e1 / e2);
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method}: max error {e1:E3} (dt 0.02), {e2:E3} (dt 0.01), order {measured:F3}"));
        Assert.AreEqual(order, measured, 0.05);
    }

    [TestMethod]
    public void ABoxPulseOnTheStepGridIsIntegratedExactlyByEuler()
    {
        var r = Integrator(Box, IntegrationMethod.Euler, 0.125).Run("native").Explorations[SimulationExperiment.IntegrationName];
        for (var k = 0; k < r.SampleCount; k++)
        {
            // Euler sums the pulse at the steps before t: amplitude * dt * (steps in [t0, min(t, t0 + d))).
            var t = r.Time.Span[k];
            var expected = 0.4 * Math.Clamp(t - 1.0, 0, 2.0);
            Assert.AreEqual(expected, r[0, k, 0], 1e-12, $"t = {t}");
        }
    }

    [TestMethod]
    public void AnOnsetSweepMovesThePulse()
    {
        var exp = Integrator(SmoothPulse, IntegrationMethod.Heun, 0.01);
        double[] onsets = [0.5, 1.0, 1.5];
        exp.Explorations.Add(new Exploration("onset", [new ExplorationParameter("stimulus.t0", Domain.Values(onsets))]));
        var r = exp.Run("native").Explorations["onset"];
        Assert.AreEqual("stimulus.t0", r.Grid.Axes[0].Name);
        for (var c = 0; c < onsets.Length; c++)
        {
            Assert.IsLessThan(2e-5, MaxError(r, c, onsets[c]), $"t0 = {onsets[c]}");
        }
    }

    [TestMethod]
    public void NodeWeightsScaleTheStimulusPerNode()
    {
        var exp = Integrator(Box, IntegrationMethod.Euler, 0.125);
        exp.Network = new Network(3);
        exp.Stimuli["stimulus"].NodeWeights[1] = 2.0;
        exp.Stimuli["stimulus"].NodeWeights[2] = 0.5;
        var r = exp.Run("native").Explorations[SimulationExperiment.IntegrationName];
        CollectionAssert.AreEqual(new[] { "x[0]", "x[1]", "x[2]" }, r.OutputNames.ToArray());
        var last = r.SampleCount - 1;
        var full = 0.4 * Math.Clamp(r.Time.Span[last] - 1.0, 0, 2.0);
        Assert.AreEqual(0.0, r[0, last, 0], 0.0, "node 0 is not stimulated");
        Assert.AreEqual(2.0 * full, r[0, last, 1], 1e-12);
        Assert.AreEqual(0.5 * full, r[0, last, 2], 1e-12);
    }

    [TestMethod]
    public void StimulusMistakesAreNamed()
    {
        var exp = Integrator(Box, IntegrationMethod.Euler, 0.1);
        exp.Stimuli["stimulus"].Target = "x";
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "drives 'x', which is a state variable");

        exp = Integrator("amplitude * x", IntegrationMethod.Euler, 0.1);
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "uses 'x'");

        exp = Integrator(Box, IntegrationMethod.Euler, 0.1);
        exp.Explorations.Add(new Exploration("bad", [new ExplorationParameter("stimulus.onset", Domain.Values(1.0))]));
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "has no parameter 'onset'");
    }
}
