namespace Tvbo.Native.Networks;

/// <summary>
/// The working memory of one block of conditions of a network run, read by the compiled node and coupling kernels.
/// Vectors hold one condition per lane. Node arrays are node-major (<c>[node · count + slot]</c>); the time state, where
/// the model reads <c>t</c>, follows the nodes' states (<c>[N · nv]</c>).
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class NetworkBlock<TVec>
    where TVec : struct
{
    /// <summary>The point a stage evaluates at, [node · nv + state] (and the time).</summary>
    public TVec[] Point { get; set; } = [];

    /// <summary>Receives the node kernel's derivatives, [node · nv + state].</summary>
    public TVec[] Slope { get; set; } = [];

    /// <summary>The coupling inputs at the stage, [node · terms + term] from <see cref="CouplingOffset"/> (a blocked
    /// coupling's: [(τ · N + node) · terms + term]).</summary>
    public TVec[] Coupling { get; set; } = [];

    /// <summary>The lanes' values of the parameters every node shares, by node-parameter slot.</summary>
    public TVec[] Parameters { get; set; } = [];

    /// <summary>The lanes' values of the parameters some node has its own of, [node · count + slot].</summary>
    public TVec[] NodeParameters { get; set; } = [];

    /// <summary>The lanes' values of the coupling parameters, by slot (over all couplings).</summary>
    public TVec[] CouplingParameters { get; set; } = [];

    /// <summary>The lanes' values of the explored edge weights, by slot.</summary>
    public TVec[] EdgeWeights { get; set; } = [];

    /// <summary>The inputs of the current call's steps, [step · N · inputs + node · inputs + input].</summary>
    public TVec[] Inputs { get; set; } = [];

    /// <summary>The first input of the current step in <see cref="Inputs"/>.</summary>
    public int InputBase { get; set; }

    /// <summary>The delayed sources' history, [(node · delayed + slot) · L + position]: position <c>k mod L</c> holds the
    /// state at the start of step <c>k</c>.</summary>
    public TVec[] History { get; set; } = [];

    /// <summary>Positions per delayed source in <see cref="History"/> (L, the longest delay + 1).</summary>
    public int HistoryRow { get; set; }

    /// <summary>The step's history position plus the stage's offset in steps: a delay of <c>d</c> reads position
    /// <c>(HistoryBase − d) mod L</c>.</summary>
    public int HistoryBase { get; set; }

    /// <summary>Each edge's delay in steps: one per edge when every lane has the same, else [edge · lanes + lane].</summary>
    public int[] Delays { get; set; } = [];

    /// <summary>Scratch for the partial sums of a target's edge terms (a blocked coupling's, level by level, the times
    /// side by side).</summary>
    public TVec[] Terms { get; set; } = [];

    /// <summary>Per target node, the first of its edges (the last entry: the edge count).</summary>
    public int[] RowStart { get; set; } = [];

    /// <summary>Each edge's source node.</summary>
    public int[] Sources { get; set; } = [];

    /// <summary>Each edge's weight.</summary>
    public double[] Weights { get; set; } = [];

    /// <summary>Each edge's slot in <see cref="EdgeWeights"/> when an axis explores it, else −1.</summary>
    public int[] WeightSlots { get; set; } = [];

    /// <summary>The steps a blocked coupling computes at once (its times τ = 0 … this).</summary>
    public int BlockSteps { get; set; }

    /// <summary>Where the node kernel's coupling inputs start in <see cref="Coupling"/> (a blocked coupling's time).</summary>
    public int CouplingOffset { get; set; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; set; }
}
