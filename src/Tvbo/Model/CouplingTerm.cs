namespace Tvbo.Model;

/// <summary>An input from other nodes of a network (TVBO's <c>coupling_terms</c>, <c>coupling_inputs</c>). A single
/// node has no incoming coupling, so it is 0; on a network (<see cref="Experiment.SimulationExperiment.Network"/>) the
/// coupling keyed by its name drives it, and that coupling's parameters are explored.</summary>
public sealed class CouplingTerm
{
    internal CouplingTerm(string name, string? description, string? input = null, int component = 0)
    {
        Name = name;
        Description = description;
        Input = input ?? name;
        Component = component;
    }

    /// <summary>The term's name, as used in equations.</summary>
    public string Name { get; }

    /// <summary>A one-line description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>The coupling input it belongs to: its own name, or the name of the multi-component input it is a
    /// component of (TVBO's <c>coupling_inputs: {EIB: {dimension: 2, keys: [c_lre, c_ffi]}}</c>: <c>c_lre</c> is
    /// component 0 of <c>EIB</c>); a coupling keyed by that name drives every component.</summary>
    public string Input { get; }

    /// <summary>Its position in its input (0 for a scalar input).</summary>
    public int Component { get; }

    /// <summary>The value every single-node simulation uses: 0.</summary>
    public double Value => 0.0;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (coupling input, 0 for a single node)";
}
