using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Networks;

/// <summary>
/// Compiles the nodes' right-hand sides once for a network of any size: a loop over the nodes that evaluates the
/// model (<see cref="RhsEmitter{TVec}"/>, the code of a single system) at <see cref="NetworkBlock{TVec}.Point"/>,
/// each node reading its own states, its own parameters where it has them, its coupling inputs and its inputs, and
/// writes the derivatives to <see cref="NetworkBlock{TVec}.Slope"/>.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class NodeKernel<TVec>
    where TVec : struct
{
    /// <summary>Compiles the kernel.</summary>
    /// <param name="layout">The network.</param>
    public static Action<NetworkBlock<TVec>> Build(NetworkLayout layout)
    {
        var block = Expression.Parameter(typeof(NetworkBlock<TVec>), "block");
        var locals = new List<ParameterExpression>();
        var prologue = new List<Expression>();
        ParameterExpression Load<T>(string member, string name)
        {
            var v = Expression.Variable(typeof(T), name);
            locals.Add(v);
            prologue.Add(Expression.Assign(v, Expression.Property(block, member)));
            return v;
        }

        ParameterExpression Int(string name)
        {
            var v = Expression.Variable(typeof(int), name);
            locals.Add(v);
            return v;
        }

        var point = Load<TVec[]>(nameof(NetworkBlock<TVec>.Point), "point");
        var slope = Load<TVec[]>(nameof(NetworkBlock<TVec>.Slope), "slope");
        var coupling = Load<TVec[]>(nameof(NetworkBlock<TVec>.Coupling), "coupling");
        var nodeParameters = Load<TVec[]>(nameof(NetworkBlock<TVec>.NodeParameters), "node_parameters");
        var inputs = Load<TVec[]>(nameof(NetworkBlock<TVec>.Inputs), "inputs");
        var shared = Load<TVec[]>(nameof(NetworkBlock<TVec>.Parameters), "parameters");
        var count = Load<int>(nameof(NetworkBlock<TVec>.NodeCount), "nodes");
        var inputStart = Load<int>(nameof(NetworkBlock<TVec>.InputBase), "input_start");
        var couplingStart = Load<int>(nameof(NetworkBlock<TVec>.CouplingOffset), "coupling_start");
        var node = Int("node");
        var (stateBase, ownBase, couplingBase, inputBase, timeIndex) = (Int("state_base"), Int("own_base"), Int("coupling_base"), Int("input_base"), Int("time_index"));
        var nv = layout.StateCount;
        prologue.Add(Expression.Assign(timeIndex, Expression.Multiply(count, Expression.Constant(nv))));

        var slots = layout.Node.Parameters.Select(p => layout.SharedParameters.ToList().IndexOf(p.Name)).ToArray();
        var loaded = new Dictionary<int, ParameterExpression>();
        Expression Parameter(int j)
        {
            if (!loaded.TryGetValue(j, out var v))
            {
                v = Expression.Variable(typeof(TVec), "p_" + layout.Node.Parameters[j].Name);
                locals.Add(v);
                prologue.Add(Expression.Assign(v, Expression.ArrayIndex(shared, Expression.Constant(slots[j]))));
                loaded[j] = v;
            }

            return v;
        }

        var external = new Dictionary<string, Func<Expression>>(StringComparer.Ordinal);
        for (var k = 0; k < layout.PerNodeParameters.Count; k++)
        {
            var slot = k;
            external[layout.PerNodeParameters[k]] = () => Expression.ArrayAccess(nodeParameters, Expression.Add(ownBase, Expression.Constant(slot)));
        }

        for (var k = 0; k < layout.CouplingTerms.Count; k++)
        {
            var slot = k;
            external[layout.CouplingTerms[k]] = () => Expression.ArrayAccess(coupling, Expression.Add(couplingBase, Expression.Constant(slot)));
        }

        var rhs = new RhsEmitter<TVec>(layout.Node, Parameter, locals, prologue, new HashSet<string>(StringComparer.Ordinal), new SharedHoists(), external);
        var body = new List<Expression>
        {
            Expression.Assign(stateBase, Expression.Multiply(node, Expression.Constant(nv))),
            Expression.Assign(ownBase, Expression.Multiply(node, Expression.Constant(layout.PerNodeParameters.Count))),
            Expression.Assign(couplingBase, Expression.Add(couplingStart, Expression.Multiply(node, Expression.Constant(layout.CouplingTerms.Count)))),
            Expression.Assign(inputBase, Expression.Add(inputStart, Expression.Multiply(node, Expression.Constant(layout.Node.Inputs.Count)))),
        };
        var derivatives = rhs.EmitDerivatives(
            i => Expression.ArrayAccess(point, i == nv ? timeIndex : Expression.Add(stateBase, Expression.Constant(i))),
            null,
            u => Expression.ArrayAccess(inputs, Expression.Add(inputBase, Expression.Constant(u))),
            body);
        for (var i = 0; i < nv; i++)
        {
            body.Add(Expression.Assign(Expression.ArrayAccess(slope, Expression.Add(stateBase, Expression.Constant(i))), derivatives[i]));
        }

        var done = Expression.Label("nodes_done");
        body.Add(Expression.PreIncrementAssign(node));
        var all = new List<Expression>(prologue)
        {
            Expression.Assign(node, Expression.Constant(0)),
            Expression.Loop(
                Expression.Block(Expression.IfThen(Expression.GreaterThanOrEqual(node, count), Expression.Break(done)), Expression.Block(body)),
                done),
        };
        return Expression.Lambda<Action<NetworkBlock<TVec>>>(Expression.Block(locals, all), "network_nodes", [block]).Compile();
    }
}
