using System.Linq.Expressions;
using Tvbo.Model;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits the boundary clamp after each step: a wrapped variable wraps into [lower, upper) with
/// <see cref="LaneMath.Wrap{TVec}"/>, a clamped one is clamped as <see cref="Boundaries.Clamp"/> (NaN stays NaN).</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class ClampEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the clamp of every bounded variable.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="y">The state, [group][variable].</param>
    /// <param name="code">Receives the statements.</param>
    public static void Emit(ModelLayout layout, ParameterExpression[][] y, List<Expression> code)
    {
        for (var i = 0; i < layout.StateVariables.Count; i++)
        {
            if (layout.StateVariables[i].Boundaries is not { } b)
            {
                continue;
            }

            for (var g = 0; g < y.Length; g++)
            {
                var bounded = b.Mode == BoundaryMode.Wrap ? Wrap(y[g][i], b) : Clamp(y[g][i], b);
                if (!ReferenceEquals(bounded, y[g][i]))
                {
                    code.Add(Expression.Assign(y[g][i], bounded));
                }
            }
        }
    }

    private static Expression Wrap(ParameterExpression v, Boundaries b)
    {
        var wrap = typeof(LaneMath).GetMethod(nameof(LaneMath.Wrap))!.MakeGenericMethod(typeof(TVec));
        return Expression.Call(wrap, v, Expression.Constant(b.Lower), Expression.Constant(b.Upper));
    }

    /// <summary>v &lt; lo ? lo : v &gt; hi ? hi : v; the variable itself when both bounds are infinite.</summary>
    private static Expression Clamp(ParameterExpression y, Boundaries b)
    {
        Expression v = y;
        if (b.Upper < double.PositiveInfinity)
        {
            var hi = LaneOps<TVec>.Constant(b.Upper);
            v = LaneOps<TVec>.Select(LaneOps<TVec>.Compare("GreaterThan", y, hi), hi, v);
        }

        if (b.Lower > double.NegativeInfinity)
        {
            var lo = LaneOps<TVec>.Constant(b.Lower);
            v = LaneOps<TVec>.Select(LaneOps<TVec>.Compare("LessThan", y, lo), lo, v);
        }

        return v;
    }
}
