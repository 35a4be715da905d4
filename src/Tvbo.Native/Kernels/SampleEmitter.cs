using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits what a fixed-step kernel does at each returned sample: the divergence check (checked or
/// optimistic, see <see cref="SegmentEmitter{TVec}"/>), then the record — into the summary accumulators from the
/// window on (<see cref="Tvbo.Results.SummaryAccumulator.Include"/>, inlined), or into the block's sample buffer —
/// and the stop after the last returned sample.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class SampleEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the statements of one sample.</summary>
    /// <param name="frame">The kernel.</param>
    /// <param name="segment">The segment loop.</param>
    public static List<Expression> Emit(FixedStepFrame<TVec> frame, SegmentEmitter<TVec> segment)
    {
        var sample = new List<Expression>
        {
            Expression.IfThenElse(segment.Check, Expression.Block(Checked(frame)), Expression.Block(segment.Optimistic())),
        };
        sample.AddRange(frame.Kind.Summary ? [Accumulate(frame)] : Buffer(frame));
        sample.Add(Expression.IfThen(Expression.Equal(frame.Sample, frame.Last), segment.StopHere()));
        return sample;
    }

    /// <summary>Per group: if a live lane is not finite, store the state, report the lanes (they become NaN and
    /// dead) and load the state again.</summary>
    private static List<Expression> Checked(FixedStepFrame<TVec> frame)
    {
        var diverged = typeof(KernelCallbacks<TVec>).GetMethod(nameof(KernelCallbacks<TVec>.Diverged))!;
        var check = new List<Expression>();
        for (var g = 0; g < frame.Groups; g++)
        {
            var handle = frame.StoreState();
            handle.Add(Expression.Call(diverged, frame.Code.Context, Expression.Constant(g), frame.Sample));
            handle.AddRange(frame.LoadState());
            check.Add(Expression.IfThen(SegmentEmitter<TVec>.NonFinite(frame.State[g], frame.Alive[g]), Expression.Block(handle)));
        }

        return check;
    }

    /// <summary>From the window on: min and max take a strictly lower (higher) sample, the sum adds it
    /// (<see cref="Tvbo.Results.SummaryAccumulator.Include"/>; the driver applies
    /// <see cref="Tvbo.Results.SummaryAccumulator.Close"/> after the run).</summary>
    private static ConditionalExpression Accumulate(FixedStepFrame<TVec> frame)
    {
        var acc = new List<Expression>();
        for (var g = 0; g < frame.Groups; g++)
        {
            for (var i = 0; i < frame.StateCount; i++)
            {
                var (y, min, max, sum) = (frame.State[g][i], frame.Min[g][i], frame.Max[g][i], frame.Sum[g][i]);
                acc.Add(Expression.Assign(min, LaneOps<TVec>.Select(LaneOps<TVec>.Compare("LessThan", y, min), y, min)));
                acc.Add(Expression.Assign(max, LaneOps<TVec>.Select(LaneOps<TVec>.Compare("GreaterThan", y, max), y, max)));
                acc.Add(Expression.Assign(sum, LaneOps<TVec>.Add(sum, y)));
            }
        }

        return Expression.IfThen(Expression.GreaterThanOrEqual(frame.Sample, frame.Window), Expression.Block(acc));
    }

    /// <summary>The sample goes to the block's buffer, [sample - SampleStart, group, variable]; the driver copies the
    /// buffer into the series after the call.</summary>
    private static List<Expression> Buffer(FixedStepFrame<TVec> frame)
    {
        var code = frame.Code;
        var buffer = code.Member(nameof(KernelContext<TVec>.SampleBuffer));
        var at = code.Int("buffer_base");
        var start = code.Member(nameof(KernelContext<TVec>.SampleStart));
        var nv = frame.StateCount;
        var store = new List<Expression> { Expression.Assign(at, Expression.Multiply(Expression.Subtract(frame.Sample, start), Expression.Constant(frame.Groups * nv))) };
        for (var g = 0; g < frame.Groups; g++)
        {
            for (var i = 0; i < nv; i++)
            {
                store.Add(Expression.Assign(Expression.ArrayAccess(buffer, Expression.Add(at, Expression.Constant((g * nv) + i))), frame.State[g][i]));
            }
        }

        return store;
    }
}
