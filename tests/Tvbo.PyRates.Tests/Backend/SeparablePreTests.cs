using Tvbo.Expressions;
using Tvbo.Planning;
using Tvbo.PyRates.Backend;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>A pre-expression reading source and target splits into Σ s_k · t_k with each factor reading one side, and
/// the split equals the expression everywhere; what mixes the sides inseparably is not split.</summary>
[TestClass]
public sealed class SeparablePreTests
{
    private static readonly Dictionary<string, (PreSource Where, string Name)> Symbols = new(StringComparer.Ordinal)
    {
        ["x_j"] = (PreSource.Source, "x"),
        ["y_j"] = (PreSource.Source, "y"),
        ["x_i"] = (PreSource.Target, "x"),
        ["y_i"] = (PreSource.Target, "y"),
        ["k"] = (PreSource.Parameter, "k"),
    };

    [TestMethod]
    [DataRow("sin(x_j - x_i)", 2)]
    [DataRow("sin(-x_i + x_j)", 2)]
    [DataRow("cos(k*(x_j - x_i))", 2)]
    [DataRow("x_j - x_i", 2)]
    [DataRow("k*(x_j - x_i) + 1", 2)]
    [DataRow("(x_j - x_i)**2", 3)]
    [DataRow("exp(-(x_j - x_i)) * cos(x_i)", 1)]
    [DataRow("x_j * y_i / x_i", 1)]
    [DataRow("(x_j + y_j) * (x_i - y_i)", 1)]
    [DataRow("sin(x_j - x_i) + sin(y_j - y_i)", 4)]
    public void ASeparableExpressionSplitsIntoFactorsOfOneSideThatSumToIt(string text, int terms)
    {
        var pre = ExpressionParser.Parse(text);
        var split = SeparablePre.Split(pre, Symbols);
        Assert.IsNotNull(split, text);
        Assert.HasCount(terms, split);
        foreach (var (s, t) in split)
        {
            Assert.IsFalse(t.FreeSymbols().Any(n => n.EndsWith("_j", StringComparison.Ordinal)), $"target factor {PyRatesPrinter.PrintPython(t)} reads the source");
            Assert.IsFalse(s.FreeSymbols().Any(n => n.EndsWith("_i", StringComparison.Ordinal)), $"source factor {PyRatesPrinter.PrintPython(s)} reads the target");
        }

        var rng = new Random(1);
        for (var trial = 0; trial < 50; trial++)
        {
            var values = Symbols.Keys.ToDictionary(k => k, _ => (rng.NextDouble() * 4) - 2, StringComparer.Ordinal);
            double Lookup(string name) => values[name];
            var expected = ExpressionEvaluator.Evaluate(pre, Lookup);
            var sum = split.Sum(f => ExpressionEvaluator.Evaluate(f.Source, Lookup) * ExpressionEvaluator.Evaluate(f.Target, Lookup));
            Assert.AreEqual(expected, sum, 1e-12 * Math.Max(1, Math.Abs(expected)), text);
        }
    }

    [TestMethod]
    [DataRow("tanh(x_j - x_i)")]
    [DataRow("x_i / (x_j + x_i)")]
    [DataRow("sin(x_j * x_i)")]
    [DataRow("abs(x_j - x_i)")]
    [DataRow("(x_j - x_i)**3 * (y_j - y_i)**2")]
    public void AnExpressionMixingTheSidesInseparablyIsNotSplit(string text) =>
        Assert.IsNull(SeparablePre.Split(ExpressionParser.Parse(text), Symbols), text);
}
