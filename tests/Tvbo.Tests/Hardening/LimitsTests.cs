using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.IO;
using Tvbo.Model;

namespace Tvbo.Tests.Hardening;

/// <summary>Expressions too deep or too long for the recursive code that handles them, and names that would lead
/// result files out of their folder, are refused with the limit named — never a stack overflow or an escape.</summary>
[TestClass]
public sealed class LimitsTests
{
    [TestMethod]
    public void DeepNestingIsRefusedWithTheLimit()
    {
        var deep = new string('(', 10_000) + "x" + new string(')', 10_000);
        var ex = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(deep, "probe"));
        StringAssert.Contains(ex.Message, $"nests deeper than {ExpressionParser.MaxNesting} levels");
        Assert.IsLessThan(1000, ex.Message.Length, "the message shows the expression around the problem only");

        var signs = new string('-', 5000) + "x";
        StringAssert.Contains(Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(signs)).Message, "nests deeper");

        var powers = string.Join("**", Enumerable.Repeat("x", 3000));
        StringAssert.Contains(Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(powers)).Message, "nests deeper");

        var conditions = "Piecewise((1, " + new string('(', 2000) + "x > 0" + new string(')', 2000) + "), (0, True))";
        StringAssert.Contains(Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(conditions)).Message, "deeper than");
    }

    [TestMethod]
    public void ALongSumIsRefusedButAModerateOneParses()
    {
        var ex = Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(string.Join("+", Enumerable.Repeat("x", 20_000))));
        StringAssert.Contains(ex.Message, "20000 operations deep");
        StringAssert.Contains(ex.Message, $"the limit is {ExpressionParser.MaxTreeDepth}");

        var moderate = ExpressionParser.Parse(string.Join("+", Enumerable.Repeat("x", 900)));
        Assert.AreEqual(900, ExpressionParser.Depth(moderate));

        var m = new Dynamics("Wide");
        m.AddStateVariable("x", string.Join(" + ", Enumerable.Range(0, 900).Select(i => $"{i}*x")), 1.0);
        m.Validate();
        StringAssert.Contains(m.GenerateReport(), "Wide");

        var huge = new string('x', ExpressionParser.MaxLength + 1);
        StringAssert.Contains(Assert.ThrowsExactly<ExpressionSyntaxException>(() => ExpressionParser.Parse(huge)).Message, "characters long; the limit is");
    }

    [TestMethod]
    [DataRow("../../x")]
    [DataRow("/tmp/x")]
    [DataRow("a/b")]
    [DataRow("a\\b")]
    [DataRow(".hidden")]
    [DataRow("with space")]
    [DataRow("line\nbreak")]
    [DataRow("quo\"te")]
    public void ExplorationNamesThatAreNotPlainNamesAreRefused(string name)
    {
        Assert.IsFalse(Exploration.IsValidName(name));
        var ex = Assert.ThrowsExactly<ExperimentException>(() => new Exploration(name, [new ExplorationParameter("k", Domain.Values(1.0))]));
        StringAssert.Contains(ex.Message, "is not a valid exploration name");
        Assert.IsFalse(ex.Message.Contains('\n', StringComparison.Ordinal), "control characters are not echoed");
    }

    [TestMethod]
    public void PlainNamesAreAcceptedAndResultPathsStayInside()
    {
        foreach (var name in new[] { "g_sweep", "eta-sweep", "σ_ext.v2", "integration" })
        {
            Assert.IsTrue(Exploration.IsValidName(name), name);
        }

        var dir = Directory.CreateTempSubdirectory("tvbo-inside-").FullName;
        Assert.AreEqual(Path.Combine(dir, "a.nc"), ResultDirectory.Inside(dir, "a.nc"));
        Assert.ThrowsExactly<ResultFileException>(() => ResultDirectory.Inside(dir, "../a.nc"));
        Assert.ThrowsExactly<ResultFileException>(() => ResultDirectory.Inside(dir, "/etc/a.nc"));
    }
}
