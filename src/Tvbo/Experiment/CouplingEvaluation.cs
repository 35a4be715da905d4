namespace Tvbo.Experiment;

/// <summary>When a network's coupling inputs are evaluated within an integration step (TVBO's
/// <c>integration.coupling_evaluation</c>). The two differ only for a method of several stages (Heun, RK4): Euler has one
/// stage, and a system without a network has no coupling to hold.</summary>
public enum CouplingEvaluation
{
    /// <summary>At every stage of the method, from that stage's state (TVBO's <c>per_stage</c>; as PyRates
    /// integrates). The default.</summary>
    PerStage,

    /// <summary>Once per step, from the state at the step's start (a delayed source at its value <c>d</c> steps before
    /// the step's start), and held over every stage of the step (TVBO's <c>per_step</c>; as TVB's integrators do).
    /// Euler, Heun and RK4 on the native backend (RK4 then also with delays); not RK45; PyRates only with Euler.</summary>
    PerStep,
}
