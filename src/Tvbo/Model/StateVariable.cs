using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>A state variable <c>x</c> with its right-hand side <c>dx/dt = f(...)</c>.</summary>
public sealed class StateVariable
{
    internal StateVariable(string name, string equationText, Expr equation, double initialValue, Boundaries? boundaries, string? description)
    {
        Name = name;
        EquationText = equationText;
        Equation = equation;
        InitialValue = initialValue;
        Boundaries = boundaries;
        Description = description;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The right-hand side as written.</summary>
    public string EquationText { get; }

    /// <summary>The parsed right-hand side.</summary>
    public Expr Equation { get; }

    /// <summary>The value at time 0.</summary>
    public double InitialValue { get; set; }

    /// <summary>Hard bounds applied after each step, or <see langword="null"/> for none.</summary>
    public Boundaries? Boundaries { get; }

    /// <summary>A one-line description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>The variable's unit as the model gives it (TVBO's <c>unit:</c>, e.g. <c>mV</c>), or <see langword="null"/>;
    /// written into result files, never used to convert.</summary>
    public string? Unit { get; set; }

    /// <summary>Whether <see cref="InitialValue"/> is TVBO's schema default (0.1) because the file gave none.</summary>
    public bool InitialValueIsDefault { get; internal set; }

    /// <summary>Whether a network's coupling reads this variable when the coupling names no incoming states (TVBO's
    /// <c>coupling_variable: true</c>, TVB's <c>cvar</c>).</summary>
    public bool IsCouplingVariable { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"d{Name}/dt = {EquationText}";
}
