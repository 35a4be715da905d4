using Tvbo.Experiment;

namespace Tvbo.Native.Tests.Networks;

/// <summary>A network experiment file, loaded and run on the native backend end to end.</summary>
[TestClass]
public sealed class NetworkFileRunTests
{
    /// <summary>dx/dt = -x + c_glob; the network block is appended.</summary>
    private const string Model = """
        dynamics:
          name: Decay
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "-x + c_glob"}, initial_value: 1.0, coupling_variable: true}
        integration: {method: euler, step_size: 0.1, duration: 2.0}

        """;

    private static SimulationExperiment Load(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-netrun-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path);
    }

    [TestMethod]
    public void TheTargetMovesAndTheSourceFollowsItsUncoupledSolution()
    {
        // weights[0][1] = 1: the edge from node 1 (source) to node 0 (target). Node 0 starts at 0, node 1 at 1.
        var exp = Load(Model + """
            network:
              weights: [[0, 1], [0, 0]]
              nodes:
                - {state: {x: 0.0}}
                - {}
              coupling:
                c_glob: {iri: tvbo:Linear, parameters: {a: 1.0, b: 0.0}}
            """);
        Assert.IsNotNull(exp.Network);
        var result = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        CollectionAssert.AreEqual(new[] { "x[0]", "x[1]" }, result.OutputNames.ToArray());

        var single = Load(Model);
        Assert.IsNull(single.Network);
        var alone = single.RunBothWays().Explorations[SimulationExperiment.IntegrationName].Series(0, "x");

        var target = result.Series(0, "x[0]");
        var source = result.Series(0, "x[1]");
        CollectionAssert.AreEqual(alone, source, "the source has no input: exactly its uncoupled solution");
        Assert.AreEqual(0.0, target[0], "the target starts at its own initial value");
        Assert.IsTrue(target.Skip(1).All(v => v > 0), "the target is driven by the source");

        // Euler, sample k = step k: x0 += dt*(-x0 + x1).
        var dt = exp.Integration.StepSize;
        var x0 = 0.0;
        for (var k = 0; k + 1 < target.Length; k++)
        {
            x0 += dt * (-x0 + source[k]);
            Assert.AreEqual(x0, target[k + 1], 1e-12, $"sample {k + 1}");
        }
    }

    [TestMethod]
    public void PerStepInAFileHoldsTheCouplingOverHeunsStages()
    {
        // Node 1 (x = 1 at the start) drives node 0 (x = 0). Per step, the first Heun step holds c = x1(0) = 1:
        // k1 = -0 + 1, y0 = dt, k2 = -dt + 1, x0(dt) = dt/2·(2 - dt). Per stage, k2 reads x1 at the predictor, 1 - dt.
        const string Network = """
            network:
              weights: [[0, 1], [0, 0]]
              nodes:
                - {state: {x: 0.0}}
                - {}
              coupling:
                c_glob: {iri: tvbo:Linear, parameters: {a: 1.0, b: 0.0}}
            """;
        var heun = Model.Replace("method: euler", "method: heun", StringComparison.Ordinal);
        var perStep = Load(heun.Replace("method: heun", "method: heun, coupling_evaluation: per_step", StringComparison.Ordinal) + Network);
        var perStage = Load(heun + Network);
        var step = perStep.RunBothWays().Explorations[SimulationExperiment.IntegrationName].Series(0, "x[0]");
        var stage = perStage.RunBothWays().Explorations[SimulationExperiment.IntegrationName].Series(0, "x[0]");
        var dt = 0.1;
        Assert.AreEqual(dt / 2 * (1 + (1 - dt)), step[1], 1e-15, "per step");
        Assert.AreEqual(dt / 2 * (1 + (1 - dt - dt)), stage[1], 1e-15, "per stage");
    }
}
