using System.Linq.Expressions;

namespace Tvbo.Native.Kernels;

/// <summary>The code of one kernel being generated: its <see cref="KernelContext{TVec}"/> parameter, its locals and
/// the statements of its prologue (run once per call, before the time loop).</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class KernelCode<TVec>
    where TVec : struct
{
    /// <summary>The kernel's parameter, the block's context.</summary>
    public ParameterExpression Context { get; } = Expression.Parameter(typeof(KernelContext<TVec>), "ctx");

    /// <summary>Every local the kernel declares.</summary>
    public List<ParameterExpression> Locals { get; } = [];

    /// <summary>The statements run once before the time loop (loads, hoisted invariants).</summary>
    public List<Expression> Prologue { get; } = [];

    /// <summary>Declares a vector local.</summary>
    /// <param name="name">Its name.</param>
    public ParameterExpression Vec(string name) => Declare(typeof(TVec), name);

    /// <summary>Declares an integer local.</summary>
    /// <param name="name">Its name.</param>
    public ParameterExpression Int(string name) => Declare(typeof(int), name);

    /// <summary>Declares a boolean local.</summary>
    /// <param name="name">Its name.</param>
    public ParameterExpression Bool(string name) => Declare(typeof(bool), name);

    /// <summary>A member of the context.</summary>
    /// <param name="name">The member's name (a <see cref="KernelContext{TVec}"/> property).</param>
    public MemberExpression Member(string name) => Expression.Property(Context, name);

    /// <summary>An element of an array at a fixed index.</summary>
    /// <param name="array">The array.</param>
    /// <param name="index">The index.</param>
    public static IndexExpression Slot(Expression array, int index) => Expression.ArrayAccess(array, Expression.Constant(index));

    /// <summary>Compiles the kernel: its locals around <paramref name="body"/>.</summary>
    /// <param name="body">The statements.</param>
    /// <param name="name">The compiled method's name, or null.</param>
    public Action<KernelContext<TVec>> Compile(IEnumerable<Expression> body, string? name = null) =>
        Expression.Lambda<Action<KernelContext<TVec>>>(Expression.Block(Locals, body), name, [Context]).Compile();

    private ParameterExpression Declare(Type type, string name)
    {
        var v = Expression.Variable(type, name);
        Locals.Add(v);
        return v;
    }
}
