using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits the steps between two returned samples: <see cref="KernelContext{TVec}.StepsPerSample"/> times
/// (record the delayed sources' history, locate the step's inputs) one step of the scheme for every group, then
/// the boundary clamp, then the model's spike-and-reset events (<see cref="EventEmitter{TVec}"/>).</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class StepEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the steps.</summary>
    /// <param name="frame">The kernel.</param>
    public static List<Expression> Emit(FixedStepFrame<TVec> frame)
    {
        var step = new List<Expression>();
        var delayed = frame.Layout.HistoryLength > 0 ? HistoryEmitter<TVec>.Emit(frame, step) : null;
        var input = frame.Layout.Inputs.Count > 0 ? Inputs(frame, step) : null;
        SchemeEmitter<TVec>.Emit(frame, delayed, input, step);
        ClampEmitter<TVec>.Emit(frame.Layout, frame.State, step);
        EventEmitter<TVec>.Emit(frame, step);
        var stepsDone = Expression.Label("steps_done");
        step.Add(Expression.PreIncrementAssign(frame.StepIndex));
        step.Add(Expression.IfThen(Expression.GreaterThanOrEqual(frame.StepIndex, frame.Steps), Expression.Break(stepsDone)));
        return
        [
            Expression.Assign(frame.StepIndex, Expression.Constant(0)),
            Expression.Loop(Expression.Block(step), stepsDone),
        ];
    }

    /// <summary>Step k of this call reads [k − SampleStart·steps, group, input].</summary>
    /// <returns>The read of an input slot, by group.</returns>
    private static Func<int, Func<int, Expression>> Inputs(FixedStepFrame<TVec> frame, List<Expression> step)
    {
        var code = frame.Code;
        var inputs = code.Member(nameof(KernelContext<TVec>.Inputs));
        var count = frame.Layout.Inputs.Count;
        var at = code.Int("input_base");
        var callStep = Expression.Add(
            Expression.Multiply(Expression.Subtract(frame.Sample, code.Member(nameof(KernelContext<TVec>.SampleStart))), frame.Steps),
            frame.StepIndex);
        step.Add(Expression.Assign(at, Expression.Multiply(callStep, Expression.Constant(frame.Groups * count))));
        return g => slot => Expression.ArrayAccess(inputs, Expression.Add(at, Expression.Constant((g * count) + slot)));
    }
}
