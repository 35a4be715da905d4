using Tvbo.Experiment;

namespace Tvbo.Native.Kernels;

/// <summary>
/// A fixed-step explicit scheme as a table. Stage <c>s</c> evaluates the right-hand sides at
/// <c>y + (dt / Divisor)·k[From]</c> (the first stage at <c>y</c>); the step is
/// <c>y += (dt / UpdateDivisor)·Σ weight·k[stage]</c>, summed left to right. The stochastic forms are the same tables:
/// noise reaches the right-hand sides as an input, and every stage of a step reads that step's input, so
/// <see cref="Euler"/> is also Euler–Maruyama and <see cref="Heun"/> TVB's stochastic Heun.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Stages">The stages, in order.</param>
/// <param name="UpdateDivisor">The step-size divisor of the update.</param>
/// <param name="Update">The weighted stages the update sums.</param>
/// <param name="AllowsDelays">Whether delayed states are defined for the scheme (each stage knows its time offset).</param>
/// <param name="IsMap">Whether the update replaces the state by the first stage's values (<see cref="Map"/>) instead of
/// adding the weighted slopes.</param>
internal sealed record FixedStepScheme(IntegrationMethod Method, FixedStepScheme.Stage[] Stages, int UpdateDivisor, FixedStepScheme.Term[] Update, bool AllowsDelays, bool IsMap = false)
{
    /// <summary>The iteration of a discrete map: <c>y = f(y)</c>, every state variable's next value computed from the
    /// previous iterate before any is replaced. The right-hand sides are the same compiled code as an ODE's; a delayed
    /// read of d steps is the iterate d iterations before (as for Euler).</summary>
    public static FixedStepScheme Map { get; } = new(IntegrationMethod.Euler, [Stage.First], 1, [new(0, 1)], AllowsDelays: true, IsMap: true);

    /// <summary>PyRates euler: <c>y = y + dt·f(y)</c>.</summary>
    public static FixedStepScheme Euler { get; } = new(IntegrationMethod.Euler, [Stage.First], 1, [new(0, 1)], AllowsDelays: true);

    /// <summary>PyRates heun: <c>k1 = f(y); y0 = y + dt·k1; y = y + dt/2·(k1 + f(y0))</c>; the second stage is at
    /// <c>t + dt</c> (one step on for delayed reads).</summary>
    public static FixedStepScheme Heun { get; } = new(
        IntegrationMethod.Heun,
        [Stage.First, new(0, 1, StepOffset: 1, "heun")],
        2,
        [new(0, 1), new(1, 1)],
        AllowsDelays: true);

    /// <summary>Classical RK4: <c>y = y + dt/6·(k1 + 2·k2 + 2·k3 + k4)</c>.</summary>
    public static FixedStepScheme RK4 { get; } = new(
        IntegrationMethod.RK4,
        [Stage.First, new(0, 2, 0, "rk_a"), new(1, 2, 0, "rk_b"), new(2, 1, 0, "rk_c")],
        6,
        [new(0, 1), new(1, 2), new(2, 2), new(3, 1)],
        AllowsDelays: false);

    /// <summary>The scheme of a fixed-step method.</summary>
    /// <param name="method">Euler, Heun or RK4.</param>
    public static FixedStepScheme For(IntegrationMethod method) => method switch
    {
        IntegrationMethod.Euler => Euler,
        IntegrationMethod.Heun => Heun,
        IntegrationMethod.RK4 => RK4,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a fixed-step method."),
    };

    /// <summary>The step-size divisors the scheme uses (stages and update).</summary>
    public IEnumerable<int> Divisors => Stages.Skip(1).Select(s => s.Divisor).Append(UpdateDivisor).Distinct();

    /// <summary>One stage: the right-hand sides at <c>y + (dt / Divisor)·k[From]</c>, or at <c>y</c> for
    /// <see cref="First"/>.</summary>
    /// <param name="From">The stage whose slope offsets the point, or −1 for the point <c>y</c>.</param>
    /// <param name="Divisor">The step-size divisor of the offset.</param>
    /// <param name="StepOffset">The stage's time in steps from the step's start (0 or 1), for delayed reads.</param>
    /// <param name="Name">The prefix of the point's locals.</param>
    internal sealed record Stage(int From, int Divisor, int StepOffset, string Name)
    {
        /// <summary>The stage at the step's start, <c>f(y)</c>.</summary>
        public static Stage First { get; } = new(-1, 1, 0, string.Empty);
    }

    /// <summary>One term of the update: <c>Weight·k[Stage]</c> (just <c>k[Stage]</c> for weight 1).</summary>
    /// <param name="Stage">The stage.</param>
    /// <param name="Weight">Its weight.</param>
    internal sealed record Term(int Stage, double Weight);
}
