using System.Text;

namespace Tvbo.Expressions;

/// <summary>
/// Prints expressions as Python/sympy text: for PyRates equations (<see cref="Print"/>) and as sympy writes
/// them, Piecewise included (<see cref="PrintPython"/>). Parentheses are the fewest Python's precedence
/// needs, so parsing the text with <see cref="ExpressionParser"/> gives back an equal tree.
/// </summary>
public static class PyRatesPrinter
{
    /// <summary>Prints an expression as a PyRates 1.2.3 equation right-hand side.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="rename">Maps each symbol name to the name to print (e.g. reserved <c>beta</c> to
    /// <c>beta_</c>); null prints names unchanged. It is asked about every symbol, <c>pi</c> and <c>e</c>
    /// included.</param>
    /// <returns>The text, e.g. <c>mu*(1 - x**2)*z - x</c>.</returns>
    /// <exception cref="TvboException">The expression contains a Piecewise, which PyRates cannot express.</exception>
    public static string Print(Expr e, Func<string, string>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Write(e, rename ?? (name => name), allowPiecewise: false);
    }

    /// <summary>Prints an expression as Python/sympy text, Piecewise as sympy writes it:
    /// <c>Piecewise((v, x &lt; 0), (w, True))</c>, compound conditions as <c>(t &gt;= t0) &amp; (t &lt; t1)</c>.</summary>
    /// <param name="e">The expression.</param>
    /// <returns>The text.</returns>
    public static string PrintPython(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Write(e, name => name, allowPiecewise: true);
    }

    private static string Write(Expr e, Func<string, string> rename, bool allowPiecewise)
    {
        var text = new StringBuilder();
        Append(e);
        return text.ToString();

        void Append(Expr node)
        {
            switch (node)
            {
                case NumberExpr n:
                    text.Append(n.Text);
                    break;
                case SymbolExpr s:
                    text.Append(rename(s.Name));
                    break;
                case BooleanExpr b:
                    text.Append(b.Value ? "True" : "False");
                    break;
                case UnaryExpr u:
                    text.Append(u.Operator == UnaryOperator.Negate ? "-" : "+");
                    Operand(u, u.Operand, isRight: false);
                    break;
                case BinaryExpr b:
                    Operand(b, b.Left, isRight: false);
                    text.Append(SymbolOf(b.Operator));
                    Operand(b, b.Right, isRight: true);
                    break;
                case ComparisonExpr c:
                    Operand(c, c.Left, isRight: false);
                    text.Append(SymbolOf(c.Operator));
                    Operand(c, c.Right, isRight: true);
                    break;
                case LogicalExpr l:
                    Operand(l, l.Left, isRight: false);
                    text.Append(l.Operator == LogicalOperator.And ? " & " : " | ");
                    Operand(l, l.Right, isRight: true);
                    break;
                case CallExpr c:
                    text.Append(Functions.NameOf(c.Function)).Append('(');
                    for (var i = 0; i < c.Arguments.Count; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ", ");
                        Append(c.Arguments[i]);
                    }

                    text.Append(')');
                    break;
                case PiecewiseExpr p when allowPiecewise:
                    text.Append("Piecewise(");
                    for (var i = 0; i < p.Cases.Count; i++)
                    {
                        text.Append(i == 0 ? "(" : ", (");
                        Append(p.Cases[i].Value);
                        text.Append(", ");
                        Append(p.Cases[i].Condition);
                        text.Append(')');
                    }

                    text.Append(')');
                    break;
                case PiecewiseExpr p:
                    throw new TvboException(
                        $"Piecewise has no PyRates equation form: {PrintPython(p)}. Rewrite it without Piecewise " +
                        "(the PyRates backend writes it as numpy's where of numpy's comparisons) before writing PyRates equations.");
                default:
                    throw new ArgumentException($"Unknown expression node {node.GetType().Name}.", nameof(e));
            }
        }

        void Operand(Expr parent, Expr child, bool isRight)
        {
            var parenthesize = Precedence.NeedsParentheses(parent, child, isRight);
            text.Append(parenthesize ? "(" : string.Empty);
            Append(child);
            text.Append(parenthesize ? ")" : string.Empty);
        }
    }

    private static string SymbolOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => " + ",
        BinaryOperator.Subtract => " - ",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "**",
        BinaryOperator.Modulo => "%",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };

    private static string SymbolOf(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => " < ",
        ComparisonOperator.LessOrEqual => " <= ",
        ComparisonOperator.Greater => " > ",
        ComparisonOperator.GreaterOrEqual => " >= ",
        ComparisonOperator.Equal => " == ",
        ComparisonOperator.NotEqual => " != ",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };
}
