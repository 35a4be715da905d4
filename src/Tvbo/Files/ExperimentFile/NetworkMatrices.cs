using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The matrices a network block gives, each with the node it was read from.</summary>
internal sealed class NetworkMatrices
{
    /// <summary>The key the lengths are given under: <c>lengths</c> or TVB's <c>tract_lengths</c>.</summary>
    public required string LengthKey { get; init; }

    /// <summary>The weights (row = target, column = source), if given.</summary>
    public (YamlNode Node, double[,] Values)? Weights { get; set; }

    /// <summary>The tract lengths, if given.</summary>
    public (YamlNode Node, double[,] Values)? Lengths { get; set; }

    /// <summary>The delays, if given.</summary>
    public (YamlNode Node, double[,] Values)? Delays { get; set; }
}
