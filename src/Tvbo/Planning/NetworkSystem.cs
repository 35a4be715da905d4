using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>
/// A network job as data, beside its lowered system (<see cref="BackendJob.Model"/>): the nodes' model once, the
/// weighted edges by target (sources in rising order, the edges the lowering sums: non-zero or explored weights), each
/// edge's delay in steps at a conduction speed, the couplings resolved against the model, and the lowered system's
/// name of every per-node symbol. A backend that integrates the nodes' model once over data gives the numbers of the
/// lowered system: the same edges (<see cref="NetworkEdges"/>), symbols, pre- and post-expressions, each coupling's
/// terms <c>w · pre</c> summed pairwise in the lowering's order (<see cref="NetworkLowering"/>).
/// </summary>
internal sealed class NetworkSystem
{
    private readonly NetworkLowering _lowering;
    private readonly double[] _speeds;
    private readonly int _longest;

    /// <summary>Creates the data form of a lowered network.</summary>
    /// <param name="lowering">The lowering (the lowered system and the names).</param>
    /// <param name="dt">The integration step.</param>
    /// <param name="longest">The longest delay kept, in steps (a longer one reads only the initial state).</param>
    /// <param name="speeds">The conduction speed of each of the job's conditions.</param>
    /// <param name="timeStart">Where the time state starts, where the nodes read <c>t</c>.</param>
    public NetworkSystem(NetworkLowering lowering, double dt, int longest, double[] speeds, double timeStart)
    {
        _lowering = lowering;
        TimeStart = timeStart;
        _speeds = speeds;
        _longest = longest;
        StepSize = dt;
        var network = lowering.Network;
        var n = network.NodeCount;
        Couplings = lowering.Couplings;
        var edges = lowering.Edges;
        RowStart = edges.RowStart;
        Sources = edges.Sources;
        Weights = edges.Weights;
        WeightParameters = edges.WeightParameters;
        Cells = edges.Cells;
    }

    /// <summary>The nodes' model (not made autonomous; the lowered system's time state, if any, is its own).</summary>
    public Dynamics Node => _lowering.Source;

    /// <summary>The network.</summary>
    public Network Network => _lowering.Network;

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _lowering.Network.NodeCount;

    /// <summary>The lowered system's parameters, in order (the job's axes name them).</summary>
    public IReadOnlyList<Parameter> Parameters => _lowering.Parameters;

    /// <summary>The lowered system's state variables, <c>[state, node]</c>; the job's system has one more, time, last,
    /// where the nodes read <c>t</c> (<see cref="HasTime"/>).</summary>
    public IReadOnlyList<StateVariable> StateVariables => _lowering.StateVariables;

    /// <summary>The job's system's state variables (<see cref="StateVariables"/>, then time where the nodes read it),
    /// without building the lowered system.</summary>
    public IReadOnlyList<StateVariable> SystemStateVariables => HasTime ? [.. StateVariables, Dynamics.TimeState(TimeStart)] : StateVariables;

    /// <summary>Whether the nodes read <c>t</c>, so the job's system integrates time as its last state.</summary>
    public bool HasTime => !Node.IsAutonomous;

    /// <summary>Where the time state starts (minus the transient).</summary>
    public double TimeStart { get; }

    /// <summary>The couplings, each driving one coupling input of <see cref="Node"/>.</summary>
    public IReadOnlyList<CouplingPlan> Couplings { get; }

    /// <summary>The integration step (delays are whole numbers of it).</summary>
    public double StepSize { get; }

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
    public int EdgeCount => Sources.Length;

    /// <summary>Whether a coupling reads its sources with delays (its <c>delayed</c> flag, and the network has delays).</summary>
    /// <param name="coupling">The coupling.</param>
    public bool IsDelayed(CouplingPlan coupling) => coupling.Coupling.Delayed && Network.HasDelays;

    /// <summary>Whether the job's conditions have different delays (several conduction speeds over a network with
    /// delayed couplings): then the lowered system (<see cref="BackendJob.Model"/>) holds only the slowest speed's.</summary>
    public bool HasSeveralDelays => Couplings.Any(IsDelayed) && _speeds.Distinct().Skip(1).Any();

    /// <summary>The conduction speed of one of the job's conditions.</summary>
    /// <param name="condition">The condition, in the job's grid.</param>
    public double SpeedOf(int condition) => _speeds[condition];

    /// <summary>Each edge's delay in steps at a conduction speed, as the lowering counts it.</summary>
    /// <param name="speed">The conduction speed.</param>
    public int[] DelaySteps(double speed)
    {
        var d = new int[Sources.Length];
        for (var e = 0; e < d.Length; e++)
        {
            d[e] = NetworkLowering.DelaySteps(Network.DelayAt(Cells[e], speed) / StepSize, _longest);
        }

        return d;
    }

    /// <summary>The lowered system's name of a node's parameter (the shared parameter, or the node's own).</summary>
    /// <param name="node">The node.</param>
    /// <param name="parameter">A parameter of <see cref="Node"/>.</param>
    public string ParameterName(int node, string parameter) => _lowering.Rename(node, parameter);

    /// <summary>The lowered system's name of a node's state variable or input.</summary>
    /// <param name="node">The node.</param>
    /// <param name="name">A state variable or input of <see cref="Node"/>.</param>
    public static string NodeName(int node, string name) => NetworkLowering.NodeName(name, node);

    /// <summary>The lowered system's name of a coupling parameter.</summary>
    /// <param name="coupling">The coupling.</param>
    /// <param name="parameter">Its parameter.</param>
    public static string CouplingParameterName(CouplingPlan coupling, string parameter) => NetworkAxis.CouplingParameterName(coupling.Key, parameter);
}
