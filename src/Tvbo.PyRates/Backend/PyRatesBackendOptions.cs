namespace Tvbo.PyRates.Backend;

/// <summary>Settings of the PyRates backend.</summary>
public sealed class PyRatesBackendOptions
{
    /// <summary>The default number of conditions per <c>grid_search</c> call. PyRates 1.2.3 builds a grid's network
    /// in time quadratic in its number of conditions (each condition copies the circuit built so far), while every
    /// call also has a fixed cost (template, code generation, about 0.15 s), so large grids run as several calls of
    /// this many conditions. Measured per condition on QIF with 10 000 steps (2 cores, Debian Python 3.11): one call
    /// of 10 conditions 17.8 ms, 25: 7.9 ms, 50: 5.2 ms, 100: 4.5 ms, 200: 5.9 ms, 400: 9.9 ms, 1 000: about 27 ms.</summary>
    public const int DefaultChunkSize = 100;

    /// <summary>The python executable to embed; <see langword="null"/> to locate one (environment variable
    /// <c>TVBO_PYTHON</c>, then <c>PYTHONNET_PYDLL</c>, then <c>python3</c>/<c>python</c> on <c>PATH</c> and
    /// <c>/usr/bin/python3</c>, preferring one that imports PyRates). A process embeds one interpreter: the first
    /// backend run decides which.</summary>
    public string? PythonExecutable { get; init; }

    /// <summary>Conditions per <c>grid_search</c> call (default <see cref="DefaultChunkSize"/>). Euler and Heun
    /// results do not depend on it. RK45 (PyRates' <c>scipy</c> solver) integrates all conditions of one call as a
    /// single system with one shared adaptive step, so its results depend on which conditions share a call: set
    /// <see cref="int.MaxValue"/> to run the whole grid in one call as PyRates alone would.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>A directory where each run's generated PyRates YAML is kept for inspection
    /// (<c>&lt;circuit&gt;.yaml</c>, the exact text run), or <see langword="null"/> to keep nothing.</summary>
    public string? KeepYamlDirectory { get; init; }

    /// <summary>Run chunks on a Dask LocalCluster of this many single-threaded worker processes started by this
    /// process (python3-distributed must be installed); <see langword="null"/> runs them in the embedded interpreter.</summary>
    public int? Workers { get; init; }

    /// <summary>Run chunks on the existing Dask cluster whose scheduler is at this address (e.g.
    /// <c>tcp://host:8786</c>); its workers need Python, PyRates and distributed (the bridge's code is uploaded).</summary>
    public string? SchedulerAddress { get; init; }

    /// <summary>Whether chunks run as Dask tasks (<see cref="Workers"/> or <see cref="SchedulerAddress"/> set).</summary>
    public bool UsesCluster => Workers is not null || SchedulerAddress is not null;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="TvboException">The chunk size or worker count is not positive, or both a worker count and a
    /// scheduler address are given.</exception>
    public void Validate()
    {
        if (Workers is < 1)
        {
            throw new TvboException($"PyRatesBackendOptions.Workers = {Workers}; it must be at least 1 (worker processes of a Dask LocalCluster).");
        }

        if (Workers is not null && SchedulerAddress is not null)
        {
            throw new TvboException("PyRatesBackendOptions: give Workers (a local cluster) or SchedulerAddress (an existing cluster), not both.");
        }

        if (ChunkSize < 1)
        {
            throw new TvboException($"PyRatesBackendOptions.ChunkSize = {ChunkSize}; it must be at least 1 (conditions per grid_search call; default {DefaultChunkSize}).");
        }
    }
}
