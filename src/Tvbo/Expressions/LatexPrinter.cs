namespace Tvbo.Expressions;

/// <summary>
/// Prints expressions as LaTeX math for reports, e.g. <c>mu*(1 - x**2)*z - x</c> as
/// <c>\mu \left(1 - x^{2}\right) z - x</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Symbols: Greek letter names become commands (<c>mu</c> → <c>\mu</c>, <c>Delta</c> → <c>\Delta</c>,
/// <c>pi</c> → <c>\pi</c>; capitals without a command of their own, such as <c>Beta</c>, become upright
/// letters, <c>\mathrm{B}</c>). The text after the first underscore is a subscript, further underscores
/// separate its parts with commas and Greek parts become commands (<c>I_ext</c> → <c>I_{ext}</c>,
/// <c>tau_s</c> → <c>\tau_{s}</c>, <c>sigma_y0_1</c> → <c>\sigma_{y0,1}</c>). A name without underscore
/// ending in digits subscripts them (<c>y0</c> → <c>y_{0}</c>).</item>
/// <item>Numbers print as written; an exponent becomes a power of ten (<c>1e-3</c> → <c>1 \cdot 10^{-3}</c>).</item>
/// <item>Products are juxtaposed with a space (<c>2 r v</c>); <c>\cdot</c> separates a factor from a
/// following factor that starts with a digit (<c>2 \cdot 3</c>, <c>x \cdot 2</c>).</item>
/// <item>Quotients are <c>\frac</c>, powers superscripts with compound bases in parentheses.</item>
/// <item>Parentheses (<c>\left( \right)</c>) only where precedence needs them; as sums and products are
/// associative, <c>a + (b + c)</c> prints <c>a + b + c</c>. Signs fold into sums: <c>a + -b</c> →
/// <c>a - b</c>, <c>a - -b</c> → <c>a + b</c>; a factor starting with a sign is parenthesized.</item>
/// <item>Python's modulo <c>a % b</c> prints <c>a \bmod b</c>; as an operand of another arithmetic operator it is
/// parenthesized (<c>\left(a \bmod b\right) c</c>), and so are a sum, product or modulo as its operands.</item>
/// <item>Piecewise prints as <c>\begin{cases} v_1 &amp; \text{if } c_1 \\ v_2 &amp; \text{otherwise} \end{cases}</c>;
/// compound conditions join comparisons with <c>\wedge</c> (<c>&amp;</c>) and <c>\vee</c> (<c>|</c>), parenthesizing
/// an operand that uses the other connective.</item>
/// <item>Names other than ASCII (<c>σ_ext</c>, <c>m_∞</c>) print as written, with the same subscript rule:
/// <c>σ_{ext}</c>, <c>m_{∞}</c>.</item>
/// </list>
/// </remarks>
public static class LatexPrinter
{
    private static readonly Dictionary<string, string> Greek = new(StringComparer.Ordinal)
    {
        ["alpha"] = @"\alpha",
        ["beta"] = @"\beta",
        ["gamma"] = @"\gamma",
        ["delta"] = @"\delta",
        ["epsilon"] = @"\epsilon",
        ["zeta"] = @"\zeta",
        ["eta"] = @"\eta",
        ["theta"] = @"\theta",
        ["iota"] = @"\iota",
        ["kappa"] = @"\kappa",
        ["lambda"] = @"\lambda",
        ["lamda"] = @"\lambda",
        ["mu"] = @"\mu",
        ["nu"] = @"\nu",
        ["xi"] = @"\xi",
        ["omicron"] = "o",
        ["pi"] = @"\pi",
        ["rho"] = @"\rho",
        ["sigma"] = @"\sigma",
        ["tau"] = @"\tau",
        ["upsilon"] = @"\upsilon",
        ["phi"] = @"\phi",
        ["chi"] = @"\chi",
        ["psi"] = @"\psi",
        ["omega"] = @"\omega",
        ["Alpha"] = @"\mathrm{A}",
        ["Beta"] = @"\mathrm{B}",
        ["Gamma"] = @"\Gamma",
        ["Delta"] = @"\Delta",
        ["Epsilon"] = @"\mathrm{E}",
        ["Zeta"] = @"\mathrm{Z}",
        ["Eta"] = @"\mathrm{H}",
        ["Theta"] = @"\Theta",
        ["Iota"] = @"\mathrm{I}",
        ["Kappa"] = @"\mathrm{K}",
        ["Lambda"] = @"\Lambda",
        ["Lamda"] = @"\Lambda",
        ["Mu"] = @"\mathrm{M}",
        ["Nu"] = @"\mathrm{N}",
        ["Xi"] = @"\Xi",
        ["Omicron"] = @"\mathrm{O}",
        ["Pi"] = @"\Pi",
        ["Rho"] = @"\mathrm{P}",
        ["Sigma"] = @"\Sigma",
        ["Tau"] = @"\mathrm{T}",
        ["Upsilon"] = @"\Upsilon",
        ["Phi"] = @"\Phi",
        ["Chi"] = @"\mathrm{X}",
        ["Psi"] = @"\Psi",
        ["Omega"] = @"\Omega",
    };

