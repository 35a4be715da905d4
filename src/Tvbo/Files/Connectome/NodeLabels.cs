using System.Globalization;
using System.Text;
using Tvbo.Expressions;

namespace Tvbo.Files.Connectome;

/// <summary>
/// The node labels of a connectome as network node labels. A node label is a name (letters, digits, underscores) or a
/// whole number, because it is used in output names (<c>V[label]</c>) and axis addresses (<c>label.parameter</c>,
/// <c>network.edges[a-&gt;b].weight</c>); TVBO's region labels are often not (<c>ctx-lh-bankssts</c>, <c>L.BSTS</c>,
/// <c>7Networks_LH_Vis_1</c>). Each character that cannot be part of a name becomes <c>_</c>, and a label that starts with a
/// digit (and is not a whole number) gets a leading <c>_</c>: <c>ctx-lh-bankssts</c> → <c>ctx_lh_bankssts</c>,
/// <c>L.BSTS</c> → <c>L_BSTS</c>.
/// </summary>
internal static class NodeLabels
{
    /// <summary>The labels as node labels, or <see langword="null"/> (with the reason) when they cannot name the nodes:
    /// two become the same, one is empty, or one is a whole number other than its node's index (edges and axes name a
    /// node by label or index, so label 1 on node 0 would be read two ways). The nodes are then numbered.</summary>
    /// <param name="labels">The labels as the files write them.</param>
    /// <param name="reason">Why they cannot name the nodes (empty when they can).</param>
    public static string[]? From(IReadOnlyList<string> labels, out string reason)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new string[labels.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var raw = labels[i].Trim();
            var label = ToName(raw);
            if (label.Length == 0 || !seen.Add(label))
            {
                reason = label.Length == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"node {i} has an empty label")
                    : $"two labels are '{label}' once written as names (letters, digits, underscores)";
                return null;
            }

            if (long.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number != i)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"node {i} is labelled {label}, a number other than its index (edges and axes name nodes by label or index)");
                return null;
            }

            result[i] = label;
        }

        reason = string.Empty;
        return result;
    }

    /// <summary>One label as a node label: a whole number stays as it is; otherwise every character that cannot be part
    /// of a name becomes <c>_</c>, and a leading <c>_</c> is added when the first cannot start one.</summary>
    /// <param name="label">The label.</param>
    public static string ToName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0 || Identifier.IsValid(label) || long.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return label;
        }

        var name = new StringBuilder(label.Length + 1);
        foreach (var rune in label.EnumerateRunes())
        {
            if (name.Length == 0 && !Identifier.IsNameStart(rune))
            {
                name.Append('_');
                if (!Identifier.IsNamePart(rune))
                {
                    continue;
                }
            }

            if (Identifier.IsNamePart(rune))
            {
                name.Append(rune.ToString());
            }
            else
            {
                name.Append('_');
            }
        }

        return name.ToString();
    }
}
