namespace Tvbo.Expressions;

/// <summary>
/// The partial derivative of an expression with respect to one symbol, as an expression (for analytic Jacobians).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Sums, products, quotients and powers by the usual rules; <c>u**c</c> with a constant exponent is
/// <c>c·u**(c−1)·u'</c> (defined for negative <c>u</c>), and <c>u**v</c> adds <c>u**v·log(u)·v'</c> only where the
/// exponent depends on the symbol.</item>
/// <item>Elementary functions by their derivatives (<c>erf' = 2/√π·exp(−x²)</c>, <c>atan2(y, x)' = (x·y' − y·x')/(x² +
/// y²)</c>); <c>abs' = sign</c>; functions that are piecewise constant (<c>sign</c>, <c>floor</c>, <c>ceiling</c>,
/// <c>Heaviside</c>) have derivative 0 where they are differentiable.</item>
/// <item><c>Piecewise</c> differentiates each branch under the same conditions; <c>Max</c>/<c>Min</c> are the
/// derivative of the branch chosen (the first argument where they are equal).</item>
/// <item><c>%</c> and <c>fmod</c>: <c>a − b·floor(a/b)</c> (or <c>trunc</c>) away from its jumps: <c>a' − b'·q</c>.</item>
/// </list>
/// Trivial terms are folded (<c>0·x</c>, <c>x + 0</c>, <c>1·x</c>), so the result stays the size of the input.
/// </remarks>
internal static class Derivative
{
    private static readonly NumberExpr Zero = new(0.0, "0");
    private static readonly NumberExpr One = new(1.0, "1");

