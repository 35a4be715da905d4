namespace Tvbo.Experiment;

/// <summary>An experiment's explorations by name, in the order they were added.</summary>
public sealed class ExplorationCollection : IEnumerable<Exploration>
{
    private readonly List<Exploration> _items = [];

    /// <summary>The number of explorations.</summary>
    public int Count => _items.Count;

    /// <summary>The exploration of a name. Setting adds or replaces; the key must equal the exploration's name.</summary>
    /// <param name="name">The exploration's name.</param>
    /// <exception cref="KeyNotFoundException">Getting a name that is not present.</exception>
    /// <exception cref="ExperimentException">Setting with a key that differs from the exploration's name.</exception>
    public Exploration this[string name]
    {
        get => _items.Find(e => e.Name == name)
            ?? throw new KeyNotFoundException($"No exploration named '{name}'. Explorations: {(_items.Count == 0 ? "none" : string.Join(", ", _items.Select(e => e.Name)))}.");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Name != name)
            {
                throw new ExperimentException($"Explorations[\"{name}\"] was given the exploration named '{value.Name}'; the key must be the exploration's name.", value.Name);
            }

            var i = _items.FindIndex(e => e.Name == name);
            if (i >= 0)
            {
                _items[i] = value;
            }
            else
            {
                _items.Add(value);
            }
        }
    }

    /// <summary>Adds an exploration under its name.</summary>
    /// <param name="exploration">The exploration.</param>
    /// <exception cref="ExperimentException">An exploration of that name exists.</exception>
    public void Add(Exploration exploration)
    {
        ArgumentNullException.ThrowIfNull(exploration);
        if (Contains(exploration.Name))
        {
            throw new ExperimentException($"The experiment already has an exploration named '{exploration.Name}'; exploration names must be unique.", exploration.Name);
        }

        _items.Add(exploration);
    }

    /// <summary>Whether an exploration of that name exists.</summary>
    /// <param name="name">The name.</param>
    public bool Contains(string name) => _items.Exists(e => e.Name == name);

    /// <summary>Removes the exploration of that name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it was present.</returns>
    public bool Remove(string name) => _items.RemoveAll(e => e.Name == name) > 0;

    /// <inheritdoc/>
    public IEnumerator<Exploration> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
