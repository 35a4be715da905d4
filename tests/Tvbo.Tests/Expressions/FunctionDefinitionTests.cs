using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class FunctionDefinitionTests
{
    /// <summary>ReducedWongWang's H(x), a two-argument G(x, y) = x*a - y (a is a model symbol) and a
    /// constant K() = a + 1.</summary>
    private static readonly Dictionary<string, FunctionDefinition> Functions = Library(
        Define("H", ["x"], "(a*x - b)/(1 - exp(-d*(a*x - b)))"),
        Define("G", ["x", "y"], "x*a - y"),
        Define("K", [], "a + 1"));

    [TestMethod]
    [DataRow("H(S_e)*2", "(a*S_e - b)/(1 - exp(-d*(a*S_e - b)))*2")]
    [DataRow("H(x + 1)", "(a*(x + 1) - b)/(1 - exp(-d*(a*(x + 1) - b)))")]
    [DataRow("G(u, v)", "u*a - v")]
    [DataRow("G(y, x)", "y*a - x")]
    [DataRow("G(a, x)", "a*a - x")]
    [DataRow("G(x, y)", "x*a - y")]
    [DataRow("-G(1, 2)**2", "-(1*a - 2)**2")]
    [DataRow("G(G(p, q), H(r))", "(p*a - q)*a - (a*r - b)/(1 - exp(-d*(a*r - b)))")]
    [DataRow("exp(G(x, Piecewise((1, (x > 0) & (x < 1)), (0, True))))", "exp(x*a - Piecewise((1, (x > 0) & (x < 1)), (0, True)))")]
    [DataRow("K()*2 + K( )", "(a + 1)*2 + (a + 1)")]
    [DataRow("Piecewise((G(x, 1), G(x, 1) > 0), (0, True))", "Piecewise((x*a - 1, x*a - 1 > 0), (0, True))")]
    public void InlinesCallsReplacingTheFormalsAllAtOnce(string text, string inlined)
    {
        var parsed = ExpressionParser.Parse(text, "test", Functions);

        Assert.AreEqual(ExpressionParser.Parse(inlined), parsed, PyRatesPrinter.PrintPython(parsed));
    }

    [TestMethod]
    public void KeepsTheBodysOtherSymbolsFree()
    {
        var parsed = ExpressionParser.Parse("G(x, 2)", null, Functions);

        CollectionAssert.AreEqual(new[] { "x", "a" }, parsed.FreeSymbols().ToArray());
    }

    [TestMethod]
    public void InlinesBodiesThatCallEarlierFunctions()
    {
        var functions = new Dictionary<string, FunctionDefinition>(Functions);
        var f = new FunctionDefinition("F", ["s", "t"], ExpressionParser.Parse("G(s, t)*H(t)", null, functions));
        functions.Add("F", f);

        var parsed = ExpressionParser.Parse("F(1, z)", null, functions);

        Assert.AreEqual(ExpressionParser.Parse("(1*a - z)*((a*z - b)/(1 - exp(-d*(a*z - b))))"), parsed);
    }

    [TestMethod]
    public void AcceptsUnicodeNames()
    {
        var functions = Library(Define("σ_f", ["τ", "θ_∞"], "1/(1 + exp(-(τ - θ_∞)/σ_ext))"));

        var parsed = ExpressionParser.Parse("σ_f(V_e, h_∞)", null, functions);

        Assert.AreEqual(ExpressionParser.Parse("1/(1 + exp(-(V_e - h_∞)/σ_ext))"), parsed);
    }

    [TestMethod]
    public void EvaluatesAsTheBodyWithTheArgumentsBound()
    {
        var values = new Dictionary<string, double> { ["a"] = 270, ["b"] = 108, ["d"] = 0.154, ["S"] = 0.3, ["I"] = 0.1 };
        var call = ExpressionParser.Parse("H(S + I)", null, Functions);
        var bound = new Dictionary<string, double>(values) { ["x"] = 0.3 + 0.1 };

        Assert.AreEqual(
            ExpressionEvaluator.Evaluate(Functions["H"].Body, n => bound[n]),
            ExpressionEvaluator.Evaluate(call, n => values[n]));
    }

    [TestMethod]
    public void ParsesLikeTheTwoArgumentOverloadWithoutFunctions()
    {
        const string Text = "mu*(1 - x**2)*z - x";

        Assert.AreEqual(ExpressionParser.Parse(Text), ExpressionParser.Parse(Text, null, null));
        Assert.AreEqual(ExpressionParser.Parse(Text), ExpressionParser.Parse(Text, null, new Dictionary<string, FunctionDefinition>()));
        Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("H(x)", null, null));
    }

    [TestMethod]
    [DataRow("H(x, y)", 0, "function 'H' takes 1 argument (x), got 2 at column 1; call it as H(x)")]
    [DataRow("2*G(1)", 2, "function 'G' takes 2 arguments (x, y), got 1 at column 3; call it as G(x, y)")]
    [DataRow("2*G()", 2, "function 'G' takes 2 arguments (x, y), got 0 at column 3; call it as G(x, y)")]
    [DataRow("G(1, 2, 3)", 0, "function 'G' takes 2 arguments (x, y), got 3 at column 1")]
    [DataRow("exp(G(H(1, 2), 3))", 6, "function 'H' takes 1 argument (x), got 2 at column 7")]
    [DataRow("K(1)", 0, "function 'K' takes no arguments, got 1 at column 1; call it as K()")]
    [DataRow("G + 1", 0, "function 'G' used without arguments at column 1; call it as G(x, y)")]
    [DataRow("G(x, y z)", 7, "unexpected name 'z' at column 8; expected an operator, ',' or ')' to close the '(' of G( at column 2")]
    [DataRow("G(x,)", 4, "unexpected ')' at column 5; expected a number, a name, a function call such as exp(x), '(' or a sign after ','")]
    [DataRow("G(x, y", 6, "unexpected end of expression at column 7; the '(' of G( at column 2 is not closed: add ')'")]
    [DataRow("foo(x)", 0, "unknown function 'foo' at column 1; valid functions are exp, log, sqrt, sin, cos, tan, sinh, cosh, tanh, arcsin, arccos, arctan, abs, sign, floor, ceil, log10, exp2, erf, erfc, arctan2, fmod, maximum, minimum, heaviside, pow, Mod, Eq, Ne, Lt, Le, Gt, Ge, Piecewise and the model's functions G, H, K; for a product write foo*(...)")]
    [DataRow("g(x, 1)", 0, "unknown function 'g' at column 1; valid functions are exp,")]
    [DataRow("g(x, 1)", 0, "and the model's functions G, H, K; did you mean 'G'?")]
    [DataRow("EXP(x)", 0, "did you mean 'exp'?")]
    public void ReportsBadCalls(string text, int position, string expected)
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(text, null, Functions));

        Assert.AreEqual(position, error.Position, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.AreEqual("  " + new string(' ', position) + "^", error.Message.Split('\n')[2]);
    }

    [TestMethod]
    public void PutsTheContextFirst()
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("G(1)", "state variable 'S' of model 'RWW'", Functions));

        Assert.AreEqual(
            "state variable 'S' of model 'RWW': function 'G' takes 2 arguments (x, y), got 1 at column 1; call it as G(x, y)\n  G(1)\n  ^",
            error.Message);
    }

    [TestMethod]
    public void RejectsAFunctionRegisteredUnderAnotherName()
    {
        var functions = new Dictionary<string, FunctionDefinition> { ["F"] = Functions["G"] };

        var error = Assert.ThrowsExactly<ArgumentException>(() => ExpressionParser.Parse("F(1, 2)", null, functions));

        Assert.Contains("'F' is named 'G'", error.Message);
    }

    [TestMethod]
    [DataRow("exp")]
    [DataRow("sin")]
    [DataRow("asin")]
    [DataRow("Abs")]
    [DataRow("abs")]
    [DataRow("sign")]
    [DataRow("Piecewise")]
    [DataRow("True")]
    [DataRow("False")]
    public void RejectsTheNameOfABuiltInFunctionOrKeyword(string name)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Define(name, ["x"], "x"));

        Assert.Contains($"Function name '{name}' is reserved", error.Message);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("2H")]
    [DataRow("H x")]
    [DataRow("H-1")]
    [DataRow("H\u2212")]
    [DataRow("H(x)")]
    public void RejectsAnInvalidName(string name)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Define(name, ["x"], "x"));

        Assert.Contains($"Function name '{name}' is not valid", error.Message);
    }

    [TestMethod]
    public void RejectsBadArguments()
    {
        Assert.Contains("argument name '1x' is not valid", Assert.ThrowsExactly<ArgumentException>(() => Define("H", ["1x"], "x")).Message);
        Assert.Contains("argument name 'x y' is not valid", Assert.ThrowsExactly<ArgumentException>(() => Define("H", ["x y"], "x")).Message);
        Assert.Contains("argument name 'exp' is reserved", Assert.ThrowsExactly<ArgumentException>(() => Define("H", ["exp"], "x")).Message);
        Assert.Contains("argument name 'True' is reserved", Assert.ThrowsExactly<ArgumentException>(() => Define("H", ["True"], "x")).Message);
        Assert.Contains("Function 'H': argument 'x' is listed twice", Assert.ThrowsExactly<ArgumentException>(() => Define("H", ["x", "y", "x"], "x")).Message);
        Assert.ThrowsExactly<ArgumentException>(() => new FunctionDefinition("H", [null!], new SymbolExpr("x")));
        Assert.ThrowsExactly<ArgumentNullException>(() => new FunctionDefinition(null!, ["x"], new SymbolExpr("x")));
        Assert.ThrowsExactly<ArgumentNullException>(() => new FunctionDefinition("H", null!, new SymbolExpr("x")));
        Assert.ThrowsExactly<ArgumentNullException>(() => new FunctionDefinition("H", ["x"], null!));
    }

    [TestMethod]
    public void ComparesByValueAndCopiesTheArguments()
    {
        var arguments = new List<string> { "x", "y" };
        var g = new FunctionDefinition("G", arguments, ExpressionParser.Parse("x*a - y"));
        arguments.Add("z");

        Assert.AreEqual(Functions["G"], g);
        Assert.AreEqual(Functions["G"].GetHashCode(), g.GetHashCode());
        Assert.AreNotEqual(Functions["G"], new FunctionDefinition("G", ["y", "x"], g.Body));
        Assert.AreEqual("G(x, y)", g.Signature);
        CollectionAssert.AreEqual(new[] { "x", "y" }, g.Arguments.ToArray());
        var (name, formals, body) = g;
        Assert.AreEqual("G", name);
        Assert.HasCount(2, formals);
        Assert.AreEqual(g.Body, body);
    }

    [TestMethod]
    public void AppliesToActualArguments()
    {
        var g = Functions["G"];

        Assert.AreEqual(ExpressionParser.Parse("y*a - x"), g.Apply([new SymbolExpr("y"), new SymbolExpr("x")]));
        Assert.ThrowsExactly<ArgumentException>(() => g.Apply([new SymbolExpr("y")]));
    }

    private static FunctionDefinition Define(string name, string[] arguments, string body) =>
        new(name, arguments, ExpressionParser.Parse(body));

    private static Dictionary<string, FunctionDefinition> Library(params FunctionDefinition[] definitions) =>
        definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
}
