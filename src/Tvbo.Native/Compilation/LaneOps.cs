using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace Tvbo.Native.Compilation;

/// <summary>
/// The operations of one SIMD vector type of doubles (<see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> or
/// <see cref="Vector512{T}"/>), found by reflection once, as expression-tree building blocks. Each lane of a vector
/// holds one condition; every operation used is IEEE-exact per lane (add, subtract, multiply, divide, sqrt,
/// compare, select), so a lane's numbers equal those of the same scalar double computation.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class LaneOps<TVec>
    where TVec : struct
{
    private static readonly Type StaticClass = Type.GetType(
        $"System.Runtime.Intrinsics.{typeof(TVec).Name.Split('`')[0]}, {typeof(TVec).Assembly.FullName}",
        throwOnError: true)!;

    private static readonly MethodInfo CreateScalar = StaticClass.GetMethod("Create", [typeof(double)])!;

    /// <summary>Lanes per vector.</summary>
    public static int Lanes { get; } = System.Runtime.CompilerServices.Unsafe.SizeOf<TVec>() / sizeof(double);

    /// <summary><c>a + b</c> per lane.</summary>
    public static Expression Add(Expression a, Expression b) => Expression.Add(a, b, Operator("op_Addition"));

    /// <summary><c>a - b</c> per lane.</summary>
    public static Expression Subtract(Expression a, Expression b) => Expression.Subtract(a, b, Operator("op_Subtraction"));

    /// <summary><c>a * b</c> per lane.</summary>
    public static Expression Multiply(Expression a, Expression b) => Expression.Multiply(a, b, Operator("op_Multiply"));

    /// <summary><c>a / b</c> per lane.</summary>
    public static Expression Divide(Expression a, Expression b) => Expression.Divide(a, b, Operator("op_Division"));

    /// <summary><c>-a</c> per lane (flips the sign bit, as scalar negation).</summary>
    public static Expression Negate(Expression a) => Expression.Negate(a, typeof(TVec).GetMethod("op_UnaryNegation", [typeof(TVec)])!);

    /// <summary>A vector with every lane <paramref name="value"/>.</summary>
    public static Expression Constant(double value) => Expression.Call(CreateScalar, Expression.Constant(value));

    /// <summary>A vector with every lane the scalar expression <paramref name="value"/>.</summary>
    public static Expression Broadcast(Expression value) => Expression.Call(CreateScalar, value);

    /// <summary>Per lane, <paramref name="mask"/> ? <paramref name="a"/> : <paramref name="b"/> (mask lanes all ones or all zeros).</summary>
    public static Expression Select(Expression mask, Expression a, Expression b) => Expression.Call(Generic("ConditionalSelect", 3), mask, a, b);

    /// <summary>A comparison mask.</summary>
    /// <param name="name">LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual or Equals.</param>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    public static Expression Compare(string name, Expression a, Expression b) => Expression.Call(Generic(name, 2), a, b);

    /// <summary>Bitwise and (of two masks: both lanes true).</summary>
    public static Expression And(Expression a, Expression b) => Expression.Call(Generic("BitwiseAnd", 2), a, b);

    /// <summary>Bitwise or (of two masks: either lane true).</summary>
    public static Expression Or(Expression a, Expression b) => Expression.Call(Generic("BitwiseOr", 2), a, b);

    /// <summary>Bitwise complement (negates a mask).</summary>
    public static Expression Not(Expression a) => Expression.Call(Generic("OnesComplement", 1), a);

    /// <summary>Whether every lane of <paramref name="a"/> equals the lane of <paramref name="b"/> (a bool).</summary>
    public static Expression EqualsAll(Expression a, Expression b) => Expression.Call(Generic("EqualsAll", 2), a, b);

    /// <summary>Square root per lane (IEEE correctly rounded, as <see cref="Math.Sqrt"/>).</summary>
    public static Expression Sqrt(Expression a) => Expression.Call(Generic("Sqrt", 1), a);

    /// <summary>Absolute value per lane (clears the sign bit, as <see cref="Math.Abs(double)"/>).</summary>
    public static Expression Abs(Expression a) => Expression.Call(Generic("Abs", 1), a);

    /// <summary>A mask with every bit set (every lane true).</summary>
    public static Expression AllTrue() => Expression.Property(null, typeof(TVec).GetProperty("AllBitsSet")!);

    /// <summary>A mask with no bit set (every lane false).</summary>
    public static Expression AllFalse() => Expression.Property(null, typeof(TVec).GetProperty("Zero")!);

    private static MethodInfo Operator(string name) => typeof(TVec).GetMethod(name, [typeof(TVec), typeof(TVec)])!;

    private static MethodInfo Generic(string name, int arity)
    {
        var open = typeof(TVec).GetGenericTypeDefinition();
        return StaticClass.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1
                && m.GetParameters().Length == arity
                && m.GetParameters().All(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == open))
            .MakeGenericMethod(typeof(double));
    }
}
