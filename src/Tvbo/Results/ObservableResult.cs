using Tvbo.Observables;

namespace Tvbo.Results;

/// <summary>An observable's values over an exploration: one value per condition and cell of its dimensions, laid out
/// [condition, dimension 1, dimension 2, …] row-major (an order parameter: [condition]; a power spectrum:
/// [condition, channel, frequency]).</summary>
public sealed class ObservableResult
{
    private readonly double[] _values;

    internal ObservableResult(string name, IReadOnlyList<ObservableDimension> dimensions, int conditions, double[] values)
    {
        Name = name;
        Dimensions = dimensions;
        ConditionCount = conditions;
        _values = values;
    }

    /// <summary>The observable's name.</summary>
    public string Name { get; }

    /// <summary>The dimensions of one condition's value, without the condition (empty for a number).</summary>
    public IReadOnlyList<ObservableDimension> Dimensions { get; }

    /// <summary>The number of conditions.</summary>
    public int ConditionCount { get; }

    /// <summary>The number of values per condition.</summary>
    public int ValuesPerCondition => ConditionCount == 0 ? 0 : _values.Length / ConditionCount;

    /// <summary>Every value, [condition, dimensions…] row-major.</summary>
    public ReadOnlyMemory<double> Values => _values;

    /// <summary>One condition's values, row-major over <see cref="Dimensions"/>.</summary>
    /// <param name="condition">The condition.</param>
    public ReadOnlySpan<double> Condition(int condition) => _values.AsSpan(condition * ValuesPerCondition, ValuesPerCondition);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}[{string.Join(", ", new[] { "condition" }.Concat(Dimensions.Select(d => d.Name)))}] ({string.Join(" x ", new[] { ConditionCount }.Concat(Dimensions.Select(d => d.Length)))})";
}
