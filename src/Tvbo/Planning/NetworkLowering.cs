using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>
/// Lowers a network of nodes running one model into a single system both backends integrate: every state, derived
/// variable and coupling input of node <c>i</c> becomes its own symbol (<c>V__n2</c>), each coupling input a derived
/// variable <c>post(Σ_j W_ij · pre(x_i, x_j))</c> over the weighted sources (held over each step under
/// <see cref="CouplingEvaluation.PerStep"/>), and a delayed source a <see cref="DelayedState"/>. Model parameters stay shared unless a node overrides them or an axis varies them at
/// one node; coupling parameters and explored edge weights become parameters; other weights are constants.
/// </summary>
internal sealed class NetworkLowering
{
    private readonly Dictionary<string, SymbolKind> _kinds;
    private readonly HashSet<string>[] _ownParameters;
    private readonly HashSet<string> _coupled;
    private readonly Dynamics _flat;
    private Lazy<Dynamics> _model = null!;
    private double _dt;
    private int _longest;

    private NetworkLowering(Dynamics model, Network network, Dynamics flat, HashSet<string>[] ownParameters, HashSet<string> coupled)
    {
        Source = model;
        Network = network;
        _flat = flat;
        _ownParameters = ownParameters;
        _coupled = coupled;
        _kinds = model.StateVariables.Select(s => (s.Name, SymbolKind.StateVariable))
            .Concat(model.DerivedVariables.Select(d => (d.Name, SymbolKind.DerivedVariable)))
            .Concat(model.CouplingTerms.Select(c => (c.Name, SymbolKind.CouplingTerm)))
            .Concat(model.Parameters.Select(p => (p.Name, SymbolKind.Parameter)))
            .Concat(model.Inputs.Select(u => (u, SymbolKind.Input)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>The nodes' model.</summary>
    public Dynamics Source { get; }

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>The lowered system, completed on first use: its coupling inputs (a sum of one term per edge) are built
    /// only for a backend that integrates the lowered system (a network run as data never asks).</summary>
    public Dynamics Model => _model.Value;

    /// <summary>The lowered system's parameters, in order (the coupling inputs add none).</summary>
    public IReadOnlyList<Parameter> Parameters { get; private set; } = [];

    /// <summary>The lowered system's state variables, in order (<c>[state, node]</c>; the coupling inputs add none).</summary>
    public IReadOnlyList<StateVariable> StateVariables { get; private set; } = [];

    /// <summary>The lowered system's inputs, in order.</summary>
    public IReadOnlyList<string> Inputs => _flat.Inputs;

    /// <summary>The lowered system's name of a symbol of the nodes' model at a node.</summary>
    /// <param name="node">The node.</param>
    /// <param name="name">The symbol (state, derived, parameter, coupling input; others are returned unchanged).</param>
    public string Rename(int node, string name) => _kinds.TryGetValue(name, out var kind)
        ? kind switch
        {
            SymbolKind.StateVariable or SymbolKind.DerivedVariable or SymbolKind.Input => NodeName(name, node),
            SymbolKind.CouplingTerm => _coupled.Contains(name) ? NodeName(name, node) : name,
            SymbolKind.Parameter => _ownParameters[node].Contains(name) ? NetworkAxis.NodeParameterName(name, node) : name,
            _ => name,
        }
        : name;

    /// <summary>The network as data beside the lowered system, for a backend that integrates the nodes' model once.</summary>
    /// <param name="speeds">The conduction speed of each of the job's conditions.</param>
    /// <param name="timeStart">Where the lowered system's time state starts, if the nodes read <c>t</c>.</param>
    public NetworkSystem AsData(double[] speeds, double timeStart) => new(this, _dt, _longest, speeds, timeStart);

    /// <summary>The couplings, each resolved against the nodes' model, in the network's order.</summary>
    public IReadOnlyList<CouplingPlan> Couplings { get; private set; } = [];

    /// <summary>The edges the couplings sum.</summary>
    public NetworkEdges Edges { get; private set; } = null!;

    /// <summary>An expression of the nodes' model, at a node.</summary>
    public Expr Rename(int node, Expr e) => e.Substitute(name => new SymbolExpr(Rename(node, name)));

    /// <summary>The lowered name of a node's state or derived variable.</summary>
    public static string NodeName(string name, int node) => string.Create(CultureInfo.InvariantCulture, $"{name}__n{node}");

    /// <summary>Checks a network against its model and the integration settings, before any grid is built.</summary>
    /// <exception cref="ExperimentException">The first problem, naming the coupling, node, state or setting.</exception>
    public static void Validate(Dynamics model, Network network, IntegrationSettings integration)
    {
        if (model.NumberOfModes > 1)
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"Model '{model.Name}' has {model.NumberOfModes} modes; a network of multi-mode models is not supported yet (TVB couples each mode of the coupling variables separately, and the model sums the modes' inputs). Run the model as a single node."));
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            if (!Identifier.IsValid(node.Label) && !int.TryParse(node.Label, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ExperimentException($"Network node {node.Index} has the label '{node.Label}'; a label is a name (letters, digits, underscores) or a number.");
            }

            if (!labels.Add(node.Label))
            {
                throw new ExperimentException($"Network nodes {network.IndexOf(node.Label)} and {node.Index} have the same label '{node.Label}'; labels must be unique.");
            }

            if (node.Label == model.Name || node.Label == "network" || network.Coupling.ContainsKey(node.Label))
            {
                throw new ExperimentException($"Network node {node.Index} is labelled '{node.Label}', which is also the name of {(node.Label == model.Name ? "the model" : node.Label == "network" ? "the network scope" : "a coupling")}; axis addresses '<label>.<parameter>' would be ambiguous. Choose another label.");
            }

            foreach (var (p, v) in node.Parameters)
            {
                if (model.FindParameter(p) is null)
                {
                    throw new ExperimentException($"Network node '{node.Label}' sets '{p}', which is not a parameter of model '{model.Name}'; parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
                }

                RequireFinite(v, $"Network node '{node.Label}': parameter '{p}'");
            }

            foreach (var (s, v) in node.InitialState)
            {
                if (model.StateVariables.All(x => x.Name != s))
                {
                    throw new ExperimentException($"Network node '{node.Label}' sets the initial value of '{s}', which is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(x => x.Name))}.");
                }

                RequireFinite(v, $"Network node '{node.Label}': initial value of '{s}'");
            }
        }

        if (!(double.IsFinite(network.ConductionSpeed) && network.ConductionSpeed > 0))
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"The network's conduction_speed is {network.ConductionSpeed}; it must be a finite number > 0."));
        }

