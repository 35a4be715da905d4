using System.Globalization;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>network:</c> (or the deprecated <c>connectivity:</c>) with its couplings
/// (<see cref="CouplingSection"/>): its size, nodes (<see cref="NodeSection"/>), matrices
/// (<see cref="MatrixSection"/>), edges (<see cref="EdgeSection"/>), conduction speed and transforms
/// (<see cref="TransformSection"/>).</summary>
internal static class NetworkSection
{
    /// <summary>Network keys that stay unsupported: graph generators, and a parcellation or tractogram that would name a
    /// connectome by atlas (<see cref="ConnectomeSection"/> reads <c>iri</c>, <c>data_file</c> and <c>bids_dir</c>).</summary>
    private static readonly string[] UnsupportedNetworkKeys = ["tractogram", "parcellation", "graph_generator"];

    /// <summary>Reads <c>network:</c> (or the deprecated <c>connectivity:</c>) and the couplings into a network. A
    /// network of one node without edges or per-node settings is no network (the coupling inputs stay 0, and a
    /// coupling given is ignored with a warning).</summary>
    /// <param name="src">The file.</param>
    /// <param name="root">The experiment's mapping.</param>
    /// <param name="model">The experiment's model.</param>
    /// <param name="baseDirectory">The folder relative matrix paths start from.</param>
    /// <param name="options">Where network files are searched (<c>network.iri</c>).</param>
    public static NetworkBlock Read(YamlSource src, YamlMappingNode root, Dynamics model, string baseDirectory, ExperimentLoadOptions options)
    {
        var m = NetworkMapping(src, root);
        var block = new NetworkBlock { At = (YamlNode?)m ?? root };
        if (m is not null && YamlSource.Get(m, "coupling") is { } nc && !YamlSource.IsEmpty(nc))
        {
            CouplingSection.Read(src, nc, "network.coupling", block);
        }

        if (YamlSource.Get(root, "coupling") is { } tc && !YamlSource.IsEmpty(tc))
        {
            CouplingSection.Read(src, tc, "coupling", block);
        }

        var network = m is null ? null : Build(src, m, model, baseDirectory, options, block);
        if (network is null)
        {
            NodeValueLists(src, model, null);
        }

        if (network is null || (network.NodeCount == 1 && !network.HasEdges && network.Nodes[0].Parameters.Count == 0 && network.Nodes[0].InitialState.Count == 0))
        {
            foreach (var where in block.Couplings.Values.Select(x => x.Where).Distinct(StringComparer.Ordinal))
            {
                var at = where == "coupling" ? YamlSource.KeyNode(root, "coupling")! : YamlSource.KeyNode(m!, "coupling")!;
                src.Warn(at, $"'{where}' has no effect on a single node without edges (the coupling inputs of '{model.Name}' are 0); it is ignored.");
            }

            return block;
        }

        foreach (var (key, entry) in block.Couplings)
        {
            network.Coupling[key] = entry.Coupling;
        }

        if (!CouplingPlan.TryDrivenInputs(model, network, out var driven, out var problem))
        {
            throw src.Error(block.Couplings[problem!.Value.Key].Key, problem.Value.Message);
        }

        foreach (var (key, input) in driven.Where(d => d.Key != d.Value))
        {
            network.Coupling[key].Input ??= input; // keyed by its own name: the input TVBO maps it to
        }

        // An undriven input the equations use stays 0, which is worth a word; one they do not use (TVBO's models declare
        // c_pop0 beside c_glob) changes nothing.
        foreach (var input in model.CouplingTerms.Where(t => model.Uses(t.Name)).Select(t => t.Input).Distinct(StringComparer.Ordinal).Where(i => !driven.ContainsValue(i)))
        {
            src.Warn(YamlSource.KeyNode(root, "network") ?? YamlSource.KeyNode(root, "connectivity") ?? block.At,
                $"the coupling input '{input}' of model '{model.Name}' has no entry under network.coupling (or coupling); it stays 0 at every node.");
        }

        block.Network = network;
        return block;
    }

    /// <summary>Model parameters given as a list (TVBO's heterogeneous parameters, <c>omega: {value: [...]}</c>): on a
    /// network of N nodes a list of N values gives node i the value i, as <c>network.nodes[i].parameters</c> would (a
    /// node that sets the parameter there keeps its own value); a single node (no network) takes a list of one value.
    /// Any other length is refused.</summary>
    private static void NodeValueLists(YamlSource src, Dynamics model, Network? network)
    {
        var n = network?.NodeCount ?? 1;
        foreach (var (p, (values, at)) in model.NodeValueLists)
        {
            if (values.Length != n)
            {
                var count = values.Length.ToString(CultureInfo.InvariantCulture);
                throw src.Error(at, network is null
                    ? $"parameter '{p}' of model '{model.Name}' is a list of {count} values (one per node), but the experiment has no network: it runs a single node (1 node). Give a number, or a network of {count} nodes."
                    : $"parameter '{p}' of model '{model.Name}' is a list of {count} value{(values.Length == 1 ? "" : "s")} (one per node), but the network has {n.ToString(CultureInfo.InvariantCulture)} node{(n == 1 ? "" : "s")}. Give {n.ToString(CultureInfo.InvariantCulture)} values, or a number for every node.");
            }

            if (n == 1)
            {
                continue; // the model's value is the list's one value
            }

            for (var i = 0; i < n; i++)
            {
                network!.Nodes[i].Parameters.TryAdd(p, values[i]);
            }
        }
    }