    /// <summary>Prints an expression as LaTeX math (without surrounding <c>$</c>).</summary>
    /// <param name="e">The expression.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Print(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Latex(e);
    }

    private static string Latex(Expr e) => e switch
    {
        NumberExpr n => Number(n.Text),
        SymbolExpr s => Symbol(s.Name),
        BooleanExpr b => b.Value ? @"\text{True}" : @"\text{False}",
        UnaryExpr u => (u.Operator == UnaryOperator.Negate ? "-" : "+") + Factor(u.Operand),
        BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => Sum(b),
        BinaryExpr { Operator: BinaryOperator.Multiply } b => Product(b),
        BinaryExpr { Operator: BinaryOperator.Divide } b => @"\frac{" + Latex(b.Left) + "}{" + Latex(b.Right) + "}",
        BinaryExpr { Operator: BinaryOperator.Power } b => PowerOf(b),
        BinaryExpr { Operator: BinaryOperator.Modulo } b => Modulo(b),
        LogicalExpr l => Connective(l, l.Left) + (l.Operator == LogicalOperator.And ? @" \wedge " : @" \vee ") + Connective(l, l.Right),
        ComparisonExpr c => Wrap(c.Left, Precedence.Of(c.Left) <= Precedence.Comparison) + " " + ComparisonSymbol(c.Operator) + " "
            + Wrap(c.Right, Precedence.Of(c.Right) <= Precedence.Comparison),
        CallExpr c => Call(c),
        PiecewiseExpr p => Cases(p),
        _ => throw new ArgumentException($"Unknown expression node {e.GetType().Name}.", nameof(e)),
    };

    /// <summary><c>a + b</c> / <c>a - b</c>, folding the signs of a unary right operand into the operator.</summary>
    private static string Sum(BinaryExpr b)
    {
        var subtract = b.Operator == BinaryOperator.Subtract;
        var right = b.Right;
        while (right is UnaryExpr u)
        {
            subtract ^= u.Operator == UnaryOperator.Negate;
            right = u.Operand;
        }

        var rightText = Latex(right);
        var parenthesize = Precedence.Of(right) < (subtract ? Precedence.Multiplicative : Precedence.Additive) || StartsWithSign(rightText) || IsModulo(right);
        return Wrap(b.Left, Precedence.Of(b.Left) < Precedence.Additive || IsModulo(b.Left)) + (subtract ? " - " : " + ") + Wrap(rightText, parenthesize);
    }

    /// <summary><c>a b</c>, or <c>a \cdot 2</c> when the right factor starts with a digit.</summary>
    private static string Product(BinaryExpr b)
    {
        var right = Factor(b.Right);
        var separator = right.Length > 0 && char.IsAsciiDigit(right[0]) ? @" \cdot " : " ";
        return Wrap(b.Left, Precedence.Of(b.Left) < Precedence.Multiplicative || IsModulo(b.Left)) + separator + right;
    }

    /// <summary><c>a \bmod b</c>: a sum, product or modulo operand is parenthesized, as is a right operand that
    /// starts with a sign.</summary>
    private static string Modulo(BinaryExpr b)
    {
        var left = Wrap(b.Left, Precedence.Of(b.Left) < Precedence.Multiplicative || b.Left is BinaryExpr { Operator: BinaryOperator.Multiply or BinaryOperator.Modulo });
        var rightText = Latex(b.Right);
        var right = Wrap(rightText, Precedence.Of(b.Right) <= Precedence.Multiplicative || StartsWithSign(rightText));
        return left + @" \bmod " + right;
    }

    /// <summary>An operand of <c>\wedge</c> / <c>\vee</c>: parenthesized when it uses the other connective.</summary>
    private static string Connective(LogicalExpr parent, Expr operand) =>
        Wrap(operand, operand is LogicalExpr l && l.Operator != parent.Operator);

    private static bool IsModulo(Expr e) => e is BinaryExpr { Operator: BinaryOperator.Modulo };

    /// <summary>An operand of a product or of a unary sign: parenthesized when it is a sum or starts with a sign.</summary>
    private static string Factor(Expr e)
    {
        var text = Latex(e);
        return Wrap(text, Precedence.Of(e) < Precedence.Multiplicative || StartsWithSign(text) || IsModulo(e));
    }

    private static string PowerOf(BinaryExpr b)
    {
        var baseText = Latex(b.Left);
        var parenthesize = Precedence.Of(b.Left) <= Precedence.Power || b.Left is CallExpr or PiecewiseExpr
            || baseText.Contains(@"\cdot", StringComparison.Ordinal);
        return Wrap(baseText, parenthesize) + "^{" + Latex(b.Right) + "}";
    }

    private static string Call(CallExpr c)
    {
        var argument = Latex(c.Arguments[0]);
        string Arguments() => string.Join(", ", c.Arguments.Select(Latex));
        return c.Function switch
        {
            MathFunction.Abs => @"\left|" + argument + @"\right|",
            MathFunction.Sqrt => @"\sqrt{" + argument + "}",
            MathFunction.Sign or MathFunction.Erf or MathFunction.Erfc =>
                @"\operatorname{" + Functions.NameOf(c.Function) + @"}\left(" + argument + @"\right)",
            MathFunction.Floor => @"\left\lfloor " + argument + @"\right\rfloor",
            MathFunction.Ceiling => @"\left\lceil " + argument + @"\right\rceil",
            MathFunction.Log10 => @"\log_{10}\left(" + argument + @"\right)",
            MathFunction.Exp2 => "2^{" + argument + "}",
            MathFunction.Arctan2 => @"\operatorname{atan_{2}}\left(" + Arguments() + @"\right)",
            MathFunction.Fmod => @"\operatorname{fmod}\left(" + Arguments() + @"\right)",
            MathFunction.Maximum => @"\max\left(" + Arguments() + @"\right)",
            MathFunction.Minimum => @"\min\left(" + Arguments() + @"\right)",

            // sympy's Heaviside(x) (1/2 at 0) prints as theta(x); another value at 0 is shown as the second argument.
            MathFunction.Heaviside when c.Arguments[1] is NumberExpr { Value: 0.5 } => @"\theta\left(" + argument + @"\right)",
            MathFunction.Heaviside => @"\theta\left(" + Arguments() + @"\right)",
            _ => @"\" + Functions.NameOf(c.Function) + @"\left(" + argument + @"\right)",
        };
    }

    private static string Cases(PiecewiseExpr p)
    {
        var rows = p.Cases.Select(c => Latex(c.Value) + " & "
            + (c.Condition is BooleanExpr { Value: true } ? @"\text{otherwise}" : @"\text{if } " + Latex(c.Condition)));
        return @"\begin{cases} " + string.Join(@" \\ ", rows) + @" \end{cases}";
    }

    private static string ComparisonSymbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => @"\leq",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => @"\geq",
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => @"\neq",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    /// <summary>A number as written, <c>.5</c> as <c>0.5</c> and an exponent as a power of ten.</summary>
    private static string Number(string text)
    {
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        mantissa = mantissa.StartsWith('.') ? "0" + mantissa : mantissa;
        mantissa = mantissa.EndsWith('.') ? mantissa + "0" : mantissa;
        if (exponentAt < 0)
        {
            return mantissa;
        }

        var exponent = text[(exponentAt + 1)..];
        var sign = exponent.StartsWith('-') ? "-" : string.Empty;
        var digits = exponent.TrimStart('+', '-').TrimStart('0');
        return mantissa + @" \cdot 10^{" + sign + (digits.Length == 0 ? "0" : digits) + "}";
    }

    /// <summary>A symbol: Greek names as commands, text after the first underscore as a subscript.</summary>
    private static string Symbol(string name)
    {
        var parts = name.Split('_');
        if (parts.Length == 1)
        {
            var digitsAt = name.Length;
            while (digitsAt > 0 && char.IsAsciiDigit(name[digitsAt - 1]))
            {
                digitsAt--;
            }

            return digitsAt > 0 && digitsAt < name.Length
                ? GreekOrSelf(name[..digitsAt]) + "_{" + name[digitsAt..] + "}"
                : GreekOrSelf(name);
        }

        if (parts.Any(p => p.Length == 0))
        {
            return name.Replace("_", @"\_", StringComparison.Ordinal);
        }

        return GreekOrSelf(parts[0]) + "_{" + string.Join(",", parts.Skip(1).Select(GreekOrSelf)) + "}";
    }

    private static string GreekOrSelf(string word) => Greek.TryGetValue(word, out var command) ? command : word;

    private static bool StartsWithSign(string text) => text.StartsWith('-') || text.StartsWith('+');

    private static string Wrap(Expr e, bool parenthesize) => Wrap(Latex(e), parenthesize);

    private static string Wrap(string text, bool parenthesize) => parenthesize ? @"\left(" + text + @"\right)" : text;
}
