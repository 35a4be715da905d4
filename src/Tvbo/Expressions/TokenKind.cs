namespace Tvbo.Expressions;

/// <summary>The kinds of <see cref="Token"/> the <see cref="Lexer"/> produces.</summary>
internal enum TokenKind
{
    /// <summary>A number literal: <c>1</c>, <c>2.5</c>, <c>.5</c>, <c>1e-3</c>.</summary>
    Number,

    /// <summary>A name: letters, digits and underscores, not starting with a digit (see <see cref="Identifier"/>
    /// for the Unicode characters names may use).</summary>
    Name,

    /// <summary><c>+</c></summary>
    Plus,

    /// <summary><c>-</c></summary>
    Minus,

    /// <summary><c>*</c></summary>
    Star,

    /// <summary><c>/</c></summary>
    Slash,

    /// <summary><c>%</c></summary>
    Percent,

    /// <summary><c>&amp;</c> (in Piecewise conditions).</summary>
    Ampersand,

    /// <summary><c>|</c> (in Piecewise conditions).</summary>
    Pipe,

    /// <summary><c>**</c></summary>
    DoubleStar,

    /// <summary><c>(</c></summary>
    LeftParenthesis,

    /// <summary><c>)</c></summary>
    RightParenthesis,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>[</c> (only when the lexer is asked for brackets: a selection in a network transform).</summary>
    LeftBracket,

    /// <summary><c>]</c> (only when the lexer is asked for brackets).</summary>
    RightBracket,

    /// <summary>The end of the expression (always the last token).</summary>
    End,
}
