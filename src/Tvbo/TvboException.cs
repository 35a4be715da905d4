namespace Tvbo;

/// <summary>
/// Base class of every error Tvbo raises for bad input: a model, expression, experiment, exploration or
/// file that cannot be used. The message names the culprit and says what would be valid.
/// </summary>
public class TvboException : Exception
{
    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What is wrong, naming the culprit and what would be valid.</param>
    public TvboException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong, naming the culprit and what would be valid.</param>
    /// <param name="innerException">The underlying error.</param>
    public TvboException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
