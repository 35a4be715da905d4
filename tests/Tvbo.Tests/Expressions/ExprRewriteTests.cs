using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class ExprRewriteTests
{
    [TestMethod]
    public void RewritesBottomUpThroughEveryNodeKind()
    {
        var e = ExpressionParser.Parse("-exp(a) + Piecewise((a**2, a < b), (b, True))");
        var visited = new List<string>();
        var rewritten = e.Rewrite(x =>
        {
            visited.Add(x.GetType().Name);
            return x is SymbolExpr { Name: "a" } ? new SymbolExpr("c") : x;
        });
        Assert.AreEqual("-exp(c) + Piecewise((c**2, c < b), (b, True))", PyRatesPrinter.PrintPython(rewritten));
        Assert.AreEqual(nameof(BinaryExpr), visited[^1], "the root is rewritten last");
        Assert.IsTrue(visited.IndexOf(nameof(CallExpr)) > visited.IndexOf(nameof(SymbolExpr)), "children before their parent");
        Assert.AreEqual(e, ExpressionParser.Parse("-exp(a) + Piecewise((a**2, a < b), (b, True))"), "the original is unchanged");
    }

    [TestMethod]
    [DataRow("x**0", true, 0)]
    [DataRow("x**16", true, 16)]
    [DataRow("x**17", false, 0)]
    [DataRow("x**2.5", false, 0)]
    [DataRow("x**-2", false, 0)]
    [DataRow("x**y", false, 0)]
    public void SmallIntegerExponents(string text, bool expected, int n)
    {
        var power = (BinaryExpr)ExpressionParser.Parse(text);
        Assert.AreEqual(expected, ExpressionEvaluator.TryGetSmallIntegerExponent(power.Right, out var got));
        Assert.AreEqual(n, got);
    }
}