    /// <summary>The <c>network:</c> (or <c>connectivity:</c>) mapping, its keys checked; <see langword="null"/> when
    /// there is none.</summary>
    private static YamlMappingNode? NetworkMapping(YamlSource src, YamlMappingNode root)
    {
        var node = YamlSource.Get(root, "network") ?? YamlSource.Get(root, "connectivity");
        if (YamlSource.Get(root, "connectivity") is { } c)
        {
            src.Warn(YamlSource.KeyNode(root, "connectivity")!, "'connectivity' is deprecated in TVBO; write 'network'.");
            if (YamlSource.Get(root, "network") is not null)
            {
                throw src.Error(c, "the experiment has both 'network' and 'connectivity'; give 'network'.");
            }
        }

        if (node is null)
        {
            return null;
        }

        var m = src.Mapping(node, "'network'");
        src.SchemaKeys(m, "the network", TvboSchema.Network, unknownIsError: true);
        foreach (var key in UnsupportedNetworkKeys)
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n) && !(key is "parcellation" or "tractogram" && ConnectomeSection.Gives(m)))
            {
                throw src.Error(n, $"network.{key} is not supported: give a connectome by network.iri (tvbo:DesikanKilliany), network.data_file or network.bids_dir, or weights/lengths as matrices or files (network.weights, network.lengths: [[...]], 'weights.csv' or 'weights.npy').");
            }
        }

        return m;
    }

    /// <summary>The network of a <c>network:</c> mapping: its size, nodes, matrices, edges and conduction speed.</summary>
    private static Network Build(YamlSource src, YamlMappingNode m, Dynamics model, string baseDirectory, ExperimentLoadOptions options, NetworkBlock block)
    {
        if (YamlSource.Get(m, "dynamics") is { } nd && !YamlSource.IsEmpty(nd) && !(nd is YamlScalarNode { Value: { } same } && same.Trim() == model.Name))
        {
            throw src.Error(nd, $"network.dynamics is not supported: every node runs the experiment's dynamics ('{model.Name}'); set per-node values under network.nodes[i].parameters instead.");
        }

        var size = new NetworkSize(src);
        ReadCounts(src, m, size);
        var nodeList = YamlSource.Get(m, "nodes") is { } nodesNode && !YamlSource.IsEmpty(nodesNode) ? src.Sequence(nodesNode, "network.nodes") : null;
        if (nodeList is not null)
        {
            size.Agree(nodeList, nodeList.Children.Count, string.Create(CultureInfo.InvariantCulture, $"network.nodes lists {nodeList.Children.Count} node{(nodeList.Children.Count == 1 ? "" : "s")}"));
        }

        var matrices = MatrixSection.ReadAll(src, m, baseDirectory, size);
        var connectome = ConnectomeSection.Read(src, m, baseDirectory, options, size, matrices);
        block.Delays = matrices.Delays?.Node ?? matrices.Lengths?.Node ?? YamlSource.Get(m, "edges");
        var (network, lengths, delays) = FromMatrices(src, m, matrices, size.Count);
        if (connectome is not null)
        {
            ConnectomeSection.Apply(src, m, connectome, network);
        }

        var ids = new string?[size.Count];
        if (nodeList is not null)
        {
            for (var i = 0; i < size.Count; i++)
            {
                ids[i] = NodeSection.Read(src, nodeList.Children[i], network.Nodes[i], model, $"network.nodes[{i}]");
                block.NodeEntries.Add(nodeList.Children[i]);
            }
        }

        NodeValueLists(src, model, network); // before the transforms, which may read per-node parameters

        if (YamlSource.Get(m, "edges") is { } edgesNode && !YamlSource.IsEmpty(edgesNode))
        {
            var edges = src.Sequence(edgesNode, "network.edges").Children;
            for (var k = 0; k < edges.Count; k++)
            {
                EdgeSection.Read(src, edges[k], $"network.edges[{k}]", network, ids, lengths, delays);
            }
        }

        ReadSpeed(src, m, network, block);
        ReadUnits(src, m);
        TransformSection.Apply(src, m, network);
        return network;
    }

    /// <summary>The network the matrices give (<paramref name="count"/> unconnected nodes without weights), with the
    /// lengths and delays edges start from (a delay NaN where the delays matrix gives none).</summary>
    private static (Network Network, double[,] Lengths, double[,] Delays) FromMatrices(YamlSource src, YamlMappingNode m, NetworkMatrices matrices, int count)
    {
        Network network;
        try
        {
            network = matrices.Weights is { } w ? Network.FromMatrix(w.Values) : new Network(count);
        }
        catch (ArgumentException ex)
        {
            throw src.Error(matrices.Weights?.Node ?? m, $"network.weights: {ErrorText.Of(ex)}", ex);
        }

        var lengths = new double[count, count];
        if (matrices.Lengths is { } l)
        {
            lengths = l.Values;
            try
            {
                network.SetLengths(lengths);
            }
            catch (ArgumentException ex)
            {
                throw src.Error(l.Node, $"network.{matrices.LengthKey}: {ErrorText.Of(ex)}", ex);
            }
        }

        return (network, lengths, Delays(network, matrices.Delays?.Values, lengths, count));
    }

    /// <summary>The delays matrix, its edges added to the network (row = target, column = source); without one, a
    /// matrix of NaN (no delay given).</summary>
    private static double[,] Delays(Network network, double[,]? given, double[,] lengths, int count)
    {
        var delays = given ?? new double[count, count];
        var weights = given is null ? null : network.Weights;
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                if (weights is null)
                {
                    delays[i, j] = double.NaN;
                }
                else
                {
                    network.AddEdge(j, i, weights[i, j], delays[i, j], lengths[i, j], directed: true);
                }
            }
        }

        return delays;
    }

    /// <summary>Records <c>number_of_nodes</c> and <c>number_of_regions</c>, each 1 to <see cref="Network.MaxNodes"/>.</summary>
    private static void ReadCounts(YamlSource src, YamlMappingNode m, NetworkSize size)
    {
        foreach (var key in new[] { "number_of_nodes", "number_of_regions" })
        {
            if (YamlSource.Get(m, key) is { } countNode)
            {
                var k = src.Integer(countNode, $"network.{key}");
                if (k is < 1 or > Network.MaxNodes)
                {
                    throw src.Error(countNode, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {k}; a network has 1 to {Network.MaxNodes} nodes."));
                }

                size.Agree(countNode, k, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {k}"));
            }
        }
    }

    /// <summary>TVBO's <c>distance_unit</c> (mm) and <c>time_unit</c> (ms) of the network: lengths are read in mm and the
    /// conduction speed in mm/ms, nothing is converted (as in TVBO), so another length unit is refused and another time
    /// unit said.</summary>
    private static void ReadUnits(YamlSource src, YamlMappingNode m)
    {
        if (YamlSource.Get(m, "distance_unit") is { } du && src.Text(du, "network.distance_unit") is var distance
            && Connectome.ConnectomeMatrix.LengthUnitProblem(distance, out var isError) is { } problem)
        {
            if (isError)
            {
                throw src.Error(du, $"network.distance_unit: {problem}, or write distance_unit: mm.");
            }

            src.Warn(du, $"network.distance_unit: {problem}.");
        }

        if (YamlSource.Get(m, "time_unit") is { } tu && src.Text(tu, "network.time_unit").Trim() is var time)
        {
            if (time is not ("ms" or "s" or "us" or "millisecond" or "second"))
            {
                throw src.Error(tu, $"network.time_unit '{time}' is not known; valid: ms, s, us. (Delays are length / conduction_speed in the model's time unit; nothing is converted.)");
            }

            if (time is not ("ms" or "millisecond"))
            {
                src.Warn(tu, $"network.time_unit is '{time}': nothing is converted (as in TVBO); the conduction speed is read in mm per the model's time unit, which is ms for TVBO's models.");
            }
        }
    }

    /// <summary>The conduction speed: <c>network.conduction_speed</c> or <c>network.parameters.conduction_speed</c>
    /// (not both), a finite number &gt; 0.</summary>
    private static void ReadSpeed(YamlSource src, YamlMappingNode m, Network network, NetworkBlock block)
    {
        var speed = YamlSource.Get(m, "conduction_speed");
        if (YamlSource.Get(m, "parameters") is { } np && !YamlSource.IsEmpty(np))
        {
            var pm = src.Mapping(np, "network.parameters");
            src.SchemaKeys(pm, "network.parameters", TvboSchema.NetworkParameters, unknownIsError: true);
            if (YamlSource.Get(pm, "conduction_speed") is { } inner)
            {
                if (speed is not null)
                {
                    throw src.Error(inner, $"the conduction speed is given twice: network.conduction_speed (line {speed.Start.Line}) and network.parameters.conduction_speed; give it once.");
                }

                speed = inner;
            }
        }

        if (speed is null)
        {
            return;
        }

        var v = SectionValue.Number(src, speed, speed, "network.conduction_speed", TvboSchema.Parameter, "value");
        if (!(v > 0))
        {
            throw src.Error(speed, string.Create(CultureInfo.InvariantCulture, $"network.conduction_speed is {v}; it must be a finite number > 0 (mm/ms)."));
        }

        network.ConductionSpeed = v;
        block.Speed = speed;
    }
}
