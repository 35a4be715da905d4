using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.PyRates.Templates;

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
        Assert.IsFalse(PiecewiseRewriter.ContainsPiecewise(rewritten));
        var printed = PyRatesPrinter.Print(rewritten);
        StringAssert.Contains(printed, "sign(");
        foreach (var x in Points)
        {
            foreach (var (a, b) in new[] { (1.5, -2.25), (-7.0, 0.0), (1e10, 3e-7) })
            {
                double Lookup(string n) => n switch { "x" => x, "a" => a, "b" => b, _ => throw new ArgumentException(n) };
                var expected = ExpressionEvaluator.Evaluate(original, Lookup);
                var actual = ExpressionEvaluator.Evaluate(rewritten, Lookup);
                Assert.AreEqual(expected, actual, 0.0, $"{text} at x={x}, a={a}, b={b}: {printed}");

                // The printed text parses back to the same computation.
                var reparsed = ExpressionEvaluator.Evaluate(ExpressionParser.Parse(printed), Lookup);
                Assert.AreEqual(expected, reparsed, 0.0, $"{printed} reparsed");
            }
        }
    }

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
    public void TemplateOfAPiecewiseModelContainsNoPiecewise()
    {
        var m = new Dynamics("Pw2");
        m.AddParameter("k", 1.0);
        m.AddDerivedVariable("f", "Piecewise((k*x, x > 0), (0, True))");
        m.AddStateVariable("x", "-f + 0.5", 1.0);
        var yaml = PyRatesTemplateWriter.Write(m);
        var written = string.Join("\n", yaml.Split('\n').Where(l => !l.StartsWith('#'))); // comments repeat the model
        Assert.IsFalse(written.Contains("Piecewise", StringComparison.Ordinal), yaml);
        // Literals as floats, the whole divisor 2 as an integer (an exact division; see ConstantRewriter).
        Assert.AreEqual(
            "k*x*((sign(x) + sign(x)*sign(x))/2) + (1.0 - (sign(x) + sign(x)*sign(x))/2)*0.0",
            Tvbo.PyRates.Tests.Support.TemplateEquations.Inlined(PyRatesTemplateWriter.Create(m))["f"]);
        Assert.IsFalse(yaml.Contains("abs", StringComparison.Ordinal), "PyRates 1.2.3 cannot generate code for abs");
    }
}
