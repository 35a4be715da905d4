namespace Tvbo.Results;

/// <summary>The results of every exploration of an experiment, by exploration name.</summary>
public sealed class ExperimentResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="backend">The backend that ran the experiment.</param>
    /// <param name="explorations">The explorations' results, in the experiment's order.</param>
    public ExperimentResult(string backend, IEnumerable<ExplorationResult> explorations)
    {
        ArgumentNullException.ThrowIfNull(explorations);
        Backend = backend;
        var list = explorations.ToList();
        Explorations = list.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Order = list.Select(e => e.Name).ToArray();
    }

    /// <summary>The backend that ran the experiment.</summary>
    public string Backend { get; }

    /// <summary>The explorations' results by name.</summary>
    public IReadOnlyDictionary<string, ExplorationResult> Explorations { get; }

    /// <summary>The exploration names in the experiment's order.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"ExperimentResult(backend='{Backend}', explorations=[{string.Join(", ", Order.Select(n => Explorations[n].ToString()))}])";
}
