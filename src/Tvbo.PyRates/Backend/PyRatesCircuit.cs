using System.Globalization;
using Tvbo.Expressions;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Planning;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Templates;

namespace Tvbo.PyRates.Backend;

/// <summary>
/// A network run as a PyRates circuit: one PyRates node per network node, all from one node template, and the
/// couplings' sums as PyRates edges from the weight matrix (<c>add_edges_from_matrix</c>), which PyRates computes as
/// matrix products instead of one term per edge. The node template is the nodes' model with each coupling input
/// <c>c</c> it is driven by replaced by the coupling's post-expression of the sums its edges fill, the coupling's
/// parameters as constants under their lowered names (<c>&lt;coupling&gt;__&lt;parameter&gt;</c>) and <c>N</c> as the
/// node count (unless <c>N</c> is a coupling parameter).
/// </summary>
/// <remarks>
/// <para>A coupling component becomes one edge set when its pre-expression reads only the source (a source state, or a
/// variable of the node computing it); several edge sets of source factors when it reads the target separably
/// (<see cref="SeparablePre"/>: Kuramoto's <c>sin(x_j - x_i)</c>); an edge operator (<see cref="EdgeOperators"/>) when it
/// reads one source state and the target inseparably, without coupling parameters or delays. Input series (noise,
/// stimuli) are per-node grid_search inputs; nodes that read <c>t</c> integrate the lowered system's time state
/// (PyRates' own <c>t</c> is the step number). A network held over the step (per_step) or with a coupling none of these
/// forms takes runs as the lowered system (one node holding the whole network), which gives the same numbers more
/// slowly and cannot carry delays.</para>
/// <para>Delayed edges carry their delays in steps at the call's conduction speed; the bridge makes PyRates' edge ring
/// buffers follow the project's delay semantics (python/tvbo_pyrates/delays.py), so one grid_search call holds one
/// conduction speed. An explored edge weight is a <c>param_map</c> entry on that edge of every edge set.</para>
/// </remarks>
internal sealed class PyRatesCircuit
{
    private readonly NetworkSystem _network;
    private readonly Dictionary<string, string> _couplingParameters;
    private readonly List<(string Source, string Input, EdgeReads? Reads, CouplingPlan Plan)> _edges;
    private readonly Dictionary<string, string> _rowSums;

    private PyRatesCircuit(NetworkSystem network, Dynamics node, Dictionary<string, string> couplingParameters, List<(string Source, string Input, EdgeReads? Reads, CouplingPlan Plan)> edges, List<EdgeOperator> edgeOperators, Dictionary<string, string> rowSums, List<string> forms)
    {
        _rowSums = rowSums;
        Forms = forms;
        HasDelays = network.Couplings.Any(network.IsDelayed);
        _network = network;
        Node = node;
        _couplingParameters = couplingParameters;
        _edges = edges;
        EdgeOperators = edgeOperators;
    }

    /// <summary>The node template's model.</summary>
    public Dynamics Node { get; }

    /// <summary>How each coupling component reaches PyRates (<c>c: 2 edge sets</c>, <c>c: an edge operator</c>, ...).</summary>
    public IReadOnlyList<string> Forms { get; }

