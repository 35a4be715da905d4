using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class PyRatesPrinterTests
{
    [TestMethod]
    [DataRow("-x**2", "-x**2")]
    [DataRow("(-x)**2", "(-x)**2")]
    [DataRow("2**-1", "2**-1")]
    [DataRow("2**(-1)", "2**-1")]
    [DataRow("2**-x**2", "2**-x**2")]
    [DataRow("a-(b-c)", "a - (b - c)")]
    [DataRow("a-b-c", "a - b - c")]
    [DataRow("(a-b)-c", "a - b - c")]
    [DataRow("a+(b+c)", "a + (b + c)")]
    [DataRow("a/(b*c)", "a/(b*c)")]
    [DataRow("a/b*c", "a/b*c")]
    [DataRow("a/(b/c)", "a/(b/c)")]
    [DataRow("(a*b)*c", "a*b*c")]
    [DataRow("a*(b*c)", "a*(b*c)")]
    [DataRow("(a**b)**c", "(a**b)**c")]
    [DataRow("a**b**c", "a**b**c")]
    [DataRow("a**(b**c)", "a**b**c")]
    [DataRow("((a+b))*c", "(a + b)*c")]
    [DataRow("-(a*b)", "-(a*b)")]
    [DataRow("(-a)*b", "-a*b")]
    [DataRow("a*(-b)", "a*-b")]
    [DataRow("a - (-b)", "a - -b")]
    [DataRow("-(-x)", "--x")]
    [DataRow("+x", "+x")]
    [DataRow("2**(x+1)", "2**(x + 1)")]
    [DataRow("(2*x)**-(y)", "(2*x)**-y")]
    [DataRow("(a/b)**2", "(a/b)**2")]
    [DataRow("exp(x)**2", "exp(x)**2")]
    [DataRow("1.0E+05*x + .5 - 3.", "1.0E+05*x + .5 - 3.")]
    [DataRow("asin(x) + acos(x) + atan(x) + Abs(x)", "arcsin(x) + arccos(x) + arctan(x) + abs(x)")]
    [DataRow("mu*(1 - x**2)*z - x", "mu*(1 - x**2)*z - x")]
    [DataRow("  mu *(1-x ** 2) * z-x ", "mu*(1 - x**2)*z - x")]
    [DataRow("a % b * c", "a%b*c")]
    [DataRow("a*(b % c)", "a*(b%c)")]
    [DataRow("(a*b) % c", "a*b%c")]
    [DataRow("a % (b*c)", "a%(b*c)")]
    [DataRow("a % (b % c)", "a%(b%c)")]
    [DataRow("(a + b) % c", "(a + b)%c")]
    [DataRow("a + b % c", "a + b%c")]
    [DataRow("-a % b", "-a%b")]
    [DataRow("-(a % b)", "-(a%b)")]
    [DataRow("a % -b", "a%-b")]
    [DataRow("a % b**2", "a%b**2")]
    [DataRow("(a % b)**2", "(a%b)**2")]
    [DataRow("2**(a % b)", "2**(a%b)")]
    [DataRow("\u03c3_ext*(\u03c4_e + m_\u221e)", "\u03c3_ext*(\u03c4_e + m_\u221e)")]
    public void PrintsWithMinimalParentheses(string text, string expected)
    {
        var parsed = ExpressionParser.Parse(text);
        var printed = PyRatesPrinter.Print(parsed);

        Assert.AreEqual(expected, printed);
        Assert.AreEqual(parsed, ExpressionParser.Parse(printed), "parsing the printed text must give back the same tree");
    }

    [TestMethod]
    [DynamicData(nameof(TvboRightHandSides.Rows), typeof(TvboRightHandSides))]
    public void PrintsTvboRightHandSidesExactlyAsSympyWroteThem(string text)
    {
        Assert.AreEqual(text, PyRatesPrinter.PrintPython(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    public void RoundTripsRandomTrees()
    {
        var random = new Random(20251101);
        for (var i = 0; i < 2000; i++)
        {
            var tree = RandomExpressions.Next(random, depth: 5, withPiecewise: false);
            var printed = PyRatesPrinter.Print(tree);

            Assert.AreEqual(tree, ExpressionParser.Parse(printed), printed);
        }
    }

    [TestMethod]
    public void RoundTripsRandomTreesWithPiecewiseThroughPython()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var tree = RandomExpressions.Next(random, depth: 4, withPiecewise: true);
            var printed = PyRatesPrinter.PrintPython(tree);

            Assert.AreEqual(tree, ExpressionParser.Parse(printed), printed);
        }
    }

    [TestMethod]
    [DataRow("Piecewise((1, x < 0 & x > -1), (0, True))", "Piecewise((1, (x < 0) & (x > -1)), (0, True))")]
    [DataRow("Piecewise((1, ((x < 0)) | (((y > 1) & (z > 2)))), (0, True))", "Piecewise((1, (x < 0) | ((y > 1) & (z > 2))), (0, True))")]
    [DataRow("Piecewise((1, ((x + 1) < y)), (0, True))", "Piecewise((1, x + 1 < y), (0, True))")]
    public void PrintsCompoundConditionsAsSympyDoes(string text, string expected)
    {
        var parsed = ExpressionParser.Parse(text);
        var printed = PyRatesPrinter.PrintPython(parsed);

        Assert.AreEqual(expected, printed);
        Assert.AreEqual(parsed, ExpressionParser.Parse(printed));
    }

    [TestMethod]
    public void PrintsModuloForPyRates()
    {
        Assert.AreEqual("x%2 + y", PyRatesPrinter.Print(new BinaryExpr(BinaryOperator.Add,
            new BinaryExpr(BinaryOperator.Modulo, new SymbolExpr("x"), new NumberExpr(2, "2")), new SymbolExpr("y"))));
    }

    [TestMethod]
    public void RenamesSymbols()
    {
        var parsed = ExpressionParser.Parse("d*(V**2*c - W*beta + a)/tau + gamma*pi");
        var asked = new List<string>();

        var printed = PyRatesPrinter.Print(parsed, name =>
        {
            asked.Add(name);
            return name is "beta" or "gamma" or "pi" ? name + "_" : name;
        });

        Assert.AreEqual("d*(V**2*c - W*beta_ + a)/tau + gamma_*pi_", printed);
        CollectionAssert.AreEqual(new[] { "d", "V", "c", "W", "beta", "a", "tau", "gamma", "pi" }, asked);
    }

    [TestMethod]
    public void RefusesPiecewiseNamingIt()
    {
        var parsed = ExpressionParser.Parse("2*Piecewise((x, x < 0), (-x, True)) + y");

        var error = Assert.ThrowsExactly<TvboException>(() => PyRatesPrinter.Print(parsed));

        Assert.Contains("Piecewise has no PyRates equation form", error.Message);
        Assert.Contains("Piecewise((x, x < 0), (-x, True))", error.Message);
    }

    [TestMethod]
    public void PrintsPiecewiseAsSympyDoes()
    {
        var parsed = ExpressionParser.Parse("Piecewise(( x0+3.0/(exp((-x1-1*0.5)/0.1)+1.0) , modification>0 ),(zcond+4*(-x0+x1),True))");

        Assert.AreEqual(
            "Piecewise((x0 + 3.0/(exp((-x1 - 1*0.5)/0.1) + 1.0), modification > 0), (zcond + 4*(-x0 + x1), True))",
            PyRatesPrinter.PrintPython(parsed));
    }

    [TestMethod]
    [DataRow("Piecewise((1, a <= b), (2, a >= b), (3, a == b), (4, a != b), (5, a > b), (6, a < b), (7, False))")]
    [DataRow("Piecewise((a, (t >= t0) & (t < t0 + d)), (0.0, True))")]
    [DataRow("Piecewise((1, (x < 0) | (x > 1)), (0, True))")]
    [DataRow("Piecewise((1, (a < 1) & (b < 2) & (c < 3)), (2, (a < 1) | (b < 2) | (c < 3)), (0, True))")]
    [DataRow("Piecewise((1, (a < 1) | ((b < 2) & (c < 3))), (0, True))")]
    [DataRow("Piecewise((1, ((a < 1) | (b < 2)) & (c < 3)), (0, True))")]
    [DataRow("Piecewise((1, (a < 1) & ((b < 2) & (c < 3))), (0, True))")]
    [DataRow("Piecewise((1, (a < 1) | ((b < 2) | (c < 3))), (0, True))")]
    [DataRow("Piecewise((1, (x < 1) & True), (0, True))")]
    [DataRow("Piecewise((x%2, (\u03c3_ext >= 0) & (m_\u221e < 1)), (0, True))")]
    public void PrintsEveryComparison(string text)
    {
        Assert.AreEqual(text, PyRatesPrinter.PrintPython(ExpressionParser.Parse(text)));
    }
}
