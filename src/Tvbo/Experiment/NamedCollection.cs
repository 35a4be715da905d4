using System.Collections.ObjectModel;

namespace Tvbo.Experiment;

/// <summary>An experiment's items of one kind (observations, observables, functions), in the order added, each
/// addressable by its unique name (<c>collection["R"]</c>, <c>Contains("R")</c>, <c>Remove("R")</c>).</summary>
/// <typeparam name="T">The item.</typeparam>
public abstract class NamedCollection<T> : KeyedCollection<string, T>
    where T : class
{
    private readonly string _kind;

    /// <summary>Creates an empty collection.</summary>
    /// <param name="kind">What an item is, for the message about a name given twice (<c>observable</c>).</param>
    private protected NamedCollection(string kind)
        : base(StringComparer.Ordinal)
    {
        _kind = kind;
    }

    private ExperimentException Twice(string name) =>
        new($"The experiment already has {("aeiou".Contains(_kind[0], StringComparison.Ordinal) ? "an" : "a")} {_kind} named '{name}'; {_kind} names must be unique.");

    /// <inheritdoc/>
    /// <exception cref="ExperimentException">An item of that name exists.</exception>
    protected override void InsertItem(int index, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var name = GetKeyForItem(item);
        if (Contains(name))
        {
            throw Twice(name);
        }

        base.InsertItem(index, item);
    }

    /// <inheritdoc/>
    /// <exception cref="ExperimentException">Another item has the new item's name.</exception>
    protected override void SetItem(int index, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var name = GetKeyForItem(item);
        if (Contains(name) && !ReferenceEquals(this[name], this[index]))
        {
            throw Twice(name);
        }

        base.SetItem(index, item);
    }
}