    /// <summary>The edge operators of the components whose pre-expression reads the target (write them into the
    /// template with <see cref="PyRatesTemplateWriter.Create(Dynamics, string?, IReadOnlyList{EdgeOperator})"/>): each
    /// computes the pre-expression on the edge from an input fed by the source state and one input per target state it
    /// reads, which PyRates gives the target node's variable; its output is weighted and summed as a plain edge's.</summary>
    public IReadOnlyList<EdgeOperator> EdgeOperators { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _network.NodeCount;

    /// <summary>Whether some edges are delayed (a coupling reads its sources with delays).</summary>
    public bool HasDelays { get; }

    /// <summary>The most conditions one grid_search call holds: <see cref="PyRatesRun.MaxCircuitNodes"/> PyRates nodes,
    /// and with delays fewer. PyRates sums a delayed source's edges as a dense matrix product of the targets and every
    /// edge of every condition ((N·C) × (E·C) per delayed edge set; DK's 87 nodes and 5 203 edges at 5 000 Heun steps:
    /// 4.8 s for one condition alone, 9.8 s per condition in twos), so the product is kept within
    /// <see cref="DelayedProductEntries"/>.</summary>
    public int MaxConditionsPerCall
    {
        get
        {
            var byNodes = Math.Max(1, PyRatesRun.MaxCircuitNodes / NodeCount);
            var delayedSets = _edges.Count(e => _network.IsDelayed(e.Plan));
            if (delayedSets == 0)
            {
                return byNodes;
            }

            var perCondition = (double)NodeCount * _network.EdgeCount * delayedSets;
            return Math.Clamp((int)Math.Sqrt(DelayedProductEntries / perCondition), 1, byNodes);
        }
    }

    /// <summary>The most entries of PyRates' dense delayed-edge products in one call (8 MB of float64).</summary>
    public const double DelayedProductEntries = 1 << 20;

    /// <summary>The conduction speed of a condition of the job's grid (delays differ by speed).</summary>
    /// <param name="condition">The condition.</param>
    public double SpeedOf(int condition) => _network.SpeedOf(condition);

    /// <summary>The PyRates label of a node: <c>n&lt;index&gt;</c>.</summary>
    /// <param name="node">The node.</param>
    public static string Label(int node) => string.Create(CultureInfo.InvariantCulture, $"n{node}");

    /// <summary>The circuit of a job's network, or null when it must run as the lowered system.</summary>
    /// <param name="job">The job.</param>
    /// <param name="why">Why it must run as the lowered system (null for a circuit).</param>
    /// <returns>The circuit, or null.</returns>
    public static PyRatesCircuit? Of(BackendJob job, out string? why)
    {
        why = Ineligible(job);
        return why is null ? Create(job.Network!) : null;
    }

    private static string? Ineligible(BackendJob job)
    {
        if (job.Network is not { } network)
        {
            return "not a network";
        }

        if (job.Integration.CouplingEvaluation == CouplingEvaluation.PerStep)
        {
            return "the coupling is held over each step (per_step)";
        }

        foreach (var plan in network.Couplings)
        {
            for (var k = 0; k < plan.Pre.Count; k++)
            {
                if (!plan.Symbols[k].Values.Any(x => x.Where == PreSource.Target))
                {
                    continue;
                }

                var what = $"the pre-expression of coupling '{plan.Key}' ({PyRatesPrinter.PrintPython(plan.Pre[k])}) reads the target";
                if (SeparablePre.Split(plan.Pre[k], plan.Symbols[k]) is { } split)
                {
                    if (split.Any(t => SeparablePre.IsConstant(t.Source, plan.Symbols[k])) && network.WeightParameters.Any(w => w is not null))
                    {
                        return $"{what} with a part of the target alone, which needs each node's sum of weights, and an axis explores an edge weight";
                    }

                    continue;
                }

                if (network.IsDelayed(plan))
                {
                    return $"{what} in a form that is not a sum of products of source and target factors, and is delayed: PyRates delays an edge operator's output, the target's part included";
                }

                var parameters = plan.Symbols[k].Values.Where(x => x.Where == PreSource.Parameter && x.Name is not ("pi" or "e")).Select(x => x.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (parameters.Length > 0)
                {
                    return $"{what} and coupling parameters ({string.Join(", ", parameters)}), which an edge operator does not take";
                }

                var sources = plan.Symbols[k].Values.Where(x => x.Where == PreSource.Source).Select(x => x.Name).Distinct(StringComparer.Ordinal).Count();
                if (sources != 1)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{what} and {sources} source states (an edge operator takes one)");
                }
            }
        }

        return null;
    }

    /// <summary>The source state a component's pre-expression is, or null when it is a function of the source.</summary>
    private static string? SourceState(CouplingPlan plan, int component) =>
        plan.Pre[component] is SymbolExpr s && plan.Symbols[component].TryGetValue(s.Name, out var where) && where.Where == PreSource.Source
            ? where.Name
            : null;

    /// <summary>The variable of the node template an edge of a coupling component carries: the source state itself, or
    /// — for a function of the source (<c>tanh(x_j)</c>, a sigmoid of <c>y1_j - y2_j</c>) — a variable of the node that
    /// computes it from the node's own states, so each edge carries <c>pre(source)</c> and the target sums
    /// <c>w · pre</c>.</summary>
    private static string EdgeSource(Dynamics node, CouplingPlan plan, int component, Dictionary<string, string> couplingParameters)
    {
        if (SourceState(plan, component) is { } state)
        {
            return state;
        }

        var name = Unique(node, $"pre_{plan.Terms[component].Name}");
        node.AddDerivedVariable(name, plan.Pre[component].Substitute(symbol => plan.Symbols[component].TryGetValue(symbol, out var where)
            ? where.Where == PreSource.Source ? new SymbolExpr(where.Name)
            : plan.Coupling.Parameters.ContainsKey(where.Name) ? new SymbolExpr(couplingParameters[NetworkSystem.CouplingParameterName(plan, where.Name)])
            : new SymbolExpr(where.Name)
            : new SymbolExpr(symbol)), $"the pre-expression of coupling '{plan.Key}' at its source");
        return name;
    }

    private static PyRatesCircuit Create(NetworkSystem network)
    {
        var source = network.Node;
        var node = new Dynamics(source.Name, source.Description);
        foreach (var p in source.Parameters)
        {
            node.AddParameter(p.Name, p.Value, p.Unit, p.Description);
        }

        var couplingParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in network.Couplings)
        {
            foreach (var (p, v) in plan.Coupling.Parameters)
            {
                var lowered = NetworkSystem.CouplingParameterName(plan, p);
                couplingParameters[lowered] = Unique(node, lowered);
                node.AddParameter(couplingParameters[lowered], v, null, $"{p} of coupling '{plan.Key}'");
            }
        }

        foreach (var s in source.StateVariables)
        {
            node.AddStateVariable(s.Name, s.Equation, s.InitialValue, s.Boundaries, s.Description);
        }

        foreach (var u in source.Inputs)
        {
            node.AddInput(u);
        }

        foreach (var d in source.DerivedVariables)
        {
            node.AddDerivedVariable(d.Name, d.Equation, d.Description);
        }

        var edges = new List<(string Source, string Input, EdgeReads? Reads, CouplingPlan Plan)>();
        var edgeOperators = new List<EdgeOperator>();
        var rowSums = new Dictionary<string, string>(StringComparer.Ordinal);
        var forms = new List<string>();
        foreach (var c in source.CouplingTerms)
        {
            if (network.Couplings.FirstOrDefault(p => p.Terms.Contains(c)) is not { } plan)
            {
                node.AddCouplingTerm(c);
                continue;
            }

            var component = plan.Terms.ToList().IndexOf(c);
            if (plan.Symbols[component].Values.Any(x => x.Where == PreSource.Target) && SeparablePre.Split(plan.Pre[component], plan.Symbols[component]) is { } split)
            {
                var sets = edges.Count;
                var sum = SplitEdges(node, plan, component, split, couplingParameters, edges, rowSums);
                sets = edges.Count - sets;
                forms.Add(string.Create(CultureInfo.InvariantCulture, $"{Name(plan, c)}: {(sets == 0 ? "" : sets == 1 ? "1 edge set" : $"{sets} edge sets")}{(sets > 0 && sum.FreeSymbols().Any(rowSums.ContainsValue) ? " and " : "")}{(sum.FreeSymbols().Any(rowSums.ContainsValue) ? "the nodes' weight sums" : "")}"));
                node.AddDerivedVariable(c.Name, Post(plan, sum), $"coupling input {c.Name} (coupling '{plan.Key}')");
                continue;
            }

            var input = Unique(node, "gx_" + c.Name);
            node.AddInput(input);
            node.AddDerivedVariable(c.Name, Post(plan, new SymbolExpr(input)), $"coupling input {c.Name} (coupling '{plan.Key}')");
            if (plan.Symbols[component].Values.Any(x => x.Where == PreSource.Target))
            {
                var (edgeOperator, reads) = EdgeOperatorOf(node, plan, component, edgeOperators.Count);
                edgeOperators.Add(edgeOperator);
                edges.Add((reads.SourceState, input, reads, plan));
                forms.Add($"{Name(plan, c)}: an edge operator");
                continue;
            }

            edges.Add((EdgeSource(node, plan, component, couplingParameters), input, null, plan));
            forms.Add($"{Name(plan, c)}: 1 edge set");
        }

        node.Validate();
        if (network.HasTime)
        {
            node = node.WithTimeState(network.TimeStart);
        }

        return new PyRatesCircuit(network, node, couplingParameters, edges, edgeOperators, rowSums, forms);

        // The coupling, or its component in a multi-component input.
        static string Name(CouplingPlan plan, CouplingTerm term) => plan.Terms.Count == 1 ? plan.Key : $"{plan.Key} ({term.Name})";

        // The coupling input: the post-expression of the component's weighted sum.
        Expr Post(CouplingPlan plan, Expr sum)
        {
            var n = network.NodeCount;
            return plan.Post.Substitute(name => name switch
            {
                "gx" => sum,
                "N" when !plan.Coupling.Parameters.ContainsKey("N") => new NumberExpr(n, n.ToString(CultureInfo.InvariantCulture)),
                _ when plan.Coupling.Parameters.ContainsKey(name) => new SymbolExpr(couplingParameters[NetworkSystem.CouplingParameterName(plan, name)]),
                _ => new SymbolExpr(name),
            });
        }
    }

    /// <summary>The edge sets of a separable pre-expression (<see cref="SeparablePre"/>): one input <c>gx_&lt;term&gt;_&lt;k&gt;</c>
    /// per source factor, fed by edges carrying it (the source state itself, or a variable the node computes); a
    /// constant source factor sums to the node's weight sum, a parameter <c>wsum_&lt;term&gt;</c> each node has its own
    /// value of. Returns the weighted sum <c>Σ_k t_k · gx_k</c> in the target's own names.</summary>
    private static Expr SplitEdges(Dynamics node, CouplingPlan plan, int component, IReadOnlyList<(Expr Source, Expr Target)> split, Dictionary<string, string> couplingParameters, List<(string Source, string Input, EdgeReads? Reads, CouplingPlan Plan)> edges, Dictionary<string, string> rowSums)
    {
        var symbols = plan.Symbols[component];
        var term = plan.Terms[component].Name;
        Expr Own(Expr e) => e.Substitute(symbol => symbols.TryGetValue(symbol, out var where)
            ? where.Where != PreSource.Parameter ? new SymbolExpr(where.Name)
            : plan.Coupling.Parameters.ContainsKey(where.Name) ? new SymbolExpr(couplingParameters[NetworkSystem.CouplingParameterName(plan, where.Name)])
            : new SymbolExpr(where.Name)
            : new SymbolExpr(symbol));
        Expr? sum = null;
        for (var k = 0; k < split.Count; k++)
        {
            var (source, target) = split[k];
            Expr carried;
            if (SeparablePre.IsConstant(source, symbols))
            {
                if (!rowSums.TryGetValue(term, out var rowSum))
                {
                    rowSum = Unique(node, $"wsum_{term}");
                    node.AddParameter(rowSum, 0.0, null, $"the sum of node's weights (coupling '{plan.Key}')");
                    rowSums[term] = rowSum;
                }

                carried = new BinaryExpr(BinaryOperator.Multiply, Own(source), new SymbolExpr(rowSum));
            }
            else
            {
                var input = Unique(node, string.Create(CultureInfo.InvariantCulture, $"gx_{term}_{k}"));
                node.AddInput(input);
                string variable;
                if (source is SymbolExpr s && symbols.TryGetValue(s.Name, out var where) && where.Where == PreSource.Source)
                {
                    variable = where.Name;
                }
                else
                {
                    variable = Unique(node, string.Create(CultureInfo.InvariantCulture, $"pre_{term}_{k}"));
                    node.AddDerivedVariable(variable, Own(source), $"source factor {k} of the pre-expression of coupling '{plan.Key}'");
                }

                edges.Add((variable, input, null, plan));
                carried = new SymbolExpr(input);
            }

            var product = target is NumberExpr { Value: 1.0 } ? carried : new BinaryExpr(BinaryOperator.Multiply, Own(target), carried);
            sum = sum is null ? product : new BinaryExpr(BinaryOperator.Add, sum, product);
        }

        return sum!;
    }

    /// <summary>What an edge operator's inputs read: the source state feeds <c>SourceInput</c>, and each target input
    /// reads that state of the target node.</summary>
    private sealed record EdgeReads(int Operator, string SourceState, string SourceInput, IReadOnlyList<(string Input, string TargetState)> Targets);

    /// <summary>The edge operator of a component whose pre-expression reads one source state and the target's states:
    /// <c>pre_&lt;term&gt; = pre</c> with the source state read as <c>&lt;state&gt;_src</c> and each target state as
    /// <c>&lt;state&gt;_tgt</c> (names no symbol of the node template has, so they never clash with the node's).</summary>
    private static (EdgeOperator Operator, EdgeReads Reads) EdgeOperatorOf(Dynamics node, CouplingPlan plan, int component, int index)
    {
        var symbols = plan.Symbols[component];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        string Free(string wanted)
        {
            while (node.Resolve(wanted) is not null || node.CouplingTerms.Any(c => c.Input == wanted) || symbols.ContainsKey(wanted) || !taken.Add(wanted))
            {
                wanted += "_";
            }

            return wanted;
        }

        var output = Free($"pre_{plan.Terms[component].Name}");
        var sourceState = symbols.Values.First(x => x.Where == PreSource.Source).Name;
        var sourceInput = Free($"{sourceState}_src");
        var targets = new List<(string Input, string TargetState)>();
        foreach (var state in symbols.Values.Where(x => x.Where == PreSource.Target).Select(x => x.Name).Distinct(StringComparer.Ordinal))
        {
            targets.Add((Free($"{state}_tgt"), state));
        }

        var expression = plan.Pre[component].Substitute(symbol => symbols.TryGetValue(symbol, out var where)
            ? where.Where == PreSource.Source ? new SymbolExpr(sourceInput)
            : where.Where == PreSource.Target ? new SymbolExpr(targets.First(t => t.TargetState == where.Name).Input)
            : new SymbolExpr(where.Name)
            : new SymbolExpr(symbol));
        return (new EdgeOperator(output, expression, [sourceInput, .. targets.Select(t => t.Input)]), new EdgeReads(index, sourceState, sourceInput, targets));
    }

    // A name no symbol of the node template has: the wanted one, else with underscores appended.
    private static string Unique(Dynamics node, string name)
    {
        while (node.Resolve(name) is not null || node.CouplingTerms.Any(c => c.Input == name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>The outputs in the job's system's order (<c>[state, node]</c>, then time where the nodes read it):
    /// each one's key (its lowered name) and target (<c>n&lt;i&gt;/&lt;op&gt;/&lt;var&gt;</c>; time from node 0).</summary>
    /// <param name="template">The node template.</param>
    public (string[] Keys, string[] Targets) Outputs(PyRatesTemplate template)
    {
        var n = NodeCount;
        var states = NodeStates.ToArray();
        var keys = new List<string>(states.Length * n);
        var targets = new List<string>(keys.Capacity + 1);
        foreach (var s in states)
        {
            for (var i = 0; i < n; i++)
            {
                keys.Add(NetworkSystem.NodeName(i, s.Name));
                targets.Add($"{Label(i)}/{template.OperatorName}/{template.PyRatesName(s.Name)}");
            }
        }

        if (_network.HasTime)
        {
            keys.Add(Dynamics.TimeSymbol);
            targets.Add($"{Label(0)}/{template.OperatorName}/{template.PyRatesName(Dynamics.TimeSymbol)}");
        }

        return (keys.ToArray(), targets.ToArray());
    }

    /// <summary>Where each node's input series go: the node's input (<c>n&lt;i&gt;/&lt;op&gt;/&lt;var&gt;</c>) and the
    /// job's name of its series (the lowered system's input of that node).</summary>
    /// <param name="template">The node template.</param>
    public (string Target, string Series)[] InputTargets(PyRatesTemplate template) =>
        Enumerable.Range(0, NodeCount)
            .SelectMany(i => _network.Node.Inputs.Select(u => ($"{Label(i)}/{template.OperatorName}/{template.PyRatesName(u)}", NetworkSystem.NodeName(i, u))))
            .ToArray();

    // The node template's states but the time state.
    private IEnumerable<StateVariable> NodeStates => _network.HasTime ? Node.StateVariables.SkipLast(1) : Node.StateVariables;

    /// <summary>Where an axis of the job's grid (a parameter of the lowered system) goes: the node template's variable
    /// (<c>&lt;op&gt;/&lt;var&gt;</c>) and the nodes it is set on — every node for a coupling parameter and for a model
    /// parameter (but the nodes that have their own), the node alone for a node's own parameter; or, for an edge's
    /// weight, the edge's <c>weight</c> in every coupling component's edge set (<c>n&lt;j&gt;/op/var</c> to
    /// <c>n&lt;i&gt;/op/input</c>).</summary>
    /// <param name="template">The node template.</param>
    /// <param name="axis">The axis's parameter.</param>
    /// <exception cref="ArgumentException">The lowered system has no such parameter.</exception>
    public (string Target, string[] Nodes, (string Source, string Target)[]? Edges) ParameterTarget(PyRatesTemplate template, string axis)
    {
        var all = Enumerable.Range(0, NodeCount);
        var op = template.OperatorName;
        var edges = new List<(string Source, string Target)>();
        for (var i = 0; i < NodeCount; i++)
        {
            for (var e = _network.RowStart[i]; e < _network.RowStart[i + 1]; e++)
            {
                if (_network.WeightParameters[e] == axis)
                {
                    edges.AddRange(_edges.Select(set => ($"{Label(_network.Sources[e])}/{op}/{template.PyRatesName(set.Source)}", $"{Label(i)}/{op}/{template.PyRatesName(set.Input)}")));
                }
            }
        }

        if (edges.Count > 0)
        {
            return ("weight", [], edges.ToArray());
        }

        if (_couplingParameters.TryGetValue(axis, out var name))
        {
            return ($"{op}/{template.PyRatesName(name)}", all.Select(Label).ToArray(), null);
        }

        foreach (var p in _network.Node.Parameters)
        {
            var nodes = all.Where(i => _network.ParameterName(i, p.Name) == axis).Select(Label).ToArray();
            if (nodes.Length > 0 || p.Name == axis)
            {
                return ($"{op}/{template.PyRatesName(p.Name)}", nodes, null);
            }
        }

        if (axis == template.SweepConstant)
        {
            return ($"{op}/{axis}", all.Select(Label).ToArray(), null); // a network without parameters
        }

        throw new ArgumentException($"Network of model '{Node.Name}' has no parameter '{axis}' to explore.", nameof(axis));
    }

    /// <summary>The circuit as the bridge builds it: the node template, the nodes, one weight matrix per coupling
    /// component (with the edges' delays in steps at <paramref name="speed"/> if the coupling is delayed), and the values
    /// nodes have of their own (parameters and initial states that differ by node).</summary>
    /// <param name="template">The node template.</param>
    /// <param name="speed">The conduction speed of the call's conditions.</param>
    public CircuitNetwork Network(PyRatesTemplate template, double speed)
    {
        var n = NodeCount;

        // An explored edge keeps a weight PyRates does not drop (each condition sets its own).
        var weights = Matrix(_network.Weights.Select((w, e) => w == 0 && _network.WeightParameters[e] is not null ? 1.0 : w).ToArray());
        var delays = HasDelays ? Matrix(Array.ConvertAll(_network.DelaySteps(speed), d => (double)d)) : null;
        var op = template.OperatorName;
        var edges = _edges.Select(e => (e.Reads is not { } reads
            ? new CircuitEdges($"{op}/{template.PyRatesName(e.Source)}", $"{op}/{template.PyRatesName(e.Input)}", weights)
            : new CircuitEdges(
                $"{op}/{template.PyRatesName(e.Source)}",
                $"{op}/{template.PyRatesName(e.Input)}",
                weights,
                template.EdgeOperators[reads.Operator].Edge,
                [(template.EdgeOperators[reads.Operator].Variable(reads.SourceInput), null), .. reads.Targets.Select(t => (template.EdgeOperators[reads.Operator].Variable(t.Input), (string?)$"{op}/{template.PyRatesName(t.TargetState)}"))]))
            with { Delays = delays is null ? null : _network.IsDelayed(e.Plan) ? delays : new double[n * n] }).ToArray();
        var parameters = _network.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var states = _network.StateVariables.ToDictionary(s => s.Name, s => s.InitialValue, StringComparer.Ordinal);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            foreach (var p in _network.Node.Parameters)
            {
                if (_network.ParameterName(i, p.Name) is var own && own != p.Name)
                {
                    values[$"{Label(i)}/{op}/{template.PyRatesName(p.Name)}"] = parameters[own];
                }
            }

            foreach (var s in NodeStates)
            {
                if (states[NetworkSystem.NodeName(i, s.Name)] is var v && v.CompareTo(s.InitialValue) != 0)
                {
                    values[$"{Label(i)}/{op}/{template.PyRatesName(s.Name)}"] = v;
                }
            }

            foreach (var rowSum in _rowSums.Values)
            {
                var sum = 0.0;
                for (var e = _network.RowStart[i]; e < _network.RowStart[i + 1]; e++)
                {
                    sum += _network.Weights[e];
                }

                values[$"{Label(i)}/{op}/{template.PyRatesName(rowSum)}"] = sum;
            }
        }

        return new CircuitNetwork(template.NodeName, Enumerable.Range(0, n).Select(Label).ToArray(), edges, values);
    }

    // Per-edge values as a matrix [target, source] over the nodes, 0 where there is no edge.
    private double[] Matrix(double[] perEdge)
    {
        var n = NodeCount;
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var e = _network.RowStart[i]; e < _network.RowStart[i + 1]; e++)
            {
                matrix[(i * n) + _network.Sources[e]] = perEdge[e];
            }
        }

        return matrix;
    }
}
