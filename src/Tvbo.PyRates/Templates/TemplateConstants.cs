namespace Tvbo.PyRates.Templates;

/// <summary>The template constants that hold values sympy cannot hold (infinities, NaN) and the divisors of divisions
/// by a literal zero, so numpy computes with them: one constant per value (bit pattern), named after the value.</summary>
internal sealed class TemplateConstants
{
    private readonly Dictionary<long, (string Name, double Value)> _constants = [];
    private readonly TemplateNames _names;

    /// <summary>Creates the constants of a template.</summary>
    /// <param name="names">The template's names (each constant takes an internal name).</param>
    public TemplateConstants(TemplateNames names) => _names = names;

    /// <summary>The constants, in the order they were named.</summary>
    public IEnumerable<(string Name, double Value)> All => _constants.Values;

    /// <summary>The constant holding <paramref name="value"/>, named on first use.</summary>
    /// <param name="value">The value (every NaN is one constant).</param>
    /// <returns>The constant's template name.</returns>
    public string NameOf(double value)
    {
        var bits = double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(value);
        if (!_constants.TryGetValue(bits, out var c))
        {
            c = (_names.Internal(WantedName(value)), value);
            _constants[bits] = c;
        }

        return c.Name;
    }

    /// <summary>YAML's spelling of a constant: <c>.nan</c>, <c>.inf</c>, <c>-.inf</c> (PyRates 1.2.3 reads them as float
    /// constants), or the number.</summary>
    /// <param name="value">The value.</param>
    public static string Format(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : PyRatesNumber.Format(value);

    private static string WantedName(double value) =>
        double.IsNaN(value) ? "const_nan"
        : double.IsPositiveInfinity(value) ? "const_inf"
        : double.IsNegativeInfinity(value) ? "const_neg_inf"
        : value == 0 ? (double.IsNegative(value) ? "const_neg_zero" : "const_zero")
        : "const_" + PyRatesNumber.Format(value).Replace("-", "neg_", StringComparison.Ordinal).Replace('.', 'p').Replace("+", string.Empty, StringComparison.Ordinal);
}
