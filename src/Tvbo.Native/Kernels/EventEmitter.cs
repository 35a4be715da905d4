using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits the model's spike-and-reset events after each step (after the boundary clamp): for each event in
/// declaration order and each group, the condition's lane mask and every assigned value are computed from the state
/// before the event, then each assigned state variable takes its new value in the lanes where the condition holds
/// (<see cref="LaneOps{TVec}.Select"/>) and keeps its value elsewhere. Where an event fired in a live lane, its mask and
/// its [step of the call, event, group] slot are appended to <see cref="KernelContext{TVec}.EventMasks"/> and
/// <see cref="KernelContext{TVec}.EventSlots"/> (a rarely taken branch: no call out of the kernel's loop, which would
/// cost the loop its registers, and no store per step); the driver reads them after the call. A segment run again
/// after a divergence first drops what it appended (<see cref="SegmentEmitter{TVec}"/>).</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class EventEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the events of the model, if any.</summary>
    /// <param name="frame">The kernel.</param>
    /// <param name="code">Receives the statements.</param>
    public static void Emit(FixedStepFrame<TVec> frame, List<Expression> code)
    {
        var layout = frame.Layout;
        var count = layout.Model.Events.Count;
        if (count == 0)
        {
            return;
        }

        // Step k of this call (k = (sample − SampleStart)·steps + j), event e, group g has the slot (k·events + e)·groups + g.
        var kernel = frame.Code;
        var masks = kernel.Member(nameof(KernelContext<TVec>.EventMasks));
        var slots = kernel.Member(nameof(KernelContext<TVec>.EventSlots));
        var logged = kernel.Member(nameof(KernelContext<TVec>.EventCount));
        var n = kernel.Int("event_n");
        var callStep = Expression.Add(
            Expression.Multiply(Expression.Subtract(frame.Sample, kernel.Member(nameof(KernelContext<TVec>.SampleStart))), frame.Steps),
            frame.StepIndex);
        for (var e = 0; e < count; e++)
        {
            var ev = layout.Model.Events[e];
            for (var g = 0; g < frame.Groups; g++)
            {
                var y = frame.State[g];
                Expression State(int i) => y[i];
                var mask = frame.Code.Vec($"fires_{ev.Name}");
                code.Add(Expression.Assign(mask, frame.Rhs[g].EmitConditionAt(ev.Condition, State)));
                var live = frame.Code.Vec($"fired_{ev.Name}");
                code.Add(Expression.Assign(live, LaneOps<TVec>.And(mask, frame.Alive[g])));
                code.Add(Expression.IfThen(
                    Expression.Not(LaneOps<TVec>.EqualsAll(live, LaneOps<TVec>.AllFalse())),
                    Expression.Block(
                        Expression.Assign(n, logged),
                        Expression.Assign(Expression.ArrayAccess(masks, n), live),
                        Expression.Assign(
                            Expression.ArrayAccess(slots, n),
                            Expression.Add(Expression.Multiply(callStep, Expression.Constant(count * frame.Groups)), Expression.Constant((e * frame.Groups) + g))),
                        Expression.Assign(logged, Expression.Increment(n)))));
                var values = new ParameterExpression[ev.Assignments.Count];
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] = frame.Code.Vec($"{ev.Name}_{ev.Assignments[k].Target}");
                    code.Add(Expression.Assign(values[k], frame.Rhs[g].EmitAt(ev.Assignments[k].Value, State)));
                }

                for (var k = 0; k < values.Length; k++)
                {
                    var target = y[layout.StateIndex(ev.Assignments[k].Target)];
                    code.Add(Expression.Assign(target, LaneOps<TVec>.Select(mask, values[k], target)));
                }
            }
        }
    }
}
