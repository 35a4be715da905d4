using Tvbo.Backends;
using Tvbo.Results;

namespace Tvbo.Hosting;

/// <summary>The defaults of runs made through <see cref="ExperimentRunner"/> (configured by
/// <c>services.AddTvbo(o =&gt; …)</c>).</summary>
public sealed class TvboOptions
{
    /// <summary>The backend a run uses when none is named; <see langword="null"/>: the only one registered, and an error
    /// naming them when there are several.</summary>
    public string? DefaultBackend { get; set; }

    /// <summary>What a run keeps by default: the series or only the summary.</summary>
    public ResultStore Store { get; set; } = ResultStore.Series;

    /// <summary>The default fraction of the time series the summary statistics cover, in (0, 1].</summary>
    public double SummaryWindow { get; set; } = 0.2;

    /// <summary>The default largest result a run may hold in memory, in bytes.</summary>
    public long MaxResultBytes { get; set; } = RunOptions.DefaultMaxResultBytes;

    /// <summary>Whether observation pipelines may run the Python source code experiment files give.</summary>
    public bool AllowCode { get; set; }

    /// <summary>The run options these defaults give, logging to <paramref name="logger"/>.</summary>
    /// <param name="logger">The run's logger.</param>
    internal RunOptions ToRunOptions(Microsoft.Extensions.Logging.ILogger logger) =>
        new() { Store = Store, SummaryWindow = SummaryWindow, MaxResultBytes = MaxResultBytes, AllowCode = AllowCode, Logger = logger };
}
