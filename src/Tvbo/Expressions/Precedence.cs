namespace Tvbo.Expressions;

/// <summary>
/// Python's operator precedence, shared by the printers: logical (<c>&amp;</c>, <c>|</c>) &lt; comparison &lt;
/// additive &lt; multiplicative &lt; unary &lt; power &lt; atom (numbers, names, calls, Piecewise).
/// </summary>
/// <remarks>Python binds <c>&amp;</c> and <c>|</c> tighter than comparisons; the expression language uses them
/// only to join conditions, and the printers always parenthesise their comparison operands, as sympy does, so the
/// text means the same in both.</remarks>
internal static class Precedence
{
    /// <summary><c>&amp; |</c> joining conditions.</summary>
    public const int Logical = 0;

    /// <summary><c>&lt; &lt;= &gt; &gt;= == !=</c></summary>
    public const int Comparison = 1;

    /// <summary><c>+ -</c></summary>
    public const int Additive = 2;

    /// <summary><c>* / %</c></summary>
    public const int Multiplicative = 3;

    /// <summary>Unary <c>+ -</c>.</summary>
    public const int Unary = 4;

    /// <summary><c>**</c></summary>
    public const int Power = 5;

    /// <summary>Numbers, names, calls, Piecewise: never need parentheses.</summary>
    public const int Atom = 6;

    /// <summary>The precedence of the operator at the root of <paramref name="e"/>.</summary>
    /// <param name="e">An expression.</param>
    public static int Of(Expr e) => e switch
    {
        LogicalExpr => Logical,
        ComparisonExpr => Comparison,
        BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Additive,
        BinaryExpr { Operator: BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo } => Multiplicative,
        BinaryExpr { Operator: BinaryOperator.Power } => Power,
        UnaryExpr => Unary,
        NumberExpr n when n.Text.StartsWith('-') => Unary,
        _ => Atom,
    };

    /// <summary>Whether <paramref name="child"/>, printed in Python syntax as an operand of
    /// <paramref name="parent"/>, needs parentheses so that parsing the text gives back the same tree.
    /// Left-associative binary operators need them around an equal-precedence right operand
    /// (<c>a - (b - c)</c>); <c>**</c> is right-associative and its right operand may be unary
    /// (<c>2**-x</c>), but its left operand must be an atom (<c>(-x)**2</c>, <c>(a**b)**c</c>). An operand of
    /// <c>&amp;</c> / <c>|</c> is parenthesised as sympy prints it, <c>(x &lt; 1) &amp; (y &gt; 2)</c>, unless it is a boolean
    /// or the left operand of the same connective (<c>(a) &amp; (b) &amp; (c)</c>).</summary>
    /// <param name="parent">The operator node.</param>
    /// <param name="child">One of its operands.</param>
    /// <param name="isRightOperand">Whether <paramref name="child"/> is the right operand.</param>
    public static bool NeedsParentheses(Expr parent, Expr child, bool isRightOperand)
    {
        var inner = Of(child);
        return parent switch
        {
            BinaryExpr { Operator: BinaryOperator.Power } => isRightOperand ? inner < Unary : inner <= Power,
            BinaryExpr => isRightOperand ? inner <= Of(parent) : inner < Of(parent),
            UnaryExpr => inner < Unary,
            ComparisonExpr => inner <= Comparison,
            LogicalExpr l => child is not BooleanExpr && !(child is LogicalExpr c && c.Operator == l.Operator && !isRightOperand),
            _ => false,
        };
    }
}
