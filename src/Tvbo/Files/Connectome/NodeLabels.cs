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
    /// <summary>The labels as node labels, or <see langword="null"/> when two of them become the same (or one is empty):
    /// the nodes are then numbered.</summary>
    /// <param name="labels">The labels as the files write them.</param>
    public static string[]? From(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new string[labels.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = ToName(labels[i].Trim());
            if (label.Length == 0 || !seen.Add(label))
            {
                return null;
            }

            result[i] = label;
        }

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
