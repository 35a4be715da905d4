using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>Emits a fixed-step kernel's prologue into <see cref="KernelCode{TVec}.Prologue"/>: the counters, the
/// step sizes, each group's parameters (and the invariants its right-hand sides hoist), the state and the summary
/// accumulators; returns the frame of locals the other emitters share.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class PrologueEmitter<TVec>
    where TVec : struct
{
    /// <summary>Emits the prologue.</summary>
    /// <param name="code">The kernel's code.</param>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    /// <param name="scheme">The scheme.</param>
    public static FixedStepFrame<TVec> Emit(KernelCode<TVec> code, ModelLayout layout, KernelKind kind, FixedStepScheme scheme)
    {
        var counters = Counters(code);
        var stepSizes = StepSizes(code, scheme);
        var groups = kind.Groups;
        var nv = layout.StateVariables.Count;
        var rhs = new RhsEmitter<TVec>[groups];
        var alive = new ParameterExpression[groups];
        var (y, min, max, sum) = (Jagged(groups, nv), Jagged(groups, nv), Jagged(groups, nv), Jagged(groups, nv));
        var varied = kind.Varied.Names(layout);
        var shared = new SharedHoists();
        var parameters = new ParameterLoader<TVec>(code, kind.Varied);
        for (var g = 0; g < groups; g++)
        {
            var p = parameters.Load(g, code.Prologue);
            rhs[g] = new RhsEmitter<TVec>(layout, k => p[k], code.Locals, code.Prologue, varied, shared);
            alive[g] = code.Vec($"alive{g}");
            for (var i = 0; i < nv; i++)
            {
                y[g][i] = code.Vec($"y{g}_{layout.StateVariables[i].Name}");
                if (kind.Summary)
                {
                    (min[g][i], max[g][i], sum[g][i]) = (code.Vec($"min{g}_{i}"), code.Vec($"max{g}_{i}"), code.Vec($"sum{g}_{i}"));
                }
            }
        }

        var frame = new FixedStepFrame<TVec>
        {
            Code = code, Layout = layout, Kind = kind, Scheme = scheme,
            Sample = counters[0], End = counters[1], Last = counters[2], Window = counters[3], Steps = counters[4], StepIndex = counters[5],
            StepSizes = stepSizes, State = y, Alive = alive, Min = min, Max = max, Sum = sum, Rhs = rhs,
        };
        code.Prologue.AddRange(frame.LoadState());
        if (kind.Summary)
        {
            code.Prologue.AddRange(AccumulatorTransfers(frame, load: true));
        }

        return frame;
    }

    /// <summary>Moves the summary accumulators between the context and their locals.</summary>
    /// <param name="frame">The kernel.</param>
    /// <param name="load">True to load them from the context, false to store them.</param>
    public static List<Expression> AccumulatorTransfers(FixedStepFrame<TVec> frame, bool load)
    {
        var code = frame.Code;
        var arrays = new[] { nameof(KernelContext<TVec>.Min), nameof(KernelContext<TVec>.Max), nameof(KernelContext<TVec>.Sum) }.Select(code.Member).ToArray();
        var transfers = new List<Expression>();
        for (var g = 0; g < frame.Groups; g++)
        {
            for (var i = 0; i < frame.StateCount; i++)
            {
                var locals = new[] { frame.Min[g][i], frame.Max[g][i], frame.Sum[g][i] };
                for (var a = 0; a < 3; a++)
                {
                    var slot = KernelCode<TVec>.Slot(arrays[a], (g * frame.StateCount) + i);
                    transfers.Add(load ? Expression.Assign(locals[a], slot) : Expression.Assign(slot, locals[a]));
                }
            }
        }

        return transfers;
    }

    /// <summary>sample, end, last, window, steps (loaded from the context) and the step index j.</summary>
    private static ParameterExpression[] Counters(KernelCode<TVec> code)
    {
        var members = new[]
        {
            nameof(KernelContext<TVec>.SampleStart), nameof(KernelContext<TVec>.SampleEnd), nameof(KernelContext<TVec>.LastSample),
            nameof(KernelContext<TVec>.WindowStart), nameof(KernelContext<TVec>.StepsPerSample),
        };
        var names = new[] { "sample", "end", "last", "window", "steps", "j" };
        var counters = names.Select(code.Int).ToArray();
        for (var c = 0; c < members.Length; c++)
        {
            code.Prologue.Add(Expression.Assign(counters[c], code.Member(members[c])));
        }

        return counters;
    }

    /// <summary>The vectors <c>dt / d</c> for every divisor <c>d</c> the scheme uses.</summary>
    private static Dictionary<int, ParameterExpression> StepSizes(KernelCode<TVec> code, FixedStepScheme scheme)
    {
        var dt = code.Member(nameof(KernelContext<TVec>.Dt));
        var sizes = new Dictionary<int, ParameterExpression>();
        foreach (var d in scheme.Divisors.Order())
        {
            sizes[d] = code.Vec(d switch { 1 => "dt", 2 => "dt_half", 6 => "dt_sixth", _ => $"dt_{d}" });
            var value = d == 1 ? (Expression)dt : Expression.Divide(dt, Expression.Constant((double)d));
            code.Prologue.Add(Expression.Assign(sizes[d], LaneOps<TVec>.Broadcast(value)));
        }

        return sizes;
    }

    private static ParameterExpression[][] Jagged(int groups, int count) =>
        Enumerable.Range(0, groups).Select(_ => new ParameterExpression[count]).ToArray();
}
