using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>A named intermediate quantity <c>h = g(...)</c> computed from the state, the parameters and
/// other derived variables before the right-hand sides are evaluated.</summary>
public sealed class DerivedVariable
{
    internal DerivedVariable(string name, string equationText, Expr equation, string? description)
    {
        Name = name;
        EquationText = equationText;
        Equation = equation;
        Description = description;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The defining expression as written.</summary>
    public string EquationText { get; }

    /// <summary>The parsed defining expression.</summary>
    public Expr Equation { get; }

    /// <summary>Whether the variable is evaluated once per integration step, at the state at the step's start (a
    /// delayed source at its value at the step's start), and that value read by every stage of the step; otherwise
    /// (the default) it is evaluated at every stage. Set on the coupling inputs of a network lowered with
    /// <see cref="Experiment.CouplingEvaluation.PerStep"/> (TVB's timing).</summary>
    public bool HeldOverStep { get; internal set; }

    /// <summary>A one-line description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => HeldOverStep ? $"{Name} = {EquationText} (held over the step)" : $"{Name} = {EquationText}";
}
