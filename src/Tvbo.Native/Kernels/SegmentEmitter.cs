using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>
/// Emits a fixed-step kernel's sample loop in segments of at most <see cref="SegmentSamples"/> samples. A segment
/// first runs optimistically: each returned sample is only added into a running sum per variable, its health (a
/// non-finite sample leaves it non-finite). If at the segment's end a live lane's health is not finite, the segment
/// is run again from a snapshot taken at its start, now checking every sample, so the failure is found at the exact
/// sample. Kernels with delays check every sample.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class SegmentEmitter<TVec>
    where TVec : struct
{
    /// <summary>Samples per divergence-check segment.</summary>
    public const int SegmentSamples = 64;

    private readonly FixedStepFrame<TVec> _frame;
    private readonly ParameterExpression _segmentStart;
    private readonly ParameterExpression? _eventMark;
    private readonly ParameterExpression[][] _health;
    private readonly LabelTarget _done = Expression.Label("done");

    /// <summary>Declares the segment's locals.</summary>
    /// <param name="frame">The kernel.</param>
    public SegmentEmitter(FixedStepFrame<TVec> frame)
    {
        _frame = frame;
        var code = frame.Code;
        Check = code.Bool("check");
        Stop = code.Bool("stop");
        _segmentStart = code.Int("segment_start");
        _eventMark = frame.Layout.Model.Events.Count > 0 ? code.Int("event_mark") : null;
        _health = new ParameterExpression[frame.Groups][];
        for (var g = 0; g < frame.Groups; g++)
        {
            _health[g] = Enumerable.Range(0, frame.StateCount).Select(i => code.Vec($"health{g}_{i}")).ToArray();
        }
    }

    /// <summary>True while samples are checked one by one.</summary>
    public ParameterExpression Check { get; }

    /// <summary>True when the call's last sample is done.</summary>
    public ParameterExpression Stop { get; }

    /// <summary>The label that ends the current segment.</summary>
    public LabelTarget SegmentDone { get; } = Expression.Label("segment_done");

    /// <summary>The optimistic record of one sample: each variable added into its health.</summary>
    public List<Expression> Optimistic()
    {
        var add = new List<Expression>();
        for (var g = 0; g < _frame.Groups; g++)
        {
            for (var i = 0; i < _frame.StateCount; i++)
            {
                add.Add(Expression.Assign(_health[g][i], LaneOps<TVec>.Add(_health[g][i], _frame.State[g][i])));
            }
        }

        return add;
    }

    /// <summary>Ends the loop with the call: stop, and leave the segment.</summary>
    public BlockExpression StopHere() => Expression.Block(Expression.Assign(Stop, Expression.Constant(true)), Expression.Break(SegmentDone));

    /// <summary>Moves to the next sample: stops at the call's end, leaves a full segment.</summary>
    public List<Expression> Advance() =>
    [
        Expression.PreIncrementAssign(_frame.Sample),
        Expression.IfThen(Expression.Equal(_frame.Sample, _frame.End), StopHere()),
        Expression.IfThen(Expression.GreaterThanOrEqual(Expression.Subtract(_frame.Sample, _segmentStart), Expression.Constant(SegmentSamples)), Expression.Break(SegmentDone)),
    ];

    /// <summary>The loop over segments around the body of one sample.</summary>
    /// <param name="body">One sample: record, step, advance.</param>
    public List<Expression> Loop(List<Expression> body)
    {
        var outer = Begin();
        outer.Add(Expression.Loop(Expression.Block(body), SegmentDone));
        outer.Add(End());
        return
        [
            Expression.Assign(Check, Expression.Constant(_frame.Layout.HistoryLength > 0)),
            Expression.Assign(Stop, Expression.Constant(false)),
            Expression.Loop(Expression.Block(outer), _done),
        ];
    }

    /// <summary>Whether some live lane of <paramref name="v"/> is not finite.</summary>
    /// <param name="v">A group's variables.</param>
    /// <param name="alive">The group's live-lane mask.</param>
    public static Expression NonFinite(ParameterExpression[] v, ParameterExpression alive)
    {
        // x - x is 0 for finite x and NaN otherwise; the sum over variables is 0 iff all are finite.
        var bad = LaneOps<TVec>.Subtract(v[0], v[0]);
        for (var i = 1; i < v.Length; i++)
        {
            bad = LaneOps<TVec>.Add(bad, LaneOps<TVec>.Subtract(v[i], v[i]));
        }

        return Expression.Not(LaneOps<TVec>.EqualsAll(LaneOps<TVec>.And(bad, alive), LaneOps<TVec>.Constant(0.0)));
    }

    /// <summary>The segment's start: its first sample, the snapshot (in memory: it is only read to re-run), health 0.</summary>
    private List<Expression> Begin()
    {
        var begin = new List<Expression> { Expression.Assign(_segmentStart, _frame.Sample) };
        if (_eventMark is not null)
        {
            begin.Add(Expression.Assign(_eventMark, _frame.Code.Member(nameof(KernelContext<TVec>.EventCount))));
        }

        foreach (var (g, i, o) in Slots())
        {
            begin.Add(Expression.Assign(Snapshot(o), _frame.State[g][i]));
            begin.Add(Expression.Assign(_health[g][i], LaneOps<TVec>.Constant(0.0)));
            if (_frame.Kind.Summary)
            {
                begin.Add(Expression.Assign(Snapshot(o + 1), _frame.Min[g][i]));
                begin.Add(Expression.Assign(Snapshot(o + 2), _frame.Max[g][i]));
                begin.Add(Expression.Assign(Snapshot(o + 3), _frame.Sum[g][i]));
            }
        }

        return begin;
    }

    /// <summary>The segment's end: re-run it checked if an optimistic pass saw a non-finite sample in a live lane.</summary>
    private ConditionalExpression End()
    {
        var anyBad = Enumerable.Range(0, _frame.Groups).Select(g => NonFinite(_health[g], _frame.Alive[g])).Aggregate(Expression.OrElse);
        var rerun = Restore();
        rerun.Add(Expression.Assign(Stop, Expression.Constant(false)));
        var next = Expression.Block(
            Expression.Assign(Check, Expression.Constant(_frame.Layout.HistoryLength > 0)),
            Expression.IfThen(Stop, Expression.Break(_done)));
        return Expression.IfThenElse(Expression.AndAlso(Expression.Not(Check), anyBad), Expression.Block(rerun), next);
    }

    /// <summary>Back to the segment's start, checked.</summary>
    private List<Expression> Restore()
    {
        var restore = new List<Expression> { Expression.Assign(_frame.Sample, _segmentStart), Expression.Assign(Check, Expression.Constant(true)) };
        if (_eventMark is not null)
        {
            // The firings the optimistic pass logged since the segment's start are dropped: the checked pass logs them again.
            restore.Add(Expression.Assign(_frame.Code.Member(nameof(KernelContext<TVec>.EventCount)), _eventMark));
        }

        foreach (var (g, i, o) in Slots())
        {
            restore.Add(Expression.Assign(_frame.State[g][i], Snapshot(o)));
            if (_frame.Kind.Summary)
            {
                restore.Add(Expression.Assign(_frame.Min[g][i], Snapshot(o + 1)));
                restore.Add(Expression.Assign(_frame.Max[g][i], Snapshot(o + 2)));
                restore.Add(Expression.Assign(_frame.Sum[g][i], Snapshot(o + 3)));
            }
        }

        return restore;
    }

    private IndexExpression Snapshot(int index) => KernelCode<TVec>.Slot(_frame.Code.Member(nameof(KernelContext<TVec>.Snapshot)), index);

    /// <summary>Every (group, variable) and its snapshot offset, [group, variable, (state, min, max, sum)].</summary>
    private IEnumerable<(int Group, int Variable, int Offset)> Slots() =>
        from g in Enumerable.Range(0, _frame.Groups)
        from i in Enumerable.Range(0, _frame.StateCount)
        select (g, i, ((g * _frame.StateCount) + i) * 4);
}
