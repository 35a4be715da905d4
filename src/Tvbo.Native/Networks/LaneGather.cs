using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tvbo.Native.Networks;

/// <summary>Reads a delayed source when the lanes of a block have delays of their own (a conduction-speed sweep): each
/// lane from its own history position, with the processor's gather instruction where it has one.</summary>
internal static class LaneGather
{
    /// <summary>Per lane <c>l</c> with delay <c>d = delays[edge · lanes + l]</c>: the point's value where <c>d = 0</c>,
    /// else the source's history at position <c>(base − d) mod L</c>.</summary>
    /// <typeparam name="TVec">The vector type.</typeparam>
    /// <param name="history">The history.</param>
    /// <param name="row">The index of the source's first position.</param>
    /// <param name="position">The step's position plus the stage's offset (at most L).</param>
    /// <param name="length">The positions per source, L (more than any delay).</param>
    /// <param name="point">The stage's point.</param>
    /// <param name="pointIndex">The source state's index in the point.</param>
    /// <param name="delays">The lanes' delays, [edge · lanes + lane].</param>
    /// <param name="edge">The edge.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Read<TVec>(TVec[] history, int row, int position, int length, TVec[] point, int pointIndex, int[] delays, int edge)
        where TVec : struct
    {
        var now = point[pointIndex];
        if (typeof(TVec) == typeof(Vector512<double>) && Avx2.IsSupported)
        {
            var d = Vector256.Create(delays.AsSpan(edge * 8, 8));
            // Lanes with d = 0 read as d = 1 (in bounds) and take the point instead.
            var back = Vector256.Create(position) - Vector256.Max(d, Vector256<int>.One);
            back += Vector256.Create(length) & Vector256.LessThan(back, Vector256<int>.Zero);
            var index = ((Vector256.Create(row) + back) * 8) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            Vector512<double> gathered;
            fixed (double* h = MemoryMarshal.Cast<TVec, double>(history.AsSpan()))
            {
                gathered = Vector512.Create(Avx2.GatherVector256(h, index.GetLower(), 8), Avx2.GatherVector256(h, index.GetUpper(), 8));
            }

            var zero = Vector512.Equals(Vector512.Create(Avx.ConvertToVector256Double(d.GetLower()), Avx.ConvertToVector256Double(d.GetUpper())), Vector512<double>.Zero);
            var r = Vector512.ConditionalSelect(zero, Unsafe.As<TVec, Vector512<double>>(ref now), gathered);
            return Unsafe.As<Vector512<double>, TVec>(ref r);
        }

        if (typeof(TVec) == typeof(Vector256<double>) && Avx2.IsSupported)
        {
            var d = Vector128.Create(delays.AsSpan(edge * 4, 4));
            var back = Vector128.Create(position) - Vector128.Max(d, Vector128<int>.One);
            back += Vector128.Create(length) & Vector128.LessThan(back, Vector128<int>.Zero);
            var index = ((Vector128.Create(row) + back) * 4) + Vector128.Create(0, 1, 2, 3);
            Vector256<double> gathered;
            fixed (double* h = MemoryMarshal.Cast<TVec, double>(history.AsSpan()))
            {
                gathered = Avx2.GatherVector256(h, index, 8);
            }

            var zero = Vector256.Equals(Avx.ConvertToVector256Double(d), Vector256<double>.Zero);
            var r = Vector256.ConditionalSelect(zero, Unsafe.As<TVec, Vector256<double>>(ref now), gathered);
            return Unsafe.As<Vector256<double>, TVec>(ref r);
        }

        var lanes = Unsafe.SizeOf<TVec>() / sizeof(double);
        var hd = MemoryMarshal.Cast<TVec, double>(history.AsSpan());
        var at = MemoryMarshal.CreateSpan(ref Unsafe.As<TVec, double>(ref now), lanes);
        var dl = delays.AsSpan(edge * lanes, lanes);
        TVec result = default;
        var rs = MemoryMarshal.CreateSpan(ref Unsafe.As<TVec, double>(ref result), lanes);
        for (var l = 0; l < rs.Length; l++)
        {
            var back = position - dl[l];
            rs[l] = dl[l] == 0 ? at[l] : hd[((row + (back < 0 ? back + length : back)) * lanes) + l];
        }

        return result;
    }
}
