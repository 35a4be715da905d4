using Tvbo.Expressions;
using Tvbo.Planning;

namespace Tvbo.PyRates.Backend;

/// <summary>
/// A coupling component's pre-expression that reads the target, written as <c>Σ_k s_k · t_k</c> where each
/// <c>s_k</c> reads only the source's states (and parameters, constants) and each <c>t_k</c> only the target's. Then
/// <c>Σ_j w_ij · pre(x_j, x_i) = Σ_k t_k(x_i) · Σ_j w_ij · s_k(x_j)</c>: plain PyRates edges carry each <c>s_k</c>
/// (delayed like any source), and the target combines their sums with its own factors. Kuramoto's
/// <c>sin(x_j - x_i) = sin(x_j)·cos(x_i) - cos(x_j)·sin(x_i)</c>; the difference <c>x_j - x_i</c> is
/// <c>x_j·1 + 1·(-x_i)</c>, whose source factor 1 sums to the target's weight sum.
/// </summary>
/// <remarks>Sums, differences, products, quotients by a factor of one side, small integer powers, and
/// <c>sin</c>, <c>cos</c> and <c>exp</c> of a source part plus a target part are split; anything else that mixes the
/// two (<c>tanh(x_j - x_i)</c>, <c>x_j / x_i</c> with both sides in the denominator) is not.</remarks>
internal static class SeparablePre
{
    /// <summary>The most terms a split may have (each is an edge set).</summary>
    public const int MaxTerms = 8;

    private static readonly NumberExpr One = new(1.0, "1.0");

    /// <summary>Splits a pre-expression, or returns null when it mixes source and target inseparably.</summary>
    /// <param name="pre">The pre-expression.</param>
    /// <param name="symbols">Where each of its symbols reads (a symbol not listed is a constant).</param>
    /// <returns>The terms (source factor, target factor), equal source factors merged; null if not separable.</returns>
    public static IReadOnlyList<(Expr Source, Expr Target)>? Split(Expr pre, IReadOnlyDictionary<string, (PreSource Where, string Name)> symbols)
    {
        ArgumentNullException.ThrowIfNull(pre);
        ArgumentNullException.ThrowIfNull(symbols);
        var terms = Terms(pre, symbols);
        if (terms is null)
        {
            return null;
        }

        var merged = new List<(Expr Source, Expr Target)>();
        foreach (var term in terms)
        {
            // A constant source factor moves to the target side, so every such term sums the weights once.
            var (s, t) = IsConstant(term.Source, symbols) ? (One, Multiply(term.Source, term.Target)) : term;
            var i = merged.FindIndex(m => m.Source == s);
            if (i < 0)
            {
                merged.Add((s, t));
            }
            else
            {
                merged[i] = (s, new BinaryExpr(BinaryOperator.Add, merged[i].Target, t));
            }
        }

        return merged.Count <= MaxTerms ? merged : null;
    }

    /// <summary>Whether a factor is a constant (reads no state of either side).</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="symbols">Where each symbol reads.</param>
    public static bool IsConstant(Expr factor, IReadOnlyDictionary<string, (PreSource Where, string Name)> symbols) =>
        !Reads(factor, symbols, PreSource.Source) && !Reads(factor, symbols, PreSource.Target);

