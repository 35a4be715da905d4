using System.Globalization;

namespace Tvbo.Networks;

/// <summary>
/// Nodes that each run the experiment's model, coupled through weighted, optionally delayed edges (TVBO's
/// <c>network:</c>). <c>W[i, j]</c> is the weight of the edge <b>from node j to node i</b> (row = target, column =
/// source, as in TVB and TVBO's documentation); an edge's delay is its explicit delay, else its length divided by
/// <see cref="ConductionSpeed"/>. Each entry of <see cref="Coupling"/> drives one coupling input of the model.
/// </summary>
/// <example>
/// <code>
/// exp.Network = Network.FromMatrix(new double[,] { { 0, 1.0 }, { 0.5, 0 } });
/// exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("Linear");
/// </code>
/// </example>
public sealed class Network
{
    private readonly double[] _weights;
    private readonly double[] _lengths;
    private readonly double[] _delays;
    private readonly NetworkNode[] _nodes;
    private readonly List<MatrixTransform> _transforms = [];

    /// <summary>Creates a network of unconnected nodes labelled 0, 1, ….</summary>
    /// <param name="nodeCount">The number of nodes (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one node, or more than <see cref="MaxNodes"/>.</exception>
    public Network(int nodeCount)
    {
        if (nodeCount is < 1 or > MaxNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, $"A network has 1 to {MaxNodes} nodes.");
        }

