using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>The right-hand-side kernel of the adaptive driver: evaluates the right-hand sides once at
/// <see cref="KernelContext{TVec}.State"/> into <see cref="KernelContext{TVec}.Derivative"/>.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class RhsKernel<TVec>
    where TVec : struct
{
    /// <summary>Compiles the kernel.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    public static Action<KernelContext<TVec>> Build(ModelLayout layout, KernelKind kind)
    {
        var code = new KernelCode<TVec>();
        var varied = kind.Varied.Names(layout);
        var shared = new SharedHoists();
        var parameters = new ParameterLoader<TVec>(code, kind.Varied);
        var statements = new List<Expression>();
        var nv = layout.StateVariables.Count;
        var state = code.Member(nameof(KernelContext<TVec>.State));
        var deriv = code.Member(nameof(KernelContext<TVec>.Derivative));
        for (var g = 0; g < kind.Groups; g++)
        {
            var group = g;
            // Hoisted invariants go straight into the code, ahead of their first use.
            var p = parameters.Load(group, statements);
            var emitter = new RhsEmitter<TVec>(layout, j => p[j], code.Locals, statements, varied, shared);
            var d = emitter.EmitDerivatives(i => Expression.ArrayIndex(state, Expression.Constant((group * nv) + i)), statements);
            for (var i = 0; i < nv; i++)
            {
                statements.Add(Expression.Assign(Expression.ArrayAccess(deriv, Expression.Constant((group * nv) + i)), d[i]));
            }
        }

        statements.Add(Expression.Empty());
        return code.Compile(statements);
    }
}
