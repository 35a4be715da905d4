namespace Tvbo.Model;

/// <summary>What a name in an equation refers to.</summary>
public enum SymbolKind
{
    /// <summary>A <see cref="Parameter"/>.</summary>
    Parameter,

    /// <summary>A <see cref="StateVariable"/>.</summary>
    StateVariable,

    /// <summary>A <see cref="DerivedVariable"/>.</summary>
    DerivedVariable,

    /// <summary>A <see cref="CouplingTerm"/> (0 for a single node).</summary>
    CouplingTerm,

    /// <summary>Time, <c>t</c>, when the model declares no symbol of that name (a non-autonomous model).</summary>
    Time,

    /// <summary>A named mathematical constant (<c>pi</c>, <c>e</c>) not shadowed by a model symbol.</summary>
    Constant,

    /// <summary>A state variable read a whole number of steps in the past (a delayed network edge's source, in the
    /// system a network is lowered to).</summary>
    DelayedState,

    /// <summary>A value per integration step supplied from outside (<see cref="Experiment.SimulationExperiment.Inputs"/>:
    /// an input series or noise), the same in every stage of a step.</summary>
    Input,
}