    /// <summary>∂<paramref name="e"/>/∂<paramref name="symbol"/>.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="symbol">The symbol (a state variable or parameter).</param>
    /// <exception cref="ArgumentException">The expression holds something without a derivative (a comparison outside
    /// a Piecewise condition).</exception>
    public static Expr Of(Expr e, string symbol)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(symbol);
        return D(e, symbol);
    }

    private static Expr D(Expr e, string x) => e switch
    {
        NumberExpr => Zero,
        SymbolExpr s => s.Name == x ? One : Zero,
        UnaryExpr { Operator: UnaryOperator.Negate } u => Neg(D(u.Operand, x)),
        UnaryExpr u => D(u.Operand, x),
        BinaryExpr b => Binary(b, x),
        CallExpr c => Call(c, x),
        PiecewiseExpr p => new PiecewiseExpr(p.Cases.Select(c => new PiecewiseCase(D(c.Value, x), c.Condition)).ToArray()),
        _ => throw new ArgumentException($"'{e}' has no derivative with respect to {x} (a condition is only differentiated inside Piecewise).", nameof(e)),
    };

    private static Expr Binary(BinaryExpr b, string x)
    {
        var (u, v) = (b.Left, b.Right);
        var (du, dv) = (D(u, x), D(v, x));
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                return Add(du, dv);
            case BinaryOperator.Subtract:
                return Sub(du, dv);
            case BinaryOperator.Multiply:
                return Add(Mul(du, v), Mul(u, dv));
            case BinaryOperator.Divide:
                // (u/v)' = u'/v − u·v'/v²
                return Sub(Div(du, v), Div(Mul(u, dv), Pow(v, new NumberExpr(2, "2"))));
            case BinaryOperator.Power:
                var powerRule = Mul(Mul(v, Pow(u, Sub(v, One))), du);
                return IsZero(dv) ? powerRule : Add(powerRule, Mul(Mul(b, new CallExpr(MathFunction.Log, u)), dv));
            case BinaryOperator.Modulo:
                // a % b = a − b·floor(a/b): a' − b'·floor(a/b) away from the jumps.
                return Sub(du, Mul(dv, new CallExpr(MathFunction.Floor, Div(u, v))));
            default:
                throw new ArgumentException($"Operator {b.Operator} has no derivative.", nameof(b));
        }
    }

    private static Expr Call(CallExpr c, string x)
    {
        var a = c.Arguments[0];
        var da = D(a, x);
        Expr Chain(Expr outer) => Mul(outer, da);
        Expr F(MathFunction f, params Expr[] args) => new CallExpr(f, args);
        switch (c.Function)
        {
            case MathFunction.Exp:
                return Chain(c);
            case MathFunction.Log:
                return Div(da, a);
            case MathFunction.Log10:
                return Div(da, Mul(a, F(MathFunction.Log, new NumberExpr(10, "10"))));
            case MathFunction.Exp2:
                return Chain(Mul(c, F(MathFunction.Log, new NumberExpr(2, "2"))));
            case MathFunction.Sqrt:
                return Div(da, Mul(new NumberExpr(2, "2"), c));
            case MathFunction.Sin:
                return Chain(F(MathFunction.Cos, a));
            case MathFunction.Cos:
                return Neg(Chain(F(MathFunction.Sin, a)));
            case MathFunction.Tan:
                return Div(da, Pow(F(MathFunction.Cos, a), new NumberExpr(2, "2")));
            case MathFunction.Sinh:
                return Chain(F(MathFunction.Cosh, a));
            case MathFunction.Cosh:
                return Chain(F(MathFunction.Sinh, a));
            case MathFunction.Tanh:
                return Chain(Sub(One, Pow(c, new NumberExpr(2, "2"))));
            case MathFunction.Arcsin:
                return Div(da, F(MathFunction.Sqrt, Sub(One, Pow(a, new NumberExpr(2, "2")))));
            case MathFunction.Arccos:
                return Neg(Div(da, F(MathFunction.Sqrt, Sub(One, Pow(a, new NumberExpr(2, "2"))))));
            case MathFunction.Arctan:
                return Div(da, Add(One, Pow(a, new NumberExpr(2, "2"))));
            case MathFunction.Abs:
                return Chain(F(MathFunction.Sign, a));
            case MathFunction.Erf:
                return Chain(Mul(new NumberExpr(2 / Math.Sqrt(Math.PI), "1.1283791670955126"), F(MathFunction.Exp, Neg(Pow(a, new NumberExpr(2, "2"))))));
            case MathFunction.Erfc:
                return Neg(Chain(Mul(new NumberExpr(2 / Math.Sqrt(Math.PI), "1.1283791670955126"), F(MathFunction.Exp, Neg(Pow(a, new NumberExpr(2, "2")))))));
            case MathFunction.Sign:
            case MathFunction.Floor:
            case MathFunction.Ceiling:
            case MathFunction.Heaviside:
                return Zero;
            case MathFunction.Arctan2:
                {
                    // atan2(y, x)' = (x·y' − y·x')/(x² + y²)
                    var (y0, x0) = (c.Arguments[0], c.Arguments[1]);
                    return Div(Sub(Mul(x0, D(y0, x)), Mul(y0, D(x0, x))), Add(Pow(x0, new NumberExpr(2, "2")), Pow(y0, new NumberExpr(2, "2"))));
                }

            case MathFunction.Fmod:
                {
                    // fmod(a, b) = a − b·trunc(a/b): a' − b'·trunc(a/b), trunc(q) = sign(q)·floor(|q|).
                    var b = c.Arguments[1];
                    var q = Div(a, b);
                    return Sub(da, Mul(D(b, x), Mul(F(MathFunction.Sign, q), F(MathFunction.Floor, F(MathFunction.Abs, q)))));
                }

            case MathFunction.Maximum:
            case MathFunction.Minimum:
                {
                    // The derivative of the argument chosen (the first where equal), as numpy's maximum chooses.
                    var op = c.Function == MathFunction.Maximum ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.LessOrEqual;
                    Expr result = D(c.Arguments[^1], x);
                    for (var i = c.Arguments.Count - 2; i >= 0; i--)
                    {
                        var rest = c.Arguments.Count - i - 1 == 1 ? c.Arguments[^1] : new CallExpr(c.Function, c.Arguments.Skip(i + 1).ToArray());
                        result = new PiecewiseExpr([new PiecewiseCase(D(c.Arguments[i], x), new ComparisonExpr(op, c.Arguments[i], rest)), new PiecewiseCase(result, new BooleanExpr(true))]);
                    }

                    return result;
                }

            default:
                throw new ArgumentException($"Function {c.Function} has no derivative here.", nameof(c));
        }
    }

    private static bool IsZero(Expr e) => e is NumberExpr { Value: 0 };

    private static bool IsOne(Expr e) => e is NumberExpr { Value: 1 };

    private static Expr Add(Expr a, Expr b) => IsZero(a) ? b : IsZero(b) ? a : new BinaryExpr(BinaryOperator.Add, a, b);

    private static Expr Sub(Expr a, Expr b) => IsZero(b) ? a : IsZero(a) ? Neg(b) : new BinaryExpr(BinaryOperator.Subtract, a, b);

    private static Expr Mul(Expr a, Expr b) =>
        IsZero(a) || IsZero(b) ? Zero : IsOne(a) ? b : IsOne(b) ? a : new BinaryExpr(BinaryOperator.Multiply, a, b);

    private static Expr Div(Expr a, Expr b) => IsZero(a) ? Zero : IsOne(b) ? a : new BinaryExpr(BinaryOperator.Divide, a, b);

    private static Expr Pow(Expr a, Expr b) => IsOne(b) ? a : new BinaryExpr(BinaryOperator.Power, a, b);

    private static Expr Neg(Expr a) => IsZero(a) ? Zero : a is UnaryExpr { Operator: UnaryOperator.Negate } n ? n.Operand : new UnaryExpr(UnaryOperator.Negate, a);
}
