namespace Tvbo.PyRates.Templates;

/// <summary>A model or experiment that cannot be expressed for PyRates (for example a Piecewise without a final
/// <c>True</c> case, or an integration method PyRates does not have). The message names the construct and says
/// what would work instead.</summary>
public sealed class PyRatesTranslationException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What cannot be translated and what would be valid.</param>
    public PyRatesTranslationException(string message)
        : base(message)
    {
    }
}
