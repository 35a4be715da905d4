namespace Tvbo.Expressions;

/// <summary>An expression that cannot be parsed. The message shows the expression with a caret under
/// <see cref="Position"/>.</summary>
public sealed class ExpressionSyntaxException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">The full message, including the caret lines.</param>
    /// <param name="expression">The expression text.</param>
    /// <param name="position">Zero-based character offset of the problem.</param>
    public ExpressionSyntaxException(string message, string expression, int position)
        : base(message)
    {
        Expression = expression;
        Position = position;
    }

    /// <summary>The expression text that failed to parse.</summary>
    public string Expression { get; }

    /// <summary>Zero-based character offset of the problem within <see cref="Expression"/>.</summary>
    public int Position { get; }

    /// <summary>One-based column of the problem (<see cref="Position"/> + 1).</summary>
    public int Column => Position + 1;
}
