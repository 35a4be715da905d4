using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.PyRates.Templates;
using YamlDotNet.RepresentationModel;

namespace Tvbo.PyRates.Tests.Templates;

/// <summary>Text-level checks of the rewritings that make PyRates 1.2.3 accept every valid model (numbers, constant
/// right-hand sides, non-finite constants, builtin/dunder/non-ASCII names, compound conditions, <c>%</c>).</summary>
[TestClass]
public sealed class TranslationTests
{
    private static YamlMappingNode Operator(PyRatesTemplate t)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(t.Yaml));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)[t.OperatorName];
    }

    private static string[] Equations(PyRatesTemplate t) =>
        ((YamlSequenceNode)Operator(t)["equations"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    private static Dictionary<string, string> Variables(PyRatesTemplate t) =>
        ((YamlMappingNode)Operator(t)["variables"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    private static string Rhs(Dynamics m, int equation = 0) => Equations(PyRatesTemplateWriter.Create(m))[equation].Split(" = ", 2)[1];

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
        var eqs = Equations(PyRatesTemplateWriter.Create(m));
        Assert.AreEqual("d/dt * v = v*(v - b)*(1.0 - v) - w + I_ext", eqs[0]);
        Assert.AreEqual("d/dt * w = eps*(v - gamma_*w)", eqs[1]);
    }

    [TestMethod]
    [DataRow("2*x - 1", "2.0*x - 1.0")]
    [DataRow("x**2 + x**3 - x**16", "x**2 + x**3 - x**16")] // whole exponents 0..16 stay integers: numpy squares like native multiplies
    [DataRow("x**17 + x**2.5 + x**-2", "x**17.0 + x**2.5 + x**-2.0")]
    [DataRow("x/3 + x/2.5 - x/-4", "x/3 + x/2.5 - x/-4")] // whole divisors stay integers: sympy keeps x/3 an exact division
    [DataRow("1e-5*x + 1e22", "1.0e-05*x + 1.0e+22")]
    [DataRow("x*(1.0/3)", "x*0.3333333333333333")] // constant subexpressions computed in IEEE double, 17 digits
    [DataRow("x**(1/3)", "x**0.3333333333333333")]
    [DataRow("2*pi*x + pi", "6.283185307179586*x + pi")]
    [DataRow("e*x", "2.718281828459045*x")]
    [DataRow("exp(-1/0)*x", "0.0*x")] // intermediate infinities are IEEE, as in the native backend
    [DataRow("-x + 4", "-x + 4.0")]
    public void NumbersAreWrittenSoPyRatesComputesTheNativeArithmetic(string rhs, string expected)
    {
        Assert.AreEqual(expected, Rhs(OneState(rhs)));
    }

    [TestMethod]
    public void NonFiniteConstantsAndZeroDivisorsBecomeTemplateConstants()
    {
        var m = new Dynamics("NonFinite");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "x/0 + k/-0.0", 0.5);
        m.AddStateVariable("y", "(-8)**(1.0/3)*y + log(0)*k + 1/0.0", 0.5);
        var t = PyRatesTemplateWriter.Create(m);
        var eqs = Equations(t);
        Assert.AreEqual("d/dt * x = x/const_zero + k/const_neg_zero", eqs[0]);
        Assert.AreEqual("d/dt * y_ = const_nan*y_ + const_neg_inf*k + const_inf", eqs[1]);
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
        Assert.AreEqual("rate_t__ = 1.0", eqs[0]);
        Assert.AreEqual("d/dt * x = x/const_zero_ - const_zero*rate_t_", eqs[1]);
        Assert.AreEqual("d/dt * t_ = rate_t__", eqs[2]);
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
    [DataRow("(k - k)*x", "(k - k)*x")]
    [DataRow("x - x + 1", "x - x + 1.0")]
    public void ConstantRightHandSidesAreWrittenThroughADerivedVariable(string rhs, string expected)
    {
        var t = PyRatesTemplateWriter.Create(OneState(rhs, ("k", 0.5)));
        var eqs = Equations(t);
        CollectionAssert.AreEqual(new[] { $"rate_x = {expected}", "d/dt * x = rate_x" }, eqs);
        Assert.AreEqual("variable", Variables(t)["rate_x"]);
        Assert.AreEqual("output(0.5)", Variables(t)["x"]);
    }

    [TestMethod]
    [DataRow("k")]
    [DataRow("-x")]
    [DataRow("k*x - x**2")]
    [DataRow("sin(x) + k")]
    public void OtherRightHandSidesAreWrittenDirectly(string rhs)
    {
        var eqs = Equations(PyRatesTemplateWriter.Create(OneState(rhs, ("k", 0.5))));
        Assert.HasCount(1, eqs);
        StringAssert.StartsWith(eqs[0], "d/dt * x = ");
    }

    [TestMethod]
    public void ModuloIsWrittenAsRemainder()
    {
        var m = new Dynamics("ModText");
        m.AddParameter("k", 0.7);
        m.AddStateVariable("x", "x % k + 2*((x - 1) % (k % 0.3)) - 3 % k", 0.5);
        Assert.AreEqual(
            "d/dt * x = remainder(x, k) + 2.0*remainder(x - 1.0, remainder(k, 0.3)) - remainder(3.0, k)",
            Equations(PyRatesTemplateWriter.Create(m))[0]);

        // Built as a tree too (whatever the parser accepts), and constant ones are computed like Python's %.
        var tree = new BinaryExpr(BinaryOperator.Modulo, new NumberExpr(-5.5, "-5.5"), new NumberExpr(2, "2"));
        Assert.AreEqual(0.5, ExpressionEvaluator.Evaluate(tree, _ => 0));
        Assert.AreEqual("x + 0.5", Rhs(OneState("x + (-5.5) % 2")));
    }

    [TestMethod]
    public void CompoundConditionsBecomeProductsAndSumsOfIndicators()
    {
        var m = new Dynamics("AndOr");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "Piecewise((a, (x > 0) & (x < 1)), (-a, (x < -2) | (x >= 3)), (0, True))", 0.5);
        var rhs = Equations(PyRatesTemplateWriter.Create(m))[0];
        Assert.IsFalse(rhs.Contains('&', StringComparison.Ordinal), rhs);
        Assert.IsFalse(rhs.Contains('|', StringComparison.Ordinal), rhs);
        Assert.IsFalse(rhs.Contains("Piecewise", StringComparison.Ordinal), rhs);

        // The rewritten expression equals the Piecewise (exact 0/1 arithmetic) on both sides of every boundary.
        var piecewise = ExpressionParser.Parse("Piecewise((a, (x > 0) & (x < 1)), (-a, (x < -2) | (x >= 3)), (0, True))");
        var rewritten = PiecewiseRewriter.Rewrite(piecewise, "test");
        foreach (var x in new[] { -3.0, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0, -0.0, 1e-300 })
        {
            double Lookup(string s) => s == "x" ? x : 1.0;
            Assert.AreEqual(ExpressionEvaluator.Evaluate(piecewise, Lookup), ExpressionEvaluator.Evaluate(rewritten, Lookup), $"x = {x}");
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
        foreach (var v in new[] { -1.0, 0.0, 1.0 })
        {
            Assert.AreEqual(ExpressionEvaluator.Evaluate(p, _ => v), ExpressionEvaluator.Evaluate(rewritten, _ => v), $"x = {v}");
        }
    }
}
