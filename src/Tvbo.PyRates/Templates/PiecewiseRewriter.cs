using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Rewrites <c>Piecewise</c> (which PyRates cannot express) into arithmetic with <c>sign()</c>.
/// </summary>
/// <remarks>
/// <para>For a condition <c>L op R</c> let <c>d = L - R</c> (for finite doubles <c>d &gt; 0</c> exactly when
/// <c>L &gt; R</c>, and <c>d == 0</c> exactly when <c>L == R</c>) and <c>s = sign(d)</c>. The indicator of the condition,
/// exactly 0 or 1 including at <c>d == 0</c>, is (with <c>abs(s)</c> written <c>s*s</c>, since PyRates 1.2.3 cannot
/// generate code for <c>abs</c>; see <see cref="AbsRewriter"/>):</para>
/// <list type="bullet">
/// <item><c>L &gt; R</c>: <c>(s + abs(s))/2</c>; <c>L &lt; R</c>: <c>(abs(s) - s)/2</c></item>
/// <item><c>L &gt;= R</c>: <c>1 - (abs(s) - s)/2</c>; <c>L &lt;= R</c>: <c>1 - (s + abs(s))/2</c></item>
/// <item><c>L == R</c>: <c>1 - abs(s)</c>; <c>L != R</c>: <c>abs(s)</c></item>
/// </list>
/// <para>Compound conditions (<see cref="LogicalExpr"/>) combine the indicators of their operands with exact 0/1
/// arithmetic: <c>c1 &amp; c2</c> is <c>i1*i2</c>, <c>c1 | c2</c> is <c>i1 + i2 - i1*i2</c>; <c>True</c> and <c>False</c> inside
/// them are 1 and 0.</para>
/// <para><c>Piecewise((a, c), (b, True))</c> becomes <c>a*i + b*(1 - i)</c>, and more cases nest:
/// <c>a1*i1 + (1 - i1)*(a2*i2 + (1 - i2)*b)</c>. With <c>i</c> exactly 0 or 1 this equals the chosen branch
/// exactly, as long as the branch not taken is finite (an infinite or NaN value of the other branch would
/// turn <c>x*0</c> into NaN), and as long as the condition's operands are not NaN (where Piecewise takes the
/// next case, <c>sign(NaN)</c> gives NaN).</para>
/// <para>A Piecewise without a final <c>(value, True)</c> case has no value where no condition holds, and
/// PyRates has no NaN literal to stand for it: that is an error naming the construct.</para>
/// </remarks>
internal static class PiecewiseRewriter
{
    private static readonly NumberExpr One = new(1.0, "1.0");
    private static readonly NumberExpr Two = new(2.0, "2.0");
    private static readonly NumberExpr Zero = new(0.0, "0.0");

    /// <summary>Returns <paramref name="e"/> with every Piecewise rewritten (inner ones first).</summary>
    /// <param name="e">The expression.</param>
    /// <param name="where">Where the expression comes from (e.g. "derived variable 'h' of model 'M'"), for errors.</param>
    /// <exception cref="PyRatesTranslationException">A Piecewise has no final <c>True</c> case.</exception>
    public static Expr Rewrite(Expr e, string where) =>
        e.Rewrite(x => x is PiecewiseExpr p ? RewritePiecewise(p, where) : x);

    /// <summary>Whether the expression contains a Piecewise.</summary>
    /// <param name="e">The expression.</param>
    public static bool ContainsPiecewise(Expr e) => e is PiecewiseExpr || e.Children.Any(ContainsPiecewise);

    private static Expr RewritePiecewise(PiecewiseExpr p, string where)
    {
        // Drop cases that can never be chosen (after a True) and cases whose condition is False.
        var cases = new List<PiecewiseCase>();
        foreach (var c in p.Cases)
        {
            if (c.Condition is BooleanExpr { Value: false })
            {
                continue;
            }

            cases.Add(c);
            if (c.Condition is BooleanExpr { Value: true })
            {
                break;
            }
        }

        if (cases.Count == 0 || cases[^1].Condition is not BooleanExpr { Value: true })
        {
            throw new PyRatesTranslationException(
                $"{where}: {PyRatesPrinter.PrintPython(p)} has no final (value, True) case, so it has no value where no " +
                "condition holds; PyRates cannot express that. Add a last case such as (0, True).");
        }

        var result = cases[^1].Value;
        for (var k = cases.Count - 2; k >= 0; k--)
        {
            var indicator = Indicator(cases[k].Condition, where);
            var value = cases[k].Value;
            result = new BinaryExpr(
                BinaryOperator.Add,
                new BinaryExpr(BinaryOperator.Multiply, value, indicator),
                new BinaryExpr(BinaryOperator.Multiply, new BinaryExpr(BinaryOperator.Subtract, One, indicator), result));
        }

        return result;
    }

    private static Expr Indicator(Expr condition, string where)
    {
        switch (condition)
        {
            case ComparisonExpr comparison:
                return Indicator(comparison, where);
            case BooleanExpr b:
                return b.Value ? One : Zero;
            case LogicalExpr { Operator: LogicalOperator.And } l:
                return new BinaryExpr(BinaryOperator.Multiply, Indicator(l.Left, where), Indicator(l.Right, where));
            case LogicalExpr { Operator: LogicalOperator.Or } l:
                {
                    var left = Indicator(l.Left, where);
                    var right = Indicator(l.Right, where);
                    return new BinaryExpr(
                        BinaryOperator.Subtract,
                        new BinaryExpr(BinaryOperator.Add, left, right),
                        new BinaryExpr(BinaryOperator.Multiply, left, right));
                }

            default:
                throw new PyRatesTranslationException(
                    $"{where}: the Piecewise condition {PyRatesPrinter.PrintPython(condition)} is not a comparison, True/False " +
                    "or conditions joined by & and |; PyRates cannot express it.");
        }
    }

    private static Expr Indicator(ComparisonExpr c, string where)
    {
        var left = c.Left;
        var right = c.Right;
        var d = right is NumberExpr { Value: 0 } ? left : new BinaryExpr(BinaryOperator.Subtract, left, right);
        var s = new CallExpr(MathFunction.Sign, d);
        var abs = new BinaryExpr(BinaryOperator.Multiply, s, s); // |s| for s in {-1, 0, 1}; PyRates cannot print abs()
        var positive = new BinaryExpr(BinaryOperator.Divide, new BinaryExpr(BinaryOperator.Add, s, abs), Two);
        var negative = new BinaryExpr(BinaryOperator.Divide, new BinaryExpr(BinaryOperator.Subtract, abs, s), Two);
        return c.Operator switch
        {
            ComparisonOperator.Greater => positive,
            ComparisonOperator.Less => negative,
            ComparisonOperator.GreaterOrEqual => new BinaryExpr(BinaryOperator.Subtract, One, negative),
            ComparisonOperator.LessOrEqual => new BinaryExpr(BinaryOperator.Subtract, One, positive),
            ComparisonOperator.Equal => new BinaryExpr(BinaryOperator.Subtract, One, abs),
            ComparisonOperator.NotEqual => abs,
            _ => throw new PyRatesTranslationException($"{where}: comparison {c.Operator} is not supported."),
        };
    }
}
