namespace Tvbo.Model;

/// <summary>A model that cannot be used: a bad or duplicate name, an equation that reads an unknown symbol,
/// derived variables that depend on each other in a cycle, or a bad value. The message names the model
/// and the culprit.</summary>
public sealed class ModelException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="message">What is wrong and what would be valid.</param>
    /// <param name="element">The parameter or variable at fault, if the error concerns one.</param>
    public ModelException(string model, string message, string? element = null)
        : base(message)
    {
        Model = model;
        Element = element;
    }

    /// <summary>The name of the parameter or variable at fault, or <see langword="null"/>.</summary>
    public string? Element { get; }

    /// <summary>The name of the model at fault.</summary>
    public string Model { get; }
}
