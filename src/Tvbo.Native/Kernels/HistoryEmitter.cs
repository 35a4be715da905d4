using System.Linq.Expressions;
using Tvbo.Model;

namespace Tvbo.Native.Kernels;

/// <summary>
/// Emits the history of the delayed sources. Before the first step (a call starting at sample 0) every position holds
/// the initial state, which is what a source reads before the start. At the start of step <c>k</c> (global, =
/// sample · steps per sample + j) its state goes to positions <c>k mod L</c> and <c>k mod L + L</c>; a stage at
/// <c>t_k + c·dt</c> reads a source <c>d</c> steps back (1 ≤ d &lt; L) at position <c>k mod L + L + c − d</c>.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class HistoryEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the prefill (into the prologue) and each step's record (into <paramref name="step"/>).</summary>
    /// <param name="frame">The kernel.</param>
    /// <param name="step">Receives the statements at the start of each step.</param>
    /// <returns>The read of a delayed source, by group and stage offset c.</returns>
    public static Func<int, int, Func<DelayedState, Expression>> Emit(FixedStepFrame<TVec> frame, List<Expression> step)
    {
        var code = frame.Code;
        var layout = frame.Layout;
        var nh = layout.DelayedSources.Count;
        var length = layout.HistoryLength;
        var stride = frame.Groups * nh;
        var history = code.Member(nameof(KernelContext<TVec>.History));
        var slotOf = layout.DelayedSources.Select((s, h) => (s, h)).ToDictionary(x => x.s, x => x.h);
        var q = code.Int("history_q");
        var pos = code.Int("history_pos");
        var hbase = code.Int("history_base");
        code.Prologue.Add(Prefill(frame, q, At));

        // Each step: record the state, then fix the base position for the reads.
        step.Add(Expression.Assign(pos, Expression.Modulo(Expression.Add(Expression.Multiply(frame.Sample, frame.Steps), frame.StepIndex), Expression.Constant(length))));
        Record(frame, pos, At, step, mirrored: true);
        step.Add(Expression.Assign(hbase, Expression.Multiply(Expression.Add(pos, Expression.Constant(length)), Expression.Constant(stride))));
        return (g, c) => d => Expression.ArrayAccess(
            history,
            Expression.Add(hbase, Expression.Constant(((c - d.Steps) * stride) + (g * nh) + slotOf[layout.StateIndex(d.Source)])));

        Expression At(Expression position, int g, int h) =>
            Expression.ArrayAccess(history, Expression.Add(Expression.Multiply(position, Expression.Constant(stride)), Expression.Constant((g * nh) + h)));
    }

    /// <summary>At the start of the run (sample 0), every position of the history holds the initial state.</summary>
    private static ConditionalExpression Prefill(FixedStepFrame<TVec> frame, ParameterExpression q, Func<Expression, int, int, Expression> at)
    {
        var fill = new List<Expression>();
        Record(frame, q, at, fill, mirrored: false);
        var filled = Expression.Label("history_filled");
        fill.Add(Expression.PreIncrementAssign(q));
        fill.Add(Expression.IfThen(Expression.GreaterThanOrEqual(q, Expression.Constant(2 * frame.Layout.HistoryLength)), Expression.Break(filled)));
        return Expression.IfThen(
            Expression.Equal(frame.Sample, Expression.Constant(0)),
            Expression.Block(Expression.Assign(q, Expression.Constant(0)), Expression.Loop(Expression.Block(fill), filled)));
    }

    /// <summary>Stores every delayed source's state at <paramref name="position"/>, and also at position + L when
    /// <paramref name="mirrored"/>.</summary>
    private static void Record(FixedStepFrame<TVec> frame, ParameterExpression position, Func<Expression, int, int, Expression> at, List<Expression> into, bool mirrored)
    {
        var sources = frame.Layout.DelayedSources;
        for (var g = 0; g < frame.Groups; g++)
        {
            for (var h = 0; h < sources.Count; h++)
            {
                into.Add(Expression.Assign(at(position, g, h), frame.State[g][sources[h]]));
                if (mirrored)
                {
                    into.Add(Expression.Assign(at(Expression.Add(position, Expression.Constant(frame.Layout.HistoryLength)), g, h), frame.State[g][sources[h]]));
                }
            }
        }
    }
}
