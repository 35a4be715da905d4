using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>The node axis of a network's figures (<see cref="NodeRasterFigure"/>, <see cref="NodeSummaryFigure"/>):
/// the variable shown, and the nodes down a vertical axis, the first on top, labelled where they fit.</summary>
internal static class NodeAxis
{
    /// <summary>The index of a variable of a network's result (the first when <paramref name="variable"/> is null).</summary>
    /// <exception cref="ArgumentException">The result is not a network's, or has no such variable.</exception>
    public static int Variable(ExplorationResult result, string? variable, string figure)
    {
        if (result.Nodes.Count == 0)
        {
            throw new ArgumentException($"Exploration '{result.Name}' is not a network's result (its outputs are not variable[node]); a {figure} needs nodes.", nameof(result));
        }

        if (variable is null)
        {
            return 0;
        }

        for (var i = 0; i < result.Variables.Count; i++)
        {
            if (result.Variables[i] == variable)
            {
                return i;
            }
        }

        throw new ArgumentException($"Exploration '{result.Name}' has no variable '{variable}'; variables: {string.Join(", ", result.Variables)}.", nameof(variable));
    }

    /// <summary>The width in pixels the longest node label takes as a tick (8 px text beyond 20 nodes, else 10 px).</summary>
    public static int LabelWidth(IReadOnlyList<string> nodes) =>
        (int)Math.Ceiling(nodes.Max(l => l.Length) * (nodes.Count > 20 ? 5.2 : 6.4));

    /// <summary>Node labels as ticks (node 0 at the top, at y = nodes − 1): all where they fit, else an even subset.</summary>
    public static void Ticks(IAxis axis, IReadOnlyList<string> nodes, int maxLabels)
    {
        var n = nodes.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var i in Decimation.Sample(n, maxLabels))
        {
            ticks.AddMajor(n - 1 - i, nodes[i]);
        }

        axis.TickGenerator = ticks;
        axis.TickLabelStyle.FontSize = n > 20 ? 8 : 10;
    }
}
