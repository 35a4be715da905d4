using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Prints an equation for PyRates: <c>a % b</c> (Python's float modulo) is written <c>remainder(a, b)</c>, maximum and
/// minimum as PyRates' own <c>maxi(a, b)</c> and <c>mini(a, b)</c> (numpy's <c>maximum</c> and <c>minimum</c>; sympy
/// reads <c>maximum(x, y)</c> as its calculus function and <c>Max</c> reorders and merges its arguments),
/// <c>Piecewise((a, c), (b, True))</c> as <c>where(c, a, b)</c> with its condition's comparisons and connectives as
/// numpy's functions (<c>x &gt; y</c> is <c>greater(x, y)</c>, <c>c1 &amp; c2</c> is <c>logical_and(c1, c2)</c>; see
/// <see cref="PiecewiseRewriter"/>), every other function by its name in <see cref="Functions.Names"/>.
/// </summary>
/// <remarks>
/// <para>Measured on PyRates 1.2.3: <c>a % b</c> and <c>Mod(a, b)</c> parse as sympy's <c>Mod</c>, which the generated
/// code cannot call ("NameError: name 'Mod' is not defined"), <c>floor</c> likewise ("name 'floor' is not
/// defined"), and <c>x % 0</c> is refused by sympy ("ZeroDivisionError: Modulo by zero"). sympy also rewrites
/// <c>Mod</c> algebraically in ways that change the floating-point result (<c>Mod(3.0*x, 1.5)</c> becomes
/// <c>1.5*Mod(2*x, 1)</c>, <c>Mod(x + 1.0, 1.0)</c> becomes <c>Mod(x, 1.0)</c>).</para>
/// <para><c>remainder</c> is an undefined function to sympy, so it is kept exactly as written, and the bridge
/// registers it as a PyRates backend function (<c>grid_search(..., ops={'remainder': ...})</c>) calling
/// <c>numpy.remainder</c>, which is Python's <c>%</c> on floats bit for bit (<c>fmod</c>, plus the divisor when the
/// signs differ, a zero with the divisor's sign, NaN for a zero divisor) and therefore
/// <see cref="ExpressionEvaluator.Modulo"/>, the native backend's modulo.</para>
/// <para>The functions PyRates 1.2.3 does not know (<c>floor ceil log10 exp2 erf erfc arctan2 fmod heaviside</c>, and
/// <see cref="PiecewiseFunctions"/>) are
/// registered the same way, by the bridge, for the calls whose template uses them: numpy's function of that name,
/// scipy.special's <c>erf</c> and <c>erfc</c> (python/tvbo_pyrates, <c>_FUNCTIONS</c>).</para>
/// </remarks>
internal static class EquationPrinter
{
    /// <summary>The function name written for <c>%</c> (reserved, see <see cref="ReservedNames"/>).</summary>
    public const string FunctionName = "remainder";

    /// <summary>The functions written for Piecewise (reserved, see <see cref="ReservedNames"/>).</summary>
    public static readonly IReadOnlyList<string> PiecewiseFunctions =
        ["where", "greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and", "logical_or"];

    /// <summary>Prints <paramref name="e"/> as a PyRates equation right-hand side.</summary>
    /// <param name="e">The expression, each Piecewise in the two-case form of <see cref="PiecewiseRewriter"/>.</param>
    /// <param name="rename">Maps each symbol to the name written (see <see cref="PyRatesPrinter.Print"/>).</param>
    public static string Print(Expr e, Func<string, string> rename)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(rename);

        // Each modulo, maximum, minimum, comparison, connective and Piecewise (innermost first) is replaced by a placeholder symbol printed as its call text; a call is
        // an atom to Python's precedence, so the surrounding printing stays correct. Placeholder names cannot be
        // model symbols: they are not identifiers.
        var calls = new Dictionary<string, string>(StringComparer.Ordinal);
        string Name(string symbol) => calls.TryGetValue(symbol, out var call) ? call : rename(symbol);
        var replaced = e.Rewrite(x =>
        {
            var (function, arguments) = x switch
            {
                BinaryExpr { Operator: BinaryOperator.Modulo } m => (FunctionName, new[] { m.Left, m.Right }),
                CallExpr { Function: MathFunction.Maximum } c => ("maxi", c.Arguments),
                CallExpr { Function: MathFunction.Minimum } c => ("mini", c.Arguments),
                ComparisonExpr c => (NameOf(c.Operator), new[] { c.Left, c.Right }),
                LogicalExpr l => (l.Operator == LogicalOperator.And ? "logical_and" : "logical_or", new[] { l.Left, l.Right }),
                PiecewiseExpr { Cases: [var chosen, { Condition: BooleanExpr { Value: true } } otherwise] } =>
                    ("where", new[] { chosen.Condition, chosen.Value, otherwise.Value }),
                PiecewiseExpr p => throw new ArgumentException($"{PyRatesPrinter.PrintPython(p)} is not in the two-case form of PiecewiseRewriter.", nameof(e)),
                _ => (null, []),
            };
            if (function is null)
            {
                return x;
            }

            var placeholder = $"%{calls.Count}%";
            calls[placeholder] = $"{function}({string.Join(", ", arguments.Select(a => PyRatesPrinter.Print(a, Name)))})";
            return new SymbolExpr(placeholder);
        });
        return PyRatesPrinter.Print(replaced, Name);
    }

    private static string NameOf(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Greater => "greater",
        ComparisonOperator.GreaterOrEqual => "greater_equal",
        ComparisonOperator.Less => "less",
        ComparisonOperator.LessOrEqual => "less_equal",
        ComparisonOperator.Equal => "equal",
        ComparisonOperator.NotEqual => "not_equal",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    /// <summary>Whether the expression contains <c>%</c>.</summary>
    /// <param name="e">The expression.</param>
    public static bool ContainsModulo(Expr e) => e is BinaryExpr { Operator: BinaryOperator.Modulo } || e.Children.Any(ContainsModulo);
}
