namespace Tvbo.Experiment;

/// <summary>The observables of an experiment (per-condition measurements), in order, with unique names.</summary>
public sealed class ObservableCollection : IEnumerable<Observable>
{
    private readonly List<Observable> _items = [];

    /// <summary>The number of observables.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an observable.</summary>
    /// <param name="observable">The observable.</param>
    /// <exception cref="ExperimentException">An observable of that name exists.</exception>
    public void Add(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        if (_items.Exists(o => o.Name == observable.Name))
        {
            throw new ExperimentException($"The experiment already has an observable named '{observable.Name}'; observable names must be unique.");
        }

        _items.Add(observable);
    }

    /// <summary>Removes the observable of a name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether one was removed.</returns>
    public bool Remove(string name) => _items.RemoveAll(o => o.Name == name) > 0;

    /// <inheritdoc/>
    public IEnumerator<Observable> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
