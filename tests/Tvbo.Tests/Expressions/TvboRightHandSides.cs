namespace Tvbo.Tests.Expressions;

/// <summary>Right-hand sides as TVBO writes them, taken from the nine models of the TVBO database
/// (Epileptor2D, Generic2dOscillator, JansenRit, Kuramoto, LarterBreakspear, MontbrioPazoRoxin,
/// ReducedWongWang, SupHopf, WilsonCowan), plus the project's VdP and QIF reference models.</summary>
internal static class TvboRightHandSides
{
    public static IReadOnlyList<string> All { get; } =
    [
        // Epileptor2D
        "Piecewise((a*x1**2 + x1*(-b + d), x1 < 0), (d*x1 - slope - 0.6*(z - 4.0)**2, True))",
        "d*x1 - slope - 0.6*(z - 1*4.0)**2",
        "Piecewise((-0.1*z**7, z < 0), (0, True))",
        "Piecewise((x0 + 3.0/(exp((-x1 - 1*0.5)/0.1) + 1.0), modification > 0), (zcond + 4*(-x0 + x1), True))",
        "tt*(Iext + Kvf*c_pop0 + c + local_coupling*x1 - x1*x1cond - z)",
        "r*tt*(Ks*c_pop0 + h - z)",

        // Generic2dOscillator
        "d*tau*(I*gamma - V**3*f + V**2*e + V*g + V*local_coupling + W*alpha + c_glob*gamma)",
        "d*(V**2*c + V*b - W*beta + a)/tau",

        // JansenRit
        "2.0*nu_max/(exp(r*(-J*a_1*y0 + v0)) + 1.0)",
        "2.0*nu_max/(exp(r*(v0 - y1 + y2)) + 1.0)",
        "A*a*sigma_y1_y2 - a**2*y0 - 2.0*a*y3",
        "A*a*(J*a_2*sigma_y0_1 + c_pop0 + local_coupling*(y1 - y2) + mu) - a**2*y1 - 2.0*a*y4",
        "B*J*a_4*b*sigma_y0_3 - b**2*y2 - 2.0*b*y5",

        // Kuramoto
        "sin(local_coupling*theta)",
        "I + omega",

        // LarterBreakspear
        "0.5*Q_Vmax*(tanh((V - V_T)/delta_V) + 1)",
        "0.5*tanh((-T_Ca + V)/delta_Ca) + 0.5",
        "t_scale*(I_ext*a_ne - Q_Z*Z*a_ie - W*g_K*(V - V_K) - g_L*(V - V_L) + m_Ca*(V - V_Ca)*(-C*a_ee*c_pop0*r_NMDA"
            + " - a_ee*r_NMDA*(1.0 - C)*(Q_V + lc_0) - g_Ca) - (V - V_Na)*(C*a_ee*c_pop0 + a_ee*(1.0 - C)*(Q_V + lc_0) + g_Na*m_Na))",
        "phi*t_scale*(-W + m_K)/tau_K",

        // MontbrioPazoRoxin
        "(I + J*r*tau + V**2 + c_pop0*cr*tau + c_pop1*cv + eta - pi**2*r**2*tau**2)/tau",
        "(Delta/(pi*tau) + 2*V*r)/tau",

        // ReducedWongWang
        "I_o + J_N*S*local_coupling + J_N*S*w + J_N*c_pop0",
        "(a*x - b)/(1 - exp(-d*(a*x - b)))",
        "H*gamma*(1 - S) - S/tau_s",

        // SupHopf
        "c_pop0 + lc_0 - omega*y + x*(a - x**2 - y**2)",

        // WilsonCowan
        "alpha_e*(-I*c_ei + P + c_ee*E + c_pop0 + lc_0 + lc_1 - theta_e)",
        "c_e/(1.0 + exp(-a_e*(-b_e + x_e))) - 1.0*shift_sigmoid/(exp(a_e*b_e) + 1.0)",
        "(-E + s_e*(-E*r_e + k_e))/tau_e",

        // VdP and QIF reference models
        "z",
        "mu*(1 - x**2)*z - x",
        "Delta/(tau*pi) + 2*r*v",
        "v**2 + eta + J*r*tau - (pi*r*tau)**2",

        // Further forms TVBO files use: sympy's compound conditions, modulo, Unicode names
        "Piecewise((a, (t >= t0) & (t < t0 + d)), (0.0, True))",
        "Piecewise((I_ext, (t%T < d) | (t < 0)), (0, True))",
        "(-V + m_\u221e*(E_Na - V))/\u03c4_e + \u03c3_ext*h_\u221e",
    ];

    /// <summary><see cref="All"/> as MSTest dynamic data rows.</summary>
    public static IEnumerable<object[]> Rows => All.Select(text => new object[] { text });
}
