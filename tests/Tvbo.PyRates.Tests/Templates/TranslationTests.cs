using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Templates;

/// <summary>Text-level checks of the rewritings that make PyRates 1.2.3 accept every valid model (numbers, constant
/// right-hand sides, non-finite constants, builtin/dunder/non-ASCII names, compound conditions, <c>%</c>).</summary>
[TestClass]
public sealed class TranslationTests
{
    private static string[] Equations(PyRatesTemplate t) => TemplateEquations.Written(t);

    private static Dictionary<string, string> Variables(PyRatesTemplate t) => TemplateEquations.Variables(t);

    // A template's right-hand side of a model variable, helpers substituted back.
    private static string Inlined(PyRatesTemplate t, string yamlName) => TemplateEquations.Inlined(t)[yamlName];

    // The numbers of one right-hand side as ConstantRewriter writes them (before helpers are split off).
    private static string Numbers(string rhs) =>
        EquationPrinter.Print(new ConstantRewriter(s => s is "x" or "k", v => $"const({v})").Rewrite(ExpressionParser.Parse(rhs)), s => s);

    private static Dynamics OneState(string rhs, params (string Name, double Value)[] parameters)
    {
        var m = new Dynamics("T" + Math.Abs(rhs.GetHashCode()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in parameters)
        {
            m.AddParameter(name, value);
        }

        m.AddStateVariable("x", rhs, 0.5);
        return m;
    }

    [TestMethod]
    public void FitzHughNagumoLiteralsAreWrittenAsFloats()
    {
        var m = new Dynamics("FhnText");
        m.AddParameter("b", 0.2);
        m.AddParameter("I_ext", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddParameter("gamma_", 1.0);
        m.AddStateVariable("v", "v*(v - b)*(1 - v) - w + I_ext", 0.1);
        m.AddStateVariable("w", "eps*(v - gamma_*w)", 0.0);
        var t = PyRatesTemplateWriter.Create(m);
        Assert.AreEqual("v*(v - b)*(1.0 - v) - w + I_ext", Inlined(t, "v"));
        Assert.AreEqual("eps*(v - gamma_*w)", Inlined(t, "w"));
        CollectionAssert.AreEqual(
            new[] { "v_1 = v - b", "v_2 = v*v_1", "v_3 = 1.0 - v", "v_4 = v_2*v_3", "v_5 = v_4 - w", "rate_v = v_5 + I_ext", "w_1 = gamma_*w", "w_2 = v - w_1", "rate_w = eps*w_2", "d/dt * v = rate_v", "d/dt * w = rate_w" },
            Equations(t));
        Assert.IsTrue(TemplateEquations.OneOperationEach(t));
    }

    [TestMethod]
    [DataRow("2*x - 1", "2.0*x - 1.0")]
    [DataRow("x**2 + x**3 - x**16", "x**2 + x**3 - x**16")] // whole exponents 0..16 stay integers: numpy squares like native multiplies
    [DataRow("x**17 + x**2.5 + x**-2", "x**17.0 + x**2.5 + x**-2.0")]
    [DataRow("x/3 + x/2.5 - x/-4", "x/3 + x/const(2.5) - x/-4")] // whole divisors stay integers (sympy keeps x/3 an exact division); others are template constants
    [DataRow("1e-5*x + 1e22", "1.0e-05*x + 1.0e+22")]
    [DataRow("x*(1.0/3)", "x*0.3333333333333333")] // constant subexpressions computed in IEEE double, 17 digits
    [DataRow("x**(1/3)", "x**0.3333333333333333")]
    [DataRow("2*pi*x + pi", "6.283185307179586*x + pi")]
    [DataRow("e*x", "2.718281828459045*x")]
    [DataRow("exp(-1/0)*x", "0.0*x")] // intermediate infinities are IEEE, as in the native backend
    [DataRow("-x + 4", "-x + 4.0")]
    public void NumbersAreWrittenSoPyRatesComputesTheNativeArithmetic(string rhs, string expected)
    {
        Assert.AreEqual(expected, Numbers(rhs));
    }

    [TestMethod]
    public void NonFiniteConstantsAndZeroDivisorsBecomeTemplateConstants()
    {
        var m = new Dynamics("NonFinite");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "x/0 + k/-0.0", 0.5);
        m.AddStateVariable("y", "(-8)**(1.0/3)*y + log(0)*k + 1/0.0", 0.5);
        var t = PyRatesTemplateWriter.Create(m);
        Assert.AreEqual("x/const_zero + k/const_neg_zero", Inlined(t, "x"));
        Assert.AreEqual("const_nan*y_ + const_neg_inf*k + const_inf", Inlined(t, "y_"));
        var vars = Variables(t);
        Assert.AreEqual("0.0", vars["const_zero"]);
        Assert.AreEqual("-0.0", vars["const_neg_zero"]);
        Assert.AreEqual(".nan", vars["const_nan"]);
        Assert.AreEqual(".inf", vars["const_inf"]);
        Assert.AreEqual("-.inf", vars["const_neg_inf"]);
        CollectionAssert.AreEquivalent(new[] { "k", "x", "y" }, t.Parameters.Concat(t.StateVariables).ToArray());
        Assert.ThrowsExactly<ArgumentException>(() => t.PyRatesName("const_zero"), "template constants are not model symbols");
    }

    [TestMethod]
    public void TemplateConstantsDoNotCollideWithModelNames()
    {
        var m = new Dynamics("Collide");
        m.AddParameter("const_zero", 2.0);
        m.AddParameter("rate_t_", 3.0);
        m.AddStateVariable("x", "x/0 - const_zero*rate_t_", 0.5);
        m.AddStateVariable("t", "1", 0.0);
        var t = PyRatesTemplateWriter.Create(m);
        var eqs = Equations(t);
        Assert.AreEqual("x/const_zero_ - const_zero*rate_t_", Inlined(t, "x"));
        Assert.AreEqual("rate_t__ = 1.0", eqs[^3]);
        Assert.AreEqual("d/dt * t_ = rate_t__", eqs[^1]);
        var vars = Variables(t);
        Assert.AreEqual("2.0", vars["const_zero"]);
        Assert.AreEqual("0.0", vars["const_zero_"]);
        Assert.AreEqual("variable", vars["rate_t__"]);
    }

    [TestMethod]
    [DataRow("1", "1.0")]
    [DataRow("k - k", "k - k")]
    [DataRow("2*pi", "6.283185307179586")]
    [DataRow("pi", "pi")]
    public void ConstantRightHandSidesAreWrittenThroughADerivedVariable(string rhs, string expected)
    {
        var t = PyRatesTemplateWriter.Create(OneState(rhs, ("k", 0.5)));
        var eqs = Equations(t);
        CollectionAssert.AreEqual(new[] { $"rate_x = {expected}", "d/dt * x = rate_x" }, eqs);
        Assert.AreEqual("variable", Variables(t)["rate_x"]);
        Assert.AreEqual("output(0.5)", Variables(t)["x"]);
    }

    [TestMethod]
    [DataRow("(k - k)*x", "(k - k)*x")]
    [DataRow("x - x + 1", "x - x + 1.0")]
    [DataRow("-x", "-x")]
    [DataRow("k*x - x**2", "k*x - x*x")]
    public void EveryStateEquationIsARateOrASymbol(string rhs, string expected)
    {
        var t = PyRatesTemplateWriter.Create(OneState(rhs, ("k", 0.5)));
        Assert.AreEqual("d/dt * x = rate_x", Equations(t)[^1]);
        Assert.AreEqual(expected, Inlined(t, "x"));
        Assert.IsTrue(TemplateEquations.OneOperationEach(t));
    }

    [TestMethod]
    [DataRow("k")]
    [DataRow("x")]
    public void ASymbolRightHandSideIsWrittenDirectly(string rhs)
    {
        CollectionAssert.AreEqual(new[] { $"d/dt * x = {rhs}" }, Equations(PyRatesTemplateWriter.Create(OneState(rhs, ("k", 0.5)))));
    }

    [TestMethod]
    [DataRow("(c + x)/x", "(c + x)/x")]
    [DataRow("x**2 + x**3", "x*x + x*x*x")] // "Cannot convert expression to float" as one equation
    [DataRow("x**2/(c/(c + k))", "x*x/(c/(c + k))")]
    [DataRow("exp(x)*9/(x*c)", "exp(x)*9.0/(x*c)")]
    [DataRow("tanh(k)/(2*k) + x", "tanh(k)/(2.0*k) + x")]
    [DataRow("(k + x)*x**-2", "(k + x)*x**-2.0")]
    [DataRow("tanh(tanh(x))", "tanh(tanh(x))")] // "'numpy.ndarray' object is not callable" as one equation
    [DataRow("sin(x) + sin(sin(x))", "sin(x) + sin(sin(x))")]
    [DataRow("exp(exp(x)**2)", "exp(exp(x)*exp(x))")]
    [DataRow("(x % k) % c", "x%k%c")]
    [DataRow("x**0 + x**1 + +x", "1.0 + x + x")]
    public void EveryEquationIsOneOperation(string rhs, string inlined)
    {
        var m = new Dynamics("Split");
        m.AddParameter("k", 0.5);
        m.AddParameter("c", 0.7);
        m.AddStateVariable("x", rhs, 0.5);
        var t = PyRatesTemplateWriter.Create(m);
        Assert.IsTrue(TemplateEquations.OneOperationEach(t), string.Join(" | ", Equations(t)));
        Assert.AreEqual(inlined, Inlined(t, "x"));
        Assert.IsTrue(Equations(t).Where(e => e.StartsWith("x_", StringComparison.Ordinal)).All(e => Variables(t)[e.Split(" = ")[0]] == "variable"));
    }

    [TestMethod]
    public void WholePowersAreRepeatedMultiplications()
    {
        var t = PyRatesTemplateWriter.Create(OneState("x**4"));
        CollectionAssert.AreEqual(new[] { "x_1 = x*x", "x_2 = x_1*x", "rate_x = x_2*x", "d/dt * x = rate_x" }, Equations(t));
    }

    [TestMethod]
    public void EqualSubtreesShareOneHelper()
    {
        var m = new Dynamics("Shared");
        m.AddParameter("c", 0.7);
        m.AddStateVariable("x", "(c + x)/x + (c + x)/x**2", 0.5);
        CollectionAssert.AreEqual(
            new[] { "x_1 = c + x", "x_2 = x_1/x", "x_3 = x*x", "x_4 = x_1/x_3", "rate_x = x_2 + x_4", "d/dt * x = rate_x" },
            Equations(PyRatesTemplateWriter.Create(m)));
    }

    [TestMethod]
    public void ModuloIsWrittenAsRemainder()
    {
        var m = new Dynamics("ModText");
        m.AddParameter("k", 0.7);
        m.AddStateVariable("x", "x % k + 2*((x - 1) % (k % 0.3)) - 3 % k", 0.5);
        Assert.AreEqual("remainder(x, k) + 2.0*remainder(x - 1.0, remainder(k, 0.3)) - remainder(3.0, k)", Numbers("x % k + 2*((x - 1) % (k % 0.3)) - 3 % k"));

        var t = PyRatesTemplateWriter.Create(m);
        Assert.IsTrue(Equations(t).Contains("x_1 = remainder(x, k)"), string.Join(" | ", Equations(t)));
        Assert.AreEqual("x%k + 2.0*((x - 1.0)%(k%0.3)) - 3.0%k", Inlined(t, "x"));
        Assert.IsTrue(TemplateEquations.OneOperationEach(t));

        // Built as a tree too (whatever the parser accepts), and constant ones are computed like Python's %.
        var tree = new BinaryExpr(BinaryOperator.Modulo, new NumberExpr(-5.5, "-5.5"), new NumberExpr(2, "2"));
        Assert.AreEqual(0.5, ExpressionEvaluator.Evaluate(tree, _ => 0));
        Assert.AreEqual("x + 0.5", Numbers("x + (-5.5) % 2"));
    }

    [TestMethod]
    public void CompoundConditionsBecomeNumpysLogicalFunctions()
    {
        var m = new Dynamics("AndOr");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "Piecewise((a, (x > 0) & (x < 1)), (-a, (x < -2) | (x >= 3)), (0, True))", 0.5);
        var t = PyRatesTemplateWriter.Create(m);
        var rhs = string.Join("\n", Equations(t));
        Assert.IsFalse(rhs.Contains('&', StringComparison.Ordinal), rhs);
        Assert.IsFalse(rhs.Contains('|', StringComparison.Ordinal), rhs);
        Assert.IsFalse(rhs.Contains("Piecewise", StringComparison.Ordinal), rhs);
        foreach (var call in new[] { "logical_and(", "logical_or(", "greater(", "less(", "greater_equal(", "where(" })
        {
            StringAssert.Contains(rhs, call);
        }

        Assert.IsTrue(TemplateEquations.OneOperationEach(t));

        // What the template computes equals the Piecewise on both sides of every boundary.
        var piecewise = ExpressionParser.Parse("Piecewise((a, (x > 0) & (x < 1)), (-a, (x < -2) | (x >= 3)), (0, True))");
        var written = ExpressionParser.Parse(Inlined(t, "x"));
        foreach (var x in new[] { -3.0, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0, -0.0, 1e-300, double.NaN })
        {
            double Lookup(string s) => s == "x" ? x : 1.0;
            Assert.AreEqual(ExpressionEvaluator.Evaluate(piecewise, Lookup), ExpressionEvaluator.Evaluate(written, Lookup), $"x = {x}");
        }
    }

    [TestMethod]
    public void CompoundConditionsBuiltAsTreesWithBooleans()
    {
        var x = new SymbolExpr("x");
        var zero = new NumberExpr(0, "0");
        var condition = new LogicalExpr(
            LogicalOperator.Or,
            new LogicalExpr(LogicalOperator.And, new ComparisonExpr(ComparisonOperator.Greater, x, zero), new BooleanExpr(true)),
            new LogicalExpr(LogicalOperator.And, new BooleanExpr(false), new ComparisonExpr(ComparisonOperator.Less, x, zero)));
        var p = new PiecewiseExpr([new PiecewiseCase(new NumberExpr(5, "5"), condition), new PiecewiseCase(new NumberExpr(7, "7"), new BooleanExpr(true))]);
        var rewritten = PiecewiseRewriter.Rewrite(p, "test");
        Assert.AreEqual("Piecewise((5, x > 0), (7, True))", PyRatesPrinter.PrintPython(rewritten));
        foreach (var v in new[] { -1.0, 0.0, 1.0 })
        {
            Assert.AreEqual(ExpressionEvaluator.Evaluate(p, _ => v), ExpressionEvaluator.Evaluate(rewritten, _ => v), $"x = {v}");
        }
    }
}
