using System.Linq.Expressions;
using System.Text;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Native.Compilation;
using Tvbo.Planning;

namespace Tvbo.Native.Networks;

/// <summary>
/// Compiles one coupling over the edges as data: for every target node, each component's edge terms
/// <c>w · pre(source, target)</c> (sources read <c>d</c> steps back from the history, or at the stage's point where
/// <c>d = 0</c>), summed pairwise in the lowering's order, then the post-expression into the target's coupling input.
/// The code does not depend on the weights, the delays or the number of nodes.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class CouplingKernel<TVec>
    where TVec : struct
{
    /// <summary>What identifies a coupling's compiled code.</summary>
    /// <param name="layout">The network.</param>
    /// <param name="index">The coupling.</param>
    /// <param name="laneDelays">Whether the lanes have their own delays.</param>
    public static string Key(NetworkLayout layout, int index, bool laneDelays)
    {
        var plan = layout.System.Couplings[index];
        var sb = new StringBuilder("coupling|");
        sb.Append(layout.Node.Key).Append('|').Append(layout.StateCount).Append('|').AppendJoin(',', layout.DelayedStates).Append('|');
        sb.AppendJoin(',', layout.CouplingTerms).Append('|').AppendJoin(',', layout.CouplingParameters).Append('|').Append(index);
        sb.Append('|').Append(layout.DelayedCouplings[index]).Append('|').Append(laneDelays).Append('|').Append(layout.EdgeWeightSources.Length > 0);
        for (var c = 0; c < plan.Pre.Count; c++)
        {
            sb.Append("|pre:").Append(plan.Pre[c]);
            foreach (var (name, (where, target)) in plan.Symbols[c].OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                sb.Append(';').Append(name).Append('=').Append(where).Append(':').Append(target);
            }
        }

        return sb.Append("|post:").Append(plan.Post).ToString();
    }

    /// <summary>Compiles a coupling.</summary>
    /// <param name="layout">The network.</param>
    /// <param name="index">The coupling.</param>
    /// <param name="laneDelays">Whether the lanes have their own delays (<see cref="NetworkBlock{TVec}.Delays"/> per
    /// edge and lane) rather than one per edge.</param>
    public static Action<NetworkBlock<TVec>> Build(NetworkLayout layout, int index, bool laneDelays)
    {
        var plan = layout.System.Couplings[index];
        var delayed = layout.DelayedCouplings[index];
        var block = Expression.Parameter(typeof(NetworkBlock<TVec>), "block");
        var locals = new List<ParameterExpression>();
        var prologue = new List<Expression>();
        ParameterExpression Load<T>(string member, string name)
        {
            var v = Local<T>(name);
            prologue.Add(Expression.Assign(v, Expression.Property(block, member)));
            return v;
        }

        ParameterExpression Local<T>(string name)
        {
            var v = Expression.Variable(typeof(T), name);
            locals.Add(v);
            return v;
        }

        var point = Load<TVec[]>(nameof(NetworkBlock<TVec>.Point), "point");
        var history = Load<TVec[]>(nameof(NetworkBlock<TVec>.History), "history");
        var delays = Load<int[]>(nameof(NetworkBlock<TVec>.Delays), "delays");
        var terms = Load<TVec[]>(nameof(NetworkBlock<TVec>.Terms), "terms");
        var coupling = Load<TVec[]>(nameof(NetworkBlock<TVec>.Coupling), "coupling");
        var rowStart = Load<int[]>(nameof(NetworkBlock<TVec>.RowStart), "row_start");
        var sources = Load<int[]>(nameof(NetworkBlock<TVec>.Sources), "sources");
        var weights = Load<double[]>(nameof(NetworkBlock<TVec>.Weights), "weights");
        var weightSlots = Load<int[]>(nameof(NetworkBlock<TVec>.WeightSlots), "weight_slots");
        var edgeWeights = Load<TVec[]>(nameof(NetworkBlock<TVec>.EdgeWeights), "edge_weights");
        var count = Load<int>(nameof(NetworkBlock<TVec>.NodeCount), "nodes");
        var historyBase = Load<int>(nameof(NetworkBlock<TVec>.HistoryBase), "history_base");
        var parameters = Load<TVec[]>(nameof(NetworkBlock<TVec>.CouplingParameters), "coupling_parameters");
        var (target, edge, end, source, delay, targetBase, sourceBase) = (Local<int>("target"), Local<int>("edge"), Local<int>("end"), Local<int>("source"), Local<int>("delay"), Local<int>("target_base"), Local<int>("source_base"));
        var (start, pairs, left) = (Local<int>("start"), Local<int>("pairs"), Local<int>("left"));
        var nv = layout.StateCount;
        var nh = layout.DelayedStates.Length;
        var twoL = Load<int>(nameof(NetworkBlock<TVec>.HistoryRow), "two_l");

        var parameterLocals = new Dictionary<string, ParameterExpression>(StringComparer.Ordinal);
        foreach (var p in plan.Coupling.Parameters.Keys)
        {
            var v = Local<TVec>("c_" + p);
            prologue.Add(Expression.Assign(v, Expression.ArrayIndex(parameters, Expression.Constant(layout.CouplingParameters.ToList().IndexOf(NetworkSystem.CouplingParameterName(plan, p))))));
            parameterLocals[p] = v;
        }

        var nodeCount = Local<TVec>("node_count");
        prologue.Add(Expression.Assign(nodeCount, LaneOps<TVec>.Broadcast(Expression.Convert(count, typeof(double)))));
        var body = new List<Expression>();
        var emptyLayout = layout.Node; // every symbol is external or a constant
        for (var c = 0; c < plan.Pre.Count; c++)
        {
            // The edge terms of this component, into the scratch.
            var symbols = plan.Symbols[c];
            var external = new Dictionary<string, Func<Expression>>(StringComparer.Ordinal);
            var edgeLoads = new List<Expression>
            {
                Expression.Assign(source, Expression.ArrayIndex(sources, edge)),
                Expression.Assign(sourceBase, Expression.Multiply(source, Expression.Constant(nv))),
            };
            if (delayed && !laneDelays)
            {
                edgeLoads.Add(Expression.Assign(delay, Expression.ArrayIndex(delays, edge)));
            }

            foreach (var (name, (where, state)) in symbols)
            {
                switch (where)
                {
                    case PreSource.Source:
                        {
                            var v = Local<TVec>("src_" + name);
                            edgeLoads.Add(Expression.Assign(v, SourceValue(layout.Node.StateIndex(state))));
                            external[name] = () => v;
                            break;
                        }

                    case PreSource.Target:
                        {
                            var s = layout.Node.StateIndex(state);
                            external[name] = () => Expression.ArrayAccess(point, Expression.Add(targetBase, Expression.Constant(s)));
                            break;
                        }

                    default:
                        if (parameterLocals.TryGetValue(state, out var p))
                        {
                            external[name] = () => p;
                        }

                        break;
                }
            }

            var emitter = new RhsEmitter<TVec>(emptyLayout, _ => throw new InvalidOperationException("A coupling reads no model parameter."), locals, prologue, new HashSet<string>(StringComparer.Ordinal), new SharedHoists(), external);
            var pre = emitter.EmitExpression(plan.Pre[c]);
            var weight = LaneOps<TVec>.Broadcast(Expression.ArrayIndex(weights, edge));
            if (layout.EdgeWeightSources.Length > 0)
            {
                var slot = Expression.ArrayIndex(weightSlots, edge);
                weight = Expression.Condition(Expression.LessThan(slot, Expression.Constant(0)), weight, Expression.ArrayIndex(edgeWeights, slot));
            }

            edgeLoads.Add(Expression.Assign(Expression.ArrayAccess(terms, Expression.Subtract(edge, start)), LaneOps<TVec>.Multiply(weight, pre)));
            body.Add(Expression.Assign(edge, start));
            body.Add(For(edge, end, edgeLoads));

            // gx: the terms added pairwise, level by level (an odd one out carried to the next level), as the lowering.
            var gx = Local<TVec>("gx");
            body.Add(Expression.Assign(left, Expression.Subtract(end, start)));
            body.Add(Expression.Assign(gx, Expression.Condition(Expression.Equal(left, Expression.Constant(0)), LaneOps<TVec>.Constant(0.0), Expression.ArrayIndex(terms, Expression.Constant(0)))));
            var k = Local<int>("k");
            var levelDone = Expression.Label("level_done");
            var level = new List<Expression>
            {
                Expression.IfThen(Expression.LessThanOrEqual(left, Expression.Constant(1)), Expression.Break(levelDone)),
                Expression.Assign(pairs, Expression.RightShift(left, Expression.Constant(1))),
                Expression.Assign(k, Expression.Constant(0)),
                For(k, pairs, [Expression.Assign(
                    Expression.ArrayAccess(terms, k),
                    LaneOps<TVec>.Add(
                        Expression.ArrayIndex(terms, Expression.Multiply(k, Expression.Constant(2))),
                        Expression.ArrayIndex(terms, Expression.Add(Expression.Multiply(k, Expression.Constant(2)), Expression.Constant(1)))))]),
                Expression.IfThen(
                    Expression.NotEqual(Expression.And(left, Expression.Constant(1)), Expression.Constant(0)),
                    Expression.Assign(Expression.ArrayAccess(terms, pairs), Expression.ArrayIndex(terms, Expression.Subtract(left, Expression.Constant(1))))),
                Expression.Assign(left, Expression.Add(pairs, Expression.And(left, Expression.Constant(1)))),
                Expression.Assign(gx, Expression.ArrayIndex(terms, Expression.Constant(0))),
            };
            body.Add(Expression.Loop(Expression.Block(level), levelDone));

            var postExternal = new Dictionary<string, Func<Expression>>(StringComparer.Ordinal) { ["gx"] = () => gx };
            if (!plan.Coupling.Parameters.ContainsKey("N"))
            {
                postExternal["N"] = () => nodeCount;
            }

            foreach (var (p, v) in parameterLocals)
            {
                postExternal[p] = () => v;
            }

            var post = new RhsEmitter<TVec>(emptyLayout, _ => throw new InvalidOperationException("A coupling reads no model parameter."), locals, prologue, new HashSet<string>(StringComparer.Ordinal), new SharedHoists(), postExternal).EmitExpression(plan.Post);
            var termSlot = layout.CouplingTerms.ToList().IndexOf(plan.Terms[c].Name);
            body.Add(Expression.Assign(
                Expression.ArrayAccess(coupling, Expression.Add(Expression.Multiply(target, Expression.Constant(layout.CouplingTerms.Count)), Expression.Constant(termSlot))),
                post));
        }

        var perTarget = new List<Expression>
        {
            Expression.Assign(start, Expression.ArrayIndex(rowStart, target)),
            Expression.Assign(end, Expression.ArrayIndex(rowStart, Expression.Add(target, Expression.Constant(1)))),
            Expression.Assign(targetBase, Expression.Multiply(target, Expression.Constant(nv))),
        };
        perTarget.AddRange(body);
        var all = new List<Expression>(prologue) { Expression.Assign(target, Expression.Constant(0)), For(target, count, perTarget) };
        return Expression.Lambda<Action<NetworkBlock<TVec>>>(Expression.Block(locals, all), "network_coupling", [block]).Compile();

        // A source state at this edge: delay 0 reads the stage's point, a delay d the history d positions back.
        Expression SourceValue(int state)
        {
            var now = Expression.ArrayIndex(point, Expression.Add(sourceBase, Expression.Constant(state)));
            if (!delayed)
            {
                return now;
            }

            var h = Array.IndexOf(layout.DelayedStates, state);
            var row = Expression.Add(
                Expression.Multiply(Expression.Add(Expression.Multiply(source, Expression.Constant(nh)), Expression.Constant(h)), twoL),
                historyBase);
            if (laneDelays)
            {
                var read = typeof(LaneGather).GetMethod(nameof(LaneGather.Read))!.MakeGenericMethod(typeof(TVec));
                return Expression.Call(read, history, row, point, Expression.Add(sourceBase, Expression.Constant(state)), delays, edge);
            }

            return Expression.Condition(
                Expression.Equal(delay, Expression.Constant(0)),
                now,
                Expression.ArrayIndex(history, Expression.Subtract(row, delay)));
        }
    }

    /// <summary><c>for (; i &lt; end; i++) body</c> (the caller sets i).</summary>
    private static LoopExpression For(ParameterExpression i, Expression end, List<Expression> body)
    {
        var done = Expression.Label();
        var all = new List<Expression> { Expression.IfThen(Expression.GreaterThanOrEqual(i, end), Expression.Break(done)) };
        all.AddRange(body);
        all.Add(Expression.PreIncrementAssign(i));
        return Expression.Loop(Expression.Block(all), done);
    }
}
