namespace Tvbo.Experiment;

/// <summary>The observables of an experiment (per-condition measurements), in order, with unique names.</summary>
public sealed class ObservableCollection : NamedCollection<Observable>
{
    /// <summary>Creates an empty collection.</summary>
    public ObservableCollection()
        : base("observable")
    {
    }

    /// <inheritdoc/>
    protected override string GetKeyForItem(Observable item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Name;
    }
}
