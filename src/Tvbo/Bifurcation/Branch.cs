namespace Tvbo.Bifurcation;

/// <summary>A branch found by a continuation: its points in order along the branch, and its special points.</summary>
public sealed class Branch
{
    /// <summary>Creates a branch.</summary>
    /// <param name="name">The branch's name.</param>
    /// <param name="kind">What its points are.</param>
    /// <param name="parameterNames">The free parameters.</param>
    /// <param name="stateNames">The state variables.</param>
    /// <param name="points">The points, in order along the branch.</param>
    /// <param name="specialPoints">The special points, in order along the branch.</param>
    public Branch(string name, BranchKind kind, IReadOnlyList<string> parameterNames, IReadOnlyList<string> stateNames, IReadOnlyList<BranchPoint> points, IReadOnlyList<SpecialPoint> specialPoints)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(stateNames);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(specialPoints);
        Name = name;
        Kind = kind;
        ParameterNames = parameterNames.ToArray();
        StateNames = stateNames.ToArray();
        Points = points.ToArray();
        SpecialPoints = specialPoints.ToArray();
    }

    /// <summary>The branch's name: the continuation's for its equilibria or curve; for periodic orbits the name of its
    /// <c>branches:</c> entry, with <c>_hb&lt;k&gt;</c> added for the k-th Hopf point when the entry names them all
    /// (<c>hopf:all</c>).</summary>
    public string Name { get; }

    /// <summary>What the points are.</summary>
    public BranchKind Kind { get; }

    /// <summary>The free parameters.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The state variables.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>The points, in order along the branch.</summary>
    public IReadOnlyList<BranchPoint> Points { get; }

    /// <summary>The special points (bifurcations and ends), in order along the branch.</summary>
    public IReadOnlyList<SpecialPoint> SpecialPoints { get; }

    /// <summary>The special points of one kind, in order.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The points.</returns>
    public IReadOnlyList<SpecialPoint> Find(SpecialPointKind kind) => SpecialPoints.Where(p => p.Kind == kind).ToArray();

    /// <summary>A free parameter's value at every point.</summary>
    /// <param name="name">The parameter.</param>
    /// <returns>The values, in order along the branch.</returns>
    /// <exception cref="KeyNotFoundException">The branch has no such free parameter.</exception>
    public double[] Parameter(string name)
    {
        var k = IndexOf(ParameterNames, name, "free parameter");
        return Points.Select(p => p.Parameters[k]).ToArray();
    }

    /// <summary>A state variable's value at every point (at phase 0 on periodic orbits).</summary>
    /// <param name="name">The state variable.</param>
    /// <returns>The values, in order along the branch.</returns>
    /// <exception cref="KeyNotFoundException">The branch has no such state variable.</exception>
    public double[] State(string name)
    {
        var i = IndexOf(StateNames, name, "state variable");
        return Points.Select(p => p.State[i]).ToArray();
    }

    private int IndexOf(IReadOnlyList<string> names, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Branch '{Name}' has no {what} '{name}'; it has {string.Join(", ", names)}.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Branch '{Name}' ({Kind}, {Points.Count} points in {string.Join(", ", ParameterNames)}; {string.Join(", ", SpecialPoints.Where(s => s.Kind != SpecialPointKind.EndPoint).Select(s => s.Label + s.Number))})";
}
