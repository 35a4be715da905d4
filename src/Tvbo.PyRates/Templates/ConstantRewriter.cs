using System.Globalization;
using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Rewrites the numbers of an equation so that PyRates 1.2.3 (through sympy 1.11) accepts them and computes what
/// the native backend computes.
/// </summary>
/// <remarks>
/// <para>What was measured on PyRates 1.2.3, and what this class does about it:</para>
/// <list type="bullet">
/// <item><b>Literals are written as floats</b> (<c>1</c> → <c>1.0</c>, see <see cref="PyRatesNumber.Format"/>). With an
/// integer in a sum, sympy's algebraic substitution inside PyRates' parser can rewrite a sibling term:
/// <c>(v - b)*(1 - v)</c> (FitzHugh–Nagumo) and <c>(v + b)*(1 - v)</c> fail with "TypeError: Cannot convert
/// expression to float", while <c>(v - b)*(1.0 - v)</c> runs (as one equation; see also <see cref="OperationSplitter"/>). Two
/// kinds of integer literal stay integers, because they are exact: a whole-number exponent 0–16 written as a
/// literal (<see cref="ExpressionEvaluator.TryGetSmallIntegerExponent"/>; <see cref="OperationSplitter"/> then writes the power
/// as repeated multiplications, as the native backend computes it; <c>x**2</c> as one equation runs too, numpy
/// squares), and a whole-number divisor (<c>x/3</c> stays a true division, while sympy turns <c>x/3.0</c> into
/// <c>0.333333333333333*x</c>, a 15-digit reciprocal). Any other literal divisor (<c>x/0.3</c>, which sympy makes
/// <c>3.33333333333333*x</c>) is a template constant holding its value, so numpy divides by it.</item>
/// <item><b>Constant subexpressions are computed here</b>, in IEEE double precision with
/// <see cref="ExpressionEvaluator"/> (the semantics of every backend), and written as one literal with all 17
/// digits: sympy would fold them itself and print the result with 15 digits (<c>x**(1.0/3)</c> became
/// <c>x**0.333333333333333</c>), into <c>zoo</c> (<c>1/0</c>: "KeyError: 'ComplexInfinity'") or into complex numbers
/// (<c>(-8)**(1.0/3)</c>: "NameError: name 'I' is not defined").</item>
/// <item><b>Non-finite values are translated, not refused</b>: a constant subexpression whose IEEE value is
/// infinite or NaN (<c>(-8)**(1.0/3)</c>, <c>log(0)</c>, <c>1.0/0</c>) becomes a template constant holding that value
/// (<c>.inf</c>, <c>-.inf</c>, <c>.nan</c>, which PyRates accepts), and a division by a literal zero (<c>x/0</c>) divides
/// by a template constant 0.0, so numpy computes the IEEE result (±inf or NaN) exactly as the native backend
/// does, and the condition is reported as a failure from the first non-finite sample on, as with the native
/// backend.</item>
/// </list>
/// </remarks>
internal sealed class ConstantRewriter
{
    private readonly Func<string, bool> _isModelSymbol;
    private readonly Func<double, string> _constantName;

    /// <summary>Creates a rewriter.</summary>
    /// <param name="isModelSymbol">Whether a name is one of the model's symbols (a model's own <c>e</c> is not the
    /// constant <c>e</c>).</param>
    /// <param name="constantName">The template constant holding a value: a non-finite value, or a divisor that is not
    /// a whole number (a zero divisor's sign matters: <c>x/-0.0</c> is <c>-inf</c> for positive <c>x</c>).</param>
    public ConstantRewriter(Func<string, bool> isModelSymbol, Func<double, string> constantName)
    {
        _isModelSymbol = isModelSymbol;
        _constantName = constantName;
    }

    /// <summary>Returns <paramref name="e"/> with its numbers rewritten, in Piecewise values and conditions too. Call it
    /// after Piecewise and <c>abs</c> are rewritten.</summary>
    /// <param name="e">The expression.</param>
    public Expr Rewrite(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is SymbolExpr { Name: "pi" } && !_isModelSymbol("pi"))
        {
            return e; // numpy's pi, the same double as Math.PI
        }

        if (IsConstant(e))
        {
            return Literal(ExpressionEvaluator.Evaluate(e, name => Functions.Constants[name]));
        }

        switch (e)
        {
            case BinaryExpr { Operator: BinaryOperator.Power } p when ExpressionEvaluator.TryGetSmallIntegerExponent(p.Right, out var n):
                return p with { Left = Rewrite(p.Left), Right = new NumberExpr(n, n.ToString(CultureInfo.InvariantCulture)) };
            case BinaryExpr { Operator: BinaryOperator.Divide } d:
                {
                    var divisor = Rewrite(d.Right);
                    if (divisor is NumberExpr whole && whole.Value != 0 && IsWholeNumber(whole.Value))
                    {
                        divisor = new NumberExpr(whole.Value, ((long)whole.Value).ToString(CultureInfo.InvariantCulture));
                    }
                    else if (divisor is NumberExpr other)
                    {
                        divisor = new SymbolExpr(_constantName(other.Value)); // 0, or a fraction such as 0.3
                    }

                    return d with { Left = Rewrite(d.Left), Right = divisor };
                }

            case BinaryExpr b:
                return b with { Left = Rewrite(b.Left), Right = Rewrite(b.Right) };
            case UnaryExpr u:
                return u with { Operand = Rewrite(u.Operand) };
            case CallExpr c:
                return c.WithArguments(Rewrite);
            case ComparisonExpr c:
                return c with { Left = Rewrite(c.Left), Right = Rewrite(c.Right) };
            case LogicalExpr l:
                return l with { Left = Rewrite(l.Left), Right = Rewrite(l.Right) };
            case PiecewiseExpr p:
                return new PiecewiseExpr(p.Cases.Select(k => new PiecewiseCase(Rewrite(k.Value), Rewrite(k.Condition))).ToArray());
            default:
                return e;
        }
    }

    /// <summary>Whether the expression reads no model symbol (only literals and the constants <c>pi</c> and <c>e</c>).</summary>
    /// <param name="e">The expression.</param>
    public bool IsConstant(Expr e) =>
        IsArithmetic(e) && e.FreeSymbols().All(s => !_isModelSymbol(s) && Functions.Constants.ContainsKey(s));

    private static bool IsArithmetic(Expr e) =>
        e is not (ComparisonExpr or LogicalExpr or PiecewiseExpr or BooleanExpr) && e.Children.All(IsArithmetic);

    private Expr Literal(double value) =>
        double.IsFinite(value) ? new NumberExpr(value, PyRatesNumber.Format(value)) : new SymbolExpr(_constantName(value));

    // Whole numbers up to 2**53 print exactly as integers; sympy makes x/3 the rational x/3, divided exactly.
    private static bool IsWholeNumber(double v) => v == Math.Floor(v) && Math.Abs(v) <= 9007199254740992.0;
}
