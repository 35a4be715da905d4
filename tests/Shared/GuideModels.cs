using Tvbo.Model;

namespace Tvbo.TestSupport;

/// <summary>The guide's models, built in code exactly as PyRates ran them for tests/Data/reference.</summary>
internal static class GuideModels
{
    /// <summary>Van der Pol: x' = z, z' = mu*(1 - x**2)*z - x; x0 = 0.1, z0 = 0, mu = 1.</summary>
    public static Dynamics VdP()
    {
        var vdp = new Dynamics("VdP");
        vdp.AddParameter("mu", 1.0, description: "Damping parameter");
        vdp.AddStateVariable("x", equation: "z", initialValue: 0.1);
        vdp.AddStateVariable("z", equation: "mu*(1 - x**2)*z - x", initialValue: 0.0);
        return vdp;
    }

    /// <summary>QIF mean field: r' = Delta/(tau*pi) + 2*r*v, v' = v**2 + eta + J*r*tau - (pi*r*tau)**2;
    /// r0 = 0.1, v0 = -2, tau = 1, eta = -5, J = 15, Delta = 1.</summary>
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
