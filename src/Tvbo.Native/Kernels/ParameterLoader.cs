using System.Linq.Expressions;

namespace Tvbo.Native.Kernels;

/// <summary>Loads each group's parameter vectors into locals. A parameter that is not varied has the same value in
/// every lane and group, so one local (loaded from group 0's slot) serves all groups.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class ParameterLoader<TVec>
    where TVec : struct
{
    private readonly KernelCode<TVec> _code;
    private readonly VariedParameters _varied;
    private readonly Dictionary<int, ParameterExpression> _uniform = [];

    /// <summary>Creates the loader of one kernel.</summary>
    /// <param name="code">The kernel's code.</param>
    /// <param name="varied">The varied parameter slots.</param>
    public ParameterLoader(KernelCode<TVec> code, VariedParameters varied)
    {
        _code = code;
        _varied = varied;
    }

    /// <summary>Loads a group's parameters.</summary>
    /// <param name="group">The group.</param>
    /// <param name="into">Receives the loads.</param>
    /// <returns>The local of each parameter slot.</returns>
    public ParameterExpression[] Load(int group, List<Expression> into)
    {
        var pars = _code.Member(nameof(KernelContext<TVec>.Parameters));
        var np = _varied.Count;
        var p = new ParameterExpression[np];
        for (var j = 0; j < np; j++)
        {
            p[j] = _varied[j] ? LoadVaried(pars, group, j, np, into) : LoadUniform(pars, j, into);
        }

        return p;
    }

    private ParameterExpression LoadUniform(Expression pars, int j, List<Expression> into)
    {
        if (!_uniform.TryGetValue(j, out var shared))
        {
            shared = _code.Vec($"p_{j}");
            into.Add(Expression.Assign(shared, Expression.ArrayIndex(pars, Expression.Constant(j))));
            _uniform[j] = shared;
        }

        return shared;
    }

    private ParameterExpression LoadVaried(Expression pars, int group, int j, int np, List<Expression> into)
    {
        var p = _code.Vec($"p{group}_{j}");
        into.Add(Expression.Assign(p, Expression.ArrayIndex(pars, Expression.Constant((group * np) + j))));
        return p;
    }
}
