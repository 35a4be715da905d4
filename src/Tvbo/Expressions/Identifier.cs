using System.Globalization;
using System.Text;

namespace Tvbo.Expressions;

/// <summary>
/// What a name (a symbol of an expression, a model or function name) may consist of — the one rule the
/// <see cref="Lexer"/> and the model use.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A name starts with a letter (any script: <c>x</c>, <c>σ</c>, <c>Δ</c>, modifier letters), an
/// underscore, a letter number, or a non-ASCII symbol (<c>∞</c>, <c>∂</c>).</item>
/// <item>It continues with any of those, digits (<c>0-9</c>, other scripts' digits, subscripts such as
/// <c>₀</c>), combining marks (accents), connector punctuation and primes (<c>′ ″ ‴</c>):
/// <c>σ_ext</c>, <c>τ_e</c>, <c>m_∞</c>, <c>x′</c>.</item>
/// <item>Characters that look like operators are never part of a name: <c>− × · ÷ ≤ ≥ ≠</c> and their
/// relatives (<see cref="AsciiLookAlike"/> gives the operator to write instead), and superscript digits
/// (write <c>**</c>). ASCII characters other than letters, digits and <c>_</c>, white space, invisible
/// format characters, currency signs, unassigned code points and U+FFFD (a decoding error) are never part of
/// a name either.</item>
/// <item>A character outside the Basic Multilingual Plane (a surrogate pair, e.g. <c>𝑥</c>) counts as its code
/// point does: the <see cref="Rune"/> overloads and <see cref="IsValid"/> decode pairs; the <see cref="char"/>
/// overloads, which see one half only, accept a high surrogate as a start and either half as a part.</item>
/// </list>
/// </remarks>
internal static class Identifier
{
    /// <summary>U+FFFD, which stands for text that failed to decode; never part of a name.</summary>
    private const int ReplacementCharacter = 0xFFFD;

    /// <summary>Non-ASCII characters that look like an operator, and the ASCII operator to write instead.</summary>
    private static readonly Dictionary<int, string> LookAlikes = new()
    {
        [0x2212] = "-", // − minus sign
        [0x2010] = "-", // ‐ hyphen
        [0x2011] = "-", // ‑ non-breaking hyphen
        [0x2012] = "-", // ‒ figure dash
        [0x2013] = "-", // – en dash
        [0x2014] = "-", // — em dash
        [0xFE63] = "-", // ﹣ small hyphen-minus
        [0xFF0D] = "-", // － fullwidth hyphen-minus
        [0xFF0B] = "+", // ＋ fullwidth plus
        [0x00D7] = "*", // × multiplication sign
        [0x00B7] = "*", // · middle dot
        [0x22C5] = "*", // ⋅ dot operator
        [0x2219] = "*", // ∙ bullet operator
        [0x2217] = "*", // ∗ asterisk operator
        [0x2022] = "*", // • bullet
        [0xFF0A] = "*", // ＊ fullwidth asterisk
        [0x00F7] = "/", // ÷ division sign
        [0x2215] = "/", // ∕ division slash
        [0x2044] = "/", // ⁄ fraction slash
        [0xFF0F] = "/", // ／ fullwidth solidus
        [0x2264] = "<=", // ≤
        [0x2266] = "<=", // ≦
        [0x2A7D] = "<=", // ⩽
        [0x2265] = ">=", // ≥
        [0x2267] = ">=", // ≧
        [0x2A7E] = ">=", // ⩾
        [0x2260] = "!=", // ≠
        [0xFF1C] = "<", // ＜ fullwidth less-than
        [0xFF1E] = ">", // ＞ fullwidth greater-than
        [0xFF1D] = "==", // ＝ fullwidth equals
        [0x2227] = "&", // ∧ logical and
        [0x2228] = "|", // ∨ logical or
        [0xFF06] = "&", // ＆ fullwidth ampersand
        [0xFF5C] = "|", // ｜ fullwidth vertical line
        [0xFF05] = "%", // ％ fullwidth percent
        [0x2030] = "%", // ‰ per mille
        [0x221A] = "sqrt(...)", // √
        [0x2070] = "**", // ⁰ superscript digits: a power
        [0x00B9] = "**",
        [0x00B2] = "**",
        [0x00B3] = "**",
        [0x2074] = "**",
        [0x2075] = "**",
        [0x2076] = "**",
        [0x2077] = "**",
        [0x2078] = "**",
        [0x2079] = "**",
        [0x207B] = "**-", // ⁻ superscript minus
    };

