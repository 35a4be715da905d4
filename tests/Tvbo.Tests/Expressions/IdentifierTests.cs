using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Tests.Expressions;

[TestClass]
public sealed class IdentifierTests
{
    [TestMethod]
    [DataRow("x")]
    [DataRow("_x1")]
    [DataRow("tau_s")]
    [DataRow("\u03c3_ext")] // σ_ext
    [DataRow("\u03c4_e")] // τ_e
    [DataRow("\u0394")] // Δ
    [DataRow("\u03b1\u03b2\u03b3")] // αβγ
    [DataRow("m_\u221e")] // m_∞
    [DataRow("h_\u221e")] // h_∞
    [DataRow("\u221e")] // ∞ alone
    [DataRow("\u2202x")] // ∂x
    [DataRow("x\u2032")] // x′
    [DataRow("x\u2033")] // x″
    [DataRow("\u00e9")] // é precomposed
    [DataRow("e\u0301")] // e + combining acute accent
    [DataRow("\u03c4\u2080")] // τ₀
    [DataRow("\u02b0x")] // ʰx (modifier letter)
    [DataRow("x\u0661")] // x + Arabic-Indic digit one
    [DataRow("x\u203fy")] // x‿y (connector punctuation)
    [DataRow("\U0001D465")] // 𝑥 (mathematical italic small x, a surrogate pair)
    [DataRow("x_\U0001D465\U0001D466")]
    public void AcceptsUnicodeLettersDigitsMarksAndSymbols(string name)
    {
        Assert.IsTrue(Identifier.IsValid(name), name);
        Assert.AreEqual(name, Assert.IsInstanceOfType<SymbolExpr>(ExpressionParser.Parse(name)).Name);
        Assert.AreEqual(name, new Dynamics("M").AddParameter(name, 1.0).Name);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("1x")]
    [DataRow("x y")]
    [DataRow("x-y")]
    [DataRow("x$")]
    [DataRow("\u2080x")] // ₀x: a subscript digit does not start a name
    [DataRow("\u0301e")] // a combining mark does not start a name
    [DataRow("\u2032x")] // nor does a prime
    [DataRow("x\u2212y")] // −
    [DataRow("x\u00d7y")] // ×
    [DataRow("x\u00b7y")] // ·
    [DataRow("x\u00f7y")] // ÷
    [DataRow("x\u2264y")] // ≤
    [DataRow("x\u2265y")] // ≥
    [DataRow("x\u2260y")] // ≠
    [DataRow("x\u00b2")] // ²
    [DataRow("x\u20acy")] // € (currency)
    [DataRow("x\u200dy")] // zero-width joiner (invisible)
    [DataRow("x\u00a0y")] // no-break space
    [DataRow("x\ufffdy")] // the replacement character (a decoding error)
    public void RejectsOtherCharacters(string name)
    {
        Assert.IsFalse(Identifier.IsValid(name), name);
        Assert.ThrowsExactly<ModelException>(() => new Dynamics("M").AddParameter(name, 1.0));
    }

    [TestMethod]
    public void RejectsNullAndLoneSurrogates()
    {
        // Not DataRows: the test host would replace lone surrogates by U+FFFD.
        Assert.IsFalse(Identifier.IsValid(null));
        foreach (var name in new[] { "\ud835", "x\udc65", "x\ud835y", "\udc65\ud835" })
        {
            Assert.IsFalse(Identifier.IsValid(name), name);
            Assert.ThrowsExactly<ModelException>(() => new Dynamics("M").AddParameter(name, 1.0));
        }
    }

    [TestMethod]
    public void ReportsALoneSurrogateByItsCodePoint()
    {
        var error = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("a\ud835b"));

        Assert.AreEqual(1, error.Position);
        Assert.StartsWith("unexpected character U+D835 (a lone surrogate) at column 2; expressions consist of", error.Message);
    }

    [TestMethod]
    public void ClassifiesSingleCharacters()
    {
        foreach (var c in "aZ_\u03c3\u0394\u221e\u2202\ud835")
        {
            Assert.IsTrue(Identifier.IsNameStart(c), $"U+{(int)c:X4} starts a name");
            Assert.IsTrue(Identifier.IsNamePart(c), $"U+{(int)c:X4} continues a name");
        }

        foreach (var c in "09\u0301\u2032\u2080\udc65")
        {
            Assert.IsFalse(Identifier.IsNameStart(c), $"U+{(int)c:X4} does not start a name");
            Assert.IsTrue(Identifier.IsNamePart(c), $"U+{(int)c:X4} continues a name");
        }

        foreach (var c in " -+*/%&|()<>=!,.$^\u2212\u00d7\u00b7\u00f7\u2264\u2265\u2260\u00b2\u20ac\u200d")
        {
            Assert.IsFalse(Identifier.IsNameStart(c), $"U+{(int)c:X4} does not start a name");
            Assert.IsFalse(Identifier.IsNamePart(c), $"U+{(int)c:X4} does not continue a name");
        }
    }

    [TestMethod]
    public void NamesModelsWithUnicode()
    {
        Assert.AreEqual("\u03a9_model", new Dynamics("\u03a9_model").Name);
        Assert.ThrowsExactly<ModelException>(() => new Dynamics("a\u2212b"));
    }

    [TestMethod]
    public void LexesANameUpToTheFirstOperatorLookAlikeOrSpace()
    {
        Assert.AreEqual("(+ \u03c3_ext (* m_\u221e \U0001D465))", SExpression.Show(ExpressionParser.Parse("\u03c3_ext+m_\u221e*\U0001D465")));
        Assert.AreEqual(5, Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse("\u03c3_ext\u00d72")).Position);
    }
}
