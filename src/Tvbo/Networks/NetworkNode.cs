namespace Tvbo.Networks;

/// <summary>One node of a <see cref="Network"/>: its label and what it changes of the shared model (TVBO's
/// <c>network.nodes[i]</c>: <c>label</c>, <c>parameters</c>, <c>state</c>).</summary>
public sealed class NetworkNode
{
    internal NetworkNode(int index, string label)
    {
        Index = index;
        Label = label;
    }

    /// <summary>The node's position (0-based); rows and columns of the matrices use it.</summary>
    public int Index { get; }

    /// <summary>The node's label, used in output names (<c>V[label]</c>) and axis addresses (<c>label.param</c>);
    /// by default its index.</summary>
    public string Label { get; set; }

    /// <summary>Parameter values of the model that differ at this node (heterogeneous nodes); the other nodes keep the
    /// model's values.</summary>
    public IDictionary<string, double> Parameters { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Initial values of state variables that differ at this node.</summary>
    public IDictionary<string, double> InitialState { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"node {Index} '{Label}'";
}
