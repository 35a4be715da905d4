using System.Globalization;

namespace Tvbo.Bifurcation;

/// <summary>A labelled point of a branch: a bifurcation located on it, or one of its ends.</summary>
public sealed record SpecialPoint
{
    /// <summary>What the point is.</summary>
    public required SpecialPointKind Kind { get; init; }

    /// <summary>The point's number among the points of its kind on the branch, from 1 along the branch (what
    /// <c>fold:1</c> refers to).</summary>
    public required int Number { get; init; }

    /// <summary>The index in <see cref="Branch.Points"/> of the located point (it is one of the branch's points).</summary>
    public required int PointIndex { get; init; }

    /// <summary>The free parameters' values at the point.</summary>
    public required IReadOnlyList<double> Parameters { get; init; }

    /// <summary>The state at the point.</summary>
    public required IReadOnlyList<double> State { get; init; }

    /// <summary>At a Hopf point, the angular frequency ω of the critical eigenvalues ±iω (the orbits born there have
    /// period 2π/ω); NaN otherwise.</summary>
    public double Frequency { get; init; } = double.NaN;

    /// <summary>At a Hopf point, the first Lyapunov coefficient: negative for a supercritical Hopf (stable orbits are
    /// born), positive for a subcritical one; NaN otherwise or where it was not computed.</summary>
    public double FirstLyapunovCoefficient { get; init; } = double.NaN;

    /// <summary>Why the branch ends here (an <see cref="SpecialPointKind.EndPoint"/>), or <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>AUTO's label: LP, HB, BP, LPC (AUTO writes LP on cycles), PD, TR, CP, BT, GH, ZH or EP.</summary>
    public string Label => Kind switch
    {
        SpecialPointKind.Fold => "LP",
        SpecialPointKind.Hopf => "HB",
        SpecialPointKind.BranchPoint => "BP",
        SpecialPointKind.CycleFold => "LPC",
        SpecialPointKind.PeriodDoubling => "PD",
        SpecialPointKind.Torus => "TR",
        SpecialPointKind.Cusp => "CP",
        SpecialPointKind.BogdanovTakens => "BT",
        SpecialPointKind.GeneralizedHopf => "GH",
        SpecialPointKind.ZeroHopf => "ZH",
        _ => "EP",
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Label}{Number} at {string.Join(", ", Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}{(Reason is null ? "" : $" ({Reason})")}";
}
