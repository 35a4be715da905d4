namespace Tvbo.Bifurcation;

/// <summary>What the points of a branch are.</summary>
public enum BranchKind
{
    /// <summary>Equilibria in one free parameter.</summary>
    Equilibria,

    /// <summary>Periodic orbits in one free parameter (with their period, and the minimum and maximum of each state
    /// along the orbit).</summary>
    PeriodicOrbits,

    /// <summary>Folds of equilibria in two free parameters.</summary>
    FoldCurve,

    /// <summary>Hopf points in two free parameters.</summary>
    HopfCurve,
}
