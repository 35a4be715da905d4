using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class ExpressionEvaluatorTests
{
    private static readonly Dictionary<string, double> Values = new()
    {
        ["x"] = 3,
        ["y"] = -2,
        ["a"] = 10,
        ["b"] = 3,
        ["c"] = 2,
    };

    [TestMethod]
    [DataRow("2**3**2", 512.0)]
    [DataRow("(2**3)**2", 64.0)]
    [DataRow("-2**2", -4.0)]
    [DataRow("(-2)**2", 4.0)]
    [DataRow("2**-1", 0.5)]
    [DataRow("2**-x**2", 0.001953125)]
    [DataRow("-x**2", -9.0)]
    [DataRow("a-b-c", 5.0)]
    [DataRow("a-(b-c)", 9.0)]
    [DataRow("12/3/2", 2.0)]
    [DataRow("12/(3/2)", 8.0)]
    [DataRow("12/3*2", 8.0)]
    [DataRow("--x", 3.0)]
    [DataRow("-+-x", 3.0)]
    [DataRow("a + b*c", 16.0)]
    [DataRow("x**0", 1.0)]
    [DataRow("4**0.5", 2.0)]
    [DataRow("exp(0) + log(1) + sqrt(16)", 5.0)]
    [DataRow("abs(y) + sign(y)", 1.0)]
    [DataRow("sin(0) + cos(0) + tan(0) + sinh(0) + cosh(0) + tanh(0)", 2.0)]
    [DataRow("arcsin(1) - arccos(0) + arctan(0)", 0.0)]
    [DataRow("Piecewise((1, x < 0), (2, x < 5), (3, True))", 2.0)]
    [DataRow("Piecewise((1, x <= 3), (2, True))", 1.0)]
    [DataRow("Piecewise((1, x > 3), (2, x >= 3))", 2.0)]
    [DataRow("Piecewise((1, x == 3), (2, True))", 1.0)]
    [DataRow("Piecewise((1, x != 3), (2, False), (4, True))", 4.0)]
    [DataRow("2 + 7 % 4*2", 8.0)]
    [DataRow("-7 % 4", 1.0)]
    [DataRow("-(7 % 4)", -3.0)]
    [DataRow("a % b % c", 1.0)]
    [DataRow("a % (b % c)", 0.0)]
    [DataRow("x % b**2", 3.0)]
    [DataRow("Piecewise((1, (x > 0) & (x < 5)), (0, True))", 1.0)]
    [DataRow("Piecewise((1, (x > 0) & (x < 2)), (0, True))", 0.0)]
    [DataRow("Piecewise((1, (x < 0) | (y < 0)), (0, True))", 1.0)]
    [DataRow("Piecewise((1, (x < 0) | (y > 0)), (0, True))", 0.0)]
    [DataRow("Piecewise((1, (x < 0) | (x > 1) & (y > 0)), (0, True))", 0.0)]
    [DataRow("Piecewise((1, (x < 0) | (x > 1) & (y < 0)), (0, True))", 1.0)]
    [DataRow("Piecewise((1, ((x < 0) | (x > 1)) & (y < 0)), (0, True))", 1.0)]
    [DataRow("Piecewise((1, (x > 1) & (y < 0) & (a == 10) & (b != 3)), (2, True))", 2.0)]
    [DataRow("Piecewise((1, (x > 5) | (y > 5) | (a > 5)), (2, True))", 1.0)]
    [DataRow("Piecewise((1, (x > 5) | True), (2, True))", 1.0)]
    [DataRow("Piecewise((1, (x > 1) & False), (2, True))", 2.0)]
    [DataRow("Piecewise((x % 2, (x % 2 > 0.5) & (x % 2 < 1.5)), (0, True))", 1.0)]
    public void Evaluates(string text, double expected)
    {
        Assert.AreEqual(expected, ExpressionEvaluator.Evaluate(ExpressionParser.Parse(text), name => Values[name]));
    }

    [TestMethod]
    // Python: 5.5 % 2, -5.5 % 2, 5.5 % -2, -5.5 % -2, and the sign of zero results
    [DataRow(5.5, 2.0, 1.5)]
    [DataRow(-5.5, 2.0, 0.5)]
    [DataRow(5.5, -2.0, -0.5)]
    [DataRow(-5.5, -2.0, -1.5)]
    [DataRow(7.0, 7.0, 0.0)]
    [DataRow(-7.0, 7.0, 0.0)]
    [DataRow(7.0, -7.0, -0.0)]
    [DataRow(-7.0, -7.0, -0.0)]
    [DataRow(0.0, 2.0, 0.0)]
    [DataRow(-0.0, 2.0, 0.0)]
    [DataRow(0.0, -2.0, -0.0)]
    [DataRow(-0.0, -2.0, -0.0)]
    [DataRow(-1e-20, 2.0, 2.0)]
    [DataRow(1e-20, -2.0, -2.0)]
    [DataRow(0.1, 0.01, 3.469446951953614e-18)]
    [DataRow(-0.1, 0.01, 0.009999999999999997)]
    [DataRow(1e300, 3.0, 0.0)]
    [DataRow(-1e300, 3.0, 0.0)]
    [DataRow(-1e300, -3.0, -0.0)]
    [DataRow(5.0, double.PositiveInfinity, 5.0)]
    [DataRow(-5.0, double.PositiveInfinity, double.PositiveInfinity)]
    [DataRow(5.0, double.NegativeInfinity, double.NegativeInfinity)]
    [DataRow(-5.0, double.NegativeInfinity, -5.0)]
    public void ComputesPythonModulo(double a, double b, double expected)
    {
        var values = new Dictionary<string, double> { ["a"] = a, ["b"] = b };
        var actual = ExpressionEvaluator.Evaluate(ExpressionParser.Parse("a % b"), name => values[name]);

        Assert.AreEqual(expected, actual, $"{a} % {b}");
        Assert.AreEqual(double.IsNegative(expected), double.IsNegative(actual), $"the sign of {a} % {b}");
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ExpressionEvaluator.Modulo(a, b)));
    }

    [TestMethod]
    [DataRow(1.0, 0.0)]
    [DataRow(-1.0, -0.0)]
    [DataRow(0.0, 0.0)]
    [DataRow(double.PositiveInfinity, 2.0)]
    [DataRow(double.NegativeInfinity, -2.0)]
    [DataRow(double.NaN, 2.0)]
    [DataRow(2.0, double.NaN)]
    public void GivesNaNForModuloByZeroAndOfInfinityOrNaN(double a, double b)
    {
        var values = new Dictionary<string, double> { ["a"] = a, ["b"] = b };

        Assert.IsTrue(double.IsNaN(ExpressionEvaluator.Evaluate(ExpressionParser.Parse("a % b"), name => values[name])), $"{a} % {b}");
    }

    [TestMethod]
    public void TreatsCompoundConditionsWithNaNAsFalse()
    {
        var value = ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Piecewise((1, (x < 0) | (x >= 0)), (2, (x != x) & (x == x)), (3, True))"), _ => double.NaN);

        Assert.AreEqual(3.0, value);
    }

    [TestMethod]
    public void EvaluatesABareLogicalExpressionAsOneOrZero()
    {
        var inside = new LogicalExpr(LogicalOperator.And,
            new ComparisonExpr(ComparisonOperator.Greater, new SymbolExpr("x"), new NumberExpr(0, "0")),
            new ComparisonExpr(ComparisonOperator.Less, new SymbolExpr("x"), new NumberExpr(4, "4")));

        Assert.AreEqual(1.0, ExpressionEvaluator.Evaluate(inside, name => Values[name]));
        Assert.AreEqual(0.0, ExpressionEvaluator.Evaluate(inside with { Right = new BooleanExpr(false) }, name => Values[name]));
        Assert.AreEqual(1.0, ExpressionEvaluator.Evaluate(inside with { Operator = LogicalOperator.Or, Right = new BooleanExpr(false) }, name => Values[name]));
    }

    [TestMethod]
    public void GivesNaNWhenNoPiecewiseCaseHolds()
    {
        var value = ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Piecewise((1, x > 5), (2, x < 0))"), name => Values[name]);

        Assert.IsTrue(double.IsNaN(value));
    }

    [TestMethod]
    public void TreatsComparisonsWithNaNAsFalse()
    {
        var value = ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Piecewise((1, x < 0), (2, x >= 0), (3, True))"), _ => double.NaN);

        Assert.AreEqual(3.0, value);
    }

    [TestMethod]
    public void EvaluatesOnlyTheChosenCase()
    {
        var asked = new List<string>();
        ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Piecewise((p, x < 0), (q, True))"), name =>
        {
            asked.Add(name);
            return 1;
        });

        CollectionAssert.AreEqual(new[] { "x", "q" }, asked);
    }

    [TestMethod]
    public void ComputesSmallIntegerPowersByMultiplication()
    {
        var x = 1.1;
        Func<string, double> lookup = _ => x;
        var expected = 1.0;
        for (var n = 0; n <= ExpressionEvaluator.MaxExponentByMultiplication; n++)
        {
            Assert.AreEqual(expected, ExpressionEvaluator.Evaluate(ExpressionParser.Parse($"x**{n}"), lookup), $"x**{n}");
            expected *= x;
        }

        Assert.AreEqual(x * x * x * x * x * x * x, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("x**7.0"), lookup));
        Assert.AreEqual(Math.Pow(x, 17), ExpressionEvaluator.Evaluate(ExpressionParser.Parse("x**17"), lookup));
        Assert.AreEqual(Math.Pow(x, 2.5), ExpressionEvaluator.Evaluate(ExpressionParser.Parse("x**2.5"), lookup));
        Assert.AreEqual(1.0, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("x**0"), _ => double.NaN));
    }

    [TestMethod]
    public void AsksTheLookupForConstantsSoModelSymbolsWin()
    {
        var expression = ExpressionParser.Parse("pi*e");

        var constants = ExpressionEvaluator.Evaluate(expression, name => Functions.Constants[name]);
        var overridden = ExpressionEvaluator.Evaluate(expression, name => name == "e" ? 2 : Functions.Constants[name]);

        Assert.AreEqual(Math.PI * Math.E, constants);
        Assert.AreEqual(Math.PI * 2, overridden);
    }

    [TestMethod]
    public void EvaluatesRealModelRightHandSides()
    {
        double a = 270, b = 108, d = 0.154, x = 0.5;
        var wongWang = ExpressionParser.Parse("(a*x - b)/(1 - exp(-d*(a*x - b)))");
        var wongWangValues = new Dictionary<string, double> { ["a"] = a, ["b"] = b, ["d"] = d, ["x"] = x };

        Assert.AreEqual((a * x - b) / (1 - Math.Exp(-d * (a * x - b))), ExpressionEvaluator.Evaluate(wongWang, n => wongWangValues[n]));

        var epileptor = ExpressionParser.Parse("Piecewise((a*x1**2 + x1*(-b + d), x1 < 0), (d*x1 - slope - 0.6*(z - 4.0)**2, True))");
        var values = new Dictionary<string, double> { ["a"] = 1, ["b"] = 3, ["d"] = 5, ["slope"] = 0.5, ["z"] = 3 };
        values["x1"] = -1.5;
        Assert.AreEqual((1 * 1.5 * 1.5) + (-1.5 * (-3 + 5)), ExpressionEvaluator.Evaluate(epileptor, n => values[n]));
        values["x1"] = 1.5;
        Assert.AreEqual((5 * 1.5) - 0.5 - (0.6 * (3 - 4.0) * (3 - 4.0)), ExpressionEvaluator.Evaluate(epileptor, n => values[n]));

        var jansenRit = ExpressionParser.Parse("2.0*nu_max/(exp(r*(-J*a_1*y0 + v0)) + 1.0)");
        var jr = new Dictionary<string, double> { ["nu_max"] = 0.0025, ["r"] = 0.56, ["J"] = 135, ["a_1"] = 1, ["y0"] = 0.01, ["v0"] = 6 };
        Assert.AreEqual(2.0 * 0.0025 / (Math.Exp(0.56 * ((-135 * 1 * 0.01) + 6)) + 1.0), ExpressionEvaluator.Evaluate(jansenRit, n => jr[n]));
    }

    [TestMethod]
    public void EvaluatesABareComparisonAsOneOrZero()
    {
        var less = new ComparisonExpr(ComparisonOperator.Less, new SymbolExpr("x"), new NumberExpr(4, "4"));

        Assert.AreEqual(1.0, ExpressionEvaluator.Evaluate(less, name => Values[name]));
        Assert.AreEqual(0.0, ExpressionEvaluator.Evaluate(less with { Operator = ComparisonOperator.Greater }, name => Values[name]));
    }
}
