using System.Globalization;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>One entry of <c>network.edges</c>: <c>{source, target, parameters: {weight, length | distance, delay},
/// directed}</c>, added in both directions unless <c>directed</c>. An edge that gives no length or delay keeps those
/// of the matrices.</summary>
internal static class EdgeSection
{
    /// <summary>Edge keys that stay unsupported, with the reason.</summary>
    private static readonly (string Key, string Reason)[] Unsupported =
    [
        ("source_var", "the coupling's incoming_states choose the source's variables"),
        ("target_var", "the coupling's local_states and the model's coupling inputs choose the target's variables"),
        ("coupling", "couplings are given per coupling input under network.coupling, for all edges"),
        ("dynamics", "edges carry weights, lengths and delays only"),
        ("events", "events and stimuli are not supported yet"),
    ];

    /// <summary>What an edge gives: its weight, and its length and delay (<see langword="null"/>: those of the
    /// matrices).</summary>
    /// <param name="Weight">The weight (1 when not given).</param>
    /// <param name="Length">The length, if given.</param>
    /// <param name="Delay">The delay, if given.</param>
    private sealed record EdgeValues(double Weight, double? Length, double? Delay);

    /// <summary>Reads one edge into the network; <paramref name="lengths"/> and <paramref name="delays"/> (row =
    /// target, column = source) are updated with what it gives.</summary>
    /// <param name="src">The file.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="what">The entry, for messages (<c>network.edges[k]</c>).</param>
    /// <param name="network">The network.</param>
    /// <param name="ids">The nodes' ids, by index (an edge may name a node by id).</param>
    /// <param name="lengths">The lengths so far.</param>
    /// <param name="delays">The delays so far (NaN: none given).</param>
    public static void Read(YamlSource src, YamlNode entry, string what, Network network, string?[] ids, double[,] lengths, double[,] delays)
    {
        var em = src.Mapping(entry, what);
        src.SchemaKeys(em, what, TvboSchema.Edge, unknownIsError: true);
        foreach (var (key, reason) in Unsupported)
        {
            if (YamlSource.Get(em, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{key} is not supported: {reason}.");
            }
        }

        var source = FindNode(src, em, entry, "source", what, network, ids);
        var target = FindNode(src, em, entry, "target", what, network, ids);
        var edge = ReadParameters(src, em, what);
        var directed = YamlSource.Get(em, "directed") is { } dirNode && src.Boolean(dirNode, $"{what}.directed");
        Add(src, entry, what, network, (source, target), edge, lengths, delays);
        if (!directed && source != target)
        {
            Add(src, entry, what, network, (target, source), edge, lengths, delays);
        }
    }

    /// <summary>The edge's weight (1 when not given), length and delay (<see langword="null"/> when not given).</summary>
    private static EdgeValues ReadParameters(YamlSource src, YamlMappingNode em, string what)
    {
        if (YamlSource.Get(em, "parameters") is not { } pn || YamlSource.IsEmpty(pn))
        {
            return new EdgeValues(1.0, null, null);
        }

        var pm = src.Mapping(pn, $"{what}.parameters");
        src.SchemaKeys(pm, $"{what}.parameters", TvboSchema.EdgeParameters, unknownIsError: true);
        var weight = YamlSource.Get(pm, "weight") is { } wn ? SectionValue.Number(src, wn, wn, $"{what}.parameters.weight", TvboSchema.Parameter, "value") : 1.0;
        if (YamlSource.Get(pm, "distance") is not null && YamlSource.Get(pm, "length") is { } ln)
        {
            throw src.Error(ln, $"{what}.parameters has both 'distance' and 'length' (the same value); give one.");
        }

        var length = NonNegative(src, pm, YamlSource.Get(pm, "distance") is not null ? "distance" : "length", what);
        return new EdgeValues(weight, length, NonNegative(src, pm, "delay", what));
    }

    private static double? NonNegative(YamlSource src, YamlMappingNode pm, string key, string what)
    {
        if (YamlSource.Get(pm, key) is not { } vn)
        {
            return null;
        }

        var v = SectionValue.Number(src, vn, vn, $"{what}.parameters.{key}", TvboSchema.Parameter, "value");
        return v >= 0 ? v : throw src.Error(vn, string.Create(CultureInfo.InvariantCulture, $"{what}.parameters.{key} is {v}; it must not be negative."));
    }

    /// <summary>Adds the edge from node s to node t, with its own length and delay or those of the matrices.</summary>
    private static void Add(YamlSource src, YamlNode entry, string what, Network network, (int S, int T) ends, EdgeValues edge, double[,] lengths, double[,] delays)
    {
        var (s, t) = ends;
        lengths[t, s] = edge.Length ?? lengths[t, s];
        delays[t, s] = edge.Delay ?? delays[t, s];
        try
        {
            network.AddEdge(s, t, edge.Weight, double.IsNaN(delays[t, s]) ? null : delays[t, s], lengths[t, s], directed: true);
        }
        catch (ArgumentException ex)
        {
            throw src.Error(entry, $"{what}: {ErrorText.Of(ex)}", ex);
        }
    }

    /// <summary>The node an end of the edge names: by label, id or index.</summary>
    private static int FindNode(YamlSource src, YamlMappingNode em, YamlNode entry, string end, string what, Network network, string?[] ids)
    {
        var n = YamlSource.Get(em, end) ?? throw src.Error(entry, $"{what} has no '{end}:' (a node's label, id or index).");
        var text = src.Text(n, $"{what}.{end}").Trim();
        var i = network.IndexOf(text);
        if (i < 0)
        {
            i = Array.IndexOf(ids, text);
        }

        if (i < 0 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < network.NodeCount)
        {
            i = k;
        }

        if (i < 0)
        {
            var labels = network.NodeCount <= 8 ? "; labels: " + string.Join(", ", network.Nodes.Select(x => x.Label)) : "";
            throw src.Error(n, string.Create(CultureInfo.InvariantCulture,
                $"{what}.{end} '{text}' is not a node of the network; name a node by its label, id or index (0 to {network.NodeCount - 1}){labels}."));
        }

        return i;
    }
}
