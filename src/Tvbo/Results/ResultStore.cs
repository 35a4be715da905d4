namespace Tvbo.Results;

/// <summary>What a run keeps of each condition's trajectory.</summary>
public enum ResultStore
{
    /// <summary>The full series: [condition, time, variable].</summary>
    Series,

    /// <summary>Per condition and variable only the first and final sample and min/max/mean over the summary
    /// window — no series is kept, which is what makes sweeps of 10^5–10^6 conditions fit in memory.</summary>
    Summary,
}
