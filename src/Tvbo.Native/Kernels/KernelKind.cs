using Tvbo.Experiment;

namespace Tvbo.Native.Kernels;

/// <summary>What a compiled kernel does; with the model's structural key it identifies the code in the cache.</summary>
/// <param name="Method">The fixed-step scheme, or <see cref="IntegrationMethod.RK45"/> for the right-hand side
/// only (the adaptive driver steps in managed code).</param>
/// <param name="Groups">Vectors per block.</param>
/// <param name="Summary">Whether samples feed summary accumulators (else they are written to the series).</param>
/// <param name="Lanes">Lanes per vector.</param>
/// <param name="Varied">The parameter slots the exploration varies (their values differ between lanes); the others
/// have the same value in every lane (loaded once for all groups).</param>
/// <param name="Map">Whether the model is a discrete map, iterated (<see cref="FixedStepScheme.Map"/>) rather than
/// integrated by <paramref name="Method"/>.</param>
internal readonly record struct KernelKind(IntegrationMethod Method, int Groups, bool Summary, int Lanes, VariedParameters Varied, bool Map = false);
