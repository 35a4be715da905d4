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

    private static readonly ConcurrentDictionary<(string Key, Type Vector), Lazy<Delegate>> Parts = new();

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

    /// <summary>A kernel of a network's parts (its nodes, a coupling) by its structural key, compiled on first use.</summary>
    /// <typeparam name="TDelegate">The kernel's delegate type.</typeparam>
    /// <param name="vector">The vector type.</param>
    /// <param name="key">What identifies the code.</param>
    /// <param name="build">Compiles it.</param>
    public static TDelegate Get<TDelegate>(Type vector, string key, Func<TDelegate> build)
        where TDelegate : Delegate
    {
        if (Parts.Count > Capacity)
        {
            Parts.Clear();
        }

        return (TDelegate)Parts.GetOrAdd((key, vector), _ => new Lazy<Delegate>(build, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
