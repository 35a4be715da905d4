namespace Tvbo.Experiment;

/// <summary>The observations of an experiment (extra outputs computed from the state), in order, with unique names.</summary>
public sealed class ObservationCollection : IEnumerable<Observation>
{
    private readonly List<Observation> _items = [];

    /// <summary>The number of observations.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an observation.</summary>
    /// <param name="observation">The observation.</param>
    /// <exception cref="ExperimentException">An observation of that name exists.</exception>
    public void Add(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_items.Exists(o => o.Name == observation.Name))
        {
            throw new ExperimentException($"The experiment already has an observation named '{observation.Name}'; observation names must be unique.");
        }

        _items.Add(observation);
    }

    /// <summary>Removes the observation of a name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether one was removed.</returns>
    public bool Remove(string name) => _items.RemoveAll(o => o.Name == name) > 0;

    /// <inheritdoc/>
    public IEnumerator<Observation> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
