using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>
/// Additive noise on state variables (TVBO's <c>integration.noise</c>). Step <c>k</c> of condition <c>c</c> adds
/// <c>σ·√dt·ξ</c> to each target, ξ drawn from a counter-based generator keyed by (<see cref="Seed"/>, c, target,
/// node, k): the realization of a condition depends only on the seed and its index in the grid, not on threads,
/// chunks or backend, so PyRates and the native backend integrate the same noise. Euler becomes Euler–Maruyama;
/// Heun is TVB's stochastic Heun (one increment, in the predictor and in the update). RK4 and RK45 are refused.
/// </summary>
public sealed class NoiseSettings
{
    /// <summary>White gaussian or Ornstein–Uhlenbeck.</summary>
    public NoiseKind Kind { get; set; } = NoiseKind.Gaussian;

    /// <summary>The noise intensity σ (the standard deviation of the increment per √time); TVB's <c>nsig</c> D is
    /// σ = √(2D).</summary>
    public double Sigma { get; set; }

    /// <summary>The correlation time τ of <see cref="NoiseKind.OrnsteinUhlenbeck"/> noise.</summary>
    public double CorrelationTime { get; set; } = double.NaN;

    /// <summary>The state variables that receive noise; empty means all of them.</summary>
    public IList<string> Targets { get; } = new List<string>();

    /// <summary>The σ of state variables with noise of their own (TVBO's <c>state_variables.x.noise.parameters.sigma</c>):
    /// such a variable receives noise of this σ instead of <see cref="Sigma"/>, whether or not <see cref="Targets"/> lists
    /// it (same kind, seed and generator as the others).</summary>
    public IDictionary<string, double> StateSigmas { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The seed (TVBO's default 42).</summary>
    public long Seed { get; set; } = 42;

    /// <summary>σ from TVB's dispersion D (<c>nsig</c>): √(2D).</summary>
    /// <param name="nsig">D, not negative.</param>
    public static double SigmaFromNsig(double nsig) => Math.Sqrt(2 * nsig);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Kind == NoiseKind.Gaussian ? "gaussian" : $"ornstein-uhlenbeck (tau {CorrelationTime})")} noise, sigma {Sigma}, seed {Seed}, targets [{string.Join(", ", Targets)}]{(StateSigmas.Count == 0 ? "" : $", own sigma {string.Join(", ", StateSigmas.Select(x => $"{x.Key} {x.Value}"))}")}");
}
