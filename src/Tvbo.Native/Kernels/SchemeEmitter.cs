using System.Linq.Expressions;
using Tvbo.Model;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits one step of a <see cref="FixedStepScheme"/> for every group: the stages in order (each a
/// right-hand-side evaluation, at <c>y</c> or at an offset point; the variables held over the step are evaluated by
/// the first stage only and read by the others), then the update of the state.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class SchemeEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the step.</summary>
    /// <param name="frame">The kernel.</param>
    /// <param name="delayed">The read of a delayed source, by group and stage offset, or null.</param>
    /// <param name="input">The read of an input slot, by group, or null.</param>
    /// <param name="code">Receives the statements.</param>
    public static void Emit(FixedStepFrame<TVec> frame, Func<int, int, Func<DelayedState, Expression>>? delayed, Func<int, Func<int, Expression>>? input, List<Expression> code)
    {
        var scheme = frame.Scheme;
        if (delayed is not null && !scheme.AllowsDelays && !frame.Layout.DelaysOnlyHeld)
        {
            throw new NotSupportedException($"Delays are defined for Euler and Heun, not {scheme.Method} (unless only variables held over the step read them).");
        }

        var k = new ParameterExpression[scheme.Stages.Length][][];
        for (var s = 0; s < k.Length; s++)
        {
            var stage = scheme.Stages[s];
            var at = stage.From < 0 ? frame.State : Offset(frame, frame.StepSizes[stage.Divisor], k[stage.From], stage.Name, code);
            k[s] = Evaluate(frame, at, stage.StepOffset, delayed, input, code, laterStage: s > 0);
        }

        Update(frame, k, code);
    }

    /// <summary>The slopes at a point, [group][variable]; a later stage reads the variables held over the step from
    /// the first.</summary>
    private static ParameterExpression[][] Evaluate(FixedStepFrame<TVec> frame, ParameterExpression[][] at, int stepOffset, Func<int, int, Func<DelayedState, Expression>>? delayed, Func<int, Func<int, Expression>>? input, List<Expression> code, bool laterStage)
    {
        var k = new ParameterExpression[frame.Groups][];
        for (var g = 0; g < frame.Groups; g++)
        {
            var point = at[g];
            k[g] = frame.Rhs[g].EmitDerivatives(i => point[i], delayed?.Invoke(g, stepOffset), input?.Invoke(g), code, laterStage);
        }

        return k;
    }

    /// <summary>The point <c>y + h·k</c>, into new locals.</summary>
    private static ParameterExpression[][] Offset(FixedStepFrame<TVec> frame, Expression h, ParameterExpression[][] k, string name, List<Expression> code)
    {
        var r = new ParameterExpression[frame.Groups][];
        for (var g = 0; g < frame.Groups; g++)
        {
            r[g] = new ParameterExpression[frame.StateCount];
            for (var i = 0; i < frame.StateCount; i++)
            {
                r[g][i] = frame.Code.Vec($"{name}{g}_{i}");
                code.Add(Expression.Assign(r[g][i], LaneOps<TVec>.Add(frame.State[g][i], LaneOps<TVec>.Multiply(h, k[g][i]))));
            }
        }

        return r;
    }

    /// <summary><c>y = y + (dt / UpdateDivisor)·Σ weight·k[stage]</c>, the terms summed left to right; for a map,
    /// <c>y = k[0]</c> (the next values, all computed into locals before the state is replaced).</summary>
    private static void Update(FixedStepFrame<TVec> frame, ParameterExpression[][][] k, List<Expression> code)
    {
        if (frame.Scheme.IsMap)
        {
            for (var g = 0; g < frame.Groups; g++)
            {
                for (var i = 0; i < frame.StateCount; i++)
                {
                    code.Add(Expression.Assign(frame.State[g][i], k[0][g][i]));
                }
            }

            return;
        }

        var h = frame.StepSizes[frame.Scheme.UpdateDivisor];
        for (var g = 0; g < frame.Groups; g++)
        {
            for (var i = 0; i < frame.StateCount; i++)
            {
                var slope = frame.Scheme.Update.Select(t => Term(t, k[t.Stage][g][i])).Aggregate(LaneOps<TVec>.Add);
                code.Add(Expression.Assign(frame.State[g][i], LaneOps<TVec>.Add(frame.State[g][i], LaneOps<TVec>.Multiply(h, slope))));
            }
        }
    }

    private static Expression Term(FixedStepScheme.Term term, Expression k) =>
        term.Weight == 1 ? k : LaneOps<TVec>.Multiply(LaneOps<TVec>.Constant(term.Weight), k);
}
