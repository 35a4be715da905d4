using System.Runtime.Intrinsics;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Native.Execution;
using Tvbo.Native.Networks;
using Tvbo.Planning;
using Tvbo.Results;

namespace Tvbo.Native;

/// <summary>
/// The <c>native</c> backend: integrates every condition of an exploration in C#, with the model compiled once
/// per model structure into vectorised code (one SIMD lane per condition) and blocks of conditions spread over
/// all cores.
/// </summary>
/// <remarks>
/// <para>Outputs are the state variables in declaration order; coupling terms are 0; parameters not explored
/// keep their model value. Samples follow the time grid of <see cref="IntegrationSettings"/> (PyRates'
/// convention): sample k is the state after k·<see cref="IntegrationSettings.StepsPerSample"/> steps, sample 0
/// the initial state (as given, not clamped).</para>
/// <para>Methods: <see cref="IntegrationMethod.Euler"/> (<c>y += dt·f(y)</c>) and <see cref="IntegrationMethod.Heun"/>
/// (<c>k1 = f(y); y0 = y + dt·k1; y += dt/2·(k1 + f(y0))</c>) exactly as PyRates computes them, so float64
/// results match PyRates to round-off; classical <see cref="IntegrationMethod.RK4"/>; and adaptive
/// <see cref="IntegrationMethod.RK45"/> (Dormand–Prince 5(4) as scipy's <c>RK45</c>, with its quartic dense
/// output sampled on the grid, <see cref="IntegrationSettings.RelativeTolerance"/> and
/// <see cref="IntegrationSettings.AbsoluteTolerance"/>, first step <see cref="IntegrationSettings.StepSize"/>).
/// Unlike PyRates' scipy solver, each condition takes its own steps, so a condition's result does not depend on
/// the rest of the grid.</para>
/// <para>Boundaries: with the fixed-step methods a state variable with <see cref="Tvbo.Model.Boundaries"/> is
/// clamped into them after every step (after the whole step, not between stages). RK45 does not clamp.</para>
/// <para>Divergence: at every returned sample each condition's state is checked; the first sample at which some
/// variable is NaN or infinite is reported as a <see cref="ConditionFailure"/> with that sample's time, the first
/// such variable (declaration order), as <see cref="ConditionFailure.Diverged"/>. That sample and every later one of the condition are NaN; the other conditions are not
/// affected. One warning per exploration with the count goes to <see cref="RunOptions.Logger"/>. An RK45
/// condition whose step size falls below 10 ulp(t) fails from its next sample on
/// (<see cref="ConditionFailure.StepSizeUnderflow"/>).</para>
/// <para>Summaries (<see cref="ResultStore.Summary"/>) are accumulated while integrating, without keeping the
/// series, and equal <see cref="SummaryStatistics.FromSeries"/> of the series run exactly.</para>
/// <para>Networks (<see cref="BackendJob"/>s of a network) run as data under Euler, Heun and RK4: the nodes' model
/// compiled once and looped over the nodes, each coupling compiled once over the edges, the weights, delays and
/// per-node values in arrays, a conduction-speed sweep one run whose lanes read their own delays; the numbers are the
/// lowered system's, bit for bit. Under RK45 the lowered system is compiled whole.</para>
/// <para>Discrete maps (<see cref="Tvbo.Model.Dynamics.IsDiscrete"/>) are iterated with the same compiled right-hand
/// sides: each step replaces every state variable by its equation's value at the previous iterate
/// (<c>x_{n+1} = f(x_n)</c>, all at once), then clamps into the boundaries; the time grid counts iterations (see
/// <see cref="IntegrationSettings"/>). The method is not applied (RK45 is refused). A network of maps (as data or
/// lowered) is a coupled map lattice: each node's next value reads its coupling inputs from the previous iterate.</para>
/// <para>Progress is reported in condition-steps (at most about once per percent); cancellation is checked between
/// chunks of about 2^18 condition-steps per block and raises <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public sealed class NativeBackend : ISimulationBackend
{
    /// <summary>The backend's name, <c>native</c>.</summary>
    public const string BackendName = "native";

    /// <summary>Creates the backend with default options (all cores, widest vectors).</summary>
    public NativeBackend()
        : this(new NativeBackendOptions())
    {
    }

    /// <summary>Creates the backend with options.</summary>
    /// <param name="options">Parallelism and vector settings.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public NativeBackend(NativeBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "NativeBackendOptions.MaxDegreeOfParallelism must be at least 1 (or null for all cores).");
        }

        if (options.VectorBits is { } bits && bits is not (128 or 256 or 512))
        {
            throw new ArgumentOutOfRangeException(nameof(options), bits, "NativeBackendOptions.VectorBits must be 128, 256 or 512 (or null for the widest accelerated).");
        }

        if (options.GroupsPerBlock is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GroupsPerBlock, "NativeBackendOptions.GroupsPerBlock must be between 1 and 8 (or null to choose automatically).");
        }

        Options = options;
        VectorBits = options.VectorBits ?? (Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128);
    }

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <summary>Describes the backend: its name, its assembly's version, .NET and the operating system.</summary>
    /// <returns>The description.</returns>
    public BackendDescription Describe() => BackendDescription.Of(this);

    /// <summary>The options.</summary>
    public NativeBackendOptions Options { get; }

    /// <summary>The SIMD width in bits this backend uses.</summary>
    public int VectorBits { get; }

    /// <inheritdoc/>
    public ExplorationResult RunExploration(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        if (job.Network is not null && job.Integration.Method != IntegrationMethod.RK45 && !Options.LoweredNetworks)
        {
            return NetworkVectorBits(job.Grid.ConditionCount) switch
            {
                512 => NetworkRunner<Vector512<double>>.Run(job, progress, Options, cancellationToken),
                256 => NetworkRunner<Vector256<double>>.Run(job, progress, Options, cancellationToken),
                _ => NetworkRunner<Vector128<double>>.Run(job, progress, Options, cancellationToken),
            };
        }

        if (job.Network is { HasSeveralDelays: true })
        {
            throw new BackendException($"Exploration '{job.Exploration}': the lowered network holds one conduction speed's delays, and its conditions have several; run it as data (a fixed-step method).");
        }

        return VectorBits switch
        {
            512 => ExplorationRunner<Vector512<double>>.Run(job, progress, Options, cancellationToken),
            256 => ExplorationRunner<Vector256<double>>.Run(job, progress, Options, cancellationToken),
            _ => ExplorationRunner<Vector128<double>>.Run(job, progress, Options, cancellationToken),
        };
    }

    /// <summary>A network's lane width: the widest that still gives every thread a block of conditions (a block of 8
    /// lanes on 2 threads would leave one idle for 8 conditions), unless <see cref="NativeBackendOptions.VectorBits"/>
    /// fixes it. Lanes are independent conditions, so the numbers do not depend on it.</summary>
    private int NetworkVectorBits(int conditions)
    {
        var bits = VectorBits;
        var threads = Options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        while (Options.VectorBits is null && bits > 128 && (conditions + (bits / 64) - 1) / (bits / 64) < threads)
        {
            bits /= 2;
        }

        return bits;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeBackend(vector={VectorBits} bits, threads={Options.MaxDegreeOfParallelism?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"})";
}
