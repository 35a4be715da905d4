using Tvbo.Experiment;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>What a compiled kernel does; with the model's structural key it identifies the code in the cache.</summary>
/// <param name="Method">The fixed-step scheme, or <see cref="IntegrationMethod.RK45"/> for the right-hand side
/// only (the adaptive driver steps in managed code).</param>
/// <param name="Groups">Vectors per block.</param>
/// <param name="Summary">Whether samples feed summary accumulators (else they are written to the series).</param>
/// <param name="Lanes">Lanes per vector.</param>
/// <param name="Varied">One character per parameter slot: '1' when the exploration varies it (its value differs
/// between lanes), '0' when every lane has the same value (loaded once for all groups).</param>
internal readonly record struct KernelKind(IntegrationMethod Method, int Groups, bool Summary, int Lanes, string Varied)
{
    /// <summary>The names of the varied parameters.</summary>
    /// <param name="layout">The model.</param>
    public HashSet<string> VariedNames(ModelLayout layout)
    {
        var varied = Varied;
        return layout.Parameters.Where((_, j) => varied[j] == '1').Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }
}
