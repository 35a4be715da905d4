using System.Linq.Expressions;

namespace Tvbo.Native.Kernels;

/// <summary>Emits a fixed-step kernel's epilogue: the state and the summary accumulators go back into the context,
/// where the next call (or the driver) finds them.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class EpilogueEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the epilogue.</summary>
    /// <param name="frame">The kernel.</param>
    public static List<Expression> Emit(FixedStepFrame<TVec> frame)
    {
        var epilogue = frame.StoreState();
        if (frame.Kind.Summary)
        {
            epilogue.AddRange(PrologueEmitter<TVec>.AccumulatorTransfers(frame, load: false));
        }

        return epilogue;
    }
}
