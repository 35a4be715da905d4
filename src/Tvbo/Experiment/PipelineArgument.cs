using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>An argument of a <see cref="PipelineFunction"/> (TVBO's <c>arguments</c>): a name and, when it has one,
/// its default, a number or a text (a value's name such as <c>integration.result</c>, or a literal such as
/// <c>valid</c>). An argument without a default is positional: a step gives it, or it receives the previous step's
/// value.</summary>
public sealed class PipelineArgument
{
    /// <summary>Creates an argument.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="number">Its default number, or null.</param>
    /// <param name="text">Its default text, or null (not both a number and a text).</param>
    /// <exception cref="ExperimentException">The name is not an identifier, or both defaults are given.</exception>
    public PipelineArgument(string name, double? number = null, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Model.Dynamics.IsIdentifier(name))
        {
            throw new ExperimentException($"Argument name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (number is not null && text is not null)
        {
            throw new ExperimentException($"Argument '{name}' has both a number and a text as its default; give one.");
        }

        Name = name;
        Number = number;
        Text = text;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The default number, or null.</summary>
    public double? Number { get; }

    /// <summary>The default text, or null.</summary>
    public string? Text { get; }

    /// <summary>Whether it has no default (a positional argument).</summary>
    public bool IsPositional => Number is null && Text is null;

    /// <inheritdoc/>
    public override string ToString() =>
        Number is { } n ? string.Create(CultureInfo.InvariantCulture, $"{Name}={n}") : Text is { } t ? $"{Name}='{t}'" : Name;
}
