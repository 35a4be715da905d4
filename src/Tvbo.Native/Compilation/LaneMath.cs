using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tvbo.Expressions;

namespace Tvbo.Native.Compilation;

/// <summary>
/// Transcendental functions and general powers applied lane by lane with the scalar <see cref="Math"/>
/// functions, so every lane gives exactly the value of <see cref="Functions.Evaluate(MathFunction, double)"/>
/// (vectorised approximations would differ in the last bits from PyRates/numpy).
/// </summary>
internal static class LaneMath
{
    /// <summary><see cref="Math.Exp"/> per lane.</summary>
    public static TVec Exp<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Exp(v); } return x; }

    /// <summary><see cref="Math.Log(double)"/> per lane.</summary>
    public static TVec Log<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Log(v); } return x; }

    /// <summary><see cref="Math.Sin"/> per lane.</summary>
    public static TVec Sin<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Sin(v); } return x; }

    /// <summary><see cref="Math.Cos"/> per lane.</summary>
    public static TVec Cos<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Cos(v); } return x; }

    /// <summary><see cref="Math.Tan"/> per lane.</summary>
    public static TVec Tan<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Tan(v); } return x; }

    /// <summary><see cref="Math.Sinh"/> per lane.</summary>
    public static TVec Sinh<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Sinh(v); } return x; }

    /// <summary><see cref="Math.Cosh"/> per lane.</summary>
    public static TVec Cosh<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Cosh(v); } return x; }

    /// <summary><see cref="Math.Tanh"/> per lane.</summary>
    public static TVec Tanh<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Tanh(v); } return x; }

    /// <summary><see cref="Math.Asin"/> per lane.</summary>
    public static TVec Asin<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Asin(v); } return x; }

    /// <summary><see cref="Math.Acos"/> per lane.</summary>
    public static TVec Acos<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Acos(v); } return x; }

    /// <summary><see cref="Math.Atan"/> per lane.</summary>
    public static TVec Atan<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Math.Atan(v); } return x; }

    /// <summary><see cref="Math.Floor(double)"/> per lane.</summary>
    public static TVec Floor<TVec>(TVec x) where TVec : struct => Map(x, MathFunction.Floor);

    /// <summary><see cref="Math.Ceiling(double)"/> per lane.</summary>
    public static TVec Ceiling<TVec>(TVec x) where TVec : struct => Map(x, MathFunction.Ceiling);

    /// <summary><see cref="Math.Log10"/> per lane.</summary>
    public static TVec Log10<TVec>(TVec x) where TVec : struct => Map(x, MathFunction.Log10);

    /// <summary><c>exp2</c> per lane (<see cref="Functions.Evaluate(MathFunction, double)"/>).</summary>
    public static TVec Exp2<TVec>(TVec x) where TVec : struct => Map(x, MathFunction.Exp2);

    /// <summary><see cref="Functions.Erf"/> per lane.</summary>
    public static TVec Erf<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Functions.Erf(v); } return x; }

    /// <summary><see cref="Functions.Erfc"/> per lane.</summary>
    public static TVec Erfc<TVec>(TVec x) where TVec : struct { foreach (ref var v in Lanes(ref x)) { v = Functions.Erfc(v); } return x; }

    /// <summary><see cref="Math.Atan2"/> per lane.</summary>
    public static TVec Atan2<TVec>(TVec y, TVec x) where TVec : struct => Map(y, x, MathFunction.Arctan2);

    /// <summary>C's <c>fmod</c> per lane.</summary>
    public static TVec Fmod<TVec>(TVec x, TVec y) where TVec : struct => Map(x, y, MathFunction.Fmod);

    /// <summary><see cref="Functions.Maximum"/> per lane.</summary>
    public static TVec Maximum<TVec>(TVec x, TVec y) where TVec : struct => Map(x, y, MathFunction.Maximum);

    /// <summary><see cref="Functions.Minimum"/> per lane.</summary>
    public static TVec Minimum<TVec>(TVec x, TVec y) where TVec : struct => Map(x, y, MathFunction.Minimum);

    /// <summary><see cref="Functions.Heaviside"/> per lane.</summary>
    public static TVec Heaviside<TVec>(TVec x, TVec h0) where TVec : struct => Map(x, h0, MathFunction.Heaviside);

    /// <summary>Python's float modulo (<see cref="Tvbo.Expressions.ExpressionEvaluator.Modulo"/>) per lane.</summary>
    public static TVec Mod<TVec>(TVec x, TVec y) where TVec : struct
    {
        var d = Lanes(ref y);
        var a = Lanes(ref x);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Tvbo.Expressions.ExpressionEvaluator.Modulo(a[i], d[i]);
        }

        return x;
    }

    /// <summary><see cref="Tvbo.Model.Boundaries.Clamp"/> with wrapping into [lo, hi) per lane.</summary>
    public static TVec Wrap<TVec>(TVec x, double lo, double hi) where TVec : struct
    {
        var bounds = new Tvbo.Model.Boundaries(lo, hi, Tvbo.Model.BoundaryMode.Wrap);
        foreach (ref var v in Lanes(ref x))
        {
            v = bounds.Clamp(v);
        }

        return x;
    }

    /// <summary><see cref="Math.Pow"/> per lane.</summary>
    public static TVec Pow<TVec>(TVec x, TVec y) where TVec : struct
    {
        var e = Lanes(ref y);
        var b = Lanes(ref x);
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = Math.Pow(b[i], e[i]);
        }

        return x;
    }

    // A function of one argument per lane, as Functions.Evaluate computes it.
    private static TVec Map<TVec>(TVec x, MathFunction f) where TVec : struct
    {
        foreach (ref var v in Lanes(ref x))
        {
            v = Functions.Evaluate(f, v);
        }

        return x;
    }

    // A function of two arguments per lane, as Functions.Evaluate computes it.
    private static TVec Map<TVec>(TVec x, TVec y, MathFunction f) where TVec : struct
    {
        var b = Lanes(ref y);
        var a = Lanes(ref x);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Functions.Evaluate(f, a[i], b[i]);
        }

        return x;
    }

    private static Span<double> Lanes<TVec>(ref TVec x) where TVec : struct =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TVec, double>(ref x), Unsafe.SizeOf<TVec>() / sizeof(double));
}
