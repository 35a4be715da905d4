using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Stimuli;

/// <summary>A pulse-driven oscillator (a TVBO event on its input) over an onset sweep, alone and on a network with
/// node weights: PyRates and the native backend agree condition by condition.</summary>
[TestClass]
public sealed class StimulusCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SimulationExperiment PulsedFhn(IntegrationMethod method, bool network)
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.2);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", -1.2);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W)", -0.6);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = method;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 40.0;
        var pulse = new Stimulus("Piecewise((amplitude, (t >= t0) & (t < t0 + duration)), (0.0, True))") { Target = "I" };
        pulse.Parameters["amplitude"] = 0.8;
        pulse.Parameters["t0"] = 5.0;
        pulse.Parameters["duration"] = 2.5;
        exp.Stimuli["stimulus"] = pulse;
        if (network)
        {
            exp.Network = Network.FromMatrix(new double[,] { { 0, 0.6, 0 }, { 0, 0, 0.9 }, { 0.3, 0, 0 } });
            exp.Network.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
            pulse.NodeWeights[0] = 1.0;
            pulse.NodeWeights[2] = 0.5;
        }

        exp.Explorations.Add(new Exploration("onset", [new ExplorationParameter("stimulus.t0", Domain.Values(2.0, 5.0, 11.0))]));
        return exp;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, false)]
    [DataRow(IntegrationMethod.Heun, false)]
    [DataRow(IntegrationMethod.Euler, true)]
    [DataRow(IntegrationMethod.Heun, true)]
    public void APulseDrivenOscillatorAgreesOverAnOnsetSweep(IntegrationMethod method, bool network)
    {
        PythonFixture.PyRates();
        var exp = PulsedFhn(method, network);
        var native = exp.Run(new NativeBackend()).Explorations["onset"];
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["onset"];
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        var worst = 0.0;
        for (var i = 0; i < native.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(native.Results.Span[i] - pyrates.Results.Span[i]));
        }

        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} network={network} {native.TimeseriesShape}: max |native - pyrates| = {worst:E2}"));
        Assert.IsLessThanOrEqualTo(1e-9, worst);

        // The onset matters: the three conditions differ.
        Assert.AreNotEqual(native[0, native.SampleCount - 1, 0], native[2, native.SampleCount - 1, 0]);
    }
}
