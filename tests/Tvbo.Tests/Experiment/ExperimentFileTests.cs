using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Experiment;

[TestClass]
public sealed class ExperimentFileTests
{
    private const string Vdp = """
        label: Van der Pol damping sweep
        model:
          name: VdP
          parameters:
            mu: {value: 1.0, description: Damping parameter}
          state_variables:
            x: {equation: {rhs: z}, initial_value: 0.1}
            z: {equation: {rhs: "mu*(1 - x**2)*z - x"}, initial_value: 0.0}
        integration: {method: euler, duration: 50.0, step_size: 0.01}
        explorations:
          mu_sweep:
            label: μ sweep
            mode: product
            parameters:
              mu: {domain: {lo: 0.1, hi: 10.0, n: 6}}
        """;

    private static string Write(string text, string name = "exp.yaml")
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-test-");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public void GuideFileLoads()
    {
        var exp = SimulationExperiment.Load(Write(Vdp));
        Assert.AreEqual("Van der Pol damping sweep", exp.Label);
        Assert.AreEqual("VdP", exp.Model.Name);
        Assert.AreEqual(IntegrationMethod.Euler, exp.Integration.Method);
        Assert.AreEqual(50.0, exp.Integration.Duration);
        Assert.AreEqual(0.01, exp.Integration.StepSize);
        var e = exp.Explorations["mu_sweep"];
        Assert.AreEqual("μ sweep", e.Label);
        var grid = exp.Validate().Single();
        CollectionAssert.AreEqual(new[] { 0.1, 2.08, 4.06, 6.039999999999999, 8.02, 10.0 }, grid.Axes[0].ExploredValues.ToArray());
    }

    [TestMethod]
    public void ModelPathIsRelativeToTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-test-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "models", "Rossler.yaml"), Path.Combine(dir, "Rossler.yaml"));
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, """
            model: Rossler.yaml
            integration: {duration: 1.0, step_size: 0.01, sampling_step_size: 0.1}
            explorations:
              ab:
                mode: zip
                parameters:
                  a: {explored_values: [0.1, 0.2]}
                  b: {explored_values: [1, 2]}
              logc:
                parameters:
                  c: {domain: {lo: 1, hi: 100, n: 3, log_scale: true}}
            """);
        var exp = SimulationExperiment.Load(path);
        Assert.AreEqual("Rossler", exp.Model.Name);
        Assert.AreEqual(IntegrationMethod.Euler, exp.Integration.Method, "a file without a method gets TVBO's schema default, euler");
        Assert.AreEqual(0.1, exp.Integration.SamplingStepSize);
        var grids = exp.Validate();
        Assert.AreEqual(ExplorationMode.Zip, grids[0].Mode);
        CollectionAssert.AreEqual(new[] { 1.0, 10.0, 100.0 }, grids[1].Axes[0].ExploredValues.ToArray());
    }

    [TestMethod]
    [DataRow("explorations:\n  s:\n    parameters:\n      nu: {explored_values: [1]}\n", 4, "'nu' is not a parameter")]
    [DataRow("explorations:\n  s:\n    mode: cartesian\n    parameters:\n      mu: {explored_values: [1]}\n", 3, "valid: product, zip")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {domain: {lo: 0, hi: 1}}\n", 4, "neither 'n:'")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {domain: {lo: 0, hi: 1, n: 2.5}}\n", 4, "whole number")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {domain: {lo: 0, hi: 1, n: 0}}\n", 4, "n >= 1")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {values: [1]}\n", 4, "'values' is not a key of axis 'mu'")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {explored_values: 1}\n", 4, "must be a list")]
    [DataRow("explorations:\n  s:\n    parameters:\n      mu: {explored_values: [1, 2], log_scale: true}\n", 4, "log_scale applies to a domain")]
    public void BadExplorationsNameFileAndLine(string explorations, int lineWithin, string problem)
    {
        var head = "model:\n  name: M\n  parameters:\n    mu: {value: 1.0}\n  state_variables:\n    x: {equation: mu, initial_value: 0}\nintegration: {duration: 1, step_size: 0.1}\n";
        var path = Write(head + explorations);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        Assert.AreEqual(path, ex.File);
        Assert.AreEqual(7 + lineWithin, ex.Line, ex.Message);
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    [DataRow("integration: {duration: 1}\n", "not a whole multiple of integration.step_size (Integration.StepSize) = 0.01220703125")]
    [DataRow("integration: {duration: 1, step_size: 0.1, method: rk5}\n", "euler, heun, rk4, rk45")]
    [DataRow("integration: {duration: 1, step_size: 0.1, sampling_step_size: 0.15}\n", "not a whole multiple")]
    [DataRow("integration: {duration: 1, step: 0.1}\n", "'step' is not a key of 'integration'")]
    public void BadIntegration(string integration, string problem)
    {
        var text = "model:\n  name: M\n  state_variables:\n    x: {equation: '1', initial_value: 0}\n" + integration + "explorations: {}\n";
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(text)));
        Assert.AreEqual(5, ex.Line, ex.Message);
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    public void MissingModelFile()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write("model: nope.yaml\nintegration: {duration: 1, step_size: 0.1}\nexplorations: {}\n")));
        StringAssert.Contains(ex.Message, "'nope.yaml' does not exist");
        Assert.AreEqual(1, ex.Line);
    }

    [TestMethod]
    public void UnknownTopLevelKey()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(Vdp + "\nintegrator: {}\n")));
        StringAssert.Contains(ex.Message, "'integrator' is not a key of an experiment");
    }
}
