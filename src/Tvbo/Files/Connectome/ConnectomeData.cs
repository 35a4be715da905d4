namespace Tvbo.Files.Connectome;

/// <summary>A connectome read from TVBO's files: the weights and lengths of a network (row = target node, column =
/// source node, as TVBO writes them), the node labels the files give, and the observational measures asked for.</summary>
internal sealed class ConnectomeData
{
    /// <summary>What the connectome was read from, for messages (a file or a folder).</summary>
    public required string Source { get; init; }

    /// <summary>The weights, N×N, finite.</summary>
    public required double[,] Weights { get; init; }

    /// <summary>The tract lengths in mm, N×N, finite and not negative; <see langword="null"/> when the files give none.</summary>
    public double[,]? Lengths { get; init; }

    /// <summary>The node labels as the files write them (e.g. <c>ctx-lh-bankssts</c>), one per node; <see langword="null"/>
    /// when the files give none.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Observational measures (e.g. <c>BoldCorrelation</c>), by name, each N×N; never used as weights.</summary>
    public Dictionary<string, double[,]> Observational { get; } = new(StringComparer.Ordinal);

    /// <summary>The conduction speed a network file gives (<c>parameters.conduction_speed</c>), if any; TVBO does not take
    /// it (the experiment's speed applies).</summary>
    public double? ConductionSpeed { get; init; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount => Weights.GetLength(0);
}