        _ = CouplingPlan.Resolve(model, network);

        var perStep = integration.CouplingEvaluation == CouplingEvaluation.PerStep;
        if (perStep && integration.Method == IntegrationMethod.RK45 && network.Coupling.Count > 0)
        {
            throw new ExperimentException(PerStepRK45);
        }

        var delayed = network.Coupling.Values.Any(c => c.Delayed) && network.HasDelays;
        if (delayed && integration.Method is not (IntegrationMethod.Euler or IntegrationMethod.Heun) && !(perStep && integration.Method == IntegrationMethod.RK4))
        {
            throw new ExperimentException($"The network has delays, which are defined for the methods whose stages fall on the step grid (Euler, Heun); {integration.Method} evaluates between steps. Use euler or heun, set 'delayed: false' on the coupling, or (rk4) hold the coupling over each step with integration.coupling_evaluation: per_step, as TVB does.");
        }
    }

    /// <summary>Why a network's coupling cannot be held over the steps of RK45.</summary>
    internal const string PerStepRK45 = "integration.coupling_evaluation 'per_step' (the coupling computed at each step's start and held over its stages, as TVB does) is defined for the fixed-step methods (euler, heun, rk4); rk45 chooses its own steps. Use a fixed-step method, or 'per_stage'.";

    /// <summary>Lowers a validated network.</summary>
    /// <param name="model">The nodes' model.</param>
    /// <param name="network">The network (validated with <see cref="Validate"/>).</param>
    /// <param name="dt">The integration step (delays are whole numbers of steps: τ/dt rounded half to even).</param>
    /// <param name="conductionSpeed">The speed that turns lengths into delays.</param>
    /// <param name="runSteps">The steps the run integrates: a delay of more steps reads only the initial state, so
    /// longer delays are kept as <c>runSteps + 1</c> (the same numbers, a history no longer than the run).</param>
    /// <param name="axes">The exploration's axes: node parameters and edge weights they vary become parameters.</param>
    /// <param name="nodeValues">Further per-node parameter values (a stimulus's factor at its nodes), or null.</param>
    /// <param name="couplingEvaluation">With <see cref="CouplingEvaluation.PerStep"/> the coupling inputs are
    /// <see cref="DerivedVariable.HeldOverStep"/>.</param>
    public static NetworkLowering Create(Dynamics model, Network network, double dt, double conductionSpeed, long runSteps, IReadOnlyCollection<NetworkAxis> axes, IReadOnlyDictionary<(int Node, string Parameter), double>? nodeValues = null, CouplingEvaluation couplingEvaluation = CouplingEvaluation.PerStage)
    {
        var n = network.NodeCount;
        var flat = new Dynamics(model.Name, model.Description) { SystemType = model.SystemType, NumberOfModes = model.NumberOfModes };
        foreach (var p in model.Parameters)
        {
            flat.AddParameter(p.Name, p.Value, p.Unit, p.Description);
        }

        var own = AddNodeParameters(model, network, flat, axes, nodeValues);
        var plans = CouplingPlan.Resolve(model, network);
        var coupled = new HashSet<string>(plans.SelectMany(p => p.Terms).Select(t => t.Name), StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            foreach (var (p, v) in plan.Coupling.Parameters)
            {
                flat.AddParameter(NetworkAxis.CouplingParameterName(plan.Key, p), v, null, $"{p} of coupling '{plan.Key}'");
            }
        }

        var sweptEdges = new HashSet<int>();
        foreach (var a in axes.Where(a => a.Kind == NetworkAxisKind.EdgeWeight))
        {
            sweptEdges.Add((a.Node * n) + a.Source);
            flat.AddParameter(a.FlatName, network.WeightAt((a.Node * n) + a.Source), null, $"weight of edge {network.Nodes[a.Source].Label} -> {network.Nodes[a.Node].Label}");
        }

        foreach (var u in model.Inputs)
        {
            for (var i = 0; i < n; i++)
            {
                flat.AddInput(NodeName(u, i));
            }
        }

        var longest = (int)Math.Min(runSteps + 1, int.MaxValue - 1);
        var lowering = new NetworkLowering(model, network, flat, own, coupled) { Edges = NetworkEdges.Of(network, sweptEdges), Couplings = plans, _dt = dt, _longest = longest };
        lowering.AddNodeCopies();
        lowering.Parameters = [.. flat.Parameters];
        lowering.StateVariables = [.. flat.StateVariables];
        lowering._model = new Lazy<Dynamics>(() =>
        {
            foreach (var c in model.CouplingTerms)
            {
                if (plans.FirstOrDefault(p => p.Terms.Contains(c)) is { } plan)
                {
                    lowering.AddCouplingInput(plan, plan.Terms.ToList().IndexOf(c), dt, conductionSpeed, longest, couplingEvaluation == CouplingEvaluation.PerStep);
                }
                else
                {
                    flat.AddCouplingTerm(c);
                }
            }

            flat.Validate();
            return flat;
        });
        return lowering;
    }

    /// <summary>Per node, the model parameters it sets itself (in the network, by a stimulus, or through an axis),
    /// added as parameters of the flat system.</summary>
    private static HashSet<string>[] AddNodeParameters(Dynamics model, Network network, Dynamics flat, IReadOnlyCollection<NetworkAxis> axes, IReadOnlyDictionary<(int Node, string Parameter), double>? nodeValues)
    {
        // An axis on a model parameter sets it at every node (as TVBO's sweep replaces a per-node vector by the swept
        // scalar): the values nodes give themselves under network.nodes[i].parameters give way to it.
        var swept = axes.Where(a => a.Kind == NetworkAxisKind.ModelParameter).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var own = new HashSet<string>[network.NodeCount];
        for (var i = 0; i < own.Length; i++)
        {
            own[i] = new HashSet<string>(network.Nodes[i].Parameters.Keys.Where(p => !swept.Contains(p)), StringComparer.Ordinal);
            if (nodeValues is not null)
            {
                own[i].UnionWith(nodeValues.Keys.Where(k => k.Node == i).Select(k => k.Parameter));
            }

            foreach (var a in axes.Where(a => a.Kind == NetworkAxisKind.NodeParameter && a.Node == i))
            {
                own[i].Add(a.Name);
            }

            foreach (var p in model.Parameters.Where(p => own[i].Contains(p.Name)))
            {
                var value = !swept.Contains(p.Name) && network.Nodes[i].Parameters.TryGetValue(p.Name, out var v) ? v
                    : nodeValues is not null && nodeValues.TryGetValue((i, p.Name), out var nv) ? nv
                    : p.Value;
                flat.AddParameter(NetworkAxis.NodeParameterName(p.Name, i), value, p.Unit, $"{p.Name} at node '{network.Nodes[i].Label}'");
            }
        }

        return own;
    }

    /// <summary>Each node's copy of the state and derived variables, renamed to the node.</summary>
    private void AddNodeCopies()
    {
        var n = Network.NodeCount;
        foreach (var s in Source.StateVariables)
        {
            for (var i = 0; i < n; i++)
            {
                var init = Network.Nodes[i].InitialState.TryGetValue(s.Name, out var v) ? v : s.InitialValue;
                _flat.AddStateVariable(NodeName(s.Name, i), Rename(i, s.Equation), init, s.Boundaries, s.Description);
            }
        }

        foreach (var d in Source.DerivedVariables)
        {
            for (var i = 0; i < n; i++)
            {
                _flat.AddDerivedVariable(NodeName(d.Name, i), Rename(i, d.Equation), d.Description);
            }
        }
    }

    /// <summary>One component of a coupling's input at every node: the post-expression of the weighted sum, over the
    /// node's incoming edges, of the component's pre-expression (sources delayed by their edge's delay where the
    /// coupling is delayed); <paramref name="held"/> marks it held over a step's stages (per_step).</summary>
    private void AddCouplingInput(CouplingPlan plan, int component, double dt, double conductionSpeed, int longest, bool held)
    {
        var n = Network.NodeCount;
        var (key, coupling) = (plan.Key, plan.Coupling);
        var pre = plan.Pre[component];
        var symbols = plan.Symbols[component];
        var term = plan.Terms[component];
        for (var i = 0; i < n; i++)
        {
            var terms = new List<Expr>();
            for (var e = Edges.RowStart[i]; e < Edges.RowStart[i + 1]; e++)
            {
                var j = Edges.Sources[e];
                var steps = coupling.Delayed ? DelaySteps(Network.DelayAt(Edges.Cells[e], conductionSpeed) / dt, longest) : 0;
                var (ti, tj) = (i, j);
                var edgeTerm = pre.Substitute(name => PreSymbol(key, symbols[name], ti, tj, steps));
                Expr weight = Edges.WeightParameters[e] is { } swept ? new SymbolExpr(swept) : Number(Edges.Weights[e]);
                terms.Add(new BinaryExpr(BinaryOperator.Multiply, weight, edgeTerm));
            }

            var gx = Sum(terms);
            var input = plan.Post.Substitute(name => name switch
            {
                "gx" => gx,
                "N" when !coupling.Parameters.ContainsKey("N") => Number(n),
                _ when coupling.Parameters.ContainsKey(name) => new SymbolExpr(NetworkAxis.CouplingParameterName(key, name)),
                _ => new SymbolExpr(name), // a constant (pi, e)
            });
            _flat.AddDerivedVariable(NodeName(term.Name, i), input, $"coupling input {term.Name} at node '{Network.Nodes[i].Label}'").HeldOverStep = held;
        }
    }

    /// <summary>A delay in steps, <c>τ/dt</c> rounded half to even, at most <paramref name="longest"/> (a longer one reads
    /// the initial state throughout, as that does).</summary>
    internal static int DelaySteps(double steps, int longest) => steps >= longest ? longest : (int)Math.Round(steps, MidpointRounding.ToEven);

    /// <summary>A symbol of a pre-expression on the edge j → i: a source state (delayed by <paramref name="steps"/>),
    /// a target state, a coupling parameter, or a constant.</summary>
    private SymbolExpr PreSymbol(string key, (PreSource Where, string Name) symbol, int i, int j, int steps)
    {
        switch (symbol.Where)
        {
            case PreSource.Source:
                var source = NodeName(symbol.Name, j);
                if (steps == 0)
                {
                    return new SymbolExpr(source);
                }

                var delayedName = string.Create(CultureInfo.InvariantCulture, $"{source}__d{steps}");
                if (_flat.Resolve(delayedName) is null)
                {
                    _flat.AddDelayedState(delayedName, source, steps);
                }

                return new SymbolExpr(delayedName);
            case PreSource.Target:
                return new SymbolExpr(NodeName(symbol.Name, i));
            default:
                // A coupling parameter, or a constant (pi, e) as it is.
                return new SymbolExpr(Network.Coupling[key].Parameters.ContainsKey(symbol.Name) ? NetworkAxis.CouplingParameterName(key, symbol.Name) : symbol.Name);
        }
    }

    /// <summary>The sum of terms, added pairwise (depth log2 of the count, whatever the network's size).</summary>
    private static Expr Sum(List<Expr> terms)
    {
        if (terms.Count == 0)
        {
            return Number(0.0);
        }

        while (terms.Count > 1)
        {
            var next = new List<Expr>((terms.Count + 1) / 2);
            for (var k = 0; k + 1 < terms.Count; k += 2)
            {
                next.Add(new BinaryExpr(BinaryOperator.Add, terms[k], terms[k + 1]));
            }

            if (terms.Count % 2 == 1)
            {
                next.Add(terms[^1]);
            }

            terms = next;
        }

        return terms[0];
    }

    private static NumberExpr Number(double v) => new(v, v.ToString("R", CultureInfo.InvariantCulture));

    private static void RequireFinite(double v, string what)
    {
        if (!double.IsFinite(v))
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"{what} is {v}; values must be finite."));
        }
    }
}
