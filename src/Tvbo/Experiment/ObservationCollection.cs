namespace Tvbo.Experiment;

/// <summary>The observations of an experiment (extra outputs computed from the state), in order, with unique names.</summary>
public sealed class ObservationCollection : NamedCollection<Observation>
{
    /// <summary>Creates an empty collection.</summary>
    public ObservationCollection()
        : base("observation")
    {
    }

    /// <inheritdoc/>
    protected override string GetKeyForItem(Observation item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Name;
    }
}
