using System.Linq.Expressions;
using Tvbo.Expressions;

namespace Tvbo.Native.Compilation;

/// <summary>Values computed once before a kernel's time loop that are the same in every lane (they read no
/// varied parameter), shared by the emitters of all groups so each is computed and held once.</summary>
internal sealed class SharedHoists
{
    /// <summary>Hoisted sub-expressions by value.</summary>
    public Dictionary<Expr, ParameterExpression> Hoisted { get; } = [];

    /// <summary>Derived variables that are uniform constants, by name.</summary>
    public Dictionary<string, ParameterExpression> Derived { get; } = new(StringComparer.Ordinal);
}
