namespace Tvbo.Bifurcation;

/// <summary>A labelled point of a branch, with AUTO's label in the description.</summary>
public enum SpecialPointKind
{
    /// <summary>The end of a branch (EP): the domain's edge, <c>max_steps</c>, or the step fell below <c>ds_min</c>.</summary>
    EndPoint,

    /// <summary>A fold (limit point, saddle-node, LP) of equilibria: the branch turns back in the parameter.</summary>
    Fold,

    /// <summary>A Hopf point (HB): a pair of complex eigenvalues crosses the imaginary axis; periodic orbits are born.</summary>
    Hopf,

    /// <summary>A branch point (BP): another branch of equilibria crosses this one.</summary>
    BranchPoint,

    /// <summary>A fold of periodic orbits (LPC): the cycle branch turns back.</summary>
    CycleFold,

    /// <summary>A period doubling (PD): a Floquet multiplier crosses −1.</summary>
    PeriodDoubling,

    /// <summary>A torus (Neimark–Sacker, TR) point: a pair of complex Floquet multipliers crosses the unit circle.</summary>
    Torus,

    /// <summary>A cusp (CP) on a fold curve.</summary>
    Cusp,

    /// <summary>A Bogdanov–Takens point (BT) on a fold or Hopf curve.</summary>
    BogdanovTakens,

    /// <summary>A generalized Hopf (Bautin, GH) point on a Hopf curve: the first Lyapunov coefficient vanishes.</summary>
    GeneralizedHopf,

    /// <summary>A zero-Hopf (ZH) point: a fold and a Hopf point meet.</summary>
    ZeroHopf,
}
