using System.Text;
using Tvbo.Model;
using Tvbo.Native.Compilation;
using Tvbo.Planning;

namespace Tvbo.Native.Networks;

/// <summary>
/// The compiled view of a network job (<see cref="BackendJob.Network"/>): the nodes' model once (with the time state
/// where it reads <c>t</c>), which of its parameters some node has its own of, the coupling inputs the couplings
/// drive, the node states read with a delay, and where each of these lives in the lowered system (the job's
/// <see cref="BackendJob.Model"/>, which it never builds), whose state order (<c>[state, node]</c>, then time) the
/// results keep.
/// </summary>
internal sealed class NetworkLayout
{
    /// <summary>Builds the layout of a planned network job.</summary>
    /// <param name="job">The job; its <see cref="BackendJob.Network"/> is set.</param>
    public NetworkLayout(BackendJob job)
    {
        var network = job.Network ?? throw new ArgumentException("The job is not a network.", nameof(job));
        System = network;
        NodeCount = network.NodeCount;
        HasTime = network.HasTime;
        Node = new ModelLayout(HasTime ? network.Node.WithTimeState(network.TimeStart) : network.Node);
        StateCount = Node.StateVariables.Count - (HasTime ? 1 : 0);
        var flatParameters = network.Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        FlatParameterCount = network.Parameters.Count;

        var perNode = new List<string>();
        var shared = new List<string>();
        foreach (var p in Node.Parameters)
        {
            var own = Enumerable.Range(0, NodeCount).Any(n => network.ParameterName(n, p.Name) != p.Name);
            (own ? perNode : shared).Add(p.Name);
        }

        PerNodeParameters = perNode;
        SharedParameters = shared;
        SharedParameterSources = shared.Select(p => flatParameters[p]).ToArray();
        NodeParameterSources = new int[NodeCount * perNode.Count];
        for (var n = 0; n < NodeCount; n++)
        {
            for (var k = 0; k < perNode.Count; k++)
            {
                NodeParameterSources[(n * perNode.Count) + k] = flatParameters[network.ParameterName(n, perNode[k])];
            }
        }

        CouplingTerms = network.Couplings.SelectMany(c => c.Terms).Select(t => t.Name).ToArray();
        var couplingParameters = new List<string>();
        var couplingSources = new List<int>();
        foreach (var c in network.Couplings)
        {
            foreach (var p in c.Coupling.Parameters.Keys)
            {
                couplingParameters.Add(NetworkSystem.CouplingParameterName(c, p));
                couplingSources.Add(flatParameters[NetworkSystem.CouplingParameterName(c, p)]);
            }
        }

        CouplingParameters = couplingParameters;
        CouplingParameterSources = [.. couplingSources];
        var swept = new List<int>();
        WeightSlots = new int[network.EdgeCount];
        for (var e = 0; e < WeightSlots.Length; e++)
        {
            WeightSlots[e] = network.WeightParameters[e] is { } w ? swept.Count : -1;
            if (network.WeightParameters[e] is { } name)
            {
                swept.Add(flatParameters[name]);
            }
        }

        EdgeWeightSources = [.. swept];
        DelayedCouplings = network.Couplings.Select(network.IsDelayed).ToArray();
        DelayedStates = network.Couplings
            .Where(network.IsDelayed)
            .SelectMany(c => c.Symbols.SelectMany(m => m.Values))
            .Where(s => s.Where == PreSource.Source)
            .Select(s => Node.StateIndex(s.Name))
            .Distinct()
            .Order()
            .ToArray();
    }

    /// <summary>The network as data.</summary>
    public NetworkSystem System { get; }

    /// <summary>The nodes' model, compiled once (its time state last, where it reads <c>t</c>).</summary>
    public ModelLayout Node { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>State variables per node (not counting time).</summary>
    public int StateCount { get; }

    /// <summary>Whether the nodes read <c>t</c>: time is integrated as one more state, after the nodes'.</summary>
    public bool HasTime { get; }

    /// <summary>The values a block holds: the nodes' states, then time.</summary>
    public int ValueCount => (NodeCount * StateCount) + (HasTime ? 1 : 0);

    /// <summary>The number of the lowered system's parameters.</summary>
    public int FlatParameterCount { get; }

    /// <summary>The node parameters some node has its own value of (read per node).</summary>
    public IReadOnlyList<string> PerNodeParameters { get; }

    /// <summary>The node parameters every node shares.</summary>
    public IReadOnlyList<string> SharedParameters { get; }

    /// <summary>The lowered system's parameter slot of each shared parameter.</summary>
    public int[] SharedParameterSources { get; }

    /// <summary>The lowered system's parameter slot of each node's own parameter, [node · count + slot].</summary>
    public int[] NodeParameterSources { get; }

    /// <summary>The coupling inputs the couplings drive (the others are 0), in slot order.</summary>
    public IReadOnlyList<string> CouplingTerms { get; }

    /// <summary>The coupling parameters (lowered names), in slot order over all couplings.</summary>
    public IReadOnlyList<string> CouplingParameters { get; }

    /// <summary>The lowered system's parameter slot of each coupling parameter.</summary>
    public int[] CouplingParameterSources { get; }

    /// <summary>Each edge's slot among the explored weights, or −1.</summary>
    public int[] WeightSlots { get; }

    /// <summary>The lowered system's parameter slot of each explored weight.</summary>
    public int[] EdgeWeightSources { get; }

    /// <summary>Per coupling, whether it reads its sources with delays.</summary>
    public bool[] DelayedCouplings { get; }

    /// <summary>The node states some delayed coupling reads from its sources (a history slot each, in this order).</summary>
    public int[] DelayedStates { get; }

    /// <summary>The lowered system's state index of a node's state (<c>[state, node]</c>) or of time (last).</summary>
    /// <param name="node">The node.</param>
    /// <param name="state">The node state, or <see cref="StateCount"/> for time.</param>
    public int FlatState(int node, int state) => state == StateCount ? NodeCount * StateCount : (state * NodeCount) + node;

    /// <summary>What identifies the nodes' compiled code: the model, which parameters are per node, the driven inputs.</summary>
    public string NodeKey() => new StringBuilder(Node.Key)
        .Append("|own:").AppendJoin(',', PerNodeParameters)
        .Append("|shared:").AppendJoin(',', SharedParameters)
        .Append("|in:").AppendJoin(',', CouplingTerms)
        .Append("|t:").Append(HasTime)
        .ToString();
}
