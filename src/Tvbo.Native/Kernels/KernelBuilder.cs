using Tvbo.Experiment;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>
/// Generates and compiles (System.Linq.Expressions) the code of one block of conditions: a fixed-step kernel
/// (<see cref="FixedStepKernel{TVec}"/>) runs the time loop of a scheme; the RHS kernel
/// (<see cref="RhsKernel{TVec}"/>, for the adaptive driver) evaluates the right-hand sides once.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class KernelBuilder<TVec>
    where TVec : struct
{
    /// <summary>Compiles a kernel.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    public static Action<KernelContext<TVec>> Build(ModelLayout layout, KernelKind kind) =>
        kind.Method == IntegrationMethod.RK45 ? RhsKernel<TVec>.Build(layout, kind) : FixedStepKernel<TVec>.Build(layout, kind);
}
