namespace Tvbo.Observables;

/// <summary>An observation cannot be computed as written: an unknown function, an argument out of range, input that
/// does not suit the function. The message names the observation, the step and what would be valid.</summary>
public sealed class ObservableException : TvboException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ObservableException(string message)
        : base(message)
    {
    }
}
