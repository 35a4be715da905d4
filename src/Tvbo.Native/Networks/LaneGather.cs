using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tvbo.Native.Networks;

/// <summary>Reads a delayed source when the lanes of a block have delays of their own (a conduction-speed sweep): each
/// lane from its own history position.</summary>
internal static class LaneGather
{
    /// <summary>Per lane <c>l</c> with delay <c>d = delays[edge · lanes + l]</c>: the point's value where <c>d = 0</c>,
    /// else the history <c>d</c> positions before <paramref name="row"/>.</summary>
    /// <typeparam name="TVec">The vector type.</typeparam>
    /// <param name="history">The history.</param>
    /// <param name="row">The index of the source's delay-0 position.</param>
    /// <param name="point">The stage's point.</param>
    /// <param name="pointIndex">The source state's index in the point.</param>
    /// <param name="delays">The lanes' delays, [edge · lanes + lane].</param>
    /// <param name="edge">The edge.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Read<TVec>(TVec[] history, int row, TVec[] point, int pointIndex, int[] delays, int edge)
        where TVec : struct
    {
        var lanes = Unsafe.SizeOf<TVec>() / sizeof(double);
        var h = MemoryMarshal.Cast<TVec, double>(history.AsSpan());
        var at = MemoryMarshal.Cast<TVec, double>(point.AsSpan(pointIndex, 1));
        var d = delays.AsSpan(edge * lanes, lanes);
        TVec result = default;
        var r = MemoryMarshal.CreateSpan(ref Unsafe.As<TVec, double>(ref result), lanes);
        for (var l = 0; l < r.Length; l++)
        {
            r[l] = d[l] == 0 ? at[l] : h[((row - d[l]) * lanes) + l];
        }

        return result;
    }
}
