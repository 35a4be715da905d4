namespace Tvbo.PyRates.Bridge;

/// <summary>A network the Python side builds as a PyRates circuit (<c>tvbo_pyrates.run</c>'s <c>network</c>): one node
/// per label from one node template, edges from weight matrices, and the values nodes have of their own.</summary>
/// <param name="NodeTemplate">The node template's name in the call's YAML.</param>
/// <param name="Nodes">The nodes' labels, in node order.</param>
/// <param name="Edges">Per coupling component, its edges.</param>
/// <param name="Values">Values that differ by node (<c>node/op/var</c>: parameters and initial states).</param>
internal sealed record CircuitNetwork(
    string NodeTemplate,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<CircuitEdges> Edges,
    IReadOnlyDictionary<string, double> Values);

/// <summary>The edges of one coupling component, from a weight matrix.</summary>
/// <param name="Source">The source variable (<c>op/var</c>).</param>
/// <param name="Target">The target input (<c>op/var</c>) the weighted edges sum into.</param>
/// <param name="Weights">The weights [target, source] row-major over the nodes (PyRates' convention; a weight of 0 is
/// no edge).</param>
/// <param name="Template">The edge template's name in the call's YAML (an edge operator), or null for plain edges.</param>
/// <param name="Attributes">For an edge operator, its inputs (<c>edge/op/var</c>): null for the one the source variable
/// feeds, else the target node's variable (<c>op/var</c>) it reads.</param>
internal sealed record CircuitEdges(
    string Source,
    string Target,
    double[] Weights,
    string? Template = null,
    IReadOnlyList<(string Input, string? TargetVariable)>? Attributes = null)
{
    /// <summary>The edges' delays in steps [target, source] like <see cref="Weights"/> (0: undelayed), or null when
    /// no edge of the circuit is delayed. Once one edge set has delays, every set has them.</summary>
    public double[]? Delays { get; init; }
}
