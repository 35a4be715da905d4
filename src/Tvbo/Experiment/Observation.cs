using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Experiment;

/// <summary>An extra output computed from the state after integration (TVBO's <c>observations</c> with an
/// <c>equation</c>), e.g. the EEG proxy <c>eeg = y1 - y2</c> of Jansen–Rit. Its equation may use state variables,
/// derived variables, parameters and time.</summary>
public sealed class Observation
{
    /// <summary>Creates an observation.</summary>
    /// <param name="name">The output's name.</param>
    /// <param name="equation">Its expression, in Python/sympy syntax (model functions may be called).</param>
    /// <param name="model">The model whose symbols the equation uses.</param>
    /// <exception cref="ModelException">The name is not a valid identifier or clashes with a model symbol.</exception>
    /// <exception cref="ExpressionSyntaxException">The equation cannot be parsed.</exception>
    public Observation(string name, string equation, Dynamics model)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(model);
        if (!Dynamics.IsIdentifier(name))
        {
            throw new ModelException(model.Name, $"Observation name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.", name);
        }

        if (model.Resolve(name) is { } kind and not SymbolKind.Constant and not SymbolKind.Time)
        {
            throw new ModelException(model.Name, $"Observation '{name}' has the name of a {Dynamics.KindName(kind)} of model '{model.Name}'; choose another name.", name);
        }

        Name = name;
        EquationText = equation;
        Equation = ExpressionParser.Parse(equation, $"observation '{name}'", model.Functions);
    }

    /// <summary>The output's name.</summary>
    public string Name { get; }

    /// <summary>The expression as written.</summary>
    public string EquationText { get; }

    /// <summary>The parsed expression.</summary>
    public Expr Equation { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {EquationText}";
}
