using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>An explicit list of values (TVBO's <c>explored_values</c>).</summary>
public sealed class ValuesDomain : Domain
{
    private readonly double[] _values;

    /// <summary>Creates the list.</summary>
    /// <param name="values">The values, in order.</param>
    public ValuesDomain(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToArray();
    }

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<double> ExploredValues => _values;

    /// <inheritdoc/>
    public override int Count => _values.Length;

    /// <inheritdoc/>
    public override double[] ToArray() => (double[])_values.Clone();

    /// <inheritdoc/>
    public override void Validate(string exploration, string parameter)
    {
        if (_values.Length == 0)
        {
            throw new ExperimentException($"Exploration '{exploration}', parameter '{parameter}': the list of values is empty; give at least one value.", exploration, parameter);
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!double.IsFinite(_values[i]))
            {
                throw new ExperimentException($"Exploration '{exploration}', parameter '{parameter}': value #{i} is {_values[i].ToString(CultureInfo.InvariantCulture)}; every value must be a finite number.", exploration, parameter);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", _values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
}
