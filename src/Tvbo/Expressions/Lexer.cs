namespace Tvbo.Expressions;

/// <summary>Splits an expression into <see cref="Token"/>s. Lexical errors (unexpected characters, <c>^</c>,
/// malformed numbers) are reported here as <see cref="ExpressionSyntaxException"/>s.</summary>
internal static class Lexer
{
    private const string ValidCharacters =
        "expressions consist of numbers, names, + - * / % ** ( ) , and, in Piecewise conditions, < <= > >= == != & |";

    /// <summary>Tokenizes <paramref name="text"/>. The last token is always <see cref="TokenKind.End"/>,
    /// placed just after the last non-blank character.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="context">What the expression belongs to, for error messages; may be null.</param>
    /// <param name="brackets">Whether '[' and ']' are tokens (the matrix language of network transforms selects with
    /// them); otherwise they are unexpected characters, as in right-hand sides.</param>
    public static IReadOnlyList<Token> Tokenize(string text, string? context, bool brackets = false)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var end = ScanNumber(text, i, context);
                tokens.Add(new Token(TokenKind.Number, text[i..end], i));
                i = end;
            }
            else if (Identifier.ScanName(text, i) is var end && end > i)
            {
                tokens.Add(new Token(TokenKind.Name, text[i..end], i));
                i = end;
            }
            else if (brackets && c is '[' or ']')
            {
                tokens.Add(new Token(c == '[' ? TokenKind.LeftBracket : TokenKind.RightBracket, c.ToString(), i));
                i++;
            }
            else
            {
                var (kind, length) = ScanOperator(text, i, context);
                tokens.Add(new Token(kind, text.Substring(i, length), i));
                i += length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.TrimEnd().Length));
        return tokens;
    }

    /// <summary>Scans a number literal starting at <paramref name="start"/> and returns the offset just
    /// after it: digits, an optional decimal point with digits, an optional exponent.</summary>
    private static int ScanNumber(string text, int start, string? context)
    {
        var i = SkipDigits(text, start);
        var hasPoint = false;
        if (i < text.Length && text[i] == '.')
        {
            hasPoint = true;
            i = SkipDigits(text, i + 1);
        }

        var hasExponent = false;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var digits = i + 1;
            if (digits < text.Length && text[digits] is '+' or '-')
            {
                digits++;
            }

            if (digits >= text.Length || !char.IsAsciiDigit(text[digits]))
            {
                throw BadNumber(text, start, digits, context, "the exponent has no digits", "write the exponent as digits, e.g. 1e-3 or 2.5E+04");
            }

            hasExponent = true;
            i = SkipDigits(text, digits);
        }

        if (i < text.Length && text[i] == '.')
        {
            var problem = hasExponent ? "the exponent must be a whole number"
                : hasPoint ? "a number has at most one decimal point"
                : "a number cannot be followed by '.'";
            throw BadNumber(text, start, i, context, problem, "write a number such as 2.5 or 1e-3");
        }

        if (Identifier.IsNamePartAt(text, i, out _))
        {
            throw BadNumber(text, start, i, context, "a number cannot be followed directly by a name",
                $"names start with a letter or '_'; for a product write {text[start..i]}*{text[i]}");
        }

        return i;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static ExpressionSyntaxException BadNumber(string text, int start, int position, string? context, string problem, string hint)
    {
        var end = position;
        while (end < text.Length && (Identifier.IsNamePartAt(text, end, out var length) || text[end] == '.'))
        {
            end += Math.Max(length, 1);
        }

        var literal = text[start..end];
        return ExpressionParser.Error(text, context, position, $"bad number literal '{literal}': {problem}", hint);
    }

    private static string LookAlikeHint(string ascii) => ascii switch
    {
        "**" or "**-" => "a superscript is not a power; write '**', e.g. x**2",
        "sqrt(...)" => "write sqrt(x) for a square root",
        _ => $"write the ASCII operator '{ascii}' instead",
    };

    /// <summary>Scans an operator or punctuation token at <paramref name="i"/>.</summary>
    private static (TokenKind Kind, int Length) ScanOperator(string text, int i, string? context)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        return c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' when next == '*' => (TokenKind.DoubleStar, 2),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '&' or '|' when next == c => throw ExpressionParser.Error(text, context, i, $"unexpected '{c}{c}'",
                $"write a single '{c}' to combine Piecewise conditions, e.g. (x > 0) {c} (x < 1)"),
            '&' => (TokenKind.Ampersand, 1),
            '|' => (TokenKind.Pipe, 1),
            '(' => (TokenKind.LeftParenthesis, 1),
            ')' => (TokenKind.RightParenthesis, 1),
            ',' => (TokenKind.Comma, 1),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '=' when next == '=' => (TokenKind.Equal, 2),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '^' => throw ExpressionParser.Error(text, context, i, "'^' is not the power operator",
                "write '**' for a power, e.g. x**2"),
            '=' => throw ExpressionParser.Error(text, context, i, "unexpected '='",
                "an expression is a right-hand side only; write '==' to test equality in a Piecewise condition"),
            '!' => throw ExpressionParser.Error(text, context, i, "unexpected '!'",
                "write '!=' to test inequality in a Piecewise condition"),
            _ when Identifier.AsciiLookAlike(c) is { } ascii => throw ExpressionParser.Error(text, context, i,
                $"unexpected character {Identifier.Describe(text, i)}", LookAlikeHint(ascii)),
            _ => throw ExpressionParser.Error(text, context, i, $"unexpected character {Identifier.Describe(text, i)}", ValidCharacters),
        };
    }
}
