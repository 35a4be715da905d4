namespace Tvbo.Bifurcation;

/// <summary>A continuation that cannot run or cannot go on: a free parameter the model lacks, settings out of their
/// bounds, a model without equilibria, a start that is not an equilibrium. The message names the continuation and the
/// key at fault and says what would be valid.</summary>
public sealed class ContinuationException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong and what would be valid.</param>
    /// <param name="continuation">The continuation at fault, if any.</param>
    /// <param name="key">The setting at fault (<c>ds</c>, <c>free_parameters</c>, …), if any.</param>
    public ContinuationException(string message, string? continuation, string? key = null)
        : base(message)
    {
        Continuation = continuation;
        Key = key;
    }

    /// <summary>The name of the continuation at fault, or <see langword="null"/>.</summary>
    public string? Continuation { get; }

    /// <summary>The setting at fault, or <see langword="null"/>.</summary>
    public string? Key { get; }
}
