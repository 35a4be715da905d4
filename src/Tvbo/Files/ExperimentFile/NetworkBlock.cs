using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>What the network block read: the network (<see langword="null"/> for a single node without edges), the
/// coupling keys the file names and the YAML nodes that errors found later (in validation) point at.</summary>
internal sealed class NetworkBlock
{
    /// <summary>The network, or <see langword="null"/> when the experiment runs one node.</summary>
    public Network? Network { get; set; }

    /// <summary>Where errors about the whole network point (the network mapping, or the root).</summary>
    public required YamlNode At { get; init; }

    /// <summary>The couplings the file gives, by key: key node, body, where (network.coupling or coupling), and
    /// the coupling read.</summary>
    public Dictionary<string, (YamlNode Key, YamlMappingNode? Body, string Where, Coupling Coupling)> Couplings { get; } = new(StringComparer.Ordinal);

    /// <summary>The entries of network.nodes, by node index (empty when the nodes are not listed).</summary>
    public List<YamlNode> NodeEntries { get; } = [];

    /// <summary>The conduction speed's node, if given.</summary>
    public YamlNode? Speed { get; set; }

    /// <summary>Where delays come from (the lengths or delays matrix, else the edges), if anywhere.</summary>
    public YamlNode? Delays { get; set; }
}
