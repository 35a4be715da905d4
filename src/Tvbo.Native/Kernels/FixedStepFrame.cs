using System.Linq.Expressions;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>The locals a fixed-step kernel's emitters share: the sample and step counters, the step sizes, and per
/// group the state, the live-lane mask, the summary accumulators and the right-hand-side emitter. Created by
/// <see cref="PrologueEmitter{TVec}"/>.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class FixedStepFrame<TVec>
    where TVec : struct
{
    /// <summary>The kernel's code.</summary>
    public required KernelCode<TVec> Code { get; init; }

    /// <summary>The model.</summary>
    public required ModelLayout Layout { get; init; }

    /// <summary>What the kernel does.</summary>
    public required KernelKind Kind { get; init; }

    /// <summary>The scheme.</summary>
    public required FixedStepScheme Scheme { get; init; }

    /// <summary>The current sample index.</summary>
    public required ParameterExpression Sample { get; init; }

    /// <summary>The sample at which the call stops (exclusive).</summary>
    public required ParameterExpression End { get; init; }

    /// <summary>The last returned sample: no step is taken after it.</summary>
    public required ParameterExpression Last { get; init; }

    /// <summary>The first sample of the summary window.</summary>
    public required ParameterExpression Window { get; init; }

    /// <summary>Steps per sample.</summary>
    public required ParameterExpression Steps { get; init; }

    /// <summary>The step within the current sample.</summary>
    public required ParameterExpression StepIndex { get; init; }

    /// <summary>The vector <c>dt / divisor</c>, by divisor.</summary>
    public required IReadOnlyDictionary<int, ParameterExpression> StepSizes { get; init; }

    /// <summary>The state, [group][variable].</summary>
    public required ParameterExpression[][] State { get; init; }

    /// <summary>The live-lane mask of each group.</summary>
    public required ParameterExpression[] Alive { get; init; }

    /// <summary>The running window minimum, [group][variable] (summary kernels).</summary>
    public required ParameterExpression[][] Min { get; init; }

    /// <summary>The running window maximum, [group][variable] (summary kernels).</summary>
    public required ParameterExpression[][] Max { get; init; }

    /// <summary>The running window sum, [group][variable] (summary kernels).</summary>
    public required ParameterExpression[][] Sum { get; init; }

    /// <summary>The right-hand-side emitter of each group.</summary>
    public required RhsEmitter<TVec>[] Rhs { get; init; }

    /// <summary>Vectors per block.</summary>
    public int Groups => Kind.Groups;

    /// <summary>State variables.</summary>
    public int StateCount => Layout.StateVariables.Count;

    /// <summary>Loads the live-lane masks and the state from the context.</summary>
    public List<Expression> LoadState()
    {
        var array = Code.Member(nameof(KernelContext<TVec>.State));
        var alive = Code.Member(nameof(KernelContext<TVec>.Alive));
        var load = new List<Expression>();
        for (var g = 0; g < Groups; g++)
        {
            load.Add(Expression.Assign(Alive[g], KernelCode<TVec>.Slot(alive, g)));
            for (var i = 0; i < StateCount; i++)
            {
                load.Add(Expression.Assign(State[g][i], KernelCode<TVec>.Slot(array, (g * StateCount) + i)));
            }
        }

        return load;
    }

    /// <summary>Stores the state into the context.</summary>
    public List<Expression> StoreState()
    {
        var array = Code.Member(nameof(KernelContext<TVec>.State));
        var store = new List<Expression>();
        for (var g = 0; g < Groups; g++)
        {
            for (var i = 0; i < StateCount; i++)
            {
                store.Add(Expression.Assign(KernelCode<TVec>.Slot(array, (g * StateCount) + i), State[g][i]));
            }
        }

        return store;
    }
}
