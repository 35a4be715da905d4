using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Experiment;

/// <summary>Experiment files whose model is a discrete map: the integration defaults of a map, and what is refused.</summary>
[TestClass]
public sealed class DiscreteMapFileTests
{
    private const string Map = """
        model:
          name: Tent
          system_type: discrete
          parameters:
            mu: {value: 1.9}
          state_variables:
            x:
              equation:
                lhs: x_next
                conditionals:
                  - {condition: x < 0.5, expression: mu*x}
                  - {condition: x >= 0.5, expression: mu*(1 - x)}
              initial_value: 0.3
        """ + "\n";

    private static SimulationExperiment Load(string text, RecordingLogger log)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-map-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = log });
    }

    /// <summary>The load's error: the file, with the experiment's refusal inside.</summary>
    private static ExperimentException Refused(string text)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Load(text, new RecordingLogger()));
        return Assert.IsInstanceOfType<ExperimentException>(ex.InnerException);
    }

    [TestMethod]
    public void WithoutIntegrationAMapRunsAThousandIteratesOnePerUnitOfTime()
    {
        var log = new RecordingLogger();
        var exp = Load(Map, log);
        Assert.IsTrue(exp.Model.IsDiscrete);
        Assert.AreEqual(1.0, exp.Integration.StepSize);
        Assert.AreEqual(1000.0, exp.Integration.Duration);
        Assert.AreEqual(1000, exp.Integration.SampleCount);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void AGivenStepSizeAndSamplingStepAreKept()
    {
        var exp = Load(Map + "integration: {duration: 50, step_size: 0.5, sampling_step_size: 2}\n", new RecordingLogger());
        Assert.AreEqual(0.5, exp.Integration.StepSize);
        Assert.AreEqual(100, exp.Integration.StepCount, "iterations");
        Assert.AreEqual(4, exp.Integration.StepsPerSample);
        Assert.AreEqual(25, exp.Integration.SampleCount);
    }

    [TestMethod]
    public void AFixedStepMethodIsAWarningAndRk45AnError()
    {
        var log = new RecordingLogger();
        _ = Load(Map + "integration: {method: heun, duration: 10}\n", log);
        log.Single(LogLevel.Warning, "exp.yaml:14:", "integration.method 'heun' is not applied: the model is a discrete map, iterated once per step.");

        var ex = Refused(Map + "integration: {method: rk45, duration: 10}\n");
        StringAssert.Contains(ex.Message, "Model 'Tent' is a discrete map (system_type: discrete), iterated once per step; integration method RK45");
    }

    [TestMethod]
    public void NoiseIsRefusedAndANetworkIsACoupledMapLattice()
    {
        StringAssert.Contains(Refused(Map + "integration: {duration: 10, noise: {parameters: {sigma: 0.1}}}\n").Message, "noise is not supported for maps");
        var lattice = Load(Map + "integration: {duration: 10}\nnetwork:\n  number_of_nodes: 2\n  weights: [[0, 1], [1, 0]]\n", new RecordingLogger());
        Assert.AreEqual(2, lattice.Network!.NodeCount);
        Assert.HasCount(1, lattice.Jobs());
    }

    [TestMethod]
    public void ANextValueInAContinuousModelNamesSystemType()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Load(Map.Replace("  system_type: discrete\n", string.Empty, StringComparison.Ordinal), new RecordingLogger()));
        StringAssert.Contains(ex.Message, "declare 'system_type: discrete'");
    }
}
