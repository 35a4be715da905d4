using System.Globalization;

namespace Tvbo.PyRates.Templates;

/// <summary>Formats numbers for PyRates templates.</summary>
internal static class PyRatesNumber
{
    /// <summary>The shortest round-trip text of <paramref name="value"/>, always with a decimal point
    /// (<c>15.0</c>, <c>1.0e-05</c>, <c>-2.5</c>) so PyRates treats it as a float: an integer constant
    /// (<c>J: 15</c>) would make PyRates sweep it as an integer and truncate the swept values.</summary>
    /// <param name="value">A finite value.</param>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "PyRates templates need finite constants.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        var exp = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = exp < 0 ? text : text[..exp];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (exp < 0)
        {
            return mantissa;
        }

        var exponent = text[(exp + 1)..];
        var negative = exponent.StartsWith('-');
        var digits = exponent.TrimStart('+', '-');
        return $"{mantissa}e{(negative ? "-" : "+")}{(digits.Length < 2 ? "0" + digits : digits)}";
    }
}
