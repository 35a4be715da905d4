namespace Tvbo.Validation;

/// <summary>Two results cannot be compared: they differ in their grid (axes, parameter values, number of
/// conditions), their outputs, their time grid or their explorations, one lacks a stored series, or the tolerance
/// is invalid. The message names the mismatch.</summary>
public sealed class CrossCheckException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What does not match, with both sides' values.</param>
    public CrossCheckException(string message)
        : base(message)
    {
    }
}
