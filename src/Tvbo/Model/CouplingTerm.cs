namespace Tvbo.Model;

/// <summary>An input from other nodes of a network (TVBO's <c>coupling_terms</c>). A single node has no
/// incoming coupling, so every backend holds coupling terms at 0; they cannot be explored.</summary>
public sealed class CouplingTerm
{
    internal CouplingTerm(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The term's name, as used in equations.</summary>
    public string Name { get; }

    /// <summary>A one-line description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>The value every single-node simulation uses: 0.</summary>
    public double Value => 0.0;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (coupling input, 0 for a single node)";
}
