using System.Globalization;
using Tvbo.Files;
using Tvbo.Model;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Experiment;

/// <summary>The <c>network:</c> block and the couplings (<c>network.coupling</c>, top-level <c>coupling</c>) of an
/// experiment file, read into a <see cref="Network"/>.</summary>
internal static partial class ExperimentFileReader
{
    /// <summary>Network keys that stay unsupported: they need connectome data or graph generators this project does
    /// not read.</summary>
    private static readonly string[] UnsupportedNetworkKeys = ["iri", "data_file", "tractogram", "parcellation", "graph_generator", "transforms"];

    /// <summary>Coupling keys that stay unsupported.</summary>
    private static readonly string[] UnsupportedCouplingKeys = ["coupling_function", "inner_coupling", "region_mapping", "regional_connectivity", "aggregation", "distribution"];

    /// <summary>What the network block read: the network (<see langword="null"/> for a single node without edges), the
    /// coupling keys the file names and the YAML nodes that errors found later (in validation) point at.</summary>
    private sealed class NetworkBlock
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

    /// <summary>Reads <c>network:</c> (or the deprecated <c>connectivity:</c>) and the couplings into a network. A
    /// network of one node without edges or per-node settings is no network (the coupling inputs stay 0, and a
    /// coupling given is ignored with a warning).</summary>
    private static NetworkBlock ReadNetwork(YamlSource src, YamlMappingNode root, Dynamics model, string baseDirectory)
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

        var m = node is null ? null : src.Mapping(node, "'network'");
        var block = new NetworkBlock { At = (YamlNode?)m ?? root };
        if (m is not null)
        {
            src.SchemaKeys(m, "the network", TvboSchema.Network, unknownIsError: true);
            foreach (var key in UnsupportedNetworkKeys)
            {
                if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(n, $"network.{key} is not supported: give weights/lengths as matrices or files (network.weights, network.lengths: [[...]], 'weights.csv' or 'weights.npy').");
                }
            }

