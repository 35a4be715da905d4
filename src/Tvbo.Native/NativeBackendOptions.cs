namespace Tvbo.Native;

/// <summary>Settings of the <see cref="NativeBackend"/>.</summary>
public sealed class NativeBackendOptions
{
    /// <summary>The most threads a run uses; <see langword="null"/> (the default) uses every core
    /// (<see cref="Environment.ProcessorCount"/>).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The SIMD width in bits (128, 256 or 512): one lane of 64 bits per condition. <see langword="null"/>
    /// (the default) picks the widest the processor accelerates. Results do not depend on it.</summary>
    public int? VectorBits { get; init; }

    /// <summary>Vectors integrated together in one block (1–8), to hide arithmetic latency; <see langword="null"/>
    /// (the default) chooses from the number of conditions and threads. Results do not depend on it.</summary>
    public int? GroupsPerBlock { get; init; }

    /// <summary>Runs networks as their lowered system, compiled whole (edges as constants), instead of as data: the
    /// same numbers, for comparing the two.</summary>
    internal bool LoweredNetworks { get; init; }
}
