using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits the model's spike-and-reset events after each step (after the boundary clamp): for each event in
/// declaration order and each group, the condition's lane mask and every assigned value are computed from the state
/// before the event, then each assigned state variable takes its new value in the lanes where the condition holds
/// (<see cref="LaneOps{TVec}.Select"/>) and keeps its value elsewhere. Where the condition holds in a live lane, the
/// kernel reports the firing (<see cref="KernelCallbacks{TVec}.Fired"/>) with the step's end time.</summary>
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
        var fired = typeof(KernelCallbacks<TVec>).GetMethod(nameof(KernelCallbacks<TVec>.Fired))!;
        for (var e = 0; e < layout.Model.Events.Count; e++)
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
                    Expression.Call(fired, frame.Code.Context, Expression.Constant(g), Expression.Constant(e), frame.Sample, frame.StepIndex, live)));
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