            if (YamlSource.Get(m, "coupling") is { } nc && !YamlSource.IsEmpty(nc))
            {
                ReadCouplings(src, nc, "network.coupling", block);
            }
        }

        if (YamlSource.Get(root, "coupling") is { } tc && !YamlSource.IsEmpty(tc))
        {
            ReadCouplings(src, tc, "coupling", block);
        }

        var network = m is null ? null : BuildNetwork(src, m, model, baseDirectory, block);
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

        foreach (var input in model.CouplingTerms.Where(ct => !network.Coupling.ContainsKey(ct.Name)))
        {
            src.Warn(YamlSource.KeyNode(root, "network") ?? YamlSource.KeyNode(root, "connectivity") ?? block.At,
                $"the coupling input '{input.Name}' of model '{model.Name}' has no entry under network.coupling (or coupling); it stays 0 at every node.");
        }

        block.Network = network;
        return block;
    }

    /// <summary>The network of a <c>network:</c> mapping: its size, nodes, matrices, edges and conduction speed.</summary>
    private static Network BuildNetwork(YamlSource src, YamlMappingNode m, Dynamics model, string baseDirectory, NetworkBlock block)
    {
        if (YamlSource.Get(m, "dynamics") is { } nd && !YamlSource.IsEmpty(nd) && !(nd is YamlScalarNode { Value: { } same } && same.Trim() == model.Name))
        {
            throw src.Error(nd, $"network.dynamics is not supported: every node runs the experiment's dynamics ('{model.Name}'); set per-node values under network.nodes[i].parameters instead.");
        }

        // The size: from number_of_nodes, the node list and the matrices, which must all agree.
        (int N, string From)? size = null;
        void Agree(YamlNode at, int n, string what)
        {
            if (size is null)
            {
                size = (n, string.Create(CultureInfo.InvariantCulture, $"{what} (line {at.Start.Line})"));
            }
            else if (size.Value.N != n)
            {
                throw src.Error(at, $"{what}, but {size.Value.From}; they must agree.");
            }
        }

        foreach (var key in new[] { "number_of_nodes", "number_of_regions" })
        {
            if (YamlSource.Get(m, key) is { } countNode)
            {
                var k = src.Integer(countNode, $"network.{key}");
                if (k is < 1 or > Network.MaxNodes)
                {
                    throw src.Error(countNode, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {k}; a network has 1 to {Network.MaxNodes} nodes."));
                }

                Agree(countNode, k, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {k}"));
            }
        }

        var nodeList = YamlSource.Get(m, "nodes") is { } nodesNode && !YamlSource.IsEmpty(nodesNode) ? src.Sequence(nodesNode, "network.nodes") : null;
        if (nodeList is not null)
        {
            Agree(nodeList, nodeList.Children.Count, string.Create(CultureInfo.InvariantCulture, $"network.nodes lists {nodeList.Children.Count} node{(nodeList.Children.Count == 1 ? "" : "s")}"));
        }

        var lengthKey = YamlSource.Get(m, "lengths") is not null ? "lengths" : "tract_lengths";
        if (YamlSource.Get(m, "lengths") is not null && YamlSource.Get(m, "tract_lengths") is { } both)
        {
            throw src.Error(both, "the network has both 'lengths' and 'tract_lengths' (the same matrix); give one.");
        }

        var matrices = new Dictionary<string, (YamlNode Node, double[,] Values)>(StringComparer.Ordinal);
        foreach (var key in new[] { "weights", lengthKey, "delays" })
        {
            if (YamlSource.Get(m, key) is { } mn && !YamlSource.IsEmpty(mn))
            {
                var values = ReadMatrix(src, mn, key, baseDirectory, nonNegative: key != "weights");
                var n = values.GetLength(0);
                Agree(mn, n, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {n}×{n}"));
                matrices[key] = (mn, values);
            }
        }

        block.Delays = matrices.TryGetValue("delays", out var dm) ? dm.Node
            : matrices.TryGetValue(lengthKey, out var lm) ? lm.Node
            : YamlSource.Get(m, "edges");
        var count = size?.N ?? 1;
        Network network;
        try
        {
            network = matrices.TryGetValue("weights", out var w) ? Network.FromMatrix(w.Values) : new Network(count);
        }
        catch (ArgumentException ex)
        {
            throw src.Error(matrices.TryGetValue("weights", out var w) ? w.Node : m, $"network.weights: {ex.Message}", ex);
        }

        var lengths = new double[count, count];
        if (matrices.TryGetValue(lengthKey, out var l))
        {
            lengths = l.Values;
            try
            {
                network.SetLengths(lengths);
            }
            catch (ArgumentException ex)
            {
                throw src.Error(l.Node, $"network.{lengthKey}: {ex.Message}", ex);
            }
        }

        var delays = new double[count, count];
        if (matrices.TryGetValue("delays", out var d))
        {
            delays = d.Values;
            var weights = network.Weights;
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    network.AddEdge(j, i, weights[i, j], delays[i, j], lengths[i, j], directed: true);
                }
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    delays[i, j] = double.NaN;
                }
            }
        }

        var ids = new string?[count];
        if (nodeList is not null)
        {
            for (var i = 0; i < count; i++)
            {
                ids[i] = ReadNode(src, nodeList.Children[i], network.Nodes[i], model, $"network.nodes[{i}]");
                block.NodeEntries.Add(nodeList.Children[i]);
            }
        }

        if (YamlSource.Get(m, "edges") is { } edgesNode && !YamlSource.IsEmpty(edgesNode))
        {
            var edges = src.Sequence(edgesNode, "network.edges").Children;
            for (var k = 0; k < edges.Count; k++)
            {
                ReadEdge(src, edges[k], $"network.edges[{k}]", network, ids, lengths, delays);
            }
        }

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

        if (speed is not null)
        {
            var v = ReadValue(src, speed, speed, "network.conduction_speed", TvboSchema.Parameter, "value");
            if (!(v > 0))
            {
                throw src.Error(speed, string.Create(CultureInfo.InvariantCulture, $"network.conduction_speed is {v}; it must be a finite number > 0 (mm/ms)."));
            }

            network.ConductionSpeed = v;
            block.Speed = speed;
        }

        return network;
    }

    /// <summary>Reads one entry of <c>network.nodes</c> into a node; returns its <c>id</c> (for edges), if any.</summary>
    private static string? ReadNode(YamlSource src, YamlNode entry, NetworkNode node, Dynamics model, string what)
    {
        if (entry is YamlScalarNode)
        {
            node.Label = src.Text(entry, what).Trim();
            return null;
        }

        var nm = src.Mapping(entry, what);
        src.SchemaKeys(nm, what, TvboSchema.Node, unknownIsError: true);
        if (YamlSource.Get(nm, "dynamics") is { } dyn && !YamlSource.IsEmpty(dyn) && !(dyn is YamlScalarNode { Value: { } same } && same.Trim() == model.Name))
        {
            throw src.Error(dyn, $"{what}.dynamics is not supported: every node runs the experiment's dynamics ('{model.Name}'); set per-node values under {what}.parameters instead.");
        }

        if (YamlSource.Get(nm, "events") is { } ev && !YamlSource.IsEmpty(ev))
        {
            throw src.Error(ev, $"{what}.events is not supported: events and stimuli are not supported yet.");
        }

        var id = YamlSource.Get(nm, "id") is { } idNode ? src.Text(idNode, $"{what}.id").Trim() : null;
        var label = YamlSource.Get(nm, "label") is { } labelNode ? src.Text(labelNode, $"{what}.label").Trim() : null;
        node.Label = label ?? id ?? node.Label;
        if (YamlSource.Get(nm, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, key, body) in src.Collection(pn, $"{what}.parameters"))
            {
                if (model.FindParameter(p) is null)
                {
                    throw src.Error(key, $"{what}.parameters: '{p}' is not a parameter of model '{model.Name}'; parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
                }

                node.Parameters[p] = ReadValue(src, body, key, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
            }
        }

        if (YamlSource.Get(nm, "state") is { } sn && !YamlSource.IsEmpty(sn))
        {
            foreach (var (s, key, body) in src.Collection(sn, $"{what}.state"))
            {
                if (model.StateVariables.All(x => x.Name != s))
                {
                    throw src.Error(key, $"{what}.state: '{s}' is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(x => x.Name))}.");
                }

                node.InitialState[s] = ReadValue(src, body, key, $"{what}.state.{s}", TvboSchema.NodeState, "value", "initial_value");
            }
        }

        return id;
    }

    /// <summary>Reads one entry of <c>network.edges</c> into the network (both directions unless <c>directed</c>). An
    /// edge that gives no length or delay keeps those of the matrices.</summary>
    private static void ReadEdge(YamlSource src, YamlNode entry, string what, Network network, string?[] ids, double[,] lengths, double[,] delays)
    {
        var em = src.Mapping(entry, what);
        src.SchemaKeys(em, what, TvboSchema.Edge, unknownIsError: true);
        foreach (var (key, reason) in new[]
        {
            ("source_var", "the coupling's incoming_states choose the source's variables"),
            ("target_var", "the coupling's local_states and the model's coupling inputs choose the target's variables"),
            ("coupling", "couplings are given per coupling input under network.coupling, for all edges"),
            ("dynamics", "edges carry weights, lengths and delays only"),
            ("events", "events and stimuli are not supported yet"),
        })
        {
            if (YamlSource.Get(em, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{key} is not supported: {reason}.");
            }
        }

        var source = FindNode("source");
        var target = FindNode("target");
        var weight = 1.0;
        double? length = null, delay = null;
        if (YamlSource.Get(em, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            var pm = src.Mapping(pn, $"{what}.parameters");
            src.SchemaKeys(pm, $"{what}.parameters", TvboSchema.EdgeParameters, unknownIsError: true);
            if (YamlSource.Get(pm, "weight") is { } wn)
            {
                weight = ReadValue(src, wn, wn, $"{what}.parameters.weight", TvboSchema.Parameter, "value");
            }

            if (YamlSource.Get(pm, "distance") is { } dn && YamlSource.Get(pm, "length") is { } ln)
            {
                throw src.Error(ln, $"{what}.parameters has both 'distance' and 'length' (the same value); give one.");
            }

            length = NonNegative(YamlSource.Get(pm, "distance") is not null ? "distance" : "length");
            delay = NonNegative("delay");

            double? NonNegative(string key)
            {
                if (YamlSource.Get(pm, key) is not { } vn)
                {
                    return null;
                }

                var v = ReadValue(src, vn, vn, $"{what}.parameters.{key}", TvboSchema.Parameter, "value");
                return v >= 0 ? v : throw src.Error(vn, string.Create(CultureInfo.InvariantCulture, $"{what}.parameters.{key} is {v}; it must not be negative."));
            }
        }

        var directed = YamlSource.Get(em, "directed") is { } dirNode && src.Boolean(dirNode, $"{what}.directed");
        Apply(source, target);
        if (!directed && source != target)
        {
            Apply(target, source);
        }

        void Apply(int s, int t)
        {
            lengths[t, s] = length ?? lengths[t, s];
            delays[t, s] = delay ?? delays[t, s];
            try
            {
                network.AddEdge(s, t, weight, double.IsNaN(delays[t, s]) ? null : delays[t, s], lengths[t, s], directed: true);
            }
            catch (ArgumentException ex)
            {
                throw src.Error(entry, $"{what}: {ex.Message}", ex);
            }
        }

        int FindNode(string end)
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

    /// <summary>A matrix of the network block: a list of rows or the path of a matrix file (relative to the file that
    /// names it), checked square, finite and, unless weights, not negative; errors name the key and the row or the
    /// matrix file's line.</summary>
    private static double[,] ReadMatrix(YamlSource src, YamlNode node, string key, string baseDirectory, bool nonNegative)
    {
        var what = $"network.{key}";
        var must = nonNegative ? "finite and not negative" : "finite";
        if (node is YamlSequenceNode rows)
        {
            var cells = new List<YamlNode[]>();
            for (var i = 0; i < rows.Children.Count; i++)
            {
                var row = src.Sequence(rows.Children[i], string.Create(CultureInfo.InvariantCulture, $"row {i} of {what}")).Children.ToArray();
                if (cells.Count > 0 && row.Length != cells[0].Length)
                {
                    throw src.Error(rows.Children[i], string.Create(CultureInfo.InvariantCulture,
                        $"{what}: row {i} has {row.Length} values, but row 0 has {cells[0].Length}; the matrix must be square (N×N; row = target node, column = source node)."));
                }

                cells.Add(row);
            }

            if (cells[0].Length != cells.Count)
            {
                throw src.Error(node, string.Create(CultureInfo.InvariantCulture,
                    $"{what} is {cells.Count}×{cells[0].Length}; the matrix must be square (N×N; row = target node, column = source node)."));
            }

            var m = new double[cells.Count, cells.Count];
            for (var i = 0; i < cells.Count; i++)
            {
                for (var j = 0; j < cells.Count; j++)
                {
                    var v = src.Number(cells[i][j], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}][{j}]"));
                    if (!double.IsFinite(v) || (nonNegative && v < 0))
                    {
                        throw src.Error(cells[i][j], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}][{j}] is {v}; {key} must be {must}."));
                    }

                    m[i, j] = v;
                }
            }

            return m;
        }

        if (node is not YamlScalarNode)
        {
            throw src.Error(node, $"{what} must be a list of rows ([[0, 1], [1, 0]]; row = target node, column = source node) or the path of a matrix file ({MatrixFile.Accepted}).");
        }

        var rel = src.Text(node, what).Trim();
        var origin = src.FileOf(node);
        var dir = origin == src.File ? baseDirectory : Path.GetDirectoryName(Path.GetFullPath(origin)) ?? baseDirectory;
        var path = Path.GetFullPath(Path.IsPathRooted(rel) ? rel : Path.Combine(dir, rel));
        if (!MatrixFile.IsKnown(path) && !path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            throw src.Error(node, $"{what}: '{rel}' is not a matrix file read here (by its extension); give {MatrixFile.Accepted}, or the rows inline.");
        }

        if (!File.Exists(path))
        {
            throw src.Error(node, $"{what}: the file '{rel}' does not exist (looked for {path}); paths are relative to the experiment file.");
        }

        MatrixData data;
        try
        {
            data = MatrixFile.Read(path);
        }
        catch (InvalidDataException ex)
        {
            throw src.Error(node, $"{what}: '{rel}': {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw src.Error(node, $"{what}: cannot read '{rel}' ({path}): {ex.Message}", ex);
        }

        var values = data.Values;
        var (r, c) = (values.GetLength(0), values.GetLength(1));
        if (r != c)
        {
            throw src.Error(node, string.Create(CultureInfo.InvariantCulture,
                $"{what}: the matrix in '{rel}' is {r}×{c}; it must be square (N×N; row = target node, column = source node)."));
        }

        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var v = values[i, j];
                if (!double.IsFinite(v) || (nonNegative && v < 0))
                {
                    throw src.Error(node, string.Create(CultureInfo.InvariantCulture, $"{what}: '{rel}' {data.Where(i)}, column {j}: {v}; {key} must be {must}."));
                }
            }
        }

        return values;
    }

    /// <summary>Reads couplings (a mapping keyed by coupling input, or a list with <c>name:</c>s) into the block; a key
    /// given twice, in either place, is an error.</summary>
    private static void ReadCouplings(YamlSource src, YamlNode node, string where, NetworkBlock block)
    {
        foreach (var (name, key, body) in src.Collection(node, $"'{where}'"))
        {
            if (block.Couplings.TryGetValue(name, out var first))
            {
                throw src.Error(key, $"coupling '{name}' is given twice: under '{first.Where}' (line {first.Key.Start.Line}) and under '{where}'; give each coupling input once.");
            }

            var m = body is null ? null : src.Mapping(body, $"{where}.{name}");
            block.Couplings[name] = (key, m, where, ReadCoupling(src, m, $"{where}.{name}"));
        }
    }

    /// <summary>A coupling: the library function its <c>iri</c> names (else pre <c>x_j</c>, post <c>gx</c>), with the
    /// file's parameters, expressions, states and <c>delayed</c> laid over it.</summary>
    private static Coupling ReadCoupling(YamlSource src, YamlMappingNode? m, string what)
    {
        if (m is null)
        {
            return new Coupling();
        }

        src.SchemaKeys(m, what, TvboSchema.Coupling, unknownIsError: true);
        foreach (var k in UnsupportedCouplingKeys)
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{k} is not supported: give the coupling as pre_expression/post_expression (or an iri such as tvbo:Linear) with parameters.");
            }
        }

        Coupling c;
        if (YamlSource.Get(m, "iri") is { } iriNode)
        {
            var iri = src.Text(iriNode, $"{what}.iri").Trim();
            try
            {
                c = Coupling.FromLibrary(iri);
            }
            catch (ArgumentException ex)
            {
                throw src.Error(iriNode, $"{what}: iri '{iri}' is not a library coupling function; known: {string.Join(", ", Coupling.LibraryNames.Select(n => "tvbo:" + n))}.", ex);
            }
        }
        else
        {
            c = new Coupling();
        }

        if (YamlSource.Get(m, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, pkey, body) in src.Collection(pn, $"{what}.parameters"))
            {
                c.Parameters[p] = ReadValue(src, body, pkey, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
            }
        }

        if (YamlSource.Get(m, "pre_expression") is { } pre)
        {
            c.PreExpression = ReadExpression(src, pre, $"{what}.pre_expression");
        }

        if (YamlSource.Get(m, "post_expression") is { } post)
        {
            c.PostExpression = ReadExpression(src, post, $"{what}.post_expression");
        }

        foreach (var (k, list) in new[] { ("incoming_states", c.IncomingStates), ("local_states", c.LocalStates) })
        {
            if (YamlSource.Get(m, k) is { } sn)
            {
                list.Clear();
                foreach (var s in sn is YamlSequenceNode seq ? seq.Children : [sn])
                {
                    list.Add(src.Text(s, $"an entry of {what}.{k}").Trim());
                }
            }
        }

        if (YamlSource.Get(m, "delayed") is { } delayed)
        {
            c.Delayed = src.Boolean(delayed, $"{what}.delayed");
        }

        return c;
    }

    /// <summary>An expression written as <c>{rhs: "..."}</c> or as a plain string.</summary>
    private static string ReadExpression(YamlSource src, YamlNode node, string what)
    {
        if (node is YamlMappingNode em)
        {
            src.SchemaKeys(em, what, TvboSchema.Equation, unknownIsError: true);
            var rhs = YamlSource.Get(em, "rhs") ?? YamlSource.Get(em, "righthandside") ?? throw src.Error(node, $"{what} has no 'rhs:'.");
            return src.Text(rhs, $"{what}.rhs");
        }

        return src.Text(node, what);
    }

    /// <summary>A finite number written as a scalar or as a mapping with one of <paramref name="valueKeys"/>.</summary>
    private static double ReadValue(YamlSource src, YamlNode? body, YamlNode at, string what, IReadOnlyCollection<string> schema, params string[] valueKeys)
    {
        switch (body)
        {
            case null:
                throw src.Error(at, $"{what} has no value; give a number or {{value: x}}.");
            case YamlScalarNode:
                return src.FiniteNumber(body, what);
            case YamlMappingNode vm:
                src.SchemaKeys(vm, what, schema, unknownIsError: true);
                var v = valueKeys.Select(k => YamlSource.Get(vm, k)).FirstOrDefault(x => x is not null)
                    ?? throw src.Error(body, $"{what} has no '{valueKeys[0]}:'.");
                return src.FiniteNumber(v, $"{what}.{valueKeys[0]}");
            default:
                throw src.Error(body, $"{what} must be a number or {{value: x}}, not a list.");
        }
    }

    /// <summary>Validates the network against the model and the integration settings (after both are read), each
    /// problem located at the coupling, node or setting it is about.</summary>
    private static void ValidateNetwork(YamlSource src, SimulationExperiment exp, NetworkBlock block)
    {
        var network = exp.Network!;

        // Each coupling alone first, so its problems point at its own lines.
        foreach (var (key, coupling) in network.Coupling)
        {
            var probe = new Network(1);
            probe.Coupling[key] = coupling;
            try
            {
                NetworkLowering.Validate(exp.Model, probe, exp.Integration);
            }
            catch (Exception ex) when (ex is ExperimentException or ArgumentException)
            {
                var (keyNode, body, _, _) = block.Couplings[key];
                var at = body is null ? keyNode : ex.Message switch
                {
                    var s when s.Contains("the pre_expression", StringComparison.Ordinal) => YamlSource.Get(body, "pre_expression"),
                    var s when s.Contains("the post_expression", StringComparison.Ordinal) => YamlSource.Get(body, "post_expression"),
                    var s when s.Contains("incoming_states names", StringComparison.Ordinal) => YamlSource.Get(body, "incoming_states"),
                    var s when s.Contains("local_states names", StringComparison.Ordinal) => YamlSource.Get(body, "local_states"),
                    _ => null,
                };
                throw src.Error(at ?? keyNode, ex.Message, ex);
            }
        }

        try
        {
            NetworkLowering.Validate(exp.Model, network, exp.Integration);
        }
        catch (Exception ex) when (ex is ExperimentException or ArgumentException)
        {
            var at = block.At;
            if (ex.Message.Contains("conduction_speed", StringComparison.Ordinal) && block.Speed is not null)
            {
                at = block.Speed;
            }
            else if (ex.Message.StartsWith("The network has delays", StringComparison.Ordinal) && block.Delays is not null)
            {
                at = block.Delays;
            }

            for (var i = 0; i < block.NodeEntries.Count; i++)
            {
                var label = network.Nodes[i].Label;
                if (ex.Message.StartsWith($"Network node '{label}'", StringComparison.Ordinal)
                    || ex.Message.StartsWith(string.Create(CultureInfo.InvariantCulture, $"Network node {i} "), StringComparison.Ordinal)
                    || (ex.Message.StartsWith("Network nodes ", StringComparison.Ordinal) && ex.Message.Contains(string.Create(CultureInfo.InvariantCulture, $" and {i} have"), StringComparison.Ordinal)))
                {
                    at = block.NodeEntries[i];
                    break;
                }
            }

            throw src.Error(at, ex.Message, ex);
        }
    }
}
