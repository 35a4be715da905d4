using Tvbo.Expressions;

namespace Tvbo.Tests.Expressions;

/// <summary>Random expression trees of every node kind, for round-trip tests.</summary>
internal static class RandomExpressions
{
    private static readonly string[] NumberTexts = ["0", "1", "2", "2.5", ".5", "1e-3", "1.0E+05", "3."];

    private static readonly string[] Names = ["x", "y", "mu", "a_1", "tau_s", "σ_ext", "m_∞", "Δ", "x′"];

    public static Expr Next(Random random, int depth, bool withPiecewise)
    {
        var choice = depth <= 0 ? random.Next(2) : random.Next(withPiecewise ? 8 : 7);
        switch (choice)
        {
            case 0:
                var text = NumberTexts[random.Next(NumberTexts.Length)];
                return new NumberExpr(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), text);
            case 1:
                return new SymbolExpr(Names[random.Next(Names.Length)]);
            case 2:
                return new UnaryExpr(random.Next(4) == 0 ? UnaryOperator.Plus : UnaryOperator.Negate, Next(random, depth - 1, withPiecewise));
            case 3:
                var function = (MathFunction)random.Next(Functions.Names.Count);
                return new CallExpr(function, Enumerable.Range(0, Functions.ArityOf(function)).Select(_ => Next(random, depth - 1, withPiecewise)).ToArray());
            case 7:
                return Piecewise(random, depth, withPiecewise);
            default:
                return new BinaryExpr(
                    (BinaryOperator)random.Next(6),
                    Next(random, depth - 1, withPiecewise),
                    Next(random, depth - 1, withPiecewise));
        }
    }

    private static PiecewiseExpr Piecewise(Random random, int depth, bool withPiecewise)
    {
        var cases = new List<PiecewiseCase>();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var condition = Condition(random, depth, withPiecewise, random.Next(3));
            cases.Add(new PiecewiseCase(Next(random, depth - 1, withPiecewise), condition));
        }

        cases.Add(new PiecewiseCase(Next(random, depth - 1, withPiecewise), new BooleanExpr(random.Next(2) == 0)));
        return new PiecewiseExpr(cases);
    }

    /// <summary>A comparison, or (with <paramref name="joins"/> &gt; 0) comparisons and booleans joined by &amp; and |.</summary>
    private static Expr Condition(Random random, int depth, bool withPiecewise, int joins)
    {
        if (joins > 0)
        {
            var split = random.Next(joins);
            return new LogicalExpr(
                random.Next(2) == 0 ? LogicalOperator.And : LogicalOperator.Or,
                Condition(random, depth, withPiecewise, split),
                Condition(random, depth, withPiecewise, joins - 1 - split));
        }

        return random.Next(8) == 0
            ? new BooleanExpr(random.Next(2) == 0)
            : new ComparisonExpr(
                (ComparisonOperator)random.Next(6),
                Next(random, depth - 1, withPiecewise),
                Next(random, depth - 1, withPiecewise));
    }
}
