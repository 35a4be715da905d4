using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Networks;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Noise;

/// <summary>Seeded noise and input series reach PyRates as grid_search inputs (the increments made in .NET), so a noisy
/// model agrees with the native backend condition by condition: over a noise-intensity sweep, with an input series,
/// and on a network.</summary>
[TestClass]
public sealed class NoiseCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SimulationExperiment NoisyFhn(IntegrationMethod method, bool network, bool series)
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.3);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", -1.0);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W)", -0.5);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = method;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 30.0;
        exp.Integration.Noise = new NoiseSettings { Sigma = 0.2, Seed = 1234 };
        exp.Integration.Noise.Targets.Add("V");
        if (series)
        {
            var steps = exp.Integration.StepCount;
            exp.Inputs["I"] = InputSeries.Shared(Enumerable.Range(0, steps).Select(k => 0.2 * Math.Sin(k * 0.003)).ToArray());
        }

        if (network)
        {
            exp.Network = Network.FromMatrix(new double[,] { { 0, 0.5, 0 }, { 0.2, 0, 0.7 }, { 0, 0.4, 0 } });
            exp.Network.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        }

        exp.Explorations.Add(new Exploration("sigma", [new ExplorationParameter("noise.sigma", Domain.Values(0.0, 0.1, 0.3))]));
        return exp;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void TrialsAgree(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = NoisyFhn(method, network: false, series: false);
        exp.Explorations.Remove("sigma");
        exp.Explorations.Add(new Exploration("sigma", [], ExplorationMode.Product) { Trials = 4 });
        var native = exp.Run(new NativeBackend()).Explorations["sigma"];
        var pyrates = exp.Run(new PyRatesBackend()).Explorations["sigma"];
        Assert.AreEqual(4, pyrates.ConditionCount);
        CollectionAssert.AreEqual(native.Results.ToArray(), pyrates.Results.ToArray());
        Assert.AreNotEqual(native[0, native.SampleCount - 1, 0], native[3, native.SampleCount - 1, 0], "trials differ");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, false, false)]
    [DataRow(IntegrationMethod.Heun, false, false)]
    [DataRow(IntegrationMethod.Heun, false, true)]
    [DataRow(IntegrationMethod.Euler, true, true)]
    [DataRow(IntegrationMethod.Heun, true, false)]
    public void ANoisyOscillatorAgreesOverANoiseSweep(IntegrationMethod method, bool network, bool series)
    {
        PythonFixture.PyRates();
        var exp = NoisyFhn(method, network, series);
        var native = exp.Run(new NativeBackend()).Explorations["sigma"];
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 2 })).Explorations["sigma"];
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        var worst = 0.0;
        for (var i = 0; i < native.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(native.Results.Span[i] - pyrates.Results.Span[i]));
        }

        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} network={network} series={series} {native.TimeseriesShape}: max |native - pyrates| = {worst:E2}"));
        Assert.IsLessThanOrEqualTo(1e-9, worst);
        var last = native.SampleCount - 1;
        Assert.AreNotEqual(native[0, last, 0], native[2, last, 0], "sigma changes the trajectory");
    }
}
