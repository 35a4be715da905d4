using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Native.Tests.Noise;

/// <summary>A state variable's own noise (TVBO's <c>state_variables.x.noise: {parameters: {sigma}}</c>, read by TVBO's
/// simulators through noise_sigma_array): the same noise as integration.noise with that target.</summary>
[TestClass]
public sealed class StateNoiseTests
{
    private static string Model(string xNoise, string yNoise = "", string noise = "", string extra = "") => $$$"""
        dynamics:
          name: Pair
          parameters: {a: 0.5}
          state_variables:
            x: {equation: {rhs: "-a * x + y"}, initial_value: 1.0{{{xNoise}}}}
            y: {equation: {rhs: "-y"}, initial_value: 0.5{{{yNoise}}}}
        integration: {method: heun, step_size: 0.1, duration: 3.0{{{noise}}}}
        {{{extra}}}
        """;

    private static SimulationExperiment Load(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-statenoise-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path);
    }

    private static double[] Run(SimulationExperiment exp, string output, int condition = 0, string exploration = SimulationExperiment.IntegrationName) =>
        exp.Run("native").Explorations[exploration].Series(condition, output);

    [TestMethod]
    public void AVariablesOwnNoiseIsIntegrationNoiseWithThatTarget()
    {
        var own = Load(Model(", noise: {additive: true, parameters: {sigma: {value: 0.3}}}"));
        var given = Load(Model("", noise: ", noise: {parameters: {sigma: 0.3}, targets: [x], seed: 42}"));
        Assert.AreEqual(42, own.Integration.Noise!.Seed, "TVBO's default seed");
        CollectionAssert.AreEqual(Run(given, "x"), Run(own, "x"), "bit for bit");
        CollectionAssert.AreEqual(Run(given, "y"), Run(own, "y"));
        CollectionAssert.AreNotEqual(Run(Load(Model("")), "x"), Run(own, "x"), "the noise changes x");
    }

    [TestMethod]
    public void AModelLoadedAloneInCSharpKeepsItsVariablesNoise()
    {
        // The model file alone (Dynamics.Load), the experiment built in C#: the same noise as the experiment file.
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-statenoise-").FullName, "model.yaml");
        File.WriteAllText(path, """
            name: Pair
            parameters: {a: 0.5}
            state_variables:
              x: {equation: {rhs: "-a * x + y"}, initial_value: 1.0, noise: {additive: true, parameters: {sigma: {value: 0.3}}}}
              y: {equation: {rhs: "-y"}, initial_value: 0.5}
            """);
        var exp = new SimulationExperiment(Tvbo.Model.Dynamics.Load(path));
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.1;
        exp.Integration.Duration = 3.0;
        Assert.AreEqual(0.3, exp.Integration.Noise!.StateSigmas["x"]);
        CollectionAssert.AreEqual(new[] { "x" }, exp.Integration.Noise.Targets.ToArray());
        var file = Load(Model(", noise: {additive: true, parameters: {sigma: {value: 0.3}}}"));
        CollectionAssert.AreEqual(Run(file, "x"), Run(exp, "x"), "bit for bit");
    }

    [TestMethod]
    public void TheVariablesOwnSigmaWinsAndTheOthersKeepIntegrationNoise()
    {
        // integration.noise sigma 0.1 on both; x's own 0.3 replaces it for x (TVBO's noise_sigma_array), y keeps 0.1.
        var both = Load(Model(", noise: {parameters: {sigma: 0.3}}", noise: ", noise: {parameters: {sigma: 0.1}, seed: 7}"));
        var xOnly = Load(Model("", noise: ", noise: {parameters: {sigma: 0.3}, targets: [x], seed: 7}"));
        var yOnly = Load(Model("", noise: ", noise: {parameters: {sigma: 0.1}, targets: [y], seed: 7}"));
        CollectionAssert.AreEqual(Run(yOnly, "y"), Run(both, "y"), "y: integration sigma, same stream");
        Assert.AreEqual(0.3, both.Integration.Noise!.StateSigmas["x"]);
        Assert.AreEqual(7, both.Integration.Noise.Seed);
        Assert.AreNotEqual(Run(xOnly, "x")[^1], Run(Load(Model("")), "x")[^1]);
    }

    [TestMethod]
    public void ASigmaOfZeroFallsBackToIntegrationNoiseAsInTvbo()
    {
        var zero = Load(Model(", noise: {parameters: {sigma: 0.0}}", noise: ", noise: {parameters: {sigma: 0.2}, seed: 3}"));
        var plain = Load(Model("", noise: ", noise: {parameters: {sigma: 0.2}, seed: 3}"));
        CollectionAssert.AreEqual(Run(plain, "x"), Run(zero, "x"));
    }

    [TestMethod]
    public void ANoiseSigmaAxisSweepsTheVariablesWithoutTheirOwnSigma()
    {
        const string Sweep = "explorations:\n  s: {space: {noise.sigma: {explored_values: [0.1, 0.4]}}}\n";
        var own = Load(Model(", noise: {parameters: {sigma: 0.3}}", noise: ", noise: {parameters: {sigma: 0.1}, seed: 5}", extra: Sweep));
        var given = Load(Model("", noise: ", noise: {parameters: {sigma: 0.1}, targets: [y], seed: 5}", extra: Sweep));
        CollectionAssert.AreEqual(Run(given, "y", 1, "s"), Run(own, "y", 1, "s"));

        var onlyOwn = Model(", noise: {parameters: {sigma: 0.3}}", extra: Sweep);
        Assert.ThrowsExactly<TvboFileException>(() => Load(onlyOwn).Run("native"));
    }

    [TestMethod]
    [DataRow("{additive: false, parameters: {sigma: 0.1}}", "multiplicative")]
    [DataRow("{correlated: true, parameters: {sigma: 0.1}}", "correlated")]
    [DataRow("{noise_type: ou, parameters: {sigma: 0.1}}", "noise_type 'ou'")]
    [DataRow("{parameters: {nsig: 0.1}}", "parameters.nsig is not supported")]
    [DataRow("{parameters: {sigma: -0.1}}", "must not be negative")]
    [DataRow("{seed: 3, parameters: {sigma: 0.1}}", "'seed' is not supported")]
    [DataRow("{additive: true}", "has no parameters.sigma")]
    public void FormsThatDoNotMapAreRefusedWithTheReason(string noise, string reason)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Load(Model($", noise: {noise}")));
        StringAssert.Contains(ex.Message, "state variable 'x'");
        StringAssert.Contains(ex.Message, reason);
    }
}
