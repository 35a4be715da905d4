namespace Tvbo.Experiment;

/// <summary>The kind of additive noise.</summary>
public enum NoiseKind
{
    /// <summary>White gaussian noise: each step adds <c>σ·√dt·ξ_k</c>, ξ_k independent standard normals
    /// (Euler–Maruyama; TVB's stochastic Heun).</summary>
    Gaussian,

    /// <summary>Ornstein–Uhlenbeck (coloured) noise: as <see cref="Gaussian"/>, with ξ_k replaced by a stationary
    /// unit-variance AR(1) sequence η_k + 1 = E·η_k + √(1 − E²)·ξ_k + 1, E = exp(−dt/τ).</summary>
    OrnsteinUhlenbeck,
}
