using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Stimuli;

/// <summary>The <c>events:</c> block of experiment files (stimuli keyed by the symbol they drive), read into
/// <see cref="SimulationExperiment.Stimuli"/>, and its errors with their lines.</summary>
[TestClass]
public sealed class EventFileTests
{
    /// <summary>A model with an input parameter I (lines 1-7); events start on line 8.</summary>
    private const string Model = """
        dynamics:
          name: Leak
          parameters:
            I: {value: 0.0}
          state_variables:
            x: {equation: {rhs: "-x + I"}, initial_value: 0.0}
        integration: {method: heun, step_size: 0.1, duration: 10.0}

        """;

    private static string Write(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-ev-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static SimulationExperiment Load(string text) => SimulationExperiment.Load(Write(text));

    private static void Fails(string text, int line, string problem)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(text)));
        StringAssert.Contains(ex.Problem, problem, ex.Message);
        Assert.AreEqual(line, ex.Line, ex.Message);
    }

    [TestMethod]
    public void AStimulusKeyedByItsSymbolIsReadWithItsParametersAndAxes()
    {
        var exp = Load(Model + """
            events:
              I:
                event_type: stimulus
                equation: {rhs: "Piecewise((amplitude, (t >= t0) & (t < t0 + duration)), (0.0, True))"}
                parameters: {amplitude: {value: 0.4}, t0: 10.0, duration: {value: 1.0}}
            explorations:
              onset: {space: [{parameter: I.t0, explored_values: [1.0, 4.0]}]}
            """);
        var s = exp.Stimuli["I"];
        Assert.IsNull(s.Target);
        Assert.AreEqual(0.4, s.Parameters["amplitude"]);
        Assert.AreEqual(10.0, s.Parameters["t0"]);
        StringAssert.Contains(s.Equation, "Piecewise");
        var grid = exp.Validate()[0];
        Assert.AreEqual("I.t0", grid.Axes[0].Name);
        Assert.AreEqual(2, grid.ConditionCount);
    }

    [TestMethod]
    public void ANamedStimulusWithATargetAndNodesIsRead()
    {
        var exp = Load(Model + """
            network:
              number_of_nodes: 3
              weights: [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
              coupling: {}
            events:
              stimulus:
                target: I
                equation: "amplitude*sin(t)"
                parameters: {amplitude: 0.1}
                nodes: [0, 2]
                weights: [1.0, 0.25]
            """);
        var s = exp.Stimuli["stimulus"];
        Assert.AreEqual("I", s.Target);
        Assert.AreEqual(0.25, s.NodeWeights[2]);
        Assert.HasCount(2, s.NodeWeights);
    }

    [TestMethod]
    [DataRow("events:\n  x: {equation: {rhs: \"t\"}}\n", 9, "drives 'x', which is a state variable")]
    [DataRow("events:\n  J: {equation: {rhs: \"t\"}}\n", 9, "drives 'J', which is not a symbol of the model")]
    [DataRow("events:\n  I: {equation: {rhs: \"x*t\"}}\n", 9, "uses 'x'")]
    [DataRow("events:\n  I: {event_type: discrete, equation: {rhs: \"t\"}}\n", 9, "event_type 'discrete' is not supported")]
    [DataRow("events:\n  I: {equation: {rhs: \"t\"}, weights: [1.0]}\n", 9, "has 'weights' but no 'nodes'")]
    [DataRow("events:\n  I: {equaton: {rhs: \"t\"}}\n", 9, "did you mean 'equation'")]
    [DataRow("events:\n  I: {parameters: {a: 1}}\n", 9, "has no 'equation:'")]
    [DataRow("events:\n  I: {equation: {rhs: \"a*t\"}, parameters: {a: 1, t: 2}}\n", 9, "'t' is time in the event's equation")]
    [DataRow("events:\n  I: {equation: {rhs: \"a*t\"}, parameters: {a: 1}}\nexplorations:\n  e: {space: {I.b: {explored_values: [1]}}}\n", 11, "stimulus 'I' has no parameter 'b'")]
    [DataRow("explorations:\n  e: {space: {stimulus.t0: {explored_values: [1]}}}\n", 9, "there is no event named 'stimulus'")]
    public void EventMistakesNameTheEventAndLine(string events, int line, string problem) => Fails(Model + events, line, problem);

    [TestMethod]
    public void AnEventBindsToASymbolTheEquationsUseWithoutDeclaringIt()
    {
        // TVBO binds an event to the symbol of its name: 'pulse' is used by x's equation and declared nowhere else.
        const string Events = """
            events:
              pulse:
                equation: {rhs: "Piecewise((amp, (t >= onset) & (t < onset + 1)), (0.0, True))"}
                parameters: {amp: {value: 1.5}, onset: {value: 2.0}}
            explorations:
              onset: {space: {pulse.onset: {explored_values: [1.0, 3.0]}}}
            """;
        var undeclared = Load(Model.Replace("-x + I", "-x + I + pulse", StringComparison.Ordinal) + Events);
        var pulse = undeclared.Model.FindParameter("pulse");
        Assert.IsNotNull(pulse, "the event's symbol is declared for it");
        Assert.AreEqual(0.0, pulse.Value);

        var declared = Load(Model.Replace("-x + I", "-x + I + pulse", StringComparison.Ordinal).Replace("I: {value: 0.0}", "I: {value: 0.0}\n    pulse: {value: 0.0}", StringComparison.Ordinal) + Events);
        CollectionAssert.AreEquivalent(declared.Model.Parameters.Select(p => (p.Name, p.Value)).ToArray(), undeclared.Model.Parameters.Select(p => (p.Name, p.Value)).ToArray());
        Assert.AreEqual(declared.Jobs().Single().Model.StateVariables.First(v => v.Name == "x").EquationText, undeclared.Jobs().Single().Model.StateVariables.First(v => v.Name == "x").EquationText, "the same system is integrated");

        // A symbol no equation uses is still refused, naming the event.
        Fails(Model + "events:\n  nothing: {equation: {rhs: \"t\"}}\n", 9, "drives 'nothing', which is not a symbol of the model");
    }

    [TestMethod]
    public void ANodeListedTwiceIsRefusedInsteadOfTheLastWeightWinning() =>
        Fails(Model + "network:\n  number_of_nodes: 3\n  weights: [[0, 1, 0], [0, 0, 1], [1, 0, 0]]\n  coupling: {}\nevents:\n  stimulus:\n    target: I\n    equation: \"sin(t)\"\n    nodes:\n      - 0\n      - 0\n    weights: [1.0, 0.5]\n", 18, "lists node 0 twice");
}
