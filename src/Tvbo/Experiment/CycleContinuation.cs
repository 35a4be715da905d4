using Tvbo.Bifurcation;

namespace Tvbo.Experiment;

/// <summary>A branch of periodic orbits continued from special points of a continuation's equilibria (TVBO's
/// <c>branches: [{source_point: "hopf:all", discretization: {method: collocation, parameters: [mesh_intervals, degree]},
/// continuation: {max_steps}}]</c>).</summary>
public sealed class CycleContinuation
{
    /// <summary>Creates a cycle branch.</summary>
    /// <param name="name">Its name (in results).</param>
    /// <param name="sourcePoint">The points it starts from: <c>hopf:all</c>, <c>hopf:1</c>, ….</param>
    /// <exception cref="ExperimentException">The name or the point is invalid.</exception>
    public CycleContinuation(string name, string sourcePoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePoint);
        Exploration.CheckName(name);
        Name = name;
        SourcePoint = SpecialPointReference.Parse(sourcePoint, allowAll: true);
        if (SourcePoint.Kind != SpecialPointKind.Hopf)
        {
            throw new ExperimentException($"Branch '{name}': source_point '{sourcePoint}': periodic orbits are continued from Hopf points (hopf:all, hopf:1, …).", name, "source_point");
        }
    }

    /// <summary>The branch's name.</summary>
    public string Name { get; }

    /// <summary>A description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>The Hopf points it starts from.</summary>
    public SpecialPointReference SourcePoint { get; }

    /// <summary>The mesh intervals of the collocation (TVBO's <c>mesh_intervals</c>, AUTO's <c>NTST</c>); 50 is TVBO's
    /// schema default (Discretization.mesh_intervals).</summary>
    public int MeshIntervals { get; init; } = 50;

    /// <summary>The collocation points per interval (TVBO's <c>degree</c>, AUTO's <c>NCOL</c>), 2 to 7; 4 is TVBO's
    /// schema default (Discretization.degree).</summary>
    public int Degree { get; init; } = 4;

    /// <summary>The most steps along the branch (<c>continuation: {max_steps}</c>), or <see langword="null"/> for the
    /// parent continuation's.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <param name="continuation">The parent continuation, for the message.</param>
    internal void Validate(string continuation)
    {
        if (MeshIntervals is < 4 or > 1000)
        {
            throw new ExperimentException($"Continuation '{continuation}', branch '{Name}': mesh_intervals is {MeshIntervals}; valid: 4 to 1000.", continuation, "mesh_intervals");
        }

        if (Degree is < 2 or > 7)
        {
            throw new ExperimentException($"Continuation '{continuation}', branch '{Name}': degree is {Degree}; valid: 2 to 7 collocation points per interval.", continuation, "degree");
        }

        if (MaxSteps is < 1)
        {
            throw new ExperimentException($"Continuation '{continuation}', branch '{Name}': max_steps is {MaxSteps}; valid: a positive number of steps.", continuation, "max_steps");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"CycleContinuation '{Name}' from {SourcePoint} (mesh {MeshIntervals}×{Degree})";
}
