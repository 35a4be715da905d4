using Tvbo.Model;

namespace Tvbo.Native.Tests.Events;

/// <summary>The spike-and-reset models the event tests share.</summary>
internal static class SpikingModels
{
    /// <summary>The membrane time constant τ of <see cref="IntegrateAndFire"/>.</summary>
    public const double Tau = 10.0;

    /// <summary>The resting potential E_L (also the initial v).</summary>
    public const double EL = -70.0;

    /// <summary>The threshold V_th.</summary>
    public const double Threshold = -55.0;

    /// <summary>The reset potential.</summary>
    public const double Reset = -70.0;

    /// <summary>τ·ln(R·I / (R·I − (V_th − E_L))): the time from E_L to the threshold for a drive R·I.</summary>
    public static double Interval(double drive) => Tau * Math.Log(drive / (drive - (Threshold - EL)));

    /// <summary>A leaky integrate-and-fire neuron, dv/dt = (E_L − v + R·I)/τ (+ c when <paramref name="coupled"/>),
    /// firing at v &gt; V_th; with <paramref name="refractory"/>, v is held at the reset for t_ref = 2 after each spike
    /// (a countdown r, in the model's own equations: TVBO has no refractory key).</summary>
    public static Dynamics IntegrateAndFire(double drive = 20.0, bool coupled = false, bool refractory = false)
    {
        var m = new Dynamics("IaF");
        m.AddParameter("tau", Tau);
        m.AddParameter("E_L", EL);
        m.AddParameter("RI", drive);
        m.AddParameter("V_th", Threshold);
        m.AddParameter("V_reset", Reset);
        if (coupled)
        {
            m.AddCouplingTerm("c");
        }

        var rhs = coupled ? "(E_L - v + RI)/tau + c" : "(E_L - v + RI)/tau";
        if (refractory)
        {
            m.AddParameter("t_ref", 2.0);
            m.AddStateVariable("v", $"Piecewise((0, r > 0), ({rhs}, True))", EL);
            m.AddStateVariable("r", "Piecewise((-1, r > 0), (0, True))", 0.0);
            m.AddEvent("spike", "v > V_th", "v = V_reset; r = t_ref");
        }
        else
        {
            m.AddStateVariable("v", rhs, EL);
            m.AddEvent("spike", "v > V_th", "v = V_reset");
        }

        return m;
    }

    /// <summary>Izhikevich's neuron (regular spiking), reset <c>v = c; u = u + d</c> at v &gt; vpeak.</summary>
    public static Dynamics Izhikevich()
    {
        var m = new Dynamics("Izhikevich");
        m.AddParameter("a", 0.02);
        m.AddParameter("b", 0.2);
        m.AddParameter("c", -65.0);
        m.AddParameter("d", 8.0);
        m.AddParameter("I", 10.0);
        m.AddParameter("vpeak", 30.0);
        m.AddStateVariable("v", "0.04*v**2 + 5*v + 140 - u + I", -65.0);
        m.AddStateVariable("u", "a*(b*v - u)", -13.0);
        m.AddEvent("spike", "v > vpeak", "v = c; u = u + d");
        return m;
    }

    /// <summary>A map counting iterates and wrapping from 3 to 0 (an event on a map).</summary>
    public static Dynamics Counter()
    {
        var m = new Dynamics("Counter") { SystemType = SystemType.Discrete };
        m.AddStateVariable("n", "n + 1", 0.0);
        m.AddEvent("wrap", "n >= 3", "n = n - 3");
        return m;
    }
}
