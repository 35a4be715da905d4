using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class LatexPrinterTests
{
    [TestMethod]
    // the model report's equations
    [DataRow("z", "z")]
    [DataRow("mu*(1 - x**2)*z - x", @"\mu \left(1 - x^{2}\right) z - x")]
    [DataRow("Delta/(tau*pi) + 2*r*v", @"\frac{\Delta}{\tau \pi} + 2 r v")]
    [DataRow("v**2 + eta + J*r*tau - (pi*r*tau)**2", @"v^{2} + \eta + J r \tau - \left(\pi r \tau\right)^{2}")]
    [DataRow("-x**2", "-x^{2}")]
    [DataRow("(-x)**2", @"\left(-x\right)^{2}")]
    [DataRow("v - v**3/3 - w + I_ext", @"v - \frac{v^{3}}{3} - w + I_{ext}")]
    [DataRow("2.0*nu_max/(exp(r*(-J*a_1*y0 + v0)) + 1.0)",
        @"\frac{2.0 \nu_{max}}{\exp\left(r \left(-J a_{1} y_{0} + v_{0}\right)\right) + 1.0}")]
    [DataRow("H*gamma*(1 - S) - S/tau_s", @"H \gamma \left(1 - S\right) - \frac{S}{\tau_{s}}")]
    public void PrintsModelEquations(string text, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DataRow("mu", @"\mu")]
    [DataRow("eta", @"\eta")]
    [DataRow("beta", @"\beta")]
    [DataRow("zeta", @"\zeta")]
    [DataRow("theta", @"\theta")]
    [DataRow("Delta", @"\Delta")]
    [DataRow("tau", @"\tau")]
    [DataRow("lambda", @"\lambda")]
    [DataRow("lamda", @"\lambda")]
    [DataRow("omega", @"\omega")]
    [DataRow("Omega", @"\Omega")]
    [DataRow("phi", @"\phi")]
    [DataRow("alpha", @"\alpha")]
    [DataRow("gamma", @"\gamma")]
    [DataRow("Gamma", @"\Gamma")]
    [DataRow("sigma", @"\sigma")]
    [DataRow("Beta", @"\mathrm{B}")]
    [DataRow("pi", @"\pi")]
    [DataRow("e", "e")]
    [DataRow("betax", "betax")]
    [DataRow("Mu_x", @"\mathrm{M}_{x}")]
    [DataRow("a_1", "a_{1}")]
    [DataRow("tau_s", @"\tau_{s}")]
    [DataRow("I_ext", "I_{ext}")]
    [DataRow("nu_max", @"\nu_{max}")]
    [DataRow("delta_Ca", @"\delta_{Ca}")]
    [DataRow("x_alpha", @"x_{\alpha}")]
    [DataRow("sigma_y0_1", @"\sigma_{y0,1}")]
    [DataRow("local_coupling", "local_{coupling}")]
    [DataRow("y0", "y_{0}")]
    [DataRow("theta12", @"\theta_{12}")]
    [DataRow("x1cond", "x1cond")]
    [DataRow("a_", @"a\_")]
    [DataRow("_x", @"\_x")]
    [DataRow("\u03c3", "\u03c3")]
    [DataRow("\u0394", "\u0394")]
    [DataRow("\u03c3_ext", "\u03c3_{ext}")]
    [DataRow("\u03c4_e", "\u03c4_{e}")]
    [DataRow("m_\u221e", "m_{\u221e}")]
    [DataRow("h_\u221e", "h_{\u221e}")]
    [DataRow("\u03c40", "\u03c4_{0}")]
    [DataRow("\u03c3_y0_1", "\u03c3_{y0,1}")]
    [DataRow("x\u2032", "x\u2032")]
    public void PrintsSymbols(string name, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(new SymbolExpr(name)));
    }

    [TestMethod]
    [DataRow("2.5", "2.5")]
    [DataRow(".5", "0.5")]
    [DataRow("3.", "3.0")]
    [DataRow("1e-3", @"1 \cdot 10^{-3}")]
    [DataRow("1.0E+05", @"1.0 \cdot 10^{5}")]
    [DataRow("2.5e10", @"2.5 \cdot 10^{10}")]
    [DataRow("1e-03*x", @"1 \cdot 10^{-3} x")]
    [DataRow("(1e-3)**2", @"\left(1 \cdot 10^{-3}\right)^{2}")]
    [DataRow("2*3", @"2 \cdot 3")]
    [DataRow("x*2", @"x \cdot 2")]
    [DataRow("2*3**x", @"2 \cdot 3^{x}")]
    [DataRow("0.5*tanh(x)", @"0.5 \tanh\left(x\right)")]
    public void PrintsNumbersAndProducts(string text, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DataRow("a + -b", "a - b")]
    [DataRow("a - -b", "a + b")]
    [DataRow("a - +b", "a - b")]
    [DataRow("a + -(b + c)", @"a - \left(b + c\right)")]
    [DataRow("a - -(b + c)", "a + b + c")]
    [DataRow("a + (b + c)", "a + b + c")]
    [DataRow("a - (b - c)", @"a - \left(b - c\right)")]
    [DataRow("a - (-b)*c", @"a - \left(-b c\right)")]
    [DataRow("a*-b", @"a \left(-b\right)")]
    [DataRow("a*(b*c)", "a b c")]
    [DataRow("a*(b + c)", @"a \left(b + c\right)")]
    [DataRow("(a + b)*c", @"\left(a + b\right) c")]
    [DataRow("--x", @"-\left(-x\right)")]
    [DataRow("-(a*b)", "-a b")]
    [DataRow("-(a/b)", @"-\frac{a}{b}")]
    [DataRow("-(a + b)", @"-\left(a + b\right)")]
    [DataRow("(a + b)/(c - d)", @"\frac{a + b}{c - d}")]
    [DataRow("a/b*c", @"\frac{a}{b} c")]
    [DataRow("2**-1", "2^{-1}")]
    [DataRow("x**(a + 1)", "x^{a + 1}")]
    [DataRow("a**b**c", "a^{b^{c}}")]
    [DataRow("(a**b)**c", @"\left(a^{b}\right)^{c}")]
    [DataRow("(a/b)**2", @"\left(\frac{a}{b}\right)^{2}")]
    [DataRow("a_1**2", "a_{1}^{2}")]
    [DataRow("exp(x)**2", @"\left(\exp\left(x\right)\right)^{2}")]
    [DataRow("a % b", @"a \bmod b")]
    [DataRow("(a % b)*c", @"\left(a \bmod b\right) c")]
    [DataRow("a*(b % c)", @"a \left(b \bmod c\right)")]
    [DataRow("a - b % c", @"a - \left(b \bmod c\right)")]
    [DataRow("a % b + c", @"\left(a \bmod b\right) + c")]
    [DataRow("a % (b + c)", @"a \bmod \left(b + c\right)")]
    [DataRow("(a + b) % c", @"\left(a + b\right) \bmod c")]
    [DataRow("(a*b) % c", @"\left(a b\right) \bmod c")]
    [DataRow("a % (b*c)", @"a \bmod \left(b c\right)")]
    [DataRow("a % b % c", @"\left(a \bmod b\right) \bmod c")]
    [DataRow("a % -b", @"a \bmod \left(-b\right)")]
    [DataRow("-a % b", @"-a \bmod b")]
    [DataRow("-(a % b)", @"-\left(a \bmod b\right)")]
    [DataRow("(a % b)**2", @"\left(a \bmod b\right)^{2}")]
    [DataRow("a % b**2", @"a \bmod b^{2}")]
    [DataRow("x % 2/3", @"\frac{x \bmod 2}{3}")]
    public void PrintsOperatorsWithMinimalParentheses(string text, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DataRow("exp(-x)", @"\exp\left(-x\right)")]
    [DataRow("log(x)", @"\log\left(x\right)")]
    [DataRow("sin(x) + cos(x) + tan(x)", @"\sin\left(x\right) + \cos\left(x\right) + \tan\left(x\right)")]
    [DataRow("sinh(x)*cosh(x)*tanh(x)", @"\sinh\left(x\right) \cosh\left(x\right) \tanh\left(x\right)")]
    [DataRow("asin(x) + arccos(x) + atan(x)", @"\arcsin\left(x\right) + \arccos\left(x\right) + \arctan\left(x\right)")]
    [DataRow("abs(x - 1)", @"\left|x - 1\right|")]
    [DataRow("sqrt(x)", @"\sqrt{x}")]
    [DataRow("sign(x)", @"\operatorname{sign}\left(x\right)")]
    [DataRow("atan2(y, x - 1)", @"\operatorname{atan_{2}}\left(y, x - 1\right)")]
    [DataRow("erf(x/s) + erfc(x)", @"\operatorname{erf}\left(\frac{x}{s}\right) + \operatorname{erfc}\left(x\right)")]
    [DataRow("Heaviside(x - t0)", @"\theta\left(x - t_{0}\right)")]
    [DataRow("Heaviside(x, 1)", @"\theta\left(x, 1\right)")]
    [DataRow("floor(x) + ceiling(y)", @"\left\lfloor x\right\rfloor + \left\lceil y\right\rceil")]
    [DataRow("log10(x)*exp2(y)", @"\log_{10}\left(x\right) \cdot 2^{y}")]
    [DataRow("Max(a, b, c) - Min(a, b)", @"\max\left(\max\left(a, b\right), c\right) - \min\left(a, b\right)")]
    [DataRow("fmod(a, 2)", @"\operatorname{fmod}\left(a, 2\right)")]
    [DataRow("pow(x, 2) + Mod(x, 3)", @"x^{2} + \left(x \bmod 3\right)")]
    [DataRow("Piecewise((a, Eq(x, 0)), (b, True))", @"\begin{cases} a & \text{if } x = 0 \\ b & \text{otherwise} \end{cases}")]
    public void PrintsFunctions(string text, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DataRow("Piecewise((-x, x < 0), (x, True))", @"\begin{cases} -x & \text{if } x < 0 \\ x & \text{otherwise} \end{cases}")]
    [DataRow("Piecewise((1, x <= 0), (2, x >= 1), (3, x == 2), (4, x != 3), (5, x > 4))",
        @"\begin{cases} 1 & \text{if } x \leq 0 \\ 2 & \text{if } x \geq 1 \\ 3 & \text{if } x = 2 \\ 4 & \text{if } x \neq 3 \\ 5 & \text{if } x > 4 \end{cases}")]
    [DataRow("Piecewise((-0.1*z**7, z < 0), (0, True))", @"\begin{cases} -0.1 z^{7} & \text{if } z < 0 \\ 0 & \text{otherwise} \end{cases}")]
    [DataRow("Piecewise((a, (t >= t0) & (t < t0 + d)), (0.0, True))",
        @"\begin{cases} a & \text{if } t \geq t_{0} \wedge t < t_{0} + d \\ 0.0 & \text{otherwise} \end{cases}")]
    [DataRow("Piecewise((1, (x < 0) | (x > 1) & (y == 2)), (0, True))",
        @"\begin{cases} 1 & \text{if } x < 0 \vee \left(x > 1 \wedge y = 2\right) \\ 0 & \text{otherwise} \end{cases}")]
    [DataRow("Piecewise((1, ((x < 0) | (x > 1)) & (y == 2) & (y % 2 < 1)), (0, True))",
        @"\begin{cases} 1 & \text{if } \left(x < 0 \vee x > 1\right) \wedge y = 2 \wedge y \bmod 2 < 1 \\ 0 & \text{otherwise} \end{cases}")]
    public void PrintsPiecewiseAsCases(string text, string expected)
    {
        Assert.AreEqual(expected, LatexPrinter.Print(ExpressionParser.Parse(text)));
    }

    [TestMethod]
    [DynamicData(nameof(TvboRightHandSides.Rows), typeof(TvboRightHandSides))]
    public void PrintsEveryTvboRightHandSideWithBalancedGroups(string text)
    {
        var latex = LatexPrinter.Print(ExpressionParser.Parse(text));

        Assert.AreEqual(latex.Count(c => c == '{'), latex.Count(c => c == '}'), latex);
        Assert.AreEqual(CountOf(latex, @"\left"), CountOf(latex, @"\right"), latex);
        Assert.DoesNotContain("*", latex);
        Assert.DoesNotContain("+ -", latex);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
