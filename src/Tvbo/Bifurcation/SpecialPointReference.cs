using System.Globalization;

namespace Tvbo.Bifurcation;

/// <summary>A reference to special points of a branch as TVBO writes it (<c>fold:1</c>, <c>hopf:all</c>): the kind,
/// and the index counted from 1 in the order the points were found, or every point of the kind.</summary>
/// <param name="Kind">The kind of point.</param>
/// <param name="Index">The index counted from 1, or <see langword="null"/> for every point of the kind (<c>all</c>).</param>
public sealed record SpecialPointReference(SpecialPointKind Kind, int? Index)
{
    private static readonly Dictionary<string, SpecialPointKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fold"] = SpecialPointKind.Fold, ["lp"] = SpecialPointKind.Fold, ["saddle-node"] = SpecialPointKind.Fold,
        ["hopf"] = SpecialPointKind.Hopf, ["hb"] = SpecialPointKind.Hopf,
        ["bp"] = SpecialPointKind.BranchPoint, ["branch_point"] = SpecialPointKind.BranchPoint,
        ["lpc"] = SpecialPointKind.CycleFold, ["pd"] = SpecialPointKind.PeriodDoubling, ["tr"] = SpecialPointKind.Torus,
    };

    /// <summary>Parses <c>kind:index</c> or <c>kind:all</c> (kinds: <c>fold</c>/<c>lp</c>, <c>hopf</c>/<c>hb</c>,
    /// <c>bp</c>, <c>lpc</c>, <c>pd</c>, <c>tr</c>).</summary>
    /// <param name="text">The reference.</param>
    /// <param name="allowAll">Whether <c>all</c> may stand for the index.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="Experiment.ExperimentException">The text is not such a reference.</exception>
    public static SpecialPointReference Parse(string text, bool allowAll)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        var valid = $"valid: kind:index with kind fold, hopf, bp, lpc, pd or tr and index 1, 2, …{(allowAll ? " or all" : "")} (\"fold:1\")";
        if (parts.Length != 2 || !Names.TryGetValue(parts[0].Trim(), out var kind))
        {
            throw new Experiment.ExperimentException($"source_point '{text}' names no kind of special point; {valid}.");
        }

        var index = parts[1].Trim();
        if (allowAll && index.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new(kind, null);
        }

        return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 1
            ? new(kind, i)
            : throw new Experiment.ExperimentException($"source_point '{text}': '{index}' is not an index; {valid}.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind switch { SpecialPointKind.Fold => "fold", SpecialPointKind.Hopf => "hopf", SpecialPointKind.BranchPoint => "bp", SpecialPointKind.CycleFold => "lpc", SpecialPointKind.PeriodDoubling => "pd", SpecialPointKind.Torus => "tr", _ => Kind.ToString().ToLowerInvariant() }}:{(Index is { } i ? i.ToString(CultureInfo.InvariantCulture) : "all")}";
}
