namespace Tvbo.Expressions;

/// <summary>One lexical element of an expression.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The token as written (empty for <see cref="TokenKind.End"/>).</param>
/// <param name="Position">Zero-based offset of the token's first character in the expression.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    /// <summary>The token as error messages name it: <c>name 'x'</c>, <c>number '2.5'</c>, <c>')'</c>,
    /// <c>end of expression</c>.</summary>
    public string Description => Kind switch
    {
        TokenKind.Number => $"number '{Text}'",
        TokenKind.Name => $"name '{Text}'",
        TokenKind.End => "end of expression",
        _ => $"'{Text}'",
    };
}
