using Tvbo.TestSupport;
using Tvbo.Expressions;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class ExpressionParserTests
{
    [TestMethod]
    [DataRow("-x**2", "(- (** x 2))")]
    [DataRow("(-x)**2", "(** (- x) 2)")]
    [DataRow("2**-1", "(** 2 (- 1))")]
    [DataRow("2**-x**2", "(** 2 (- (** x 2)))")]
    [DataRow("2**3**2", "(** 2 (** 3 2))")]
    [DataRow("(a**b)**c", "(** (** a b) c)")]
    [DataRow("a**-b*c", "(* (** a (- b)) c)")]
    [DataRow("a-b-c", "(- (- a b) c)")]
    [DataRow("a-(b-c)", "(- a (- b c))")]
    [DataRow("a/b/c", "(/ (/ a b) c)")]
    [DataRow("a/b*c", "(* (/ a b) c)")]
    [DataRow("a/(b*c)", "(/ a (* b c))")]
    [DataRow("a + b*c", "(+ a (* b c))")]
    [DataRow("(a + b)*c", "(* (+ a b) c)")]
    [DataRow("a - b + c", "(+ (- a b) c)")]
    [DataRow("--x", "(- (- x))")]
    [DataRow("-+-x", "(- (+ (- x)))")]
    [DataRow("-a*b", "(* (- a) b)")]
    [DataRow("a*-b", "(* a (- b))")]
    [DataRow("a - -b", "(- a (- b))")]
    [DataRow("-exp(-x)**2", "(- (** (exp (- x)) 2))")]
    [DataRow("((x))", "x")]
    [DataRow("asin(x) + Abs(y) + atan(z)", "(+ (+ (arcsin x) (abs y)) (arctan z))")]
    [DataRow("a +\n   b*\tc", "(+ a (* b c))")]
    [DataRow("_x1 + x_1", "(+ _x1 x_1)")]
    [DataRow("Piecewise((x, x < 0), (-x, True))", "(Piecewise [x (< x 0)] [(- x) True])")]
    [DataRow("Piecewise((1, a <= b + 1), (2, a >= -b), (3, a == b), (4, a != b), (5, a > 2*b), (6, False))",
        "(Piecewise [1 (<= a (+ b 1))] [2 (>= a (- b))] [3 (== a b)] [4 (!= a b)] [5 (> a (* 2 b))] [6 False])")]
    [DataRow("2*Piecewise((x, x < 0), (0, True))**2", "(* 2 (** (Piecewise [x (< x 0)] [0 True]) 2))")]
    // % has the precedence and associativity of * and /
    [DataRow("a % b * c", "(* (% a b) c)")]
    [DataRow("a * b % c", "(% (* a b) c)")]
    [DataRow("a / b % c", "(% (/ a b) c)")]
    [DataRow("a % b % c", "(% (% a b) c)")]
    [DataRow("a % (b % c)", "(% a (% b c))")]
    [DataRow("a + b % c", "(+ a (% b c))")]
    [DataRow("(a + b) % c", "(% (+ a b) c)")]
    [DataRow("-a % b", "(% (- a) b)")]
    [DataRow("a % -b", "(% a (- b))")]
    [DataRow("a % b**2", "(% a (** b 2))")]
    // compound Piecewise conditions: & binds tighter than |, both left-associative
    [DataRow("Piecewise((a, (t >= t0) & (t < t0 + d)), (0.0, True))", "(Piecewise [a (& (>= t t0) (< t (+ t0 d)))] [0.0 True])")]
    [DataRow("Piecewise((1, (x < 0) | (x > 1)), (0, True))", "(Piecewise [1 (| (< x 0) (> x 1))] [0 True])")]
    [DataRow("Piecewise((1, (x < 0) | (x > 1) & (y == 2)), (0, True))", "(Piecewise [1 (| (< x 0) (& (> x 1) (== y 2)))] [0 True])")]
    [DataRow("Piecewise((1, (x < 0) & (x > 1) | (y == 2)), (0, True))", "(Piecewise [1 (| (& (< x 0) (> x 1)) (== y 2))] [0 True])")]
    [DataRow("Piecewise((1, ((x < 0) | (x > 1)) & (y == 2)), (0, True))", "(Piecewise [1 (& (| (< x 0) (> x 1)) (== y 2))] [0 True])")]
    [DataRow("Piecewise((1, (a < 1) & (b < 2) & (c < 3)), (0, True))", "(Piecewise [1 (& (& (< a 1) (< b 2)) (< c 3))] [0 True])")]
    [DataRow("Piecewise((1, (a < 1) | (b < 2) | (c < 3)), (0, True))", "(Piecewise [1 (| (| (< a 1) (< b 2)) (< c 3))] [0 True])")]
    [DataRow("Piecewise((1, (a < 1) & ((b < 2) & (c < 3))), (0, True))", "(Piecewise [1 (& (< a 1) (& (< b 2) (< c 3)))] [0 True])")]
    [DataRow("Piecewise((1, a < 1 & b >= -2 | c != 3), (0, True))", "(Piecewise [1 (| (& (< a 1) (>= b (- 2))) (!= c 3))] [0 True])")]
    [DataRow("Piecewise((1, (x < 1) & True), (0, False | (y > 0)))", "(Piecewise [1 (& (< x 1) True)] [0 (| False (> y 0))])")]
    [DataRow("Piecewise((1, ((x < 1))), (0, True))", "(Piecewise [1 (< x 1)] [0 True])")]
    [DataRow("Piecewise((1, (x + 1)*2 < y), (0, True))", "(Piecewise [1 (< (* (+ x 1) 2) y)] [0 True])")]
    [DataRow("Piecewise((1, (x + 1) < y), (0, True))", "(Piecewise [1 (< (+ x 1) y)] [0 True])")]
    [DataRow("Piecewise((1, ((x + 1) < y) & (y < (x + 2)*3)), (0, True))", "(Piecewise [1 (& (< (+ x 1) y) (< y (* (+ x 2) 3)))] [0 True])")]
    [DataRow("Piecewise((1, (Piecewise((x, x < 0), (0, True)) + 1) < 2), (0, True))",
        "(Piecewise [1 (< (+ (Piecewise [x (< x 0)] [0 True]) 1) 2)] [0 True])")]
    [DataRow("Piecewise((1, (x % 2 < 1) & (exp(y) > 2)), (0, True))", "(Piecewise [1 (& (< (% x 2) 1) (> (exp y) 2))] [0 True])")]
    // sympy's functions of TVBO's files: pow and Mod as operators, Eq/Ne/Lt/Le/Gt/Ge as comparisons, Max/Min of
    // several arguments nested, Heaviside(x) with its value 1/2 at 0
    [DataRow("pow(x, y + 1)", "(** x (+ y 1))")]
    [DataRow("Mod(-x, 2)", "(% (- x) 2)")]
    [DataRow("Piecewise((a, Eq(x, 0)), (b, Ne(x, 1) & Lt(x, 2) | Le(x, 3)), (c, Gt(x, 4) & Ge(x, 5)), (d, True))",
        "(Piecewise [a (== x 0)] [b (| (& (!= x 1) (< x 2)) (<= x 3))] [c (& (> x 4) (>= x 5))] [d True])")]
    [DataRow("Max(a, b, c) + min(a, b) + max(a, 1)", "(+ (+ (maximum (maximum a b) c) (minimum a b)) (maximum a 1))")]
    [DataRow("Heaviside(x) + Heaviside(x, 1) + heaviside(x, 0)", "(+ (+ (heaviside x 0.5) (heaviside x 1)) (heaviside x 0))")]
    [DataRow("atan2(y, x) + arctan2(x, y) + fmod(x, 3)", "(+ (+ (arctan2 y x) (arctan2 x y)) (fmod x 3))")]
    [DataRow("erf(x) + erfc(x) + floor(x) + ceiling(x) + ceil(x) + log10(x) + exp2(x)",
        "(+ (+ (+ (+ (+ (+ (erf x) (erfc x)) (floor x)) (ceil x)) (ceil x)) (log10 x)) (exp2 x))")]
    // Unicode names
    [DataRow("\u03c3_ext*\u03c4_e + m_\u221e - \u0394", "(- (+ (* \u03c3_ext \u03c4_e) m_\u221e) \u0394)")]
    [DataRow("h_\u221e**2 - x\u2032", "(- (** h_\u221e 2) x\u2032)")]
    [DataRow("\u03c4\u2080*exp(-\u03b8)", "(* \u03c4\u2080 (exp (- \u03b8)))")]
    [DataRow("e\u0301te + \U0001D465", "(+ e\u0301te \U0001D465)")]
    [DataRow("Piecewise((\u03c3, (\u03c3 >= 0) & (m_\u221e < 1)), (0, True))", "(Piecewise [\u03c3 (& (>= \u03c3 0) (< m_\u221e 1))] [0 True])")]
    public void ParsesWithPythonPrecedence(string text, string expected)
    {
        Assert.AreEqual(expected, SExpression.Show(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DataRow("1", 1.0)]
    [DataRow("2.5", 2.5)]
    [DataRow(".5", 0.5)]
    [DataRow("1.", 1.0)]
    [DataRow("1e-3", 0.001)]
    [DataRow("1.0E+05", 100000.0)]
    [DataRow("3.e2", 300.0)]
    [DataRow("007", 7.0)]
    public void ParsesNumbersKeepingTheirText(string text, double value)
    {
        var number = ExpressionParser.Parse(text) as NumberExpr;

        Assert.IsNotNull(number);
        Assert.AreEqual(value, number.Value);
        Assert.AreEqual(text, number.Text);
    }

    [TestMethod]
    public void BuildsTheExpectedTreeForVanDerPol()
    {
        var expected = new BinaryExpr(
            BinaryOperator.Subtract,
            new BinaryExpr(
                BinaryOperator.Multiply,
                new BinaryExpr(
                    BinaryOperator.Multiply,
                    new SymbolExpr("mu"),
                    new BinaryExpr(
                        BinaryOperator.Subtract,
                        new NumberExpr(1, "1"),
                        new BinaryExpr(BinaryOperator.Power, new SymbolExpr("x"), new NumberExpr(2, "2")))),
                new SymbolExpr("z")),
            new SymbolExpr("x"));

        Assert.AreEqual(expected, ExpressionParser.Parse("mu*(1 - x**2)*z - x"));
    }

    [TestMethod]
    public void BuildsPiecewiseCasesInOrder()
    {
        var parsed = ExpressionParser.Parse("Piecewise((-0.1*z**7, z < 0), (0, True))");

        var piecewise = parsed as PiecewiseExpr;
        Assert.IsNotNull(piecewise);
        Assert.HasCount(2, piecewise.Cases);
        Assert.AreEqual("(* (- 0.1) (** z 7))", SExpression.Show(piecewise.Cases[0].Value));
        Assert.AreEqual(new ComparisonExpr(ComparisonOperator.Less, new SymbolExpr("z"), new NumberExpr(0, "0")), piecewise.Cases[0].Condition);
        Assert.AreEqual(new NumberExpr(0, "0"), piecewise.Cases[1].Value);
        Assert.AreEqual(new BooleanExpr(true), piecewise.Cases[1].Condition);
    }

    [TestMethod]
    public void ListsFreeSymbolsOfAJansenRitSigmoid()
    {
        var parsed = ExpressionParser.Parse("2.0*nu_max/(exp(r*(-J*a_1*y0 + v0)) + 1.0)");

        CollectionAssert.AreEqual(new[] { "nu_max", "r", "J", "a_1", "y0", "v0" }, parsed.FreeSymbols().ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(TvboRightHandSides.Rows), typeof(TvboRightHandSides))]
    public void ParsesRealTvboRightHandSides(string text)
    {
        var parsed = ExpressionParser.Parse(text, "test");

        Assert.AreEqual(parsed, ExpressionParser.Parse(PyRatesPrinter.PrintPython(parsed)), "printing and parsing again changed the tree");
        Assert.IsNotEmpty(parsed.FreeSymbols());
    }

    [TestMethod]
    public void ParsesEveryRightHandSideOfTheTvboDatabaseModels()
    {
        var folder = SharedTvboModels.Folder();
        if (folder is null)
        {
            Assert.Inconclusive("The TVBO database models (../shared/tvbo-models) are not present.");
        }

        var files = Directory.GetFiles(folder, "*.yaml");
        Assert.HasCount(9, files);
        var parsedCount = 0;
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            foreach (var rhs in RightHandSides(yaml.Documents[0].RootNode))
            {
                var parsed = ExpressionParser.Parse(rhs, $"{Path.GetFileName(file)}");
                Assert.AreEqual(parsed, ExpressionParser.Parse(PyRatesPrinter.PrintPython(parsed)), $"{file}: {rhs}");
                parsedCount++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(40, parsedCount);
    }

    [TestMethod]
    public void ParsesTheSameTextTheSameWay()
    {
        const string Text = "c_e/(1.0 + exp(-a_e*(-b_e + x_e))) - 1.0*shift_sigmoid/(exp(a_e*b_e) + 1.0)";

        Assert.AreEqual(ExpressionParser.Parse(Text), ExpressionParser.Parse(Text));
        Assert.AreNotEqual(ExpressionParser.Parse(Text), ExpressionParser.Parse(Text.Replace("1.0 +", "1 +", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> RightHandSides(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "rhs" } && value is YamlScalarNode { Value: { } text })
                    {
                        yield return text;
                    }

                    foreach (var inner in RightHandSides(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var inner in sequence.Children.SelectMany(RightHandSides))
                {
                    yield return inner;
                }

                break;
        }
    }
}
