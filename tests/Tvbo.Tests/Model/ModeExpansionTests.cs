using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Model;

/// <summary>A model with <c>number_of_modes: M</c> read as the single-mode model it means (per-mode state variables,
/// parameters and derived values; <c>mode_dot</c> and <c>mode_sum</c> written out), and the errors of that form.</summary>
[TestClass]
public sealed class ModeExpansionTests
{
    [TestMethod]
    public void AThreeModeModelHasPerModeStatesParametersAndDerivedValues()
    {
        var m = ModeModels.Model();

        Assert.AreEqual(3, m.NumberOfModes);
        CollectionAssert.AreEqual(new[] { "x_m0", "x_m1", "x_m2", "y_m0", "y_m1", "y_m2" }, m.StateVariables.Select(s => s.Name).ToArray());
        Assert.AreEqual(1.0, m.Parameters.Single(p => p.Name == "g_m1").Value);
        Assert.AreEqual(0.5, m.Parameters.Single(p => p.Name == "A_m2_m1").Value, "row 2, column 1");
        Assert.AreEqual(0.4, m.Parameters.Single(p => p.Name == "k").Value, "a number is shared by the modes");
        Assert.IsFalse(m.Parameters.Any(p => p.Name is "g" or "A" or "k_m0"));
        var derived = m.DerivedVariables.Select(d => d.Name).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "w_m0", "w_m1", "w_m2", "s" }, derived, "w reads a per-mode value, s does not");
        Assert.IsFalse(derived.Contains("s_m0"));
        Assert.IsTrue(m.StateVariables.All(s => s.IsCouplingVariable == s.Name.StartsWith('x')));
    }

    [TestMethod]
    public void ModeDotIsNumpysDotOverTheFirstIndexAndModeSumSumsTheModes()
    {
        var m = ModeModels.Model();
        var x1 = m.StateVariables.Single(s => s.Name == "x_m1").EquationText;
        StringAssert.Contains(x1, "(x_m0)*A_m0_m1 + (x_m1)*A_m1_m1 + (x_m2)*A_m2_m1", "dot(x, A)[1] = Σ_k x_k A[k, 1]");
        StringAssert.Contains(x1, "w_m1*x_m1**3");
        StringAssert.Contains(x1, "((c) + (c) + (c))", "mode_sum of a shared input");
        StringAssert.Contains(m.StateVariables.Single(s => s.Name == "y_m2").EquationText, "s*((x_m0) + (x_m1) + (x_m2))/3");
    }

    [TestMethod]
    public void ASingleModeModelIsReadAsWritten()
    {
        var m = Dynamics.FromYaml("name: One\nnumber_of_modes: 1\nparameters:\n  a: 1.0\nstate_variables:\n  x: {equation: {rhs: -a*x}, initial_value: 1}\n");
        Assert.AreEqual(1, m.NumberOfModes);
        Assert.AreEqual("x", m.StateVariables.Single().Name);
    }

    [TestMethod]
    [DataRow("  g: [0.5, 1.0]\n", "g", "has 2 values; give one number per mode (3)", 4)]
    [DataRow("  g: [[1, 2, 3], 4, 5]\n", "g", "mixes numbers and lists", 4)]
    [DataRow("  g: [1, 2, 3]\n  A: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]\nderived_variables:\n  bad: {equation: {rhs: A*x}}\n", "bad", "uses the mode matrix 'A' outside mode_dot", 7)]
    public void BadPerModeValuesNameTheParameterAndLine(string parameters, string culprit, string problem, int line)
    {
        var yaml = "name: M\nnumber_of_modes: 3\nparameters:\n" + parameters + "state_variables:\n  x: {equation: {rhs: -x}, initial_value: 1}\n";
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "m.yaml"));
        StringAssert.Contains(ex.Message, $"'{culprit}'");
        StringAssert.Contains(ex.Message, problem);
        Assert.AreEqual(line, ex.Line, ex.Message);
    }

    [TestMethod]
    public void ModeDotWithTheWrongArgumentsSaysHowToCallIt()
    {
        var yaml = "name: M\nnumber_of_modes: 2\nparameters:\n  A: [[1, 0], [0, 1]]\nstate_variables:\n  x:\n    equation: {rhs: mode_dot(x)}\n";
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "m.yaml"));
        StringAssert.Contains(ex.Message, "mode_dot(x, A) takes two");
        Assert.AreEqual(6, ex.Line, ex.Message);
    }

    [TestMethod]
    public void AnErrorInACopiedEquationPointsAtTheLineTheFileWrote()
    {
        var yaml = "name: M\nnumber_of_modes: 2\nparameters:\n  a: 1.0\nstate_variables:\n  x:\n    equation: {rhs: -a*x + nope}\n    initial_value: 1\n";
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "m.yaml"));
        StringAssert.Contains(ex.Message, "nope");
        Assert.AreEqual(7, ex.Line, ex.Message);
        Assert.AreEqual("m.yaml", ex.File);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("65")]
    public void TheNumberOfModesIsAWholeNumberFromOne(string modes)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml($"name: M\nnumber_of_modes: {modes}\nstate_variables:\n  x: {{equation: {{rhs: -x}}}}\n", "m.yaml"));
        StringAssert.Contains(ex.Message, "give a whole number from 1 to 64");
    }

    [TestMethod]
    public void NeuroMLComponentsAreRefusedNamingThem()
    {
        // A component type the rewrite into equations does not hold (NeuroMLComponents) is refused by name.
        var yaml = "name: HH\niri: neuroml:pointCellCondBased\nparameters: {C: {value: 1, unit: pF}, v0: {value: -65, unit: mV}, thresh: {value: 0, unit: mV}}\ncomponents:\n  leak:\n    iri: neuroml:ionChannelPassive\n";
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "hh.yaml"));
        Assert.AreEqual(6, ex.Line);
        StringAssert.Contains(ex.Message, "component 'leak' of model 'HH' has iri 'neuroml:ionChannelPassive': the NeuroML component type 'ionChannelPassive' is not supported");
        StringAssert.Contains(ex.Message, "Supported component types: pointCellCondBased, ionChannelHH, ionChannelKS, gateHHrates, gateKS");
    }

    [TestMethod]
    public void ANetworkOfAMultiModeModelIsRefusedWithTheReason()
    {
        var exp = new SimulationExperiment(ModeModels.Model()) { Network = new Network(2) };
        exp.Integration.Duration = 1.0;
        exp.Integration.StepSize = 0.01;
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "has 3 modes; a network of multi-mode models is not supported yet");
    }

    [TestMethod]
    public void ExploringAPerModeParameterByItsFileNameNamesItsModes()
    {
        var exp = new SimulationExperiment(ModeModels.Model());
        exp.Integration.Duration = 1.0;
        exp.Integration.StepSize = 0.01;
        exp.Explorations["g"] = new Exploration("g", [new ExplorationParameter("g", Domain.Values(1.0, 2.0))]);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "'g' has one value per mode in model 'ThreeModes' (3 modes); explore one mode's value, g_m0 … g_m2.");
    }
}
