using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.NeuroML;

/// <summary>Models given as NeuroML components, run by the native backend: a single gate at a held voltage against its
/// closed form, and a whole cell (an HH sodium channel, Ex4's kinetic-scheme potassium channel, a pulse current) against a
/// hand-written RK4 loop of NeuroML's equations.</summary>
[TestClass]
public sealed class NeuroMLCellTests
{
    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Rate(string type, double rate, double midpoint, double scale) =>
        "{iri: neuroml:" + type + ", parameters: {rate: {value: " + N(rate) + ", unit: per_ms}, midpoint: {value: " + N(midpoint) + ", unit: mV}, scale: {value: " + N(scale) + ", unit: mV}}}";

    private static string Cell(double v0, string channels, string pulse = "") =>
        "name: Cell\niri: neuroml:pointCellCondBased\nparameters:\n  C: {value: 1, unit: pF}\n  v0: {value: " + N(v0) + ", unit: mV}\n  thresh: {value: -20, unit: mV}\n"
        + pulse + "\ncomponents:\n" + channels;

    private static string HHChannel(double erev) =>
        "  na:\n    iri: neuroml:ionChannelHH\n"
        + "    parameters: {conductance: {value: 20, description: nml:20pS}, number: {value: 6000}, erev: {value: " + N(erev) + ", unit: mV}}\n"
        + "    components:\n"
        + "      m:\n        iri: neuroml:gateHHrates\n        parameters: {instances: {value: 3}}\n        components:\n"
        + "          forwardRate: " + Rate("HHExpLinearRate", 1, -40, 10) + "\n"
        + "          reverseRate: " + Rate("HHSigmoidRate", 4, -65, -18) + "\n"
        + "      h:\n        iri: neuroml:gateHHrates\n        parameters: {instances: {value: 1}}\n        components:\n"
        + "          forwardRate: " + Rate("HHExpRate", 0.07, -65, -20) + "\n"
        + "          reverseRate: " + Rate("HHSigmoidRate", 1, -35, 10) + "\n";

    private static string KSChannel(double erev, double vHalf = -10, double z = 2, double gamma = 0.5, double tau = 2, double tauMin = 0.1) =>
        "  k:\n    iri: neuroml:ionChannelKS\n"
        + "    parameters: {conductance: {value: 8, description: nml:8pS}, number: {value: 1800}, erev: {value: " + N(erev) + ", unit: mV}}\n"
        + "    components:\n"
        + "      n:\n        iri: neuroml:gateKS\n        parameters: {instances: {value: 1}}\n        components:\n"
        + "          c: {iri: neuroml:closedState}\n          o: {iri: neuroml:openState}\n"
        + "          t:\n            iri: neuroml:vHalfTransition\n"
        + "            parameters: {from: c, to: o, vHalf: {value: " + N(vHalf) + ", unit: mV}, z: {value: " + N(z) + "}, gamma: {value: " + N(gamma) + "}, tau: {value: " + N(tau) + ", unit: ms}, tauMin: {value: " + N(tauMin) + ", unit: ms}}\n";

    private static Dynamics Model(string yaml) => Dynamics.FromYaml(yaml, "cell.yaml");

    [TestMethod]
    public void AKineticSchemeGateRelaxesAsItsClosedFormAtAHeldVoltage()
    {
        // erev = v0: no current, v stays at -60 mV. rf = 1/(1/(e^(2·0.5·(−60 + 10)/25.3)/2) + 0.1) = 0.0688147595957702,
        // rr = 1/(1/(e^(−2·0.5·(−60 + 10)/25.3)/2) + 0.1) = 2.65134998064981; from c = 1, o(t) = rf/(rf + rr)·(1 − e^(−(rf + rr)t)).
        const double rf = 0.0688147595957702, rr = 2.65134998064981;
        var result = TestExperiments.Experiment(Model(Cell(-60, KSChannel(-60))), 5, 0.001, IntegrationMethod.RK4).Run("native").Explorations.Values.Single();
        var o = result.Series(0, "k_n_o");
        var c = result.Series(0, "k_n_c");
        var v = result.Series(0, "v");
        var worst = 0.0;
        for (var k = 0; k < o.Length; k += 100)
        {
            var t = result.Time.Span[k];
            var expected = rf / (rf + rr) * (1 - Math.Exp(-(rf + rr) * t));
            worst = Math.Max(worst, Math.Abs(o[k] - expected));
            Assert.AreEqual(1.0, o[k] + c[k], 1e-14, "the occupancies sum to 1");
            Assert.AreEqual(-60.0, v[k], 1e-12);
        }

        Assert.IsLessThan(1e-12, worst, $"max |o − closed form| = {worst:g3}");
        Assert.AreEqual(rf / (rf + rr), o[^1], 1e-5, "near its steady state after 5 ms");
    }

    [TestMethod]
    [DataRow(-60.0, 0.153672401672912, DisplayName = "v = -60 mV")]
    [DataRow(-40.0, 0.556068128462895, DisplayName = "v = -40 mV (HHExpLinearRate's limit, x = 0)")]
    public void AnHHGateStaysAtItsSteadyStateAtAHeldVoltage(double v0, double mInf)
    {
        // m∞ = α/(α + β) with α = x/(1 − e^−x), x = (v + 40)/10 (1 at x = 0), β = 4/(1 + e^((−65 − v)/−18)):
        // at −60 mV α = 0.313035285499331, β = 1.72399466972724; at −40 mV α = 1, β = 0.798340794614930.
        var result = TestExperiments.Experiment(Model(Cell(v0, HHChannel(v0))), 20, 0.01, IntegrationMethod.RK4).Run("native").Explorations.Values.Single();
        var m = result.Series(0, "na_m");
        Assert.AreEqual(mInf, m[0], 1e-14, "q(0) = α/(α + β) at v0");
        Assert.IsTrue(m.All(x => Math.Abs(x - mInf) < 1e-13), $"m stays at m∞ = {mInf}: max |m − m∞| = {m.Max(x => Math.Abs(x - mInf)):g3}");
        Assert.IsTrue(result.Series(0, "v").All(x => x == v0));
    }

