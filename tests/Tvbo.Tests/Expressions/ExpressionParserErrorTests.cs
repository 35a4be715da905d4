using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class ExpressionParserErrorTests
{
    [TestMethod]
    // unexpected character
    [DataRow("a $ b", 2, "unexpected character '$' at column 3; expressions consist of numbers, names")]
    [DataRow(". + 1", 0, "unexpected character '.' at column 1")]
    [DataRow("x = 1", 2, "unexpected '=' at column 3; an expression is a right-hand side only; write '=='")]
    [DataRow("x ! 1", 2, "unexpected '!' at column 3; write '!='")]
    // '^' used as power
    [DataRow("x^2", 1, "'^' is not the power operator at column 2; write '**' for a power, e.g. x**2")]
    // unexpected end of expression
    [DataRow("mu*(1 - x**2", 12, "unexpected end of expression at column 13; the '(' at column 4 is not closed: add ')'")]
    [DataRow("exp((a + b)", 11, "unexpected end of expression at column 12; the '(' of exp( at column 4 is not closed: add ')'")]
    [DataRow("Piecewise((x, x < 0)", 20, "unexpected end of expression at column 21; the '(' of Piecewise( at column 10 is not closed")]
    [DataRow("Piecewise((x, x < 0", 19, "unexpected end of expression at column 20; the '(' of the Piecewise case at column 11 is not closed")]
    [DataRow("a + ", 3, "unexpected end of expression at column 4; expected a number, a name, a function call such as exp(x), '(' or a sign after '+'")]
    [DataRow("Piecewise(", 10, "unexpected end of expression at column 11; expected a (value, condition) case")]
    // unexpected token
    [DataRow("a b", 2, "unexpected name 'b' at column 3; expected an operator (+ - * / % **) or the end of the expression")]
    [DataRow("a 2", 2, "unexpected number '2' at column 3")]
    [DataRow("(a))", 3, "unexpected ')' at column 4; there is no open '(' to close")]
    [DataRow("a * )", 4, "unexpected ')' at column 5; expected a number, a name, a function call such as exp(x), '(' or a sign after '*'")]
    [DataRow("*a", 0, "unexpected '*' at column 1; expected a number")]
    [DataRow("a,b", 1, "unexpected ',' at column 2; expected an operator")]
    [DataRow("(a b)", 3, "unexpected name 'b' at column 4; expected an operator or ')' to close the '(' at column 1")]
    [DataRow("a // b", 3, "unexpected '/' at column 4")]
    // empty expression
    [DataRow("", 0, "empty expression at column 1; write a formula")]
    [DataRow("  \t ", 0, "empty expression at column 1")]
    // unknown function
    [DataRow("foo(x)", 0, "unknown function 'foo' at column 1; valid functions are exp, log, sqrt, sin, cos, tan, sinh, cosh, tanh, arcsin, arccos, arctan, abs, sign, floor, ceil, log10, exp2, erf, erfc, arctan2, fmod, maximum, minimum, heaviside, pow, Mod, Eq, Ne, Lt, Le, Gt, Ge, Piecewise; for a product write foo*(...)")]
    [DataRow("2*Exp(x)", 2, "unknown function 'Exp' at column 3; valid functions are exp, log,")]
    [DataRow("2*Exp(x)", 2, "did you mean 'exp'?")]
    [DataRow("exp + 1", 0, "function 'exp' used without an argument at column 1; call it, e.g. exp(x)")]
    [DataRow("Piecewise", 0, "function 'Piecewise' used without an argument at column 1")]
    // wrong number of arguments
    [DataRow("exp()", 4, "missing argument to exp() at column 5; exp takes exactly one argument, e.g. exp(x)")]
    [DataRow("exp(x, y)", 5, "too many arguments to exp() at column 6; exp takes exactly one argument")]
    [DataRow("atan(y, x)", 6, "too many arguments to atan() at column 7")]
    [DataRow("atan2(y)", 7, "atan2() called with 1 argument at column 8; atan2 takes two arguments, e.g. atan2(a, b)")]
    [DataRow("fmod(a, b, c)", 9, "too many arguments to fmod() at column 10; fmod takes two arguments, e.g. fmod(a, b)")]
    [DataRow("erf(x, y)", 5, "too many arguments to erf() at column 6; erf takes exactly one argument, e.g. erf(x)")]
    [DataRow("Max(x)", 5, "Max() called with 1 argument at column 6; Max takes two or more arguments, e.g. Max(a, b)")]
    [DataRow("Heaviside(x, 0.5, 1)", 16, "too many arguments to Heaviside() at column 17; Heaviside takes one or two arguments, e.g. Heaviside(x) or Heaviside(x, h0)")]
    [DataRow("pow(x)", 5, "pow() called with 1 argument at column 6; pow takes two arguments, e.g. pow(a, b)")]
    [DataRow("Mod()", 4, "missing argument to Mod() at column 5; Mod takes two arguments")]
    [DataRow("Piecewise((1, Eq(x)), (0, True))", 18, "Eq() called with 1 argument at column 19; Eq takes two arguments, e.g. Eq(x, 0)")]
    [DataRow("Eq(x, 0) + 1", 0, "Eq(...) is a condition (Eq(a, b) is a == b) at column 1; use it as a Piecewise condition")]
    [DataRow("erf + 1", 0, "function 'erf' used without an argument at column 1")]
    // malformed Piecewise
    [DataRow("Piecewise()", 10, "Piecewise has no cases at column 11; write Piecewise((value, condition), ..., (value, True))")]
    [DataRow("Piecewise(x, x < 0)", 10, "Piecewise case is not a (value, condition) pair at column 11")]
    [DataRow("Piecewise((x), (y, True))", 12, "Piecewise case has a value but no condition at column 13")]
    [DataRow("Piecewise((x, x < 0, 1))", 19, "Piecewise case has more than two elements at column 20")]
    [DataRow("Piecewise((x, y))", 14, "Piecewise condition is not a comparison at column 15; write a comparison such as x < 0")]
    [DataRow("Piecewise((x, 0 < y < 1))", 20, "chained comparison '<' at column 21; compare two operands at a time and join the comparisons, e.g. (0 < y) & (y < 1)")]
    [DataRow("Piecewise((x, x < 0) (y, True))", 21, "unexpected '(' at column 22; expected ',' and another (value, condition) case, or ')'")]
    [DataRow("Piecewise((x y, True))", 13, "unexpected name 'y' at column 14; expected an operator, or ',' followed by the case's condition")]
    [DataRow("Piecewise((x, y z))", 16, "unexpected name 'z' at column 17; expected an operator or a comparison")]
    // comparison or boolean outside a Piecewise condition
    [DataRow("x < 0", 2, "comparison '<' outside a Piecewise condition at column 3; comparisons are only allowed as Piecewise conditions")]
    [DataRow("a <= b", 2, "comparison '<=' outside a Piecewise condition at column 3")]
    [DataRow("exp(x > 1)", 6, "comparison '>' outside a Piecewise condition at column 7")]
    [DataRow("Piecewise((x < 1, True))", 13, "comparison '<' outside a Piecewise condition at column 14")]
    [DataRow("True + 1", 0, "'True' outside a Piecewise condition at column 1; True and False are only allowed as the condition")]
    [DataRow("Piecewise((False, x < 0))", 11, "'False' outside a Piecewise condition at column 12")]
    // bad number literal
    [DataRow("1e", 2, "bad number literal '1e': the exponent has no digits at column 3; write the exponent as digits")]
    [DataRow("2*1e+ 3", 5, "bad number literal '1e+': the exponent has no digits at column 6")]
    [DataRow("1.2.3", 3, "bad number literal '1.2.3': a number has at most one decimal point at column 4")]
    [DataRow("1e5.2", 3, "bad number literal '1e5.2': the exponent must be a whole number at column 4")]
    [DataRow("3 + 2x", 5, "bad number literal '2x': a number cannot be followed directly by a name at column 6; names start with a letter or '_'; for a product write 2*x")]
    [DataRow("1e999", 0, "bad number literal '1e999': out of the range of a double at column 1")]
    [DataRow("2\u03c3", 1, "bad number literal '2\u03c3': a number cannot be followed directly by a name at column 2")]
    // non-ASCII operator look-alikes
    [DataRow("a \u2212 b", 2, "unexpected character '\u2212' (U+2212) at column 3; write the ASCII operator '-' instead")]
    [DataRow("a \u00d7 b", 2, "unexpected character '\u00d7' (U+00D7) at column 3; write the ASCII operator '*' instead")]
    [DataRow("a \u00b7 b", 2, "unexpected character '\u00b7' (U+00B7) at column 3; write the ASCII operator '*' instead")]
    [DataRow("a \u00f7 b", 2, "unexpected character '\u00f7' (U+00F7) at column 3; write the ASCII operator '/' instead")]
    [DataRow("Piecewise((1, x \u2264 0), (0, True))", 16, "unexpected character '\u2264' (U+2264) at column 17; write the ASCII operator '<=' instead")]
    [DataRow("Piecewise((1, x \u2265 0), (0, True))", 16, "unexpected character '\u2265' (U+2265) at column 17; write the ASCII operator '>=' instead")]
    [DataRow("Piecewise((1, x \u2260 0), (0, True))", 16, "unexpected character '\u2260' (U+2260) at column 17; write the ASCII operator '!=' instead")]
    [DataRow("\u03c3_ext\u2212x", 5, "unexpected character '\u2212' (U+2212) at column 6; write the ASCII operator '-' instead")]
    [DataRow("x\u00b2", 1, "unexpected character '\u00b2' (U+00B2) at column 2; a superscript is not a power; write '**', e.g. x**2")]
    [DataRow("\u221ax", 0, "unexpected character '\u221a' (U+221A) at column 1; write sqrt(x) for a square root")]
    [DataRow("a \u20ac b", 2, "unexpected character '\u20ac' (U+20AC) at column 3; expressions consist of numbers, names")]
    // & and | outside Piecewise conditions, malformed compound conditions
    [DataRow("a & b", 2, "'&' is not an arithmetic operator at column 3; '&' (and) and '|' (or) only join the comparisons of a Piecewise condition, e.g. Piecewise((1, (x > 0) & (x < 1)), (0, True))")]
    [DataRow("a | b", 2, "'|' is not an arithmetic operator at column 3")]
    [DataRow("exp(x & y)", 6, "'&' is not an arithmetic operator at column 7")]
    [DataRow("Piecewise((x & y, True))", 13, "'&' is not an arithmetic operator at column 14")]
    [DataRow("Piecewise((1, exp(x & y) < 1))", 20, "'&' is not an arithmetic operator at column 21")]
    [DataRow("Piecewise((1, (x & y) < 1))", 15, "Piecewise condition is not a comparison at column 16")]
    [DataRow("Piecewise((1, x < 0 && y > 1))", 20, "unexpected '&&' at column 21; write a single '&' to combine Piecewise conditions, e.g. (x > 0) & (x < 1)")]
    [DataRow("Piecewise((1, x < 0 || y > 1))", 20, "unexpected '||' at column 21; write a single '|'")]
    [DataRow("Piecewise((1, x < 0 & y), (0, True))", 22, "Piecewise condition is not a comparison at column 23")]
    [DataRow("Piecewise((1, y | x < 0), (0, True))", 14, "Piecewise condition is not a comparison at column 15")]
    [DataRow("Piecewise((1, (x < 0) & ), (0, True))", 24, "unexpected ')' at column 25; expected a number, a name, a function call such as exp(x), '(' or a sign after '&'")]
    [DataRow("Piecewise((1, (x < 0", 20, "unexpected end of expression at column 21; the '(' of the condition at column 15 is not closed: add ')'")]
    [DataRow("Piecewise((1, (x < 0) y), (0, True))", 22, "unexpected name 'y' at column 23; expected an operator, '&', '|' or ')' to close the '(' of the Piecewise case at column 11")]
    [DataRow("Piecewise((1, ((x < 0) y)), (0, True))", 23, "unexpected name 'y' at column 24; expected an operator, '&', '|' or ')' to close the '(' of the condition at column 15")]
    [DataRow("Piecewise((1, (x)), (0, True))", 15, "Piecewise condition is not a comparison at column 16")]
    public void ReportsTheProblemAndItsPosition(string text, int position, string expectedMessageStart)
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));

        Assert.AreEqual(position, error.Position, error.Message);
        Assert.AreEqual(position + 1, error.Column);
        Assert.AreEqual(text, error.Expression);
        Assert.Contains(expectedMessageStart, error.Message);
        var lines = error.Message.Split('\n');
        Assert.HasCount(3, lines, error.Message);
        Assert.AreEqual("  " + new string(' ', position) + "^", lines[2], "the caret must sit under the problem");
    }

    [TestMethod]
    public void PutsTheContextFirstAndShowsTheExpressionWithACaret()
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(
            () => ExpressionParser.Parse("mu*(1 - x**2", "state variable 'z' of model 'VdP'"));

        Assert.AreEqual(
            "state variable 'z' of model 'VdP': unexpected end of expression at column 13; the '(' at column 4 is not closed: add ')'\n"
            + "  mu*(1 - x**2\n"
            + "              ^",
            error.Message);
    }

    [TestMethod]
    public void ShowsAMultiLineExpressionOnOneLine()
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("a +\n\tb $ c"));

        Assert.AreEqual(
            "unexpected character '$' at column 8; expressions consist of numbers, names, + - * / % ** ( ) , and, in Piecewise conditions, < <= > >= == != & |\n"
            + "  a +  b $ c\n"
            + "         ^",
            error.Message);
    }

    [TestMethod]
    public void IsATvboException()
    {
        Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("x^2"));
        Assert.IsInstanceOfType<TvboException>(Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("x^2")));
    }

    [TestMethod]
    public void RejectsNullText()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => ExpressionParser.Parse(null!));
    }
}
