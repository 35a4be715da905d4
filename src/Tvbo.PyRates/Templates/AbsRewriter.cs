using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Rewrites <c>abs(u)</c> as <c>u*sign(u)</c>. PyRates 1.2.3's numpy code generator prints sympy's <c>Abs</c> as
/// <c>Abs(...)</c>, which does not exist in the generated module (<c>NameError: name 'Abs' is not defined</c>), so
/// any equation using <c>abs</c> fails. <c>u*sign(u)</c> equals <c>|u|</c> exactly for every finite or infinite
/// <c>u</c> (a product with -1, 0 or 1), and sympy keeps it as written.
/// </summary>
internal static class AbsRewriter
{
    /// <summary>Returns <paramref name="e"/> with every <c>abs</c> call rewritten.</summary>
    /// <param name="e">The expression.</param>
    public static Expr Rewrite(Expr e) =>
        e.Rewrite(x => x is CallExpr { Function: MathFunction.Abs } c ? Product(c.Arguments[0]) : x);

    private static BinaryExpr Product(Expr u) => new(BinaryOperator.Multiply, u, new CallExpr(MathFunction.Sign, u));
}
