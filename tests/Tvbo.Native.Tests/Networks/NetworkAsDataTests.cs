using Tvbo.Experiment;
using Tvbo.Files.ExperimentFile;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Networks;

/// <summary>The network run as data (the default) against its lowered system compiled whole, bit for bit, in the forms
/// the data path treats apart: couplings that read only delayed sources (computed for several steps at once), a
/// zero-length edge among delayed ones (a delay of 0 reads the stage's own value), couplings that read the target,
/// held couplings (per_step), blocks whose lanes share a conduction speed or each have their own, at every vector
/// width.</summary>
[TestClass]
public sealed class NetworkAsDataTests
{
    private const string Fhn = """
        dynamics:
          name: Fhn
          parameters: {a: {value: 0.7}, b: {value: 0.8}, tau: {value: 12.5}, I: {value: 0.4}}
          coupling_inputs: {c: {}}
          state_variables:
            x: {equation: {rhs: "x - x**3/3 - y + I + c"}, initial_value: 0.3, coupling_variable: true}
            y: {equation: {rhs: "(x + a - b*y)/tau"}, initial_value: 0.1}
        network:
          weights: [[0, 1.0, 0.5, 0.2], [0.3, 0, 0.9, 0], [2.0, 0.7, 0, 0.4], [0.6, 0, 1.1, 0]]
          lengths: [[0, LENGTH, 6.0, 9.0], [4.0, 0, 7.5, 0], [12.0, 5.0, 0, 3.3], [8.0, 0, 10.0, 0]]
          nodes:
            - {state: {x: -1.0}}
            - {state: {x: 0.5}}
            - {state: {x: 1.5}}
            - {state: {x: -0.2}}
          coupling:
            c: {pre_expression: PRE, post_expression: "G*gx", parameters: {G: 0.3}}
        explorations:
          sweep:
            space:
              c.G: {explored_values: [0.1, 0.3, 0.5, 0.9]}
              network.conduction_speed: {explored_values: [1.0, 2.5, 4.0, 7.0, 11.0]}

        """;

    private static SimulationExperiment Load(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-as-data-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = new RecordingLogger() });
    }

    private static string Experiment(string integration, string length = "2.0", string pre = "x_j") =>
        Fhn.Replace("LENGTH", length, StringComparison.Ordinal).Replace("PRE", $"\"{pre}\"", StringComparison.Ordinal) + integration + "\n";

    [TestMethod]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0}", "2.0", "x_j", DisplayName = "Heun, delays of 4 or more steps: blocks of steps")]
    [DataRow("integration: {method: euler, step_size: 0.05, duration: 20.0}", "2.0", "x_j", DisplayName = "Euler, blocks of steps")]
    [DataRow("integration: {method: rk4, step_size: 0.05, duration: 20.0, coupling_evaluation: per_step}", "2.0", "x_j", DisplayName = "RK4 held over the step, blocks of steps")]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0, coupling_evaluation: per_step}", "2.0", "tanh(2*x_j)", DisplayName = "Heun held over the step, a function of the source")]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0}", "0.0", "x_j", DisplayName = "Heun with a zero-length edge: step by step")]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0}", "2.0", "sin(x_j - x_i)", DisplayName = "Heun, the target read: step by step")]
    [DataRow("integration: {method: euler, step_size: 0.2, duration: 40.0}", "2.0", "x_j", DisplayName = "Euler, one-step delays at the fastest speed: step by step")]
    public void TheDataPathGivesTheLoweredSystemsBits(string integration, string length, string pre)
    {
        var exp = Load(Experiment(integration, length, pre));
        foreach (var bits in new int?[] { null, 512, 256, 128 })
        {
            var data = exp.Run(new NativeBackend(new NativeBackendOptions { VectorBits = bits })).Explorations["sweep"];
            Assert.AreEqual(20, data.ConditionCount);
            Assert.IsEmpty(data.Failures);
            Assert.IsTrue(data.Results.ToArray().All(double.IsFinite), $"{bits} bits");
            if (bits is null)
            {
                exp.RunBothWays(); // against the lowered system, speed by speed
            }
            else
            {
                var widest = exp.Run(new NativeBackend()).Explorations["sweep"];
                LoweredComparison.AssertSame(widest, data, $"{bits}-bit lanes against the default width");
            }
        }
    }

    [TestMethod]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0, noise: {parameters: {sigma: 0.05}, seed: 3}}", DisplayName = "noise at every node")]
    [DataRow("integration: {method: heun, step_size: 0.05, duration: 20.0, transient_time: 2.0}", DisplayName = "a transient dropped")]
    public void InputsAndTimeReachEveryNodeAsInTheLoweredSystem(string integration)
    {
        // Each node reads its own input series (noise is drawn per condition of the whole grid, so the speed axis, which
        // the comparison splits, is left out); a model that reads t integrates time as its last state.
        var timed = Experiment(integration)
            .Replace("\"x - x**3/3 - y + I + c\"", "\"x - x**3/3 - y + I*(1 + 0.2*sin(t)) + c\"", StringComparison.Ordinal)
            .Replace("      network.conduction_speed: {explored_values: [1.0, 2.5, 4.0, 7.0, 11.0]}\n", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("network.conduction_speed", timed);
        var r = Load(timed).RunBothWays().Explorations["sweep"];
        Assert.AreEqual(4, r.ConditionCount);
        Assert.IsEmpty(r.Failures);
        Assert.IsTrue(r.Results.ToArray().All(double.IsFinite));
    }

    [TestMethod]
    public void ADivergingConditionFailsAtTheSameSampleAndVariableAsInTheLoweredSystem()
    {
        // A strong positive feedback (x' grows with x²·c) blows up some conditions: each fails at the sample and on the
        // variable the lowered system names, the others run on.
        var exp = Load(Experiment("integration: {method: euler, step_size: 0.05, duration: 20.0}", pre: "x_j**2").Replace("\"G*gx\"", "\"G*gx*8\"", StringComparison.Ordinal));
        var r = exp.RunBothWays().Explorations["sweep"];
        Assert.IsNotEmpty(r.Failures, "the strongest couplings diverge");
        Assert.IsLessThan(r.ConditionCount, r.Failures.Count, "the weakest do not");
        Assert.IsTrue(r.Failures.All(f => f.Variable is { } v && (v.StartsWith("x[", StringComparison.Ordinal) || v.StartsWith("y[", StringComparison.Ordinal))), string.Join("; ", r.Failures));
        Assert.IsGreaterThan(Environment.ProcessorCount, r.Failures.Select(f => f.Condition / 8).Distinct().Count() * 1, "failures in several blocks: a thread runs more than one");
    }

    [TestMethod]
    public void EverySpeedChangesTheNumbers()
    {
        // Guards the comparisons above: the conduction speed reaches each lane.
        var r = Load(Experiment("integration: {method: heun, step_size: 0.05, duration: 20.0}")).Run(new NativeBackend()).Explorations["sweep"];
        var finals = Enumerable.Range(0, 5).Select(s => r[(2 * 5) + s, r.SampleCount - 1, 0]).ToArray();
        Assert.HasCount(5, finals.Distinct(), string.Join(", ", finals));
    }
}
