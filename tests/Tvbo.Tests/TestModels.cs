using Tvbo.Model;

namespace Tvbo.Tests;

/// <summary>The guide's models, built in code.</summary>
internal static class TestModels
{
    public static Dynamics VdP()
    {
        var vdp = new Dynamics("VdP");
        vdp.AddParameter("mu", 1.0, description: "Damping parameter");
        vdp.AddStateVariable("x", equation: "z", initialValue: 0.1);
        vdp.AddStateVariable("z", equation: "mu*(1 - x**2)*z - x", initialValue: 0.0);
        return vdp;
    }

    public static Dynamics Qif()
    {
        var qif = new Dynamics("QIF");
        qif.AddParameter("tau", 1.0);
        qif.AddParameter("eta", -5.0);
        qif.AddParameter("J", 15.0);
        qif.AddParameter("Delta", 1.0);
        qif.AddStateVariable("r", "Delta/(tau*pi) + 2*r*v", 0.1);
        qif.AddStateVariable("v", "v**2 + eta + J*r*tau - (pi*r*tau)**2", -2.0);
        return qif;
    }
}
