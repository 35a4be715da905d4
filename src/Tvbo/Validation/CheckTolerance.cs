using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.Validation;

/// <summary>
/// How far two results may be apart and still agree. A sample of variable v in a condition agrees when
/// <c>|a − b| ≤ Absolute + Relative × scale</c>, where scale is the variable's largest |value| in that condition
/// (the smaller of the two results' largest |value|, so a result that runs away cannot widen it): the threshold is one number per condition and variable, so "the first time the difference
/// passes the tolerance" is well defined even where a trajectory crosses zero.
/// </summary>
/// <param name="Absolute">The absolute part (same unit as the variable), at least 0.</param>
/// <param name="Relative">The part relative to the variable's scale, at least 0.</param>
public sealed record CheckTolerance(double Absolute, double Relative)
{
    /// <summary>The default for fixed-step float64 runs (Euler, Heun, RK4): 1e-9 absolute and 1e-9 relative. The
    /// native backend reproduces PyRates' Euler and Heun to round-off (about 1e-11 relative on the guide's sweeps,
    /// DESIGN.md §7), so this leaves two decades of headroom and still catches any real difference in the model or
    /// the scheme (a parameter off by 1e-6 shows up as about 1e-8 after one step of 0.01).</summary>
    public static CheckTolerance Default { get; } = new(1e-9, 1e-9);

    /// <summary>For RK45 the tolerance is this factor times the integration tolerances (<c>abs_tol</c>,
    /// <c>rel_tol</c>): scipy steps all conditions of a call with one shared adaptive step and the native backend
    /// steps each condition on its own, so the two agree to the integration's global error, not to round-off. The
    /// error control bounds the local error per step; the global error is larger. Measured PyRates (scipy) vs native
    /// on the guide's VdP (μ up to 10, 50 time units) and FitzHugh–Nagumo (100 time units) sweeps with rel_tol
    /// 1e-10 to 1e-6: the largest relative difference is 1 to 280 × rel_tol.</summary>
    public const double AdaptiveFactor = 1000.0;

    /// <summary>The default tolerance for an experiment's integration settings: <see cref="Default"/> for the
    /// fixed-step methods, <see cref="AdaptiveFactor"/> × (abs_tol, rel_tol) for RK45 (never below <see cref="Default"/>).</summary>
    /// <param name="integration">The experiment's integration settings.</param>
    public static CheckTolerance For(IntegrationSettings integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return integration.Method == IntegrationMethod.RK45
            ? new CheckTolerance(
                Math.Max(Default.Absolute, AdaptiveFactor * integration.AbsoluteTolerance),
                Math.Max(Default.Relative, AdaptiveFactor * integration.RelativeTolerance))
            : Default;
    }

    /// <summary>The largest difference that agrees for a variable of the given scale.</summary>
    /// <param name="scale">The variable's largest |value| in the condition.</param>
    public double Threshold(double scale) => Absolute + (Relative * scale);

    /// <summary>Checks both parts.</summary>
    /// <exception cref="CrossCheckException">A part is negative, NaN or infinite (both 0 asks for bit-identical results).</exception>
    public void Validate()
    {
        if (!(Absolute >= 0) || !double.IsFinite(Absolute) || !(Relative >= 0) || !double.IsFinite(Relative))
        {
            throw new CrossCheckException($"The tolerance must be finite and at least 0 (CheckTolerance's Absolute and Relative; in the CLI check --tol-abs, --tol-rel, compare --tolerance); got absolute {Format(Absolute)}, relative {Format(Relative)}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"|a − b| ≤ {Format(Absolute)} + {Format(Relative)} × scale";

    internal static string Format(double v) => double.IsFinite(v) ? CheckMarkdownWriter.Num(v) : v.ToString(CultureInfo.InvariantCulture);
}
