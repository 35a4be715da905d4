using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Backends;

/// <summary>Options every backend honours.</summary>
public sealed class RunOptions
{
    /// <summary>The default limit on a result's size: 4 GiB.</summary>
    public const long DefaultMaxResultBytes = 4L << 30;

    /// <summary>What to keep of each condition's trajectory (default: the full series).</summary>
    public ResultStore Store { get; init; } = ResultStore.Series;

    /// <summary>The fraction of samples, at the end, over which summary min/max/mean are taken (default 0.2:
    /// samples from <c>floor(0.8*n)</c> on).</summary>
    public double SummaryWindow { get; init; } = 0.2;

    /// <summary>The largest result a run may allocate, in bytes (default 4 GiB). A run whose result would be
    /// larger fails before it starts.</summary>
    public long MaxResultBytes { get; init; } = DefaultMaxResultBytes;

    /// <summary>The most times kept per event and condition of a model's spike-and-reset events
    /// (<see cref="EventTimes"/>; default <see cref="EventTimes.DefaultMaxTimesPerCondition"/>, 1000): every firing is
    /// counted, the first this many times are kept, and the result says where more fired
    /// (<see cref="EventTimes.IsTruncated"/>). Bounds their memory to events × conditions × this × 8 bytes.</summary>
    public int MaxEventTimes { get; init; } = EventTimes.DefaultMaxTimesPerCondition;

    /// <summary>Receives the backends' log messages.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Run only these conditions of every exploration (a shard); <see langword="null"/> runs all. A shard's
    /// result holds its conditions in order, as a zip grid of their values; its noise is that of the whole grid.</summary>
    public ConditionRange? Conditions { get; init; }

    /// <summary>Whether observation pipelines may run Python source code (TVBO's <c>source_code</c>, the CLI's
    /// <c>--allow-code</c>). Off by default: a file's code runs only when its user says so; a run whose pipelines
    /// need it is refused before it starts, naming the function.</summary>
    public bool AllowCode { get; init; }

    /// <summary>The default of <see cref="ObservableChunkBytes"/>: 64 MiB (the run's memory peaks at a few times
    /// this: the backend's states, the outputs and the observables' inputs of one chunk).</summary>
    public const long DefaultObservableChunkBytes = 64L << 20;

    /// <summary>In a summary run with observables, about the most bytes of series held at once: the conditions run in
    /// chunks of this size, each chunk reduced to its summary and observables before the next runs (the numbers are
    /// those of one run). At least one condition runs at a time.</summary>
    public long ObservableChunkBytes { get; init; } = DefaultObservableChunkBytes;

    /// <summary>Whether the outputs over the transient are kept with each result (<see cref="Results.ExplorationResult"/>'s
    /// internal Transient), for observables that read <c>integration.transient</c>.</summary>
    internal bool KeepTransient { get; init; }

    /// <summary>The bytes a result of <paramref name="grid"/> will take with this store.</summary>
    /// <param name="grid">The exploration's grid.</param>
    /// <param name="integration">The integration settings (for the number of samples).</param>
    /// <param name="variableCount">The number of output variables.</param>
    public long EstimateResultBytes(ExplorationGrid grid, IntegrationSettings integration, int variableCount)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(integration);
        long conditions = grid.ConditionCount;
        var perCondition = Store == ResultStore.Series
            ? (long)integration.SampleCount * variableCount * sizeof(double)
            : 5L * variableCount * sizeof(double);
        return (conditions * perCondition) + (conditions * grid.Axes.Count * sizeof(double)) + ((long)integration.SampleCount * sizeof(double));
    }

    /// <summary>Checks the options and that the result of <paramref name="grid"/> fits in <see cref="MaxResultBytes"/>.</summary>
    /// <param name="grid">The exploration's grid.</param>
    /// <param name="integration">The integration settings.</param>
    /// <param name="variableCount">The number of output variables.</param>
    /// <exception cref="ExperimentException">The result would be too large (the message gives its size and suggests
    /// a summary or a sampling step), or an option is out of range.</exception>
    public void Validate(ExplorationGrid grid, IntegrationSettings integration, int variableCount)
    {
        if (!(SummaryWindow > 0 && SummaryWindow <= 1))
        {
            throw new ExperimentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RunOptions.SummaryWindow = {SummaryWindow}; it must be a fraction in (0, 1], e.g. 0.2 for the last 20 % of samples."));
        }

        if (MaxEventTimes < 0)
        {
            throw new ExperimentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RunOptions.MaxEventTimes = {MaxEventTimes}; it must be 0 or more (0 counts the events without keeping their times)."));
        }

        if (ObservableChunkBytes < 1)
        {
            throw new ExperimentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RunOptions.ObservableChunkBytes = {ObservableChunkBytes}; it must be at least 1 (one condition runs at a time)."));
        }

        var bytes = EstimateResultBytes(grid, integration, variableCount);
        var perSeries = (long)integration.SampleCount * variableCount * sizeof(double) * grid.ConditionCount;
        if (bytes > MaxResultBytes || (Store == ResultStore.Series && perSeries > Array.MaxLength * (long)sizeof(double)))
        {
            var hint = Store == ResultStore.Series
                ? $"Keeping summaries only (tvbo run --store summary; RunOptions.Store = Summary) would take {FormatBytes(new RunOptions { Store = ResultStore.Summary }.EstimateResultBytes(grid, integration, variableCount))}; or sample less often (integration: sampling_step_size in the experiment file; IntegrationSettings.SamplingStepSize); or raise the limit (--max-result-bytes; RunOptions.MaxResultBytes)."
                : "Split the exploration, run shards of it (tvbo run --conditions START:STOP; RunOptions.Conditions), or raise the limit (--max-result-bytes; RunOptions.MaxResultBytes).";
            throw new ExperimentException(
                $"Exploration '{grid.Exploration}': the result would take {FormatBytes(bytes)} ({grid.ConditionCount} conditions x {integration.SampleCount} samples x {variableCount} variables), more than the limit of {FormatBytes(Math.Min(MaxResultBytes, Array.MaxLength * (long)sizeof(double)))}. {hint}",
                grid.Exploration);
        }
    }

    /// <summary>Formats a byte count with a binary unit (e.g. <c>9.2 MiB</c>).</summary>
    /// <param name="bytes">The count.</param>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? $"{bytes} B" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0.#} {units[u]}");
    }
}
