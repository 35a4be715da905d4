using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

/// <summary>Analytic partial derivatives of expressions (for Jacobians) against central finite differences, and the
/// cases where the derivative is known exactly.</summary>
[TestClass]
public sealed class DerivativeTests
{
    private static double Eval(Expr e, double x, double y) =>
        ExpressionEvaluator.Evaluate(e, s => s switch { "x" => x, "y" => y, "a" => 1.7, "pi" => Math.PI, _ => throw new ArgumentException(s) });

    [TestMethod]
    [DataRow("x**2*y + 3*x - a")]
    [DataRow("x**3/3 - x - y + a")]
    [DataRow("exp(-x**2/y) + log(y*x) + sqrt(x + y)")]
    [DataRow("sin(x)*cos(y) + tan(x/3) + tanh(x - y) + sinh(0.3*x)*cosh(y)")]
    [DataRow("arcsin(x/3) + arccos(y/4) + arctan(x*y)")]
    [DataRow("x**y + y**x")]
    [DataRow("(x - 2)**(-1.5)*y")]
    [DataRow("erf(x*y) + erfc(x - y) + log10(x + 4) + exp2(y)")]
    [DataRow("atan2(y, x) + atan2(-x, y - 3)")]
    [DataRow("abs(x - y) + Max(x, y, 0.2) - Min(x*y, 1)")]
    [DataRow("Piecewise((x**2, x > y), (y*x, True))")]
    [DataRow("a/(1 + exp(-x*(y - 0.5)))")]
    [DataRow("-x + +y - (x - y)*(x + y)")]
    public void MatchesCentralDifferences(string text)
    {
        var e = ExpressionParser.Parse(text, "test", null);
        var (dx, dy) = (Derivative.Of(e, "x"), Derivative.Of(e, "y"));
        foreach (var (x, y) in new[] { (0.7, 1.3), (1.9, 0.4), (0.35, 2.6), (1.1, -0.8) })
        {
            if (!double.IsFinite(Eval(e, x, y)))
            {
                continue; // outside the expression's domain (log of a negative)
            }

            const double h = 1e-6;
            var fx = (Eval(e, x + h, y) - Eval(e, x - h, y)) / (2 * h);
            var fy = (Eval(e, x, y + h) - Eval(e, x, y - h)) / (2 * h);
            Assert.AreEqual(fx, Eval(dx, x, y), 1e-6 * Math.Max(1, Math.Abs(fx)), $"∂/∂x of {text} at ({x}, {y}): {dx}");
            Assert.AreEqual(fy, Eval(dy, x, y), 1e-6 * Math.Max(1, Math.Abs(fy)), $"∂/∂y of {text} at ({x}, {y}): {dy}");
        }
    }

    [TestMethod]
    public void ConstantsAndOtherSymbolsHaveDerivativeZeroAndTrivialTermsAreFolded()
    {
        Assert.AreEqual(new NumberExpr(0, "0"), Derivative.Of(ExpressionParser.Parse("a*y + 3", "t", null), "x"));
        Assert.AreEqual(3.0, ((NumberExpr)Derivative.Of(ExpressionParser.Parse("3*x + a", "t", null), "x")).Value, "3·1 + 0 folds to 3");
        Assert.AreEqual(0.0, Eval(Derivative.Of(ExpressionParser.Parse("floor(x) + sign(x) + Heaviside(x)", "t", null), "x"), 0.4, 0));
    }

    [TestMethod]
    public void APowerWithAConstantExponentIsDefinedForANegativeBase()
    {
        var d = Derivative.Of(ExpressionParser.Parse("x**3", "t", null), "x");
        Assert.AreEqual(3 * 4.0, Eval(d, -2, 0), 1e-12);
        Assert.IsFalse(All(d).Any(n => n is CallExpr { Function: MathFunction.Log }), "no log(u) term for a constant exponent");
    }

    [TestMethod]
    public void AConditionOutsidePiecewiseHasNoDerivative()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => Derivative.Of(new ComparisonExpr(ComparisonOperator.Greater, new SymbolExpr("x"), new NumberExpr(0, "0")), "x"));
        StringAssert.Contains(ex.Message, "has no derivative with respect to x");
    }

    private static IEnumerable<Expr> All(Expr e) => e.Children.SelectMany(All).Prepend(e);
}
