namespace Tvbo.Expressions;

/// <summary>
/// Evaluates an expression in double precision by walking the tree: a slow but simple reference for tests
/// and validation, following the semantics every backend follows (<see cref="Functions.Evaluate(MathFunction, double)"/>, small
/// integer powers by repeated multiplication, <c>%</c> as Python's float modulo (<see cref="Modulo"/>), IEEE
/// arithmetic with NaN and infinities propagating).
/// </summary>
public static class ExpressionEvaluator
{
    /// <summary>The largest exponent literal computed by repeated multiplication rather than
    /// <see cref="Math.Pow"/>: <c>x**n</c> with a whole-number literal <c>n</c> from 0 to this value is
    /// <c>x*x*...*x</c> (1 for <c>n</c> = 0).</summary>
    public const int MaxExponentByMultiplication = 16;

    /// <summary>Evaluates an expression.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="lookup">Gives the value of each symbol. It is asked about every symbol, <c>pi</c> and
    /// <c>e</c> included (a model's own symbol of that name takes precedence; fall back to
    /// <see cref="Functions.Constants"/>).</param>
    /// <returns>The value. A comparison or boolean evaluates to 1 or 0; a Piecewise to the value of its
    /// first case whose condition holds, or NaN when none does.</returns>
    public static double Evaluate(Expr e, Func<string, double> lookup)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(lookup);
        return Value(e);

        double Value(Expr node) => node switch
        {
            NumberExpr n => n.Value,
            SymbolExpr s => lookup(s.Name),
            BooleanExpr or ComparisonExpr or LogicalExpr => Holds(node) ? 1.0 : 0.0,
            UnaryExpr u => u.Operator == UnaryOperator.Negate ? -Value(u.Operand) : Value(u.Operand),
            BinaryExpr { Operator: BinaryOperator.Add } b => Value(b.Left) + Value(b.Right),
            BinaryExpr { Operator: BinaryOperator.Subtract } b => Value(b.Left) - Value(b.Right),
            BinaryExpr { Operator: BinaryOperator.Multiply } b => Value(b.Left) * Value(b.Right),
            BinaryExpr { Operator: BinaryOperator.Divide } b => Value(b.Left) / Value(b.Right),
            BinaryExpr { Operator: BinaryOperator.Power } b => Power(Value(b.Left), b.Right),
            BinaryExpr { Operator: BinaryOperator.Modulo } b => Modulo(Value(b.Left), Value(b.Right)),
            CallExpr c => c.Arguments.Count == 1 ? Functions.Evaluate(c.Function, Value(c.Arguments[0])) : Functions.Evaluate(c.Function, Value(c.Arguments[0]), Value(c.Arguments[1])),
            PiecewiseExpr p => p.Cases.FirstOrDefault(c => Holds(c.Condition)) is { } chosen ? Value(chosen.Value) : double.NaN,
            _ => throw new ArgumentException($"Unknown expression node {node.GetType().Name}.", nameof(e)),
        };

        double Power(double x, Expr exponent)
        {
            if (TryGetSmallIntegerExponent(exponent, out var n))
            {
                var result = 1.0;
                for (var i = 0; i < n; i++)
                {
                    result *= x;
                }

                return result;
            }

            return Math.Pow(x, Value(exponent));
        }

        bool Holds(Expr condition) => condition switch
        {
            BooleanExpr b => b.Value,
            ComparisonExpr { Operator: ComparisonOperator.Less } c => Value(c.Left) < Value(c.Right),
            ComparisonExpr { Operator: ComparisonOperator.LessOrEqual } c => Value(c.Left) <= Value(c.Right),
            ComparisonExpr { Operator: ComparisonOperator.Greater } c => Value(c.Left) > Value(c.Right),
            ComparisonExpr { Operator: ComparisonOperator.GreaterOrEqual } c => Value(c.Left) >= Value(c.Right),
            ComparisonExpr { Operator: ComparisonOperator.Equal } c => Value(c.Left) == Value(c.Right),
            ComparisonExpr { Operator: ComparisonOperator.NotEqual } c => Value(c.Left) != Value(c.Right),
            LogicalExpr { Operator: LogicalOperator.And } l => Holds(l.Left) & Holds(l.Right),
            LogicalExpr { Operator: LogicalOperator.Or } l => Holds(l.Left) | Holds(l.Right),
            _ => throw new ArgumentException(
                $"A Piecewise condition must be a comparison, True/False or conditions joined by & and |, not {PyRatesPrinter.PrintPython(condition)}.", nameof(e)),
        };
    }

    /// <summary>Python's (and numpy's) float modulo <c>a % b</c>, bit for bit: the remainder of <c>a / b</c> with the
    /// sign of <paramref name="b"/> — <c>fmod</c>, plus <paramref name="b"/> when the signs differ; a zero result takes
    /// the sign of <paramref name="b"/>. <c>5.5 % -2</c> is -0.5, <c>-5.5 % 2</c> is 0.5, <c>-1e-20 % 2</c> is 2.0
    /// (the rounded sum). Where Python raises <c>ZeroDivisionError</c> (<paramref name="b"/> = 0) the result is NaN,
    /// as numpy's; NaN operands and an infinite <paramref name="a"/> give NaN.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>The remainder.</returns>
    public static double Modulo(double a, double b)
    {
        var m = a % b; // C#'s % on doubles is C's fmod (exact), unlike Math.IEEERemainder.
        if (m != 0)
        {
            if ((b < 0) != (m < 0))
            {
                m += b;
            }
        }
        else
        {
            m = Math.CopySign(0.0, b);
        }

        return m;
    }

    /// <summary>Whether a power's exponent is a whole-number literal from 0 to <see cref="MaxExponentByMultiplication"/>,
    /// which every backend computes by repeated multiplication (never <c>Math.Pow</c>, which differs in the last bit).</summary>
    /// <param name="exponent">The right operand of a power.</param>
    /// <param name="n">The exponent, when it is such a literal.</param>
    public static bool TryGetSmallIntegerExponent(Expr exponent, out int n)
    {
        if (exponent is NumberExpr { Value: >= 0 and <= MaxExponentByMultiplication } literal && literal.Value == Math.Floor(literal.Value))
        {
            n = (int)literal.Value;
            return true;
        }

        n = 0;
        return false;
    }
}
