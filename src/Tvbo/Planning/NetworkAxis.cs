using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>A resolved axis address of a network experiment.</summary>
/// <param name="Kind">What it varies.</param>
/// <param name="Name">The model or coupling parameter's name (empty for edges and the speed).</param>
/// <param name="Scope">The coupling key, or empty.</param>
/// <param name="Node">The node (target for an edge), or -1.</param>
/// <param name="Source">An edge's source node, or -1.</param>
internal sealed record NetworkAxis(NetworkAxisKind Kind, string Name, string Scope, int Node, int Source)
{
    /// <summary>The address of the conduction speed.</summary>
    public const string ConductionSpeedAddress = "network.conduction_speed";

    /// <summary>The parameter of the lowered system that carries this axis (none for the speed).</summary>
    public string FlatName => Kind switch
    {
        NetworkAxisKind.ModelParameter => Name,
        NetworkAxisKind.NodeParameter => NodeParameterName(Name, Node),
        NetworkAxisKind.CouplingParameter => CouplingParameterName(Scope, Name),
        NetworkAxisKind.EdgeWeight => EdgeWeightName(Node, Source),
        _ => "",
    };

    /// <summary>The lowered system's name of a node's own value of a model parameter.</summary>
    public static string NodeParameterName(string parameter, int node) => string.Create(CultureInfo.InvariantCulture, $"{parameter}__n{node}");

    /// <summary>The lowered system's name of a coupling parameter.</summary>
    public static string CouplingParameterName(string coupling, string parameter) => $"{coupling}__{parameter}";

    /// <summary>The lowered system's name of an explored edge weight.</summary>
    public static string EdgeWeightName(int target, int source) => string.Create(CultureInfo.InvariantCulture, $"w__n{target}__n{source}");

    /// <summary>Resolves an axis address of an experiment with a network; the error names the address and lists what
    /// would be valid.</summary>
    /// <param name="address">The axis's parameter, as the exploration names it.</param>
    /// <param name="model">The nodes' model.</param>
    /// <param name="network">The network.</param>
    /// <param name="exploration">The exploration, for the error.</param>
    /// <exception cref="ExperimentException">The address names nothing that can be explored.</exception>
    /// <param name="stimuli">The experiment's stimuli (their parameters are addressed <c>&lt;stimulus&gt;.p</c>), or null.</param>
    public static NetworkAxis Resolve(string address, Dynamics model, Network network, string exploration, IDictionary<string, Stimulus>? stimuli = null)
    {
        if (address == ExplorationGrid.TrialAxis && model.FindParameter(address) is null)
        {
            return new NetworkAxis(NetworkAxisKind.Trial, "", "", -1, -1);
        }

        if (address == ConductionSpeedAddress)
        {
            return new NetworkAxis(NetworkAxisKind.ConductionSpeed, "", "", -1, -1);
        }

        if (address == InputLowering.SigmaAddress && model.FindParameter(InputLowering.SigmaName) is not null)
        {
            return new NetworkAxis(NetworkAxisKind.ModelParameter, InputLowering.SigmaName, "", -1, -1);
        }

        if (address.StartsWith("network.", StringComparison.Ordinal))
        {
            const string prefix = "network.edges[";
            const string suffix = "].weight";
            if (address.StartsWith(prefix, StringComparison.Ordinal) && address.EndsWith(suffix, StringComparison.Ordinal))
            {
                var inner = address[prefix.Length..^suffix.Length];
                var arrow = inner.IndexOf("->", StringComparison.Ordinal);
                if (arrow > 0)
                {
                    var s = FindNode(inner[..arrow].Trim(), network);
                    var t = FindNode(inner[(arrow + 2)..].Trim(), network);
                    if (s >= 0 && t >= 0)
                    {
                        return new NetworkAxis(NetworkAxisKind.EdgeWeight, "", "", t, s);
                    }
                }

                throw Error($"'{address}' does not name an edge: write network.edges[<source>-><target>].weight with node labels or indices ({Labels(network)}).");
            }

            throw Error($"'{address}' is not an explorable network setting; valid: {ConductionSpeedAddress}, network.edges[<source>-><target>].weight.");
        }

        var dot = address.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || address[..dot] == model.Name)
        {
            var p = dot < 0 ? address : address[(dot + 1)..];
            return model.FindParameter(p) is not null
                ? new NetworkAxis(NetworkAxisKind.ModelParameter, p, "", -1, -1)
                : throw Error($"'{p}' is not a parameter of model '{model.Name}'; parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
        }

        var scope = address[..dot];
        var member = address[(dot + 1)..];
        if (stimuli is not null && stimuli.ContainsKey(scope))
        {
            return new NetworkAxis(NetworkAxisKind.ModelParameter, StimulusLowering.ResolveAxis(address, model, stimuli, exploration), "", -1, -1);
        }

        if (network.Coupling.TryGetValue(scope, out var coupling))
        {
            return coupling.Parameters.ContainsKey(member)
                ? new NetworkAxis(NetworkAxisKind.CouplingParameter, member, scope, -1, -1)
                : throw Error($"coupling '{scope}' has no parameter '{member}'; its parameters: {(coupling.Parameters.Count == 0 ? "none" : string.Join(", ", coupling.Parameters.Keys))}.");
        }

        var node = network.IndexOf(scope);
        if (node >= 0)
        {
            return model.FindParameter(member) is not null
                ? new NetworkAxis(NetworkAxisKind.NodeParameter, member, "", node, -1)
                : throw Error($"'{member}' is not a parameter of model '{model.Name}' (at node '{scope}'); parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
        }

        throw Error($"'{scope}' is neither the model ('{model.Name}'), a coupling ({(network.Coupling.Count == 0 ? "none" : string.Join(", ", network.Coupling.Keys))}), a node label ({Labels(network)}) nor 'network'.");

        ExperimentException Error(string problem) =>
            new($"Exploration '{exploration}': axis '{address}': {problem}", exploration, address);
    }

    private static int FindNode(string text, Network network)
    {
        var i = network.IndexOf(text);
        if (i >= 0)
        {
            return i;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < network.NodeCount ? k : -1;
    }

    private static string Labels(Network network) =>
        network.NodeCount <= 8 ? string.Join(", ", network.Nodes.Select(n => n.Label)) : $"{network.Nodes[0].Label} … {network.Nodes[^1].Label}";
}
