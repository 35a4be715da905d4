using System.Runtime.InteropServices;
using Tvbo.Results;

namespace Tvbo.Native.Kernels;

/// <summary>Managed code the compiled kernels call at a returned sample where a lane's state stopped being finite.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class KernelCallbacks<TVec>
    where TVec : struct
{
    private static readonly int Lanes = System.Runtime.CompilerServices.Unsafe.SizeOf<TVec>() / sizeof(double);

    /// <summary>Called when some live lane of group <paramref name="group"/> has a non-finite state at a returned
    /// sample: records a <see cref="ConditionFailure"/> for each such lane at that sample's time, sets the lane's
    /// whole state to NaN (so this and every later sample is NaN) and marks it dead.</summary>
    /// <param name="ctx">The block (its <see cref="KernelContext{TVec}.State"/> holds the current state).</param>
    /// <param name="group">The group.</param>
    /// <param name="sample">The sample index.</param>
    public static void Diverged(KernelContext<TVec> ctx, int group, int sample)
    {
        var state = MemoryMarshal.Cast<TVec, double>(ctx.State.AsSpan());
        var alive = MemoryMarshal.Cast<TVec, long>(ctx.Alive.AsSpan());
        var nv = ctx.VariableNames.Length;
        for (var l = 0; l < Lanes; l++)
        {
            if (alive[(group * Lanes) + l] == 0)
            {
                continue;
            }

            var baseIndex = (group * nv * Lanes) + l;
            for (var i = 0; i < nv; i++)
            {
                var x = state[baseIndex + (i * Lanes)];
                if (double.IsFinite(x))
                {
                    continue;
                }

                ctx.Failures.Add(ConditionFailure.Diverged(ctx.FirstCondition + (group * Lanes) + l, ctx.Time[sample], ctx.VariableNames[i]));
                for (var j = 0; j < nv; j++)
                {
                    state[baseIndex + (j * Lanes)] = double.NaN;
                }

                alive[(group * Lanes) + l] = 0;
                break;
            }
        }
    }
}
