using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Splits an equation into helper equations of one operation each (derived variables of the template):
/// <c>v' = v**2 + eta</c> is written <c>v_1 = v*v</c>, <c>v_2 = v_1 + eta</c>, <c>d/dt * v = v_2</c>. A comparison, a
/// connective and a Piecewise (in the two-case form of <see cref="PiecewiseRewriter"/>) are one operation each:
/// <c>Piecewise((sqrt(v), v &gt; 0), (0, True))</c> is written <c>v_1 = greater(v, 0.0)</c>, <c>v_2 = sqrt(v)</c>,
/// <c>v_3 = where(v_1, v_2, 0.0)</c> (see <see cref="EquationPrinter"/>).
/// </summary>
/// <remarks>
/// <para>PyRates 1.2.3 parses an equation bottom-up into a graph of operations, and after parsing the operands of
/// an operation it replaces them in the operation's sympy expression with <c>subs</c>, which matches algebraically,
/// not structurally: one operand's pattern can rewrite another operand before that one is replaced. Measured on
/// PyRates 1.2.3, all valid and all run by the native backend:</para>
/// <list type="bullet">
/// <item><c>v**2 + v**3</c>, <c>w**2 + w**4</c>, <c>(c + v)/v</c>, <c>(v + w)/w</c>, <c>(b + c)/(0.5*c)</c>,
/// <c>v**2/(c/(c + b))</c>, <c>(v + b)*(1 - v)</c>: "TypeError: Cannot convert expression to float";</item>
/// <item><c>tanh(tanh(v))</c>, <c>sin(v) + sin(sin(v))</c>, <c>exp(w)*9.0/(w*c)</c>, <c>tanh(b)/(2.0*b)</c>,
/// <c>exp(exp(w)**2)</c>, <c>remainder(remainder(v, k), c)</c>: "TypeError: 'numpy.ndarray' object is not callable"
/// (PyRates names the node of the first <c>tanh(...)</c> <c>tanh</c>, which then hides numpy's <c>tanh</c> in a call
/// around it);</item>
/// <item>random expressions of depth 5 (<c>+ - * /</c>, powers 2 and 3, <c>exp sin cos tanh</c>) written as one
/// equation: about 1 in 60 fails one of these ways.</item>
/// </list>
/// <para>In an equation with a single operation on symbols and numbers no operand can rewrite another, so none of
/// this can happen, and sympy has nothing to reorder or fold: numpy then evaluates the model's tree in the order of
/// the native backend, operation by operation. Measured: the guide's QIF sweep agrees with the native backend bit
/// for bit (2.4e-13 and 6.8e-13 relative, Heun and Euler, as one equation per variable), so do the shared TVBO
/// models against the scalar reference, and of 2 913 random expressions all ran but 3 that divide by an expression
/// that is identically zero (<c>1.5/(w - w)</c>: sympy folds the helper <c>w - w</c> to the Python number 0, and
/// PyRates' first evaluation raises "ZeroDivisionError: float division by zero"). Whole powers 2–16 (a literal exponent) are repeated multiplications, as in the native
/// backend (<see cref="ExpressionEvaluator.TryGetSmallIntegerExponent"/>; numpy's <c>v**3</c> is <c>pow</c>, which
/// differs in the last bit), and <c>x**0</c> is 1. Equal subtrees of one equation share a helper. Integration cost is
/// unchanged (QIF, 15 conditions × 40 000 steps: 0.50 s either way); building the grid costs somewhat more per
/// variable (QIF with 14 helpers: 100 conditions 0.34 s against 0.38 s, 300 conditions 2.9 s against 2.3 s).</para>
/// <para>sympy still cancels inside one operation (<c>c/c</c> is 1, <c>w - w</c> is 0), which is harmless in a helper
/// (a derived variable may be a number) except as a divisor, as above.</para>
/// </remarks>
internal sealed class OperationSplitter
{
    private static readonly NumberExpr One = new(1.0, "1.0");
    private readonly Func<string, string> _newName;
    private readonly List<(string Name, Expr Equation)> _steps = [];
    private readonly Dictionary<Expr, SymbolExpr> _known = [];
    private string _owner = string.Empty;

    /// <summary>Creates a splitter.</summary>
    /// <param name="newName">Gives an unused template name for a helper, from a wanted name.</param>
    public OperationSplitter(Func<string, string> newName) => _newName = newName;

    /// <summary>Splits <paramref name="e"/> into helper equations (in evaluation order) and one last operation on
    /// symbols and numbers (or a single symbol or number).</summary>
    /// <param name="e">The rewritten right-hand side of the equation of <paramref name="owner"/>.</param>
    /// <param name="owner">The template name of the variable the equation defines (helpers are named after it:
    /// <c>v_1</c>, <c>v_2</c>, ...).</param>
    public (IReadOnlyList<(string Name, Expr Equation)> Helpers, Expr Remaining) Split(Expr e, string owner)
    {
        ArgumentNullException.ThrowIfNull(e);
        _steps.Clear();
        _known.Clear();
        _owner = owner;
        var remaining = Visit(e);
        return (_steps.ToArray(), remaining);
    }

    private Expr Visit(Expr e) => e switch
    {
        BinaryExpr { Operator: BinaryOperator.Power } p when ExpressionEvaluator.TryGetSmallIntegerExponent(p.Right, out var n) => Power(Atom(Visit(p.Left)), n),
        BinaryExpr b => b with { Left = Atom(Visit(b.Left)), Right = Atom(Visit(b.Right)) },
        CallExpr c => c.WithArguments(a => Atom(Visit(a))),
        ComparisonExpr c => c with { Left = Atom(Visit(c.Left)), Right = Atom(Visit(c.Right)) },
        LogicalExpr l => l with { Left = Atom(Visit(l.Left)), Right = Atom(Visit(l.Right)) },
        PiecewiseExpr p => new PiecewiseExpr(p.Cases.Select(k => new PiecewiseCase(Atom(Visit(k.Value)), Atom(Visit(k.Condition)))).ToArray()),
        UnaryExpr { Operator: UnaryOperator.Plus } u => Visit(u.Operand),
        UnaryExpr u => u with { Operand = Atom(Visit(u.Operand)) },
        _ => e,
    };

    // x**n for a whole literal n: 1, x, x*x, (x*x)*x, ... (the native backend's repeated multiplication).
    private Expr Power(Expr x, int n)
    {
        if (n == 0)
        {
            return One;
        }

        Expr product = x;
        for (var i = 2; i <= n; i++)
        {
            product = new BinaryExpr(BinaryOperator.Multiply, Atom(product), x);
        }

        return product;
    }

    private Expr Atom(Expr e)
    {
        if (e is NumberExpr or SymbolExpr or BooleanExpr)
        {
            return e;
        }

        if (!_known.TryGetValue(e, out var symbol))
        {
            var name = _newName($"{_owner}_{_steps.Count + 1}");
            _steps.Add((name, e));
            symbol = new SymbolExpr(name);
            _known[e] = symbol;
        }

        return symbol;
    }
}