    [TestMethod]
    public void AWholeCellFiresDuringItsPulseAsAHandWrittenLoopOfNeuroMLsEquations()
    {
        const string pulse = "  pulse_delay: {value: 20.003, unit: ms}\n  pulse_duration: {value: 0.050004, unit: s}\n  I_amp: {value: 0.008, description: nml:0.008 nA}";
        var model = Model(Cell(-65, HHChannel(50) + KSChannel(-77, vHalf: 0, z: 1.5, gamma: 0.75, tau: 3.2, tauMin: 0.3), pulse));
        const double dt = 0.01, duration = 100;
        var result = TestExperiments.Experiment(model, duration, dt, IntegrationMethod.RK4).Run("native").Explorations.Values.Single();

        var (series, spikes) = HandWritten(dt, (int)Math.Round(duration / dt));
        var names = new[] { "na_m", "na_h", "k_n_c", "k_n_o", "v" };
        for (var j = 0; j < names.Length; j++)
        {
            var x = result.Series(0, names[j]);
            Assert.HasCount(series.Length, x);
            var worst = Enumerable.Range(0, x.Length).Max(k => Math.Abs(x[k] - series[k][j]));
            Assert.IsLessThan(j == 4 ? 1e-9 : 1e-11, worst, $"{names[j]}: max |native − loop| = {worst:g3}");
        }

        var times = result.EventTimes!.Times("spike", 0).ToArray();
        Assert.HasCount(spikes.Count, times);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.AreEqual(spikes[i], times[i], dt / 2, $"spike {i}");
        }

        // One spike at the start (the potassium channel starts closed, as jLEMS starts a kinetic scheme in its first
        // state), then repetitive firing during the pulse only.
        Assert.AreEqual(1, times.Count(t => t < 20), string.Join(", ", times));
        Assert.IsGreaterThanOrEqualTo(3, times.Count(t => t is > 20 and < 70.1), string.Join(", ", times));
        Assert.AreEqual(0, times.Count(t => t > 75), string.Join(", ", times));
        Assert.AreEqual(times.Length, result.EventTimes.Count("spike_end", 0), "each spike ends (v falls below thresh)");
    }

    /// <summary>NeuroML's equations for the cell, in ms, mV, nS, pA and pF, integrated by RK4, with the spike detected
    /// after each step as NeuroML's OnCondition with its spiking flag.</summary>
    private static (double[][] Series, List<double> Spikes) HandWritten(double dt, int steps)
    {
        const double gNa = 6000 * 0.020, gK = 1800 * 0.008, eNa = 50, eK = -77, c = 1, thresh = -20;
        const double delay = 20.003, width = 50.004, amp = 8.0, kte = 25.3;
        static double ExpLinear(double v) => (v + 40) / 10 == 0 ? 1 : (v + 40) / 10 / (1 - Math.Exp(-(v + 40) / 10));
        static double Sigmoid(double rate, double mid, double scale, double v) => rate / (1 + Math.Exp((mid - v) / scale));
        static double Rf(double v) => 1 / (1 / (Math.Exp(1.5 * 0.75 * v / kte) / 3.2) + 0.3);
        static double Rr(double v) => 1 / (1 / (Math.Exp(-1.5 * (1 - 0.75) * v / kte) / 3.2) + 0.3);
        double[] F(double t, double[] y)
        {
            var (m, h, cl, o, v) = (y[0], y[1], y[2], y[3], y[4]);
            var (am, bm) = (ExpLinear(v), Sigmoid(4, -65, -18, v));
            var (ah, bh) = (0.07 * Math.Exp((v + 65) / -20), Sigmoid(1, -35, 10, v));
            var i = t >= delay && t < delay + width ? amp : 0;
            var flux = Rf(v) * cl - Rr(v) * o;
            return [am * (1 - m) - bm * m, ah * (1 - h) - bh * h, -flux, flux, (gNa * m * m * m * h * (eNa - v) + gK * o * (eK - v) + i) / c];
        }

        static double[] Add(double[] y, double a, double[] k) => y.Select((x, i) => x + a * k[i]).ToArray();
        double v0 = -65, am0 = ExpLinear(v0), bm0 = Sigmoid(4, -65, -18, v0), ah0 = 0.07, bh0 = Sigmoid(1, -35, 10, v0);
        var y = new[] { am0 / (am0 + bm0), ah0 / (ah0 + bh0), 1, 0, v0 };
        var series = new double[steps][];
        var spikes = new List<double>();
        var spiking = false;
        for (var s = 0; s < steps; s++)
        {
            series[s] = y;
            var t = s * dt;
            var k1 = F(t, y);
            var k2 = F(t + dt / 2, Add(y, dt / 2, k1));
            var k3 = F(t + dt / 2, Add(y, dt / 2, k2));
            var k4 = F(t + dt, Add(y, dt, k3));
            y = y.Select((x, i) => x + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])).ToArray();
            if (y[4] > thresh && !spiking)
            {
                spiking = true;
                spikes.Add((s + 1) * dt);
            }
            else if (y[4] < thresh)
            {
                spiking = false;
            }
        }

        return (series, spikes);
    }
}
