using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Which parameter slots an exploration varies: a varied parameter's value differs between lanes, the others
/// have one value in every lane (loaded once for all groups). Equal when the same slots are varied, so it can key
/// the kernel cache.</summary>
internal sealed class VariedParameters : IEquatable<VariedParameters>
{
    private readonly bool[] _varied;

    /// <summary>Creates the set from one flag per parameter slot.</summary>
    /// <param name="varied">True where the slot is varied.</param>
    public VariedParameters(IEnumerable<bool> varied)
    {
        _varied = varied.ToArray();
    }

    /// <summary>Number of parameter slots.</summary>
    public int Count => _varied.Length;

    /// <summary>Whether slot <paramref name="slot"/> is varied.</summary>
    /// <param name="slot">The parameter slot.</param>
    public bool this[int slot] => _varied[slot];

    /// <summary>The slots of a model that an exploration's axes vary.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="axisSlots">The parameter slot of each axis.</param>
    public static VariedParameters Of(ModelLayout layout, IReadOnlyCollection<int> axisSlots) =>
        new(layout.Parameters.Select(p => axisSlots.Contains(layout.ParameterIndex(p.Name))));

    /// <summary>The names of the varied parameters.</summary>
    /// <param name="layout">The model.</param>
    public HashSet<string> Names(ModelLayout layout) =>
        layout.Parameters.Where((_, j) => _varied[j]).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(VariedParameters? other) => other is not null && _varied.AsSpan().SequenceEqual(other._varied);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VariedParameters);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _varied)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <summary>One character per slot, '1' varied and '0' not.</summary>
    public override string ToString() => new(_varied.Select(v => v ? '1' : '0').ToArray());
}