        NodeCount = nodeCount;
        var cells = checked(nodeCount * nodeCount);
        _weights = new double[cells];
        _lengths = new double[cells];
        _delays = new double[cells];
        Array.Fill(_delays, double.NaN);
        _nodes = Enumerable.Range(0, nodeCount).Select(i => new NetworkNode(i, i.ToString(CultureInfo.InvariantCulture))).ToArray();
    }

    /// <summary>The largest number of nodes a network may have (its weight, length and delay matrices take 24 bytes per
    /// pair of nodes: 2.4 GB at 10 000).</summary>
    public const int MaxNodes = 10_000;

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Where the weights and lengths were read from (a connectome's network file or BIDS folder, as a full path),
    /// or <see langword="null"/> when the experiment gives them itself; recorded in <c>run.json</c>.</summary>
    public string? Source { get; set; }

    /// <summary>The nodes, by index.</summary>
    public IReadOnlyList<NetworkNode> Nodes => _nodes;

    /// <summary>The speed that turns lengths into delays (TVBO's default 3, mm/ms).</summary>
    public double ConductionSpeed { get; set; } = 3.0;

    /// <summary>The coupling functions, keyed by the model's coupling input they drive (<c>c_glob</c>, <c>c_pop0</c>…).
    /// A coupling input without an entry stays 0.</summary>
    public IDictionary<string, Coupling> Coupling { get; } = new Dictionary<string, Coupling>(StringComparer.Ordinal);

    /// <summary>Observational measures that came with the connectome (e.g. the <c>BoldCorrelation</c> of a BIDS connectivity
    /// folder: an N×N functional connectivity), by name, [row node, column node]. They are data to compare simulations
    /// with; they never act as weights.</summary>
    public IDictionary<string, double[,]> ObservationalMeasures { get; } = new Dictionary<string, double[,]>(StringComparer.Ordinal);

    /// <summary>The transforms applied to the matrices (<see cref="ApplyTransforms"/>), in order.</summary>
    public IReadOnlyList<MatrixTransform> Transforms => _transforms;

    /// <summary>Rewrites the weight, length or delay matrices with TVBO's <c>network.transforms</c>: the transforms of
    /// one matrix apply in order, each seeing the previous result under the matrix's name; another matrix's name means
    /// that matrix after all of its transforms (see <see cref="MatrixTransform"/> for the language). A delay transform
    /// gives every edge an explicit delay (the conduction speed no longer applies to them). The transforms are added to
    /// <see cref="Transforms"/>; nothing changes when one fails.</summary>
    /// <param name="transforms">The transforms, in order.</param>
    /// <exception cref="MatrixTransformException">A transform fails (its syntax, an unknown name, a shape mismatch, a
    /// selection that keeps nothing, a division by zero or another value that is not finite, a negative length or
    /// delay, transforms that use each other's results); the message names it and its position.</exception>
    public void ApplyTransforms(IReadOnlyList<MatrixTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Any(t => t is null))
        {
            throw new ArgumentException("A transform is null.", nameof(transforms));
        }

        var finals = MatrixTransform.Evaluate(this, transforms);
        foreach (var target in transforms.Select(t => t.Target).Distinct())
        {
            var into = target switch
            {
                MatrixTransform.Weight => _weights,
                MatrixTransform.Length => _lengths,
                _ => _delays,
            };
            finals[target].CopyTo(into, 0);
        }

        _transforms.AddRange(transforms);
    }

    /// <summary>A network from a weight matrix and, optionally, a length matrix (both [target, source]).</summary>
    /// <param name="weights">The weights, N×N, finite.</param>
    /// <param name="lengths">The lengths, N×N, finite and not negative; <see langword="null"/> for no delays.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A matrix is not square, the two differ in size, or a value is invalid.</exception>
    public static Network FromMatrix(double[,] weights, double[,]? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(0);
        if (weights.GetLength(1) != n || n == 0)
        {
            throw new ArgumentException($"The weight matrix is {weights.GetLength(0)}×{weights.GetLength(1)}; it must be square (N×N, N ≥ 1).", nameof(weights));
        }

        var network = new Network(n);
        network.SetMatrix(weights, network._weights, "weight", nameof(weights), allowNegative: true);
        if (lengths is not null)
        {
            network.SetLengths(lengths);
        }

        return network;
    }

    /// <summary>A copy of the weights, [target, source].</summary>
    public double[,] Weights => ToMatrix(_weights);

    /// <summary>A copy of the lengths, [target, source] (0 where no length is given).</summary>
    public double[,] Lengths => ToMatrix(_lengths);

    /// <summary>Replaces the lengths.</summary>
    /// <param name="lengths">N×N, finite, not negative.</param>
    /// <exception cref="ArgumentException">Wrong size or an invalid value.</exception>
    public void SetLengths(double[,] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        SetMatrix(lengths, _lengths, "length", nameof(lengths), allowNegative: false);
    }

    /// <summary>The weight of the edge from <paramref name="source"/> to <paramref name="target"/> (0 when there is none).</summary>
    /// <param name="target">The target node's index.</param>
    /// <param name="source">The source node's index.</param>
    public double GetWeight(int target, int source) => _weights[Cell(target, source)];

    /// <summary>The delay of the edge from <paramref name="source"/> to <paramref name="target"/>, in time units: its
    /// explicit delay, else its length / <see cref="ConductionSpeed"/>.</summary>
    /// <param name="target">The target node's index.</param>
    /// <param name="source">The source node's index.</param>
    public double GetDelay(int target, int source) => DelayAt(Cell(target, source), ConductionSpeed);

    /// <summary>Adds (or replaces) an edge.</summary>
    /// <param name="source">The source node's index.</param>
    /// <param name="target">The target node's index.</param>
    /// <param name="weight">The weight (finite).</param>
    /// <param name="delay">An explicit delay in time units (not negative), or <see langword="null"/>.</param>
    /// <param name="length">A length (not negative), turned into a delay by the conduction speed, or <see langword="null"/>.</param>
    /// <param name="directed"><see langword="false"/> adds the edge in both directions (TVBO's default for listed edges).</param>
    /// <exception cref="ArgumentException">An index is out of range or a value is invalid.</exception>
    public void AddEdge(int source, int target, double weight, double? delay = null, double? length = null, bool directed = true)
    {
        Check(weight, "weight", nameof(weight), allowNegative: true);
        if (delay is { } d)
        {
            Check(d, "delay", nameof(delay), allowNegative: false);
        }

        if (length is { } l)
        {
            Check(l, "length", nameof(length), allowNegative: false);
        }

        Set(target, source);
        if (!directed)
        {
            Set(source, target);
        }

        void Set(int t, int s)
        {
            var cell = Cell(t, s);
            _weights[cell] = weight;
            _delays[cell] = delay ?? double.NaN;
            _lengths[cell] = length ?? 0.0;
        }
    }

    /// <summary>The index of the node with a label, or -1.</summary>
    /// <param name="label">The label.</param>
    public int IndexOf(string label) => Array.FindIndex(_nodes, n => n.Label == label);

    /// <summary>Whether any edge has a non-zero weight.</summary>
    public bool HasEdges => _weights.Any(w => w != 0);

    /// <summary>The number of edges: cells with a non-zero weight.</summary>
    public int EdgeCount => _weights.Count(w => w != 0);

    /// <summary>The raw weight of a cell [target·N + source].</summary>
    internal double WeightAt(int cell) => _weights[cell];

    /// <summary>The length of a cell [target·N + source].</summary>
    internal double LengthAt(int cell) => _lengths[cell];

    /// <summary>The explicit delay of a cell [target·N + source], or <see langword="null"/> when its delay comes from
    /// its length.</summary>
    internal double? ExplicitDelayAt(int cell) => double.IsNaN(_delays[cell]) ? null : _delays[cell];

    /// <summary>The delay of a cell [target·N + source] at a conduction speed.</summary>
    internal double DelayAt(int cell, double speed) =>
        !double.IsNaN(_delays[cell]) ? _delays[cell] : _lengths[cell] == 0 ? 0.0 : _lengths[cell] / speed;

    /// <summary>Whether any edge with a weight has a length or an explicit delay (so the conduction speed matters,
    /// or delays exist).</summary>
    internal bool HasDelays => Enumerable.Range(0, _weights.Length).Any(c => _weights[c] != 0 && DelayAt(c, ConductionSpeed) > 0);

    /// <summary>Whether any weighted edge's delay depends on the conduction speed.</summary>
    internal bool HasLengths => Enumerable.Range(0, _weights.Length).Any(c => _weights[c] != 0 && double.IsNaN(_delays[c]) && _lengths[c] > 0);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Network({NodeCount} nodes, {EdgeCount} edges, coupling: [{string.Join(", ", Coupling.Keys)}])";

    private int Cell(int target, int source)
    {
        if ((uint)target >= (uint)NodeCount || (uint)source >= (uint)NodeCount)
        {
            throw new ArgumentException($"Edge {source} -> {target}: node indices must be 0 to {NodeCount - 1}.");
        }

        return (target * NodeCount) + source;
    }

    private void SetMatrix(double[,] m, double[] into, string what, string paramName, bool allowNegative)
    {
        var n = NodeCount;
        if (m.GetLength(0) != n || m.GetLength(1) != n)
        {
            throw new ArgumentException($"The {what} matrix is {m.GetLength(0)}×{m.GetLength(1)}; the network has {n} nodes, so it must be {n}×{n}.", paramName);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var v = m[i, j];
                if (!double.IsFinite(v) || (!allowNegative && v < 0))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The {what} matrix has {v} at [{i}, {j}]; {what}s must be finite{(allowNegative ? "" : " and not negative")}."), paramName);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                into[(i * n) + j] = m[i, j];
            }
        }
    }

    private static void Check(double v, string what, string paramName, bool allowNegative)
    {
        if (!double.IsFinite(v) || (!allowNegative && v < 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"An edge's {what} is {v}; it must be finite{(allowNegative ? "" : " and not negative")}."), paramName);
        }
    }

    private double[,] ToMatrix(double[] a)
    {
        var n = NodeCount;
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = a[(i * n) + j];
            }
        }

        return m;
    }
}
