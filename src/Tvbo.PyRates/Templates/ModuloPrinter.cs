using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Prints an equation whose <c>a % b</c> (Python's float modulo) is written <c>remainder(a, b)</c>.
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
/// </remarks>
internal static class ModuloPrinter
{
    /// <summary>The function name written for <c>%</c> (reserved, see <see cref="ReservedNames"/>).</summary>
    public const string FunctionName = "remainder";

    /// <summary>Prints <paramref name="e"/> as a PyRates equation right-hand side.</summary>
    /// <param name="e">The expression, Piecewise already rewritten.</param>
    /// <param name="rename">Maps each symbol to the name written (see <see cref="PyRatesPrinter.Print"/>).</param>
    public static string Print(Expr e, Func<string, string> rename)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(rename);

        // Each modulo (innermost first) is replaced by a placeholder symbol printed as its call text; a call is
        // an atom to Python's precedence, so the surrounding printing stays correct. Placeholder names cannot be
        // model symbols: they are not identifiers.
        var calls = new Dictionary<string, string>(StringComparer.Ordinal);
        string Name(string symbol) => calls.TryGetValue(symbol, out var call) ? call : rename(symbol);
        var replaced = e.Rewrite(x =>
        {
            if (x is not BinaryExpr { Operator: BinaryOperator.Modulo } m)
            {
                return x;
            }

            var placeholder = $"%{calls.Count}%";
            calls[placeholder] = $"{FunctionName}({PyRatesPrinter.Print(m.Left, Name)}, {PyRatesPrinter.Print(m.Right, Name)})";
            return new SymbolExpr(placeholder);
        });
        return PyRatesPrinter.Print(replaced, Name);
    }

    /// <summary>Whether the expression contains <c>%</c>.</summary>
    /// <param name="e">The expression.</param>
    public static bool ContainsModulo(Expr e) => e is BinaryExpr { Operator: BinaryOperator.Modulo } || e.Children.Any(ContainsModulo);
}
