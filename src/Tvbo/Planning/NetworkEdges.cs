using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>
/// The edges a network's coupling sums, by target: for each target node the sources in rising order whose weight is
/// not 0 or is explored by an axis — the one definition both forms of a network use (<see cref="NetworkLowering"/>'s
/// sums and <see cref="NetworkSystem"/>'s arrays), so they sum the same terms in the same order.
/// </summary>
internal sealed class NetworkEdges
{
    private NetworkEdges(int[] rowStart, int[] sources, double[] weights, string?[] weightParameters, int[] cells)
    {
        RowStart = rowStart;
        Sources = sources;
        Weights = weights;
        WeightParameters = weightParameters;
        Cells = cells;
    }

    /// <summary>Per target node <c>i</c>, its edges are <c>[RowStart[i], RowStart[i + 1])</c>.</summary>
    public int[] RowStart { get; }

    /// <summary>Each edge's source node, rising within a target.</summary>
    public int[] Sources { get; }

    /// <summary>Each edge's weight (its value in the network, also for an explored one).</summary>
    public double[] Weights { get; }

    /// <summary>Each edge's parameter in the lowered system when an axis explores its weight, else null.</summary>
    public string?[] WeightParameters { get; }

    /// <summary>Each edge's cell, target·N + source.</summary>
    public int[] Cells { get; }

    /// <summary>The number of edges.</summary>
    public int Count => Sources.Length;

    /// <summary>The edges of a network.</summary>
    /// <param name="network">The network.</param>
    /// <param name="sweptEdges">The cells (target·N + source) whose weight an axis explores.</param>
    public static NetworkEdges Of(Network network, IReadOnlySet<int> sweptEdges)
    {
        var n = network.NodeCount;
        var rowStart = new int[n + 1];
        var sources = new List<int>();
        var weights = new List<double>();
        var weightParameters = new List<string?>();
        var cells = new List<int>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var cell = (i * n) + j;
                var swept = sweptEdges.Contains(cell);
                var w = network.WeightAt(cell);
                if (w == 0 && !swept)
                {
                    continue;
                }

                sources.Add(j);
                weights.Add(w);
                weightParameters.Add(swept ? NetworkAxis.EdgeWeightName(i, j) : null);
                cells.Add(cell);
            }

            rowStart[i + 1] = sources.Count;
        }

        return new NetworkEdges(rowStart, [.. sources], [.. weights], [.. weightParameters], [.. cells]);
    }
}
