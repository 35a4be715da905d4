using Tvbo.Results;

namespace Tvbo.Native.Kernels;

/// <summary>
/// The working memory of one block of conditions, shared between the driver and a compiled kernel. A block is
/// <see cref="Groups"/> vectors of <c>W</c> lanes; lane <c>l</c> of group <c>g</c> is condition
/// <see cref="FirstCondition"/> + g·W + l. Vector arrays are indexed [group·count + slot]. Lanes past
/// <see cref="ValidLanes"/> are padding (copies of a real condition) and are never returned.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class KernelContext<TVec>
    where TVec : struct
{
    /// <summary>Creates the context.</summary>
    /// <param name="groups">Vectors per block.</param>
    /// <param name="stateCount">State variables.</param>
    /// <param name="parameterCount">Parameters.</param>
    public KernelContext(int groups, int stateCount, int parameterCount)
    {
        Groups = groups;
        State = new TVec[groups * stateCount];
        Derivative = new TVec[groups * stateCount];
        Final = new TVec[groups * stateCount];
        Parameters = new TVec[groups * Math.Max(1, parameterCount)];
        Alive = new TVec[groups];
        Min = new TVec[groups * stateCount];
        Max = new TVec[groups * stateCount];
        Sum = new TVec[groups * stateCount];
        Snapshot = new TVec[groups * stateCount * 4];
    }

    /// <summary>Vectors per block.</summary>
    public int Groups { get; }

    /// <summary>The current state, [group, variable].</summary>
    public TVec[] State { get; }

    /// <summary>Right-hand side output of the RHS-only kernel, [group, variable].</summary>
    public TVec[] Derivative { get; }

    /// <summary>The last returned sample, [group, variable].</summary>
    public TVec[] Final { get; }

    /// <summary>Every parameter's per-lane value, [group, parameter].</summary>
    public TVec[] Parameters { get; }

    /// <summary>Per group, all bits set in the lanes still integrating normally, zero in padding or diverged lanes.</summary>
    public TVec[] Alive { get; }

    /// <summary>The state and summary accumulators at the start of the current divergence-check segment,
    /// [group, variable, (state, min, max, sum)].</summary>
    public TVec[] Snapshot { get; }

    /// <summary>The recent states of the delayed sources, [position, group, source], positions 0 … 2L − 1 where
    /// position <c>p</c> and <c>p + L</c> both hold the state of the last step <c>k</c> with <c>k mod L = p</c>
    /// (so a read <c>d</c> steps back is one addition from the current position).</summary>
    public TVec[] History { get; init; } = [];

    /// <summary>The input values of the current call's steps, [step − SampleStart·StepsPerSample, group, input].</summary>
    public TVec[] Inputs { get; init; } = [];

    /// <summary>Returned samples of the current call in series runs, [sample − <see cref="SampleStart"/>, group, variable].</summary>
    public TVec[] SampleBuffer { get; init; } = [];

    /// <summary>The firings of the current call, in order: each a mask (all bits set in the live lanes where the event
    /// fired); <see cref="EventSlots"/> gives its step, event and group. Room for every event firing in every group at
    /// every step of a call.</summary>
    public TVec[] EventMasks { get; init; } = [];

    /// <summary>The slot of each of <see cref="EventMasks"/>: (step·events + event)·groups + group, the step counted
    /// from the call's first (SampleStart·StepsPerSample).</summary>
    public int[] EventSlots { get; init; } = [];

    /// <summary>How many firings the current call appended to <see cref="EventMasks"/> (the driver sets it to 0 before
    /// each call).</summary>
    public int EventCount { get; set; }

    /// <summary>The block's event log (null when the model has no events).</summary>
    public EventLog? Events { get; init; }

    /// <summary>Summary window minimum, [group, variable].</summary>
    public TVec[] Min { get; }

    /// <summary>Summary window maximum, [group, variable].</summary>
    public TVec[] Max { get; }

    /// <summary>Summary window sum, [group, variable].</summary>
    public TVec[] Sum { get; }

    /// <summary>First sample index of this call (inclusive).</summary>
    public int SampleStart { get; private set; }

    /// <summary>Sample index at which this call stops (exclusive).</summary>
    public int SampleEnd { get; private set; }

    /// <summary>The index of the last returned sample (samples − 1): no step is taken after it.</summary>
    public int LastSample { get; init; }

    /// <summary>First sample of the summary window.</summary>
    public int WindowStart { get; init; }

    /// <summary>Integration steps between returned samples.</summary>
    public int StepsPerSample { get; init; }

    /// <summary>The step size.</summary>
    public double Dt { get; init; }

    /// <summary>The first condition of the block.</summary>
    public int FirstCondition { get; private set; }

    /// <summary>Lanes of the block that are real conditions.</summary>
    public int ValidLanes { get; private set; }

    /// <summary>The sample times.</summary>
    public double[] Time { get; init; } = [];

    /// <summary>The series being filled, [condition, time, variable], or empty for a summary run.</summary>
    public double[] Series { get; init; } = [];

    /// <summary>The state variables' names (for failure reports).</summary>
    public string[] VariableNames { get; init; } = [];

    /// <summary>Starts a block: its first condition and how many of its lanes are real conditions.</summary>
    /// <param name="firstCondition">The first condition of the block.</param>
    /// <param name="validLanes">Lanes of the block that are real conditions.</param>
    public void BeginBlock(int firstCondition, int validLanes)
    {
        FirstCondition = firstCondition;
        ValidLanes = validLanes;
        Events?.Clear();
    }

    /// <summary>Sets the samples the next kernel call runs, [<paramref name="sampleStart"/>, <paramref name="sampleEnd"/>).</summary>
    /// <param name="sampleStart">The first sample (inclusive).</param>
    /// <param name="sampleEnd">The sample at which the call stops (exclusive).</param>
    public void BeginCall(int sampleStart, int sampleEnd)
    {
        SampleStart = sampleStart;
        SampleEnd = sampleEnd;
    }

    /// <summary>Failures found in this context's blocks.</summary>
    public List<ConditionFailure> Failures { get; } = [];
}
