using System.Numerics;

namespace Tvbo.Bifurcation;

/// <summary>One point of a branch.</summary>
public sealed record BranchPoint
{
    /// <summary>The free parameters' values, in the order of <see cref="Branch.ParameterNames"/>.</summary>
    public required IReadOnlyList<double> Parameters { get; init; }

    /// <summary>The state: the equilibrium, or the orbit's state at phase 0.</summary>
    public required IReadOnlyList<double> State { get; init; }

    /// <summary>The smallest value of each state along a periodic orbit (the equilibrium for equilibria).</summary>
    public required IReadOnlyList<double> Minimum { get; init; }

    /// <summary>The largest value of each state along a periodic orbit (the equilibrium for equilibria).</summary>
    public required IReadOnlyList<double> Maximum { get; init; }

    /// <summary>The period of a periodic orbit; NaN for an equilibrium.</summary>
    public double Period { get; init; } = double.NaN;

    /// <summary>Whether the point is stable: every eigenvalue has a negative real part (equilibria), every Floquet
    /// multiplier but the trivial one lies inside the unit circle (periodic orbits); always false on fold and Hopf
    /// curves, whose points are not hyperbolic.</summary>
    public required bool Stable { get; init; }

    /// <summary>The eigenvalues of the Jacobian (equilibria) or the Floquet multipliers (periodic orbits).</summary>
    public required IReadOnlyList<Complex> Eigenvalues { get; init; }
}
