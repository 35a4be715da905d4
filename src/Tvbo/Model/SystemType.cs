namespace Tvbo.Model;

/// <summary>What kind of dynamical system a model is (TVBO's <c>system_type</c>).</summary>
public enum SystemType
{
    /// <summary>A continuous-time system (TVBO's default): each state variable's equation is its time derivative,
    /// <c>dx/dt = f(x)</c>, and the system is integrated.</summary>
    Continuous,

    /// <summary>A discrete-time map (<c>system_type: discrete</c>): each state variable's equation is its next value,
    /// <c>x_{n+1} = f(x_n)</c>, all state variables updated together from the previous iterate, and the system is
    /// iterated.</summary>
    Discrete,
}
