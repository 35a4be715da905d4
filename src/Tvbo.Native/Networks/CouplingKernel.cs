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
    /// <summary>The partial sums kept per time (enough for 2^32 terms).</summary>
    public const int StackDepth = 33;

    /// <summary>The most steps a blocked coupling computes at once.</summary>
    public const int MaxBlockSteps = 64;


    /// <summary>What identifies a coupling's compiled code.</summary>
    /// <param name="layout">The network.</param>
    /// <param name="index">The coupling.</param>
    /// <param name="laneDelays">Whether the lanes have their own delays.</param>
    /// <param name="blocked">Whether it computes a block of steps at once.</param>
    public static string Key(NetworkLayout layout, int index, bool laneDelays, bool blocked)
    {
        var plan = layout.System.Couplings[index];
        var sb = new StringBuilder("coupling|");
        sb.Append(layout.Node.Key).Append('|').Append(layout.StateCount).Append('|').AppendJoin(',', layout.DelayedStates).Append('|');
        sb.AppendJoin(',', layout.CouplingTerms).Append('|').AppendJoin(',', layout.CouplingParameters).Append('|').Append(index);
        sb.Append('|').Append(layout.DelayedCouplings[index]).Append('|').Append(laneDelays).Append('|').Append(blocked).Append('|').Append(layout.EdgeWeightSources.Length > 0);
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
    /// <param name="blocked">Whether it computes the coupling for every time of a block of steps at once (the block's
    /// start + τ, τ = 0 … <see cref="NetworkBlock{TVec}.BlockSteps"/>, into <c>Coupling[(τ · N + node) · terms + term]</c>),
    /// from the history alone: every source is delayed by at least the block's length and only sources are read.</param>
    public static Action<NetworkBlock<TVec>> Build(NetworkLayout layout, int index, bool laneDelays, bool blocked)
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
        var start = Local<int>("start");
        var nv = layout.StateCount;
        var nh = layout.DelayedStates.Length;
        var length = Load<int>(nameof(NetworkBlock<TVec>.HistoryRow), "history_length");
        var offset = Local<int>("offset");

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
        var (tau, width) = (Local<int>("tau"), Local<int>("width"));
        prologue.Add(Expression.Assign(width, blocked ? Expression.Add(Expression.Property(block, nameof(NetworkBlock<TVec>.BlockSteps)), Expression.Constant(1)) : Expression.Constant(1)));
        for (var c = 0; c < plan.Pre.Count; c++)
        {
            // Per edge: its source and delay; per term (one, or one per time of the block): the source's value, the term
            // w · pre, added into the running sums.
            var symbols = plan.Symbols[c];
            var external = new Dictionary<string, Func<Expression>>(StringComparer.Ordinal);
            var perEdge = new List<Expression>
            {
                Expression.Assign(source, Expression.ArrayIndex(sources, edge)),
                Expression.Assign(sourceBase, Expression.Multiply(source, Expression.Constant(nv))),
            };
            var perTerm = new List<Expression>();
            if (delayed && !laneDelays)
            {
                // The position d steps back (from the block's start + τ), wrapped into [0, L).
                perEdge.Add(Expression.Assign(delay, Expression.ArrayIndex(delays, edge)));
                perTerm.Add(Expression.Assign(offset, Expression.Subtract(blocked ? Expression.Add(historyBase, tau) : historyBase, delay)));
                perTerm.Add(Expression.IfThen(Expression.LessThan(offset, Expression.Constant(0)), Expression.AddAssign(offset, length)));
            }

            foreach (var (name, (where, state)) in symbols)
            {
                switch (where)
                {
                    case PreSource.Source:
                        {
                            var v = Local<TVec>("src_" + name);
                            perTerm.Add(Expression.Assign(v, SourceValue(layout.Node.StateIndex(state))));
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

            // gx: the terms added pairwise as they come — the running partial sums of whole pairs, pairs of pairs, …
            // on a stack (a binary counter), the rest added from the last at the end — which is the lowering's level-by-
            // level pairwise tree (an odd one out carried up), term for term. The edge's place in the row decides how
            // many partial sums it merges (the trailing ones of its index), the same at every time of a block, so a block
            // keeps its times' stacks side by side: level l of time τ at [l · width + τ].
            var (top, position, merges, k, current, gx) = (Local<int>("top"), Local<int>("position"), Local<int>("merges"), Local<int>("k"), Local<TVec>("current"), Local<TVec>("gx"));
            Expression At(Expression level) => Expression.Add(Expression.Multiply(level, width), tau);
            var counted = Expression.Label("counted");
            perEdge.Add(Expression.Assign(position, Expression.Subtract(edge, start)));
            perEdge.Add(Expression.Assign(merges, Expression.Constant(0)));
            perEdge.Add(Expression.Loop(
                Expression.Block(
                    Expression.IfThen(Expression.Equal(Expression.And(position, Expression.Constant(1)), Expression.Constant(0)), Expression.Break(counted)),
                    Expression.PreIncrementAssign(merges),
                    Expression.RightShiftAssign(position, Expression.Constant(1))),
                counted));
            perTerm.Add(Expression.Assign(current, LaneOps<TVec>.Multiply(weight, pre)));
            perTerm.Add(Expression.Assign(k, Expression.Constant(1)));
            var merged = Expression.Label("merged");
            perTerm.Add(Expression.Loop(
                Expression.Block(
                    Expression.IfThen(Expression.GreaterThan(k, merges), Expression.Break(merged)),
                    Expression.Assign(current, LaneOps<TVec>.Add(Expression.ArrayIndex(terms, At(Expression.Subtract(top, k))), current)),
                    Expression.PreIncrementAssign(k)),
                merged));
            perTerm.Add(Expression.Assign(Expression.ArrayAccess(terms, At(Expression.Subtract(top, merges))), current));
            if (blocked)
            {
                perEdge.Add(Expression.Assign(tau, Expression.Constant(0)));
                perEdge.Add(For(tau, width, perTerm));
            }
            else
            {
                perEdge.AddRange(perTerm);
            }

            perEdge.Add(Expression.Assign(top, Expression.Add(Expression.Subtract(top, merges), Expression.Constant(1))));
            body.Add(Expression.Assign(top, Expression.Constant(0)));
            body.Add(Expression.Assign(tau, Expression.Constant(0)));
            body.Add(Expression.Assign(edge, start));
            body.Add(For(edge, end, perEdge));

            var folded = Expression.Label("folded");
            var fold = new List<Expression>
            {
                Expression.IfThenElse(
                    Expression.Equal(top, Expression.Constant(0)),
                    Expression.Assign(gx, LaneOps<TVec>.Constant(0.0)),
                    Expression.Block(
                        Expression.Assign(k, Expression.Subtract(top, Expression.Constant(1))),
                        Expression.Assign(gx, Expression.ArrayIndex(terms, At(k))),
                        Expression.Loop(
                            Expression.Block(
                                Expression.IfThen(Expression.Equal(k, Expression.Constant(0)), Expression.Break(folded)),
                                Expression.PreDecrementAssign(k),
                                Expression.Assign(gx, LaneOps<TVec>.Add(Expression.ArrayIndex(terms, At(k)), gx))),
                            folded))),
            };

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
            var node = blocked ? Expression.Add(Expression.Multiply(tau, count), target) : (Expression)target;
            fold.Add(Expression.Assign(
                Expression.ArrayAccess(coupling, Expression.Add(Expression.Multiply(node, Expression.Constant(layout.CouplingTerms.Count)), Expression.Constant(termSlot))),
                post));
            if (blocked)
            {
                body.Add(Expression.Assign(tau, Expression.Constant(0)));
                body.Add(For(tau, width, fold));
            }
            else
            {
                body.AddRange(fold);
            }
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
            var row = Expression.Multiply(Expression.Add(Expression.Multiply(source, Expression.Constant(nh)), Expression.Constant(h)), length);
            if (laneDelays)
            {
                var read = typeof(LaneGather).GetMethod(nameof(LaneGather.Read))!.MakeGenericMethod(typeof(TVec));
                return Expression.Call(read, history, row, blocked ? Expression.Add(historyBase, tau) : historyBase, length, point, Expression.Add(sourceBase, Expression.Constant(state)), delays, edge);
            }

            if (blocked)
            {
                return Expression.ArrayIndex(history, Expression.Add(row, offset)); // every delay is at least the block's length
            }

            return Expression.Condition(
                Expression.Equal(delay, Expression.Constant(0)),
                now,
                Expression.ArrayIndex(history, Expression.Add(row, offset)));
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
