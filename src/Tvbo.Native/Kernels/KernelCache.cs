using System.Collections.Concurrent;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Compiled kernels by model structure and kind, so repeated runs of the same model (other parameter
/// values, other grids, other step sizes) skip code generation. Bounded: cleared when it grows past
/// <see cref="Capacity"/> entries.</summary>
internal static class KernelCache
{
    /// <summary>The most kernels kept.</summary>
    public const int Capacity = 256;

    private static readonly ConcurrentDictionary<(string Model, KernelKind Kind, Type Vector), Lazy<Delegate>> Kernels = new();

    /// <summary>The kernel for a model and kind, compiled on first use.</summary>
    /// <typeparam name="TVec">The vector type.</typeparam>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    public static Action<KernelContext<TVec>> Get<TVec>(ModelLayout layout, KernelKind kind)
        where TVec : struct
    {
        if (Kernels.Count > Capacity)
        {
            Kernels.Clear();
        }

        var lazy = Kernels.GetOrAdd((layout.Key, kind, typeof(TVec)), _ => new Lazy<Delegate>(() => KernelBuilder<TVec>.Build(layout, kind), LazyThreadSafetyMode.PublicationOnly));
        return (Action<KernelContext<TVec>>)lazy.Value;
    }
}
