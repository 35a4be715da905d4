using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>A free parameter of a continuation with its domain (TVBO's <c>free_parameters: [{name, domain: {lo, hi}}]</c>):
/// the continuation stops where the parameter leaves it.</summary>
/// <param name="Name">The model parameter.</param>
/// <param name="Lower">The domain's lower end (<c>lo</c>).</param>
/// <param name="Upper">The domain's upper end (<c>hi</c>).</param>
public sealed record ContinuationParameter(string Name, double Lower = double.NegativeInfinity, double Upper = double.PositiveInfinity)
{
    /// <summary>Checks the domain.</summary>
    /// <param name="continuation">The continuation, for the message.</param>
    /// <exception cref="ExperimentException">The domain is empty or NaN.</exception>
    internal void Validate(string continuation)
    {
        if (double.IsNaN(Lower) || double.IsNaN(Upper) || Lower >= Upper)
        {
            throw new ExperimentException($"Continuation '{continuation}': the domain of free parameter '{Name}' is {Lower.ToString(CultureInfo.InvariantCulture)}..{Upper.ToString(CultureInfo.InvariantCulture)}; valid: lo < hi.", continuation, Name);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{Name} in [{Lower}, {Upper}]");
}
