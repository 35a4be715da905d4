using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tvbo.Native.Compilation;

/// <summary>
/// Transcendental functions and general powers applied lane by lane with the scalar <see cref="Math"/>
/// functions, so every lane gives exactly the value of <see cref="Tvbo.Expressions.Functions.Evaluate"/>
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

    private static Span<double> Lanes<TVec>(ref TVec x) where TVec : struct =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TVec, double>(ref x), Unsafe.SizeOf<TVec>() / sizeof(double));
}
