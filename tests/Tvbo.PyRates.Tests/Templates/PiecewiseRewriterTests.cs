using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Templates;

[TestClass]
public sealed class PiecewiseRewriterTests
{
    private static readonly double[] Points = [-3, -1, -1e-300, -0.0, 0.0, 1e-300, 0.5, 1, 2, 3];

    [TestMethod]
    [DataRow("Piecewise((a, x > 0), (b, True))")]
    [DataRow("Piecewise((a, x >= 0), (b, True))")]
    [DataRow("Piecewise((a, x < 0), (b, True))")]
    [DataRow("Piecewise((a, x <= 0), (b, True))")]
    [DataRow("Piecewise((a, x == 1), (b, True))")]
    [DataRow("Piecewise((a, x != 1), (b, True))")]
    [DataRow("Piecewise((a, x < 1), (b, x < 2), (a*b, True))")]
    [DataRow("Piecewise((a, 2 > x), (b, True))")]
    [DataRow("Piecewise((a*x**2 + x*(-b + 1), x < 0), (b*x - 0.6*(a - 4.0)**2, True))")]
    [DataRow("1 + Piecewise((-0.1*x**7, x < 0), (0, True))")]
    [DataRow("Piecewise((a, False), (b, x > 0), (a + b, True), (7, x > 1))")]
    public void RewriteEqualsPiecewiseExactlyIncludingTheBoundary(string text)
    {
        var original = ExpressionParser.Parse(text);
        var rewritten = PiecewiseRewriter.Rewrite(original, "test");
        Assert.IsTrue(TwoCasesEach(rewritten), PyRatesPrinter.PrintPython(rewritten));
        var printed = EquationPrinter.Print(rewritten, s => s);
        StringAssert.Contains(printed, "where(");
        Assert.DoesNotContain("sign(", printed);

        // As the template writes it (one operation per equation), read back with the helpers substituted.
        var m = new Dynamics("Pw" + Math.Abs(text.GetHashCode()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        m.AddParameter("a", 1.0);
        m.AddParameter("b", 1.0);
        m.AddParameter("u", 1.0);
        m.AddDerivedVariable("f", text.Replace("x", "u", StringComparison.Ordinal));
        m.AddStateVariable("x", "f - x", 0.0);
        var template = PyRatesTemplateWriter.Create(m);
        Assert.IsTrue(TemplateEquations.OneOperationEach(template));
        var written = ExpressionParser.Parse(TemplateEquations.Inlined(template)["f"]);
        foreach (var x in Points.Append(double.NaN))
        {
            foreach (var (a, b) in new[] { (1.5, -2.25), (-7.0, 0.0), (1e10, 3e-7) })
            {
                double Lookup(string n) => n switch { "x" or "u" => x, "a" => a, "b" => b, _ => throw new ArgumentException(n) };
                var expected = ExpressionEvaluator.Evaluate(original, Lookup);
                Assert.AreEqual(expected, ExpressionEvaluator.Evaluate(rewritten, Lookup), 0.0, $"{text} at x={x}, a={a}, b={b}: {printed}");
                Assert.AreEqual(expected, ExpressionEvaluator.Evaluate(written, Lookup), 0.0, $"{text} at x={x}, a={a}, b={b}: template {written}");
            }
        }
    }

    [TestMethod]
    public void TrueAndFalseAreFoldedOutOfConditions()
    {
        Assert.AreEqual(
            "Piecewise((a, x > 0), (Piecewise((b, x < -1), (0, True)), True))",
            PyRatesPrinter.PrintPython(PiecewiseRewriter.Rewrite(ExpressionParser.Parse("Piecewise((a, (x > 0) & True), (7, False | False), (b, (x < -1) | False), (0, True))"), "test")));
        Assert.AreEqual("a", PyRatesPrinter.PrintPython(PiecewiseRewriter.Rewrite(ExpressionParser.Parse("Piecewise((a, (x > 0) | True), (b, True))"), "test")));
    }

    private static bool TwoCasesEach(Expr e) =>
        (e is not PiecewiseExpr p || (p.Cases.Count == 2 && p.Cases[1].Condition is BooleanExpr { Value: true } && p.Cases[0].Condition is not BooleanExpr))
        && e.Children.All(TwoCasesEach);

    [TestMethod]
    [DataRow("abs(x)")]
    [DataRow("abs(x - abs(a)) + 2*abs(b)")]
    [DataRow("sin(abs(x))**2")]
    public void AbsIsRewrittenExactlyAsAProductWithSign(string text)
    {
        var original = ExpressionParser.Parse(text);
        var rewritten = AbsRewriter.Rewrite(original);
        var printed = PyRatesPrinter.Print(rewritten);
        Assert.IsFalse(printed.Contains("abs", StringComparison.Ordinal), printed);
        foreach (var x in Points.Append(double.PositiveInfinity).Append(double.NegativeInfinity))
        {
            double Lookup(string n) => n switch { "x" => x, "a" => -2.5, "b" => -0.1, _ => throw new ArgumentException(n) };
            Assert.AreEqual(ExpressionEvaluator.Evaluate(original, Lookup), ExpressionEvaluator.Evaluate(rewritten, Lookup), 0.0, $"{printed} at x={x}");
        }
    }

    [TestMethod]
    public void PiecewiseWithoutFinalTrueCaseIsAClearError()
    {
        var m = new Dynamics("Pw");
        m.AddStateVariable("x", "Piecewise((1, x > 0), (2, x < -1))", 1.0);
        var ex = Assert.ThrowsExactly<PyRatesTranslationException>(() => PyRatesTemplateWriter.Write(m));
        StringAssert.Contains(ex.Message, "state variable 'x'");
        StringAssert.Contains(ex.Message, "Piecewise((1, x > 0), (2, x < -1))");
        StringAssert.Contains(ex.Message, "True");
        Assert.IsInstanceOfType<TvboException>(ex);
    }

    [TestMethod]
    public void TemplateWritesPiecewiseAsWhereOfAComparison()
    {
        var m = new Dynamics("Pw2");
        m.AddParameter("k", 1.0);
        m.AddDerivedVariable("f", "Piecewise((k*x, x > 0), (0, True))");
        m.AddStateVariable("x", "-f + 0.5", 1.0);
        var t = PyRatesTemplateWriter.Create(m);
        var written = TemplateEquations.Written(t);
        Assert.IsFalse(written.Any(e => e.Contains("Piecewise", StringComparison.Ordinal)), string.Join(" | ", written));
        CollectionAssert.IsSubsetOf(new[] { "f_1 = k*x", "f_2 = greater(x, 0.0)", "f = where(f_2, f_1, 0.0)" }, written, string.Join(" | ", written));
        Assert.AreEqual("Piecewise((k*x, x > 0.0), (0.0, True))", TemplateEquations.Inlined(t)["f"]);
        Assert.IsFalse(t.Yaml.Contains("abs", StringComparison.Ordinal), "PyRates 1.2.3 cannot generate code for abs");
    }
}