    /// <summary>Whether <paramref name="c"/> may start a name. A high surrogate is accepted (whether its pair
    /// is a letter is decided by <see cref="IsValid"/> and the <see cref="Rune"/> overload).</summary>
    /// <param name="c">A UTF-16 code unit.</param>
    public static bool IsNameStart(char c) => char.IsHighSurrogate(c) || (!char.IsLowSurrogate(c) && IsNameStart(new Rune(c)));

    /// <summary>Whether <paramref name="c"/> may continue a name. Either half of a surrogate pair is accepted.</summary>
    /// <param name="c">A UTF-16 code unit.</param>
    public static bool IsNamePart(char c) => char.IsSurrogate(c) || IsNamePart(new Rune(c));

    /// <summary>Whether the code point <paramref name="r"/> may start a name.</summary>
    /// <param name="r">A Unicode scalar value.</param>
    public static bool IsNameStart(Rune r)
    {
        if (r.IsAscii)
        {
            return char.IsAsciiLetter((char)r.Value) || r.Value == '_';
        }

        if (LookAlikes.ContainsKey(r.Value) || r.Value == ReplacementCharacter)
        {
            return false;
        }

        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>Whether the code point <paramref name="r"/> may continue a name.</summary>
    /// <param name="r">A Unicode scalar value.</param>
    public static bool IsNamePart(Rune r)
    {
        if (r.IsAscii)
        {
            return char.IsAsciiLetterOrDigit((char)r.Value) || r.Value == '_';
        }

        if (IsNameStart(r) || IsPrime(r.Value))
        {
            return true;
        }

        return !LookAlikes.ContainsKey(r.Value) && Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="name"/> is a valid name: a start followed by parts, surrogate pairs
    /// decoded (a lone surrogate is invalid).</summary>
    /// <param name="name">The candidate name; null and empty are invalid.</param>
    public static bool IsValid(string? name) => !string.IsNullOrEmpty(name) && ScanName(name, 0) == name.Length;

    /// <summary>The offset just after the name that starts at <paramref name="start"/>, or
    /// <paramref name="start"/> itself when no name starts there.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Where the name would start.</param>
    public static int ScanName(string text, int start)
    {
        if (!TryRuneAt(text, start, out var first, out var length) || !IsNameStart(first))
        {
            return start;
        }

        var end = start + length;
        while (IsNamePartAt(text, end, out length))
        {
            end += length;
        }

        return end;
    }

    /// <summary>Whether a name part starts at <paramref name="index"/> (false at the end of the text).</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">The offset.</param>
    /// <param name="length">The code point's length in UTF-16 code units (1 or 2), when it is a name part.</param>
    public static bool IsNamePartAt(string text, int index, out int length)
    {
        if (TryRuneAt(text, index, out var r, out length) && IsNamePart(r))
        {
            return true;
        }

        length = 0;
        return false;
    }

    /// <summary>The ASCII operator a look-alike character stands for (<c>−</c> → <c>-</c>, <c>≤</c> → <c>&lt;=</c>,
    /// <c>²</c> → <c>**</c>), or null when <paramref name="c"/> is no such character.</summary>
    /// <param name="c">A character.</param>
    public static string? AsciiLookAlike(char c) => LookAlikes.GetValueOrDefault(c);

    /// <summary>How an error message shows the character at <paramref name="index"/>: <c>'$'</c>, or for a
    /// non-ASCII character also its code point, <c>'−' (U+2212)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">The offset of the character.</param>
    public static string Describe(string text, int index)
    {
        if (text[index] < 0x80)
        {
            return $"'{text[index]}'";
        }

        return TryRuneAt(text, index, out var r, out _)
            ? $"'{r}' (U+{r.Value:X4})"
            : $"U+{(int)text[index]:X4} (a lone surrogate)";
    }

    private static bool IsPrime(int codePoint) => codePoint is (>= 0x2032 and <= 0x2037) or 0x2057;

    private static bool TryRuneAt(string text, int index, out Rune r, out int length)
    {
        if (index >= text.Length)
        {
            r = default;
            length = 0;
            return false;
        }

        return Rune.DecodeFromUtf16(text.AsSpan(index), out r, out length) == System.Buffers.OperationStatus.Done;
    }
}
