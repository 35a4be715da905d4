using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Noise;

/// <summary>The <c>integration.noise</c> block, read into <see cref="IntegrationSettings.Noise"/>, and its errors.</summary>
[TestClass]
public sealed class NoiseFileTests
{
    private static string Experiment(string noise, string method = "heun") => $$"""
        dynamics:
          name: Leak
          parameters: {I: 0.0}
          state_variables:
            x: {equation: {rhs: "-x + I"}, initial_value: 0.0}
            y: {equation: {rhs: "-y"}, initial_value: 1.0}
        integration:
          method: {{method}}
          step_size: 0.1
          duration: 10.0
          noise: {{noise}}
        explorations:
          s:
            space:
              noise.sigma: {explored_values: [0.0, 0.5]}
        """;

    private static string Write(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-noise-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public void GaussianNoiseWithNsigTargetsAndSeedIsRead()
    {
        var exp = SimulationExperiment.Load(Write(Experiment("{noise_type: gaussian, parameters: {nsig: {value: 0.02}}, targets: [x], seed: 7}")));
        var n = exp.Integration.Noise!;
        Assert.AreEqual(NoiseKind.Gaussian, n.Kind);
        Assert.AreEqual(Math.Sqrt(0.04), n.Sigma, 1e-15);
        CollectionAssert.AreEqual(new[] { "x" }, n.Targets.ToArray());
        Assert.AreEqual(7, n.Seed);
        Assert.AreEqual("noise.sigma", exp.Validate()[0].Axes[0].Name);
    }

    [TestMethod]
    public void OrnsteinUhlenbeckNoiseAndStochasticMethodNamesAreRead()
    {
        var exp = SimulationExperiment.Load(Write(Experiment("{noise_type: ou, parameters: {sigma: 0.1, ntau: 5.0}}", "HeunStochastic")));
        Assert.AreEqual(NoiseKind.OrnsteinUhlenbeck, exp.Integration.Noise!.Kind);
        Assert.AreEqual(5.0, exp.Integration.Noise.CorrelationTime);
        Assert.AreEqual(42, exp.Integration.Noise.Seed, "TVBO's default seed");
        Assert.AreEqual(IntegrationMethod.Heun, exp.Integration.Method);
    }

    [TestMethod]
    [DataRow("{parameters: {sigma: 0.1}, targets: [z]}", "heun", "Noise target 'z' is not a state variable")]
    [DataRow("{parameters: {sigma: 0.1}}", "rk4", "noise is integrated by Euler–Maruyama (euler) and TVB's stochastic Heun (heun)")]
    [DataRow("{noise_type: ou, parameters: {sigma: 0.1}}", "heun", "without parameters.ntau")]
    [DataRow("{noise_type: pink, parameters: {sigma: 0.1}}", "heun", "noise_type 'pink' is not known")]
    [DataRow("{parameters: {sigma: 0.1}, additive: false}", "heun", "only additive noise is supported")]
    [DataRow("{parameters: {sigma: -1}}", "heun", "must not be negative")]
    [DataRow("{parameters: {amplitude: 1}}", "heun", "not a noise parameter")]
    [DataRow("{targets: [x]}", "heun", "has no parameters.sigma")]
    public void NoiseMistakesAreNamed(string noise, string method, string problem)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(Experiment(noise, method))));
        StringAssert.Contains(ex.Message, problem);
    }
}
