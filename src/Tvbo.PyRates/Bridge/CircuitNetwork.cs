namespace Tvbo.PyRates.Bridge;

/// <summary>A network the Python side builds as a PyRates circuit (<c>tvbo_pyrates.run</c>'s <c>network</c>): one node
/// per label from one node template, edges from weight matrices, and the values nodes have of their own.</summary>
/// <param name="NodeTemplate">The node template's name in the call's YAML.</param>
/// <param name="Nodes">The nodes' labels, in node order.</param>
/// <param name="Edges">Per coupling component, the source variable and the target input (<c>op/var</c>) and the weights
/// [target, source] row-major over the nodes (PyRates' convention; a weight of 0 is no edge).</param>
/// <param name="Values">Values that differ by node (<c>node/op/var</c>: parameters and initial states).</param>
internal sealed record CircuitNetwork(
    string NodeTemplate,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<(string Source, string Target, double[] Weights)> Edges,
    IReadOnlyDictionary<string, double> Values);
