using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>
/// How an experiment is integrated, and its time grid. Every backend uses PyRates' grid: with
/// <c>N = round(T/dts)</c> samples (<c>dts</c> = <see cref="SamplingStepSize"/>, or <see cref="StepSize"/> when
/// unset), sample k is at <c>t_k = k*(T/N)</c> and holds the state after <c>k*round(dts/dt)</c> steps; sample 0
/// is the initial state and the state after the last step is not returned.
/// <para>For a discrete map (<see cref="Model.Dynamics.IsDiscrete"/>) a step is one iteration, so the grid is the
/// iteration index: <c>round(T/dt)</c> iterations, sample k is the iterate <c>x_n</c> with <c>n = k*round(dts/dt)</c>,
/// labelled <c>t = n*dt</c> (TVBO's map time, <c>n*dt</c>). With <c>dt = 1</c> (the default of experiment files for
/// maps) the time is n and <see cref="Duration"/> is the number of iterates returned, <c>x_0 … x_{T-1}</c>, as TVBO
/// runs a map for <c>duration</c> steps. <see cref="Method"/> is not applied to a map (RK45 and noise are refused).</para>
/// </summary>
public sealed class IntegrationSettings
{
    /// <summary>The simulated time span T (same time unit as the model). Must be set (it starts unset, NaN).</summary>
    public double Duration { get; set; } = double.NaN;

    /// <summary>The integration step dt. Must be set (it starts unset, NaN). For RK45 it is the first step tried.</summary>
    public double StepSize { get; set; } = double.NaN;

    /// <summary>A settling time integrated before the measured window (TVBO's <c>transient_time</c>): the integration
    /// starts at <c>t = -TransientTime</c> and only the samples from <c>t = 0</c> on are returned, with their times
    /// starting at 0. A whole multiple of the sampling interval; 0 (the default) for none.</summary>
    public double TransientTime { get; set; }

    /// <summary>The scheme; Heun (TVBO's Python default when no method is given; TVBO files without
    /// <c>method:</c> use its schema default, Euler).</summary>
    public IntegrationMethod Method { get; set; } = IntegrationMethod.Heun;

    /// <summary>When a network's coupling inputs are evaluated within a step: at every stage
    /// (<see cref="CouplingEvaluation.PerStage"/>, the default) or once per step and held over its stages
    /// (<see cref="CouplingEvaluation.PerStep"/>, TVB's timing). Only a network with a multi-stage method (Heun, RK4)
    /// integrates differently.</summary>
    public CouplingEvaluation CouplingEvaluation { get; set; } = CouplingEvaluation.PerStage;

    /// <summary>Additive noise on state variables, or <see langword="null"/> for none.</summary>
    public NoiseSettings? Noise { get; set; }

    /// <summary>The interval between returned samples, a whole multiple of <see cref="StepSize"/>;
    /// <see langword="null"/> returns every step.</summary>
    public double? SamplingStepSize { get; set; }

    /// <summary>The unit of the integration's times as the experiment names it (TVBO's <c>time_scale</c>, also read
    /// as <c>time_unit</c> or <c>unit</c>: <c>ms</c>, <c>s</c> or <c>us</c>), recorded for labels and never converted;
    /// <see langword="null"/> when not given.</summary>
    public string? TimeUnit { get; set; }

    /// <summary>RK45's relative tolerance (scipy's default, 1e-3).</summary>
    public double RelativeTolerance { get; set; } = 1e-3;

    /// <summary>RK45's absolute tolerance (scipy's default, 1e-6).</summary>
    public double AbsoluteTolerance { get; set; } = 1e-6;

    /// <summary>The number of integration steps, <c>round(T/dt)</c>.</summary>
    public int StepCount => checked((int)Math.Round(Duration / StepSize, MidpointRounding.ToEven));

    /// <summary>Steps between returned samples, <c>round(dts/dt)</c> (1 without a sampling step).</summary>
    public int StepsPerSample => SamplingStepSize is { } dts ? (int)Math.Round(dts / StepSize, MidpointRounding.ToEven) : 1;

    /// <summary>The number of returned samples per variable and condition, <c>round(T/dts)</c>.</summary>
    public int SampleCount => checked((int)Math.Round(Duration / (SamplingStepSize ?? StepSize), MidpointRounding.ToEven));

    /// <summary>The interval between returned samples (<see cref="SamplingStepSize"/> or <see cref="StepSize"/>).</summary>
    public double SampleInterval => SamplingStepSize ?? StepSize;

    /// <summary>The sample times <c>t_k = k*(T/N)</c>, k = 0..N-1 (numpy <c>linspace(0, T, N, endpoint=False)</c>).</summary>
    public double[] CreateTimeGrid()
    {
        var n = SampleCount;
        var step = Duration / n;
        var t = new double[n];
        for (var k = 0; k < n; k++)
        {
            t[k] = k * step;
        }

        return t;
    }

