namespace Tvbo.Bifurcation;

/// <summary>What one continuation found: its branch of equilibria (or curve of bifurcation points) and the branches of
/// periodic orbits continued from it.</summary>
public sealed class ContinuationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="name">The continuation's name.</param>
    /// <param name="branches">The branches, the continuation's own first.</param>
    /// <param name="elapsed">The time it took.</param>
    public ContinuationResult(string name, IReadOnlyList<Branch> branches, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Count == 0)
        {
            throw new ArgumentException("A continuation result holds at least its own branch.", nameof(branches));
        }

        Name = name;
        Branches = branches.ToArray();
        Elapsed = elapsed;
    }

    /// <summary>The continuation's name.</summary>
    public string Name { get; }

    /// <summary>The branches: the continuation's own first, then the periodic orbits continued from it.</summary>
    public IReadOnlyList<Branch> Branches { get; }

    /// <summary>The continuation's own branch (equilibria, or the fold or Hopf curve).</summary>
    public Branch Main => Branches[0];

    /// <summary>The time the continuation took.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Continuation '{Name}': {string.Join("; ", Branches.Select(b => b.ToString()))}";
}
