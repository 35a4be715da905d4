using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

/// <summary>Shows a tree fully parenthesized in prefix form, e.g. <c>-x**2</c> as <c>(- (** x 2))</c>, so tests
/// can state the shape the parser must produce.</summary>
internal static class SExpression
{
    public static string Show(Expr e) => e switch
    {
        NumberExpr n => n.Text,
        SymbolExpr s => s.Name,
        BooleanExpr b => b.Value ? "True" : "False",
        UnaryExpr u => $"({(u.Operator == UnaryOperator.Negate ? "-" : "+")} {Show(u.Operand)})",
        BinaryExpr b => $"({Symbol(b.Operator)} {Show(b.Left)} {Show(b.Right)})",
        ComparisonExpr c => $"({Symbol(c.Operator)} {Show(c.Left)} {Show(c.Right)})",
        LogicalExpr l => $"({(l.Operator == LogicalOperator.And ? "&" : "|")} {Show(l.Left)} {Show(l.Right)})",
        CallExpr c => $"({Functions.NameOf(c.Function)} {string.Join(" ", c.Arguments.Select(Show))})",
        PiecewiseExpr p => $"(Piecewise {string.Join(" ", p.Cases.Select(c => $"[{Show(c.Value)} {Show(c.Condition)}]"))})",
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => "**",
    };

    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Equal => "==",
        _ => "!=",
    };
}
