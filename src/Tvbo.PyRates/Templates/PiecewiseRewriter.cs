using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Brings every <c>Piecewise</c> into the form <see cref="EquationPrinter"/> writes as numpy's <c>where</c>: two cases,
/// <c>Piecewise((a, c), (b, True))</c>, printed <c>where(c, a, b)</c>.
/// </summary>
/// <remarks>
/// <para>Cases whose condition is <c>False</c> are dropped, cases after a <c>True</c> can never be chosen, <c>True</c> and
/// <c>False</c> inside <c>&amp;</c> and <c>|</c> are folded away, and more cases nest:
/// <c>Piecewise((a1, c1), (a2, c2), (b, True))</c> becomes <c>Piecewise((a1, c1), (Piecewise((a2, c2), (b, True)), True))</c>.
/// A Piecewise left with one case is its value.</para>
/// <para>The template then computes, with one operation per equation (<see cref="OperationSplitter"/>), the condition as
/// a boolean array with numpy's comparisons (<c>greater greater_equal less less_equal equal not_equal</c>, and
/// <c>logical_and logical_or</c> for <c>&amp;</c> and <c>|</c>), and the value with <c>where(c, a, b)</c>; the bridge
/// registers these functions through <c>grid_search</c>'s <c>ops</c> (python/tvbo_pyrates, <c>_FUNCTIONS</c>). numpy
/// evaluates both branches and selects, so the value is the chosen branch bit for bit, and a NaN or infinity of the
/// branch not taken (<c>sqrt</c> of a negative, <c>1/0</c>, an overflowing <c>exp</c>) does not reach it. A comparison
/// with NaN is false as in the native backend, so the next case is taken.</para>
/// <para>Measured on PyRates 1.2.3: an ordered comparison can be written as <c>where</c>'s argument (<c>where(x &gt; 0.0,
/// a, b)</c>), but <c>Eq</c> and <c>Ne</c> reach the generated code unprinted ("NameError: name 'Eq' is not defined"),
/// <c>&amp;</c> and <c>|</c> fail in PyRates' parser ("TypeError: expecting bool or Boolean"), and a nested <c>where</c> in
/// one equation fails like every nested call ("'numpy.ndarray' object is not callable"); the comparison functions, each
/// in an equation of its own, work in every case.</para>
/// <para>A Piecewise without a final <c>(value, True)</c> case has no value where no condition holds, and PyRates has
/// no NaN literal to stand for it: that is an error naming the construct.</para>
/// </remarks>
internal static class PiecewiseRewriter
{
    private static readonly BooleanExpr True = new(true);

    /// <summary>Returns <paramref name="e"/> with every Piecewise in two-case form (inner ones first).</summary>
    /// <param name="e">The expression.</param>
    /// <param name="where">Where the expression comes from (e.g. "derived variable 'h' of model 'M'"), for errors.</param>
    /// <exception cref="PyRatesTranslationException">A Piecewise has no final <c>True</c> case, or a condition that is no
    /// comparison, <c>True</c>/<c>False</c> or conditions joined by <c>&amp;</c> and <c>|</c>.</exception>
    public static Expr Rewrite(Expr e, string where) =>
        e.Rewrite(x => x is PiecewiseExpr p ? RewritePiecewise(p, where) : x);

    private static Expr RewritePiecewise(PiecewiseExpr p, string where)
    {
        // Drop cases that can never be chosen (after a True) and cases whose condition is False.
        var cases = new List<PiecewiseCase>();
        foreach (var c in p.Cases)
        {
            var condition = Simplify(c.Condition, where);
            if (condition is BooleanExpr { Value: false })
            {
                continue;
            }

            cases.Add(c with { Condition = condition });
            if (condition is BooleanExpr { Value: true })
            {
                break;
            }
        }

        if (cases.Count == 0 || cases[^1].Condition is not BooleanExpr { Value: true })
        {
            throw new PyRatesTranslationException(
                $"{where}: {PyRatesPrinter.PrintPython(p)} has no final (value, True) case, so it has no value where no " +
                "condition holds; PyRates cannot express that. Add a last case such as (0, True).");
        }

        var result = cases[^1].Value;
        for (var k = cases.Count - 2; k >= 0; k--)
        {
            result = new PiecewiseExpr([cases[k], new PiecewiseCase(result, True)]);
        }

        return result;
    }

    // The condition with True and False folded out of & and |: a comparison, a connective of comparisons, or a boolean.
    private static Expr Simplify(Expr condition, string where)
    {
        switch (condition)
        {
            case ComparisonExpr or BooleanExpr:
                return condition;
            case LogicalExpr l:
                {
                    var left = Simplify(l.Left, where);
                    var right = Simplify(l.Right, where);
                    var and = l.Operator == LogicalOperator.And;
                    return (left, right) switch
                    {
                        (BooleanExpr b, _) => b.Value == and ? right : b,
                        (_, BooleanExpr b) => b.Value == and ? left : b,
                        _ => l with { Left = left, Right = right },
                    };
                }

            default:
                throw new PyRatesTranslationException(
                    $"{where}: the Piecewise condition {PyRatesPrinter.PrintPython(condition)} is not a comparison, True/False " +
                    "or conditions joined by & and |; PyRates cannot express it.");
        }
    }
}
