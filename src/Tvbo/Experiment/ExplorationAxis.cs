namespace Tvbo.Experiment;

/// <summary>One axis of an exploration's grid: a parameter and the values it takes along the axis.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="ExploredValues">Its values, in order.</param>
public sealed record ExplorationAxis(string Name, IReadOnlyList<double> ExploredValues)
{
    /// <inheritdoc/>
    public bool Equals(ExplorationAxis? other) =>
        other is not null && Name == other.Name && ExploredValues.SequenceEqual(other.ExploredValues);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, ExploredValues.Count);

    /// <summary>The axis in words: <c>eta: 15 values, -10 … 5</c> (up to 4 values are listed).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var n = ExploredValues.Count;
        return n switch
        {
            0 => $"{Name}: no values",
            1 => $"{Name}: 1 value, {F(ExploredValues[0])}",
            <= 4 => $"{Name}: {n} values, {string.Join(", ", ExploredValues.Select(F))}",
            _ => $"{Name}: {n} values, {F(ExploredValues[0])} … {F(ExploredValues[^1])}",
        };
    }
}
