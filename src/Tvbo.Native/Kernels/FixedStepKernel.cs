using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>
/// A fixed-step kernel: keeps the state of <see cref="KernelKind.Groups"/> vectors in locals and runs the whole time
/// loop for the samples [<see cref="KernelContext{TVec}.SampleStart"/>, <see cref="KernelContext{TVec}.SampleEnd"/>).
/// Its code is, in order: the prologue (<see cref="PrologueEmitter{TVec}"/>), the loop over segments
/// (<see cref="SegmentEmitter{TVec}"/>) of samples, each sample checked and recorded
/// (<see cref="SampleEmitter{TVec}"/>) then followed by the steps to the next (<see cref="StepEmitter{TVec}"/>),
/// and the epilogue (<see cref="EpilogueEmitter{TVec}"/>).
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class FixedStepKernel<TVec>
    where TVec : struct
{
    /// <summary>Compiles the kernel.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    public static Action<KernelContext<TVec>> Build(ModelLayout layout, KernelKind kind)
    {
        var code = new KernelCode<TVec>();
        var frame = PrologueEmitter<TVec>.Emit(code, layout, kind, kind.Map ? FixedStepScheme.Map : FixedStepScheme.For(kind.Method));
        var segment = new SegmentEmitter<TVec>(frame);
        var body = SampleEmitter<TVec>.Emit(frame, segment);
        body.AddRange(StepEmitter<TVec>.Emit(frame));
        body.AddRange(segment.Advance());
        var loop = segment.Loop(body);
        var all = new List<Expression>(code.Prologue);
        all.AddRange(loop);
        all.AddRange(EpilogueEmitter<TVec>.Emit(frame));
        return code.Compile(all, kind.Map ? "native_map" : $"native_{kind.Method}");
    }
}
