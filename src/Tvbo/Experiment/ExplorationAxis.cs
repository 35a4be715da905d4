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
}