    private static List<(Expr Source, Expr Target)>? Terms(Expr e, IReadOnlyDictionary<string, (PreSource Where, string Name)> symbols)
    {
        if (!Reads(e, symbols, PreSource.Target))
        {
            return [(e, One)];
        }

        if (!Reads(e, symbols, PreSource.Source))
        {
            return [(One, e)];
        }

        switch (e)
        {
            case BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
            {
                var left = Terms(b.Left, symbols);
                var right = Terms(b.Right, symbols);
                if (left is null || right is null)
                {
                    return null;
                }

                return b.Operator == BinaryOperator.Add ? [.. left, .. right] : [.. left, .. right.Select(r => (r.Source, Negate(r.Target)))];
            }

            case BinaryExpr { Operator: BinaryOperator.Multiply } b:
                return Product(Terms(b.Left, symbols), Terms(b.Right, symbols));

            case BinaryExpr { Operator: BinaryOperator.Divide } b:
            {
                var left = Terms(b.Left, symbols);
                if (left is null)
                {
                    return null;
                }

                if (!Reads(b.Right, symbols, PreSource.Target))
                {
                    return left.Select(l => ((Expr)new BinaryExpr(BinaryOperator.Divide, l.Source, b.Right), l.Target)).ToList();
                }

                return Reads(b.Right, symbols, PreSource.Source) ? null : left.Select(l => (l.Source, (Expr)new BinaryExpr(BinaryOperator.Divide, l.Target, b.Right))).ToList();
            }

            case BinaryExpr { Operator: BinaryOperator.Power, Right: NumberExpr { Value: >= 2 and <= 4 } n } b when n.Value == Math.Floor(n.Value):
            {
                var terms = Terms(b.Left, symbols);
                var power = terms;
                for (var k = 1; k < (int)n.Value; k++)
                {
                    power = Product(power, terms);
                }

                return power;
            }

            case UnaryExpr u:
            {
                var terms = Terms(u.Operand, symbols);
                return u.Operator == UnaryOperator.Negate ? terms?.Select(t => (t.Source, Negate(t.Target))).ToList() : terms;
            }

            case CallExpr { Function: MathFunction.Sin or MathFunction.Cos or MathFunction.Exp } c:
            {
                if (Additive(c.Arguments[0], symbols) is not var (s, t))
                {
                    return null;
                }

                return c.Function switch
                {
                    // sin(s + t) = sin s cos t + cos s sin t; cos(s + t) = cos s cos t - sin s sin t; exp(s + t) = exp s exp t.
                    MathFunction.Sin => [(Call(MathFunction.Sin, s), Call(MathFunction.Cos, t)), (Call(MathFunction.Cos, s), Call(MathFunction.Sin, t))],
                    MathFunction.Cos => [(Call(MathFunction.Cos, s), Call(MathFunction.Cos, t)), (Call(MathFunction.Sin, s), Negate(Call(MathFunction.Sin, t)))],
                    _ => [(Call(MathFunction.Exp, s), Call(MathFunction.Exp, t))],
                };
            }

            default:
                return null;
        }
    }

    // An argument that is a source part plus a target part.
    private static (Expr Source, Expr Target)? Additive(Expr e, IReadOnlyDictionary<string, (PreSource Where, string Name)> symbols)
    {
        if (Terms(e, symbols) is not { } terms)
        {
            return null;
        }

        Expr? source = null;
        Expr? target = null;
        foreach (var (s, t) in terms)
        {
            if (IsConstant(t, symbols))
            {
                var part = Multiply(s, t);
                source = source is null ? part : new BinaryExpr(BinaryOperator.Add, source, part);
            }
            else if (IsConstant(s, symbols))
            {
                var part = Multiply(s, t);
                target = target is null ? part : new BinaryExpr(BinaryOperator.Add, target, part);
            }
            else
            {
                return null;
            }
        }

        return (source ?? new NumberExpr(0.0, "0.0"), target ?? new NumberExpr(0.0, "0.0"));
    }

    private static List<(Expr Source, Expr Target)>? Product(List<(Expr Source, Expr Target)>? left, List<(Expr Source, Expr Target)>? right)
    {
        if (left is null || right is null || (long)left.Count * right.Count > MaxTerms)
        {
            return null;
        }

        return left.SelectMany(l => right.Select(r => (Multiply(l.Source, r.Source), Multiply(l.Target, r.Target)))).ToList();
    }

    private static Expr Multiply(Expr a, Expr b) => a == One ? b : b == One ? a : new BinaryExpr(BinaryOperator.Multiply, a, b);

    private static Expr Negate(Expr a) => a is UnaryExpr { Operator: UnaryOperator.Negate } u ? u.Operand : new UnaryExpr(UnaryOperator.Negate, a);

    private static CallExpr Call(MathFunction f, Expr a) => new(f, a);

    private static bool Reads(Expr e, IReadOnlyDictionary<string, (PreSource Where, string Name)> symbols, PreSource side) =>
        e.FreeSymbols().Any(s => symbols.TryGetValue(s, out var where) && where.Where == side);
}