    /// <summary>Checks the noise settings against the method.</summary>
    internal void ValidateNoise()
    {
        if (Noise is { } noise)
        {
            if (Method is not (IntegrationMethod.Euler or IntegrationMethod.Heun))
            {
                throw new ExperimentException($"Integration.Noise with method {Method}: noise is integrated by Euler–Maruyama (euler) and TVB's stochastic Heun (heun); {Method} has no stochastic form here. Use euler or heun.");
            }

            if (!double.IsFinite(noise.Sigma) || noise.Sigma < 0)
            {
                throw new ExperimentException($"Integration.Noise.Sigma (noise sigma) = {F(noise.Sigma)}; it must be 0 or a positive finite number.");
            }

            if (noise.Kind == NoiseKind.OrnsteinUhlenbeck)
            {
                Positive(noise.CorrelationTime, "Integration.Noise.CorrelationTime (noise ntau)");
            }
        }
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ExperimentException">A value is unset, not finite, not positive, a step exceeds the
    /// duration, the sampling step is not a whole multiple of the step size, or the duration is not a whole
    /// multiple of the sampling step (or of the step size without one).</exception>
    public void Validate()
    {
        Positive(Duration, "integration.duration (Integration.Duration)");
        Positive(StepSize, "integration.step_size (Integration.StepSize)");
        if (StepSize > Duration)
        {
            throw new ExperimentException($"Integration.StepSize = {F(StepSize)} is larger than Integration.Duration = {F(Duration)}; the step size must be at most the duration.");
        }

        if (!Enum.IsDefined(Method))
        {
            throw new ExperimentException($"Integration.Method = {(int)Method} is not a method; valid: {string.Join(", ", Enum.GetNames<IntegrationMethod>())}.");
        }

        if (!Enum.IsDefined(CouplingEvaluation))
        {
            throw new ExperimentException($"Integration.CouplingEvaluation = {(int)CouplingEvaluation} is not a coupling evaluation; valid: {string.Join(", ", Enum.GetNames<CouplingEvaluation>())}.");
        }

        if (Duration / StepSize > int.MaxValue)
        {
            throw new ExperimentException($"Integration: duration {F(Duration)} / step size {F(StepSize)} gives more than {int.MaxValue} steps; use a larger step size or a shorter duration.");
        }

        if (SamplingStepSize is { } dts)
        {
            Positive(dts, "integration.sampling_step_size (Integration.SamplingStepSize)");
            var ratio = dts / StepSize;
            var whole = Math.Round(ratio);
            if (whole < 1 || Math.Abs(ratio - whole) > 1e-9 * whole)
            {
                throw new ExperimentException($"integration.sampling_step_size (Integration.SamplingStepSize) = {F(dts)} is not a whole multiple of integration.step_size (Integration.StepSize) = {F(StepSize)} (ratio {F(ratio)}); use k*{F(StepSize)} for a whole k >= 1, e.g. {F(Math.Max(1, whole) * StepSize)}.");
            }

            if (dts > Duration)
            {
                throw new ExperimentException($"Integration.SamplingStepSize = {F(dts)} is larger than Integration.Duration = {F(Duration)}; no sample would be returned after the first.");
            }
        }

        // Sample k is labelled t_k = k*T/N but holds the state after k*round(dts/dt) steps: the two agree only
        // when the duration is a whole number of sampling intervals.
        var interval = SampleInterval;
        var samples = Duration / interval;
        var wholeSamples = Math.Round(samples);
        if (Math.Abs(samples - wholeSamples) > 1e-9 * wholeSamples)
        {
            var below = Math.Max(1, Math.Floor(samples)) * interval;
            var above = Math.Ceiling(samples) * interval;
            var what = SamplingStepSize is null ? "integration.step_size (Integration.StepSize)" : "integration.sampling_step_size (Integration.SamplingStepSize)";
            throw new ExperimentException(
                $"Integration.Duration = {F(Duration)} is not a whole multiple of {what} = {F(interval)} (ratio {F(samples)}), so samples would not be at the times they are labelled with; use a duration of {F(below)} or {F(above)}.");
        }

        if (!double.IsFinite(TransientTime) || TransientTime < 0)
        {
            throw new ExperimentException($"integration.transient_time (Integration.TransientTime) = {F(TransientTime)}; it must be 0 or a positive finite number.");
        }

        if (TransientTime > 0)
        {
            var ts = TransientTime / interval;
            var wholeTs = Math.Round(ts);
            if (Math.Abs(ts - wholeTs) > 1e-9 * Math.Max(1, wholeTs))
            {
                throw new ExperimentException(
                    $"integration.transient_time (Integration.TransientTime) = {F(TransientTime)} is not a whole multiple of the sampling interval {F(interval)} (ratio {F(ts)}); use {F(Math.Max(1, Math.Round(ts)) * interval)}.");
            }

            if ((TransientTime + Duration) / StepSize > int.MaxValue)
            {
                throw new ExperimentException($"Integration: transient time {F(TransientTime)} plus duration {F(Duration)} gives more than {int.MaxValue} steps; use a larger step size.");
            }
        }

        ValidateNoise();

        if (Method == IntegrationMethod.RK45)
        {
            Positive(RelativeTolerance, "integration.rtol (Integration.RelativeTolerance)");
            Positive(AbsoluteTolerance, "integration.atol (Integration.AbsoluteTolerance)");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Method} dt={F(StepSize)} T={F(Duration)}{(SamplingStepSize is { } s ? $" dts={F(s)}" : string.Empty)}{(TransientTime > 0 ? $" transient={F(TransientTime)}" : string.Empty)}{(CouplingEvaluation == CouplingEvaluation.PerStep ? " coupling=per_step" : string.Empty)}";

    private static void Positive(double value, string what)
    {
        if (double.IsNaN(value))
        {
            throw new ExperimentException($"{what} is not set; give a positive number.");
        }

        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ExperimentException($"{what} = {F(value)}; it must be a positive finite number.");
        }
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
