using Tvbo.Files;
using Tvbo.Files.ModelFile;
using Tvbo.Model;

namespace Tvbo.Tests.Model;

/// <summary>A model given as NeuroML components (a pointCellCondBased cell with ionChannelHH and ionChannelKS channels)
/// read as the equations of NeuroML's component types, its values converted to ms, mV, nS, pF and pA, and the errors
/// of that form.</summary>
[TestClass]
public sealed class NeuroMLComponentsTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "models", name);

    private static Dynamics SmallCell() => Dynamics.Load(DataFile("NeuroMLSmallCell.yaml"));

    private static string Text() => File.ReadAllText(DataFile("NeuroMLSmallCell.yaml"));

    private static string Text(string replace, string with)
    {
        var text = Text();
        Assert.Contains(replace, text);
        return text.Replace(replace, with, StringComparison.Ordinal);
    }

    private static double Value(Dynamics m, string name) => m.Parameters.Single(p => p.Name == name).Value;

    private static string? Unit(Dynamics m, string name) => m.Parameters.Single(p => p.Name == name).Unit;

    [TestMethod]
    public void ValuesAreConvertedToMillisecondsMillivoltsNanosiemensPicofaradsAndPicoamperes()
    {
        var m = SmallCell();
        Assert.AreEqual(2.0, Value(m, "C"), 1e-12, "0.002 nF");
        Assert.AreEqual("pF", Unit(m, "C"));
        Assert.AreEqual(-60.0, Value(m, "v0"), 1e-12, "-0.06 V");
        Assert.AreEqual(10.0, Value(m, "pulse_delay"), 1e-12, "0.01 s");
        Assert.AreEqual(20.0, Value(m, "pulse_duration"));
        Assert.AreEqual(10.0, Value(m, "I_amp"), 1e-12, "0.01 nA");
        Assert.AreEqual("pA", Unit(m, "I_amp"));
        Assert.AreEqual("I_amp of the pulse current (pulseGenerator) (0.01 nA in the file)", m.Parameters.Single(p => p.Name == "I_amp").Description);
        Assert.AreEqual("pulse_duration of the pulse current (pulseGenerator)", m.Parameters.Single(p => p.Name == "pulse_duration").Description, "already in ms");
        Assert.AreEqual("conductance of 'na' (ionChannelHH) (20 pS in the file)", m.Parameters.Single(p => p.Name == "na_conductance").Description);
        Assert.AreEqual(0.02, Value(m, "na_conductance"), 1e-15, "20 pS");
        Assert.AreEqual("nS", Unit(m, "na_conductance"));
        Assert.AreEqual(1000.0, Value(m, "na_number"));
        Assert.IsNull(Unit(m, "na_number"));
        Assert.AreEqual(4.0, Value(m, "na_m_reverseRate_rate"), 1e-12, "4000 per_s");
        Assert.AreEqual("per_ms", Unit(m, "na_m_reverseRate_rate"));
        Assert.AreEqual(-10.0, Value(m, "k_n_t_vHalf"));
        Assert.AreEqual(0.1, Value(m, "k_n_t_tauMin"));
        Assert.AreEqual(2.0, Value(m, "k_n_t_z"));
    }

    [TestMethod]
    public void TheCellHasAGateStatePerHHGateAnOccupancyPerKineticStateAndItsSpikeEvents()
    {
        var m = SmallCell();
        CollectionAssert.AreEqual(new[] { "na_m", "k_n_c", "k_n_o", "v", "spiking" }, m.StateVariables.Select(s => s.Name).ToArray());
        var s = m.StateVariables.ToDictionary(v => v.Name);
        Assert.AreEqual("na_m_alpha * (1 - na_m) - na_m_beta * na_m", s["na_m"].EquationText);
        Assert.AreEqual("- k_n_t_rf * k_n_c + k_n_t_rr * k_n_o", s["k_n_c"].EquationText);
        Assert.AreEqual("k_n_t_rf * k_n_c - k_n_t_rr * k_n_o", s["k_n_o"].EquationText);
        Assert.AreEqual("(na_i + k_i + I_pulse) / C", s["v"].EquationText);

        // q(0) = α/(α+β) at v0 = -60 mV: α = 1·x/(1 − e^−x), x = (−60 + 40)/10 = −2, so α = 2/(e² − 1) = 0.31303528549933;
        // β = 4/(1 + e^((−65 + 60)/−18)) = 1.72399466972724; q0 = 0.153672401672912.
        Assert.AreEqual(0.153672401672912, s["na_m"].InitialValue, 1e-13);
        Assert.AreEqual(1.0, s["k_n_c"].InitialValue, "the first state holds everything at the start (jLEMS)");
        Assert.AreEqual(0.0, s["k_n_o"].InitialValue);
        Assert.AreEqual(-60.0, s["v"].InitialValue);
        Assert.AreEqual(0.0, s["spiking"].InitialValue);

        var d = m.DerivedVariables.ToDictionary(v => v.Name, v => v.EquationText);
        Assert.AreEqual("na_number * na_conductance * na_m**2", d["na_g"]);
        Assert.AreEqual("na_g * (na_erev - v)", d["na_i"]);
        Assert.AreEqual("k_number * k_conductance * k_n_q", d["k_g"]);
        Assert.AreEqual("k_n_o", d["k_n_q"]);
        StringAssert.Contains(d["k_n_t_rf"], "exp(k_n_t_z * k_n_t_gamma * (v - k_n_t_vHalf) / 25.3) / k_n_t_tau) + k_n_t_tauMin");
        StringAssert.Contains(d["k_n_t_rr"], "exp(-k_n_t_z * (1 - k_n_t_gamma) * (v - k_n_t_vHalf) / 25.3)");
        StringAssert.Contains(d["I_pulse"], "(t >= pulse_delay) & (t < pulse_delay + pulse_duration)");

        CollectionAssert.AreEqual(new[] { "spike", "spike_end" }, m.Events.Select(e => e.Name).ToArray());
        Assert.AreEqual("spiking", m.Events[0].Assignments.Single().Target);
    }

    [TestMethod]
    public void TheRateFunctionsFollowNeuroMLsDefinitions()
    {
        // HHExpLinearRate: rate·x/(1 − e^−x), x = (v − midpoint)/scale; at x = 0 its limit, rate.
        Assert.AreEqual(0.31303528549933, NeuroMLComponents.ExpLinearRate(1, -40, 10, -60), 1e-13);
        Assert.AreEqual(1.0, NeuroMLComponents.ExpLinearRate(1, -40, 10, -40));
        Assert.AreEqual(0.1, NeuroMLComponents.ExpLinearRate(0.1, -55, 10, -55));
        Assert.AreEqual(0.158197670686933, NeuroMLComponents.ExpLinearRate(0.1, -55, 10, -45), 1e-14, "0.1·1/(1 − e^−1)");
        Assert.AreEqual(4.07462944145510, NeuroMLComponents.ExpLinearRate(1, -40, 10, 0), 1e-13, "4/(1 − e^−4)");
        // HHExpRate: rate·e^((v − midpoint)/scale).
        Assert.AreEqual(0.07 * Math.Exp(-0.75), NeuroMLComponents.ExpRate(0.07, -65, -20, -50), 1e-16);
        Assert.AreEqual(0.0330656586918710, NeuroMLComponents.ExpRate(0.07, -65, -20, -50), 1e-15);
        // HHSigmoidRate: rate/(1 + e^((midpoint − v)/scale)); half the rate at the midpoint.
        Assert.AreEqual(0.5, NeuroMLComponents.SigmoidRate(1, -35, 10, -35));
        Assert.AreEqual(1.72399466972724, NeuroMLComponents.SigmoidRate(4, -65, -18, -60), 1e-13);
    }

    [TestMethod]
    public void OwnEventsReplaceTheSpikeEventsAndAnEmptyOneLeavesThemOut()
    {
        var m = Dynamics.FromYaml(Text() + "events: {}\n", "cell.yaml");
        Assert.IsEmpty(m.Events);
        Assert.IsFalse(m.StateVariables.Any(s => s.Name == "spiking"));

        var own = Dynamics.FromYaml(Text() + "events:\n  up:\n    condition: {rhs: v .gt. thresh}\n", "cell.yaml");
        Assert.AreEqual("up", own.Events.Single().Name);
    }

    [TestMethod]
    public void AnUnsupportedComponentTypeIsRefusedWithItsLineIriAndTheSupportedTypes()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("iri: neuroml:gateHHrates", "iri: neuroml:gateHHtauInf"), "cell.yaml"));
        Assert.AreEqual("cell.yaml", ex.File);
        Assert.AreEqual(38, ex.Line);
        StringAssert.Contains(ex.Message, "component 'na_m' of model 'NeuroMLSmallCell' has iri 'neuroml:gateHHtauInf': the NeuroML component type 'gateHHtauInf' is not supported.");
        StringAssert.Contains(ex.Message, "Supported component types: pointCellCondBased, ionChannelHH, ionChannelKS, gateHHrates, gateKS, HHExpLinearRate, HHExpRate, HHSigmoidRate, closedState, openState, vHalfTransition.");

        var misplaced = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("iri: neuroml:ionChannelKS", "iri: neuroml:gateKS"), "cell.yaml"));
        StringAssert.Contains(misplaced.Message, "the NeuroML component type 'gateKS' is not supported here (expected ionChannelHH or ionChannelKS)");
    }

    [TestMethod]
    public void TheCellTypeMustBePointCellCondBased()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("iri: neuroml:pointCellCondBased", "iri: neuroml:izhikevich2007Cell"), "cell.yaml"));
        Assert.AreEqual(4, ex.Line);
        StringAssert.Contains(ex.Message, "its iri is 'neuroml:izhikevich2007Cell'. The cell type supported is neuroml:pointCellCondBased.");
    }

    [TestMethod]
    public void ADimensionalValueWithoutAUnitOrWithAWrongOneIsRefused()
    {
        var none = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("description: nml:20pS", "description: sodium"), "cell.yaml"));
        StringAssert.Contains(none.Message, "parameter 'conductance' of component 'na' (ionChannelHH) has no unit; give it as NeuroML writes it, e.g. 'unit: nS' or 'description: nml:20nS'");

        var wrong = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("nml:20pS", "nml:20mV"), "cell.yaml"));
        StringAssert.Contains(wrong.Message, "is given in 'mV', which is not a unit of conductance");

        var disagree = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("nml:50mV", "nml:55mV"), "cell.yaml"));
        StringAssert.Contains(disagree.Message, "has the value 50 but its description says nml:55mV");
    }

    [TestMethod]
    public void MissingOrUnknownParametersAndStatesAreRefused()
    {
        var missing = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("              tauMin: {value: 0.1, description: nml:0.1ms}\n", ""), "cell.yaml"));
        StringAssert.Contains(missing.Message, "component 'k_n_t' (vHalfTransition) of model 'NeuroMLSmallCell' has no parameter 'tauMin'");

        var unknown = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("z: {value: 2}", "zz: {value: 2}"), "cell.yaml"));
        StringAssert.Contains(unknown.Message, "has the parameter 'zz', which vHalfTransition does not have");

        var state = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("to: o", "to: open"), "cell.yaml"));
        StringAssert.Contains(state.Message, "transition 'k_n_t' of model 'NeuroMLSmallCell' connects 'open', which is not a state of gate 'k_n' (its states: c, o)");

        var pulse = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text("  pulse_delay:", "  pulse_start:"), "cell.yaml"));
        StringAssert.Contains(pulse.Message, "gives pulse_duration, I_amp but not all of pulse_delay, pulse_duration, I_amp");

        var both = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(Text() + "state_variables:\n  x: {equation: {rhs: -x}}\n", "cell.yaml"));
        StringAssert.Contains(both.Message, "gives its dynamics as NeuroML components and also 'state_variables'");
    }
}
