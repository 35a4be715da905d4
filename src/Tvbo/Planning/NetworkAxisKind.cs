namespace Tvbo.Planning;

/// <summary>What an exploration axis of a network experiment varies.</summary>
internal enum NetworkAxisKind
{
    /// <summary>A model parameter at every node that does not override it (<c>p</c> or <c>Model.p</c>).</summary>
    ModelParameter,

    /// <summary>A model parameter at one node (<c>label.p</c>).</summary>
    NodeParameter,

    /// <summary>A coupling function's parameter (<c>c_glob.G</c>).</summary>
    CouplingParameter,

    /// <summary>The weight of one edge (<c>network.edges[source->target].weight</c>).</summary>
    EdgeWeight,

    /// <summary>The conduction speed (<c>network.conduction_speed</c>): the delays are derived again per condition.</summary>
    ConductionSpeed,

    /// <summary>The trial axis of an exploration with <c>n_trials</c> (only the noise differs).</summary>
    Trial,
}
