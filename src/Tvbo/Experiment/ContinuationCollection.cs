namespace Tvbo.Experiment;

/// <summary>The continuations of an experiment (TVBO's <c>continuations:</c>), in order, with unique names.</summary>
public sealed class ContinuationCollection : NamedCollection<Continuation>
{
    /// <summary>Creates an empty collection.</summary>
    public ContinuationCollection()
        : base("continuation")
    {
    }

    /// <inheritdoc/>
    protected override string GetKeyForItem(Continuation item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Name;
    }
}
