namespace Tvbo.Model;

/// <summary>A constant of a model that explorations may vary.</summary>
public sealed class Parameter
{
    internal Parameter(string name, double value, string? unit, string? description)
    {
        Name = name;
        Value = value;
        Unit = unit;
        Description = description;
    }

    /// <summary>The parameter's name, as used in equations.</summary>
    public string Name { get; }

    /// <summary>The default value, used wherever an exploration does not vary the parameter.</summary>
    public double Value { get; set; }

    /// <summary>The unit, or <see langword="null"/> when the parameter has none.</summary>
    public string? Unit { get; }

    /// <summary>A one-line description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
