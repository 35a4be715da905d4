using Tvbo.Bifurcation;

namespace Tvbo.Results;

/// <summary>The results of every exploration of an experiment, by exploration name, and of its continuations.</summary>
public sealed class ExperimentResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="backend">The backend that ran the experiment.</param>
    /// <param name="explorations">The explorations' results, in the experiment's order.</param>
    public ExperimentResult(string backend, IEnumerable<ExplorationResult> explorations)
        : this(backend, explorations, [])
    {
    }

    /// <summary>Creates the result with the experiment's continuations (<see cref="BifurcationAnalysis"/>).</summary>
    /// <param name="backend">The backend that ran the experiment.</param>
    /// <param name="explorations">The explorations' results, in the experiment's order.</param>
    /// <param name="continuations">The continuations' results, in the experiment's order.</param>
    /// <exception cref="ArgumentException">Two results share a name (their files would clash).</exception>
    public ExperimentResult(string backend, IEnumerable<ExplorationResult> explorations, IEnumerable<ContinuationResult> continuations)
    {
        ArgumentNullException.ThrowIfNull(explorations);
        ArgumentNullException.ThrowIfNull(continuations);
        Continuations = continuations.ToArray();
        Backend = backend;
        var list = explorations.ToList();
        Explorations = list.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Order = list.Select(e => e.Name).ToArray();
        if (Order.Concat(Continuations.Select(c => c.Name)).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two results are named '{twice.Key}' (an exploration and a continuation, or two continuations); each result's files are named after it, so the names must differ.", nameof(continuations));
        }
    }

    /// <summary>The continuations' results (bifurcation analysis), in the experiment's order; empty when none ran.</summary>
    public IReadOnlyList<ContinuationResult> Continuations { get; }

    /// <summary>The backend that ran the experiment.</summary>
    public string Backend { get; }

    /// <summary>The explorations' results by name.</summary>
    public IReadOnlyDictionary<string, ExplorationResult> Explorations { get; }

    /// <summary>The exploration names in the experiment's order.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Writes the results as a run folder, exactly as <c>tvbo run --out DIR</c> does: one CSV folder or NetCDF
    /// file per exploration, a CSV folder or NetCDF file per continuation (<see cref="IO.RunFolder.Write(ContinuationResult)"/>) and <c>run.json</c> (<see cref="IO.RunFolder"/>). An earlier run's files in the folder are
    /// replaced; files tvbo did not write are refused unless <see cref="IO.RunFolderOptions.Overwrite"/>. Cancelled
    /// while writing, the explorations written in full are kept and the folder is marked <c>partial</c>; a failed
    /// write removes what it wrote.</summary>
    /// <param name="directory">The folder (created if missing).</param>
    /// <param name="experiment">The experiment that was run (recorded in <c>run.json</c> and the result files).</param>
    /// <param name="options">Format and what to record; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The files written (full paths), <c>run.json</c> last.</returns>
    /// <exception cref="IO.ResultFileException">The folder cannot be used (see <see cref="IO.ResultDirectory.Prepare"/>).</exception>
    public IReadOnlyList<string> Save(string directory, Experiment.SimulationExperiment experiment, IO.RunFolderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(experiment);
        options ??= new IO.RunFolderOptions();
        var protectedPaths = options.ExperimentFile is { } file ? options.ProtectedPaths.Append(file) : options.ProtectedPaths;
        var target = IO.ResultDirectory.Prepare(directory, options.Overwrite, protectedPaths);
        var folder = IO.RunFolder.Begin(target, this, experiment, options);
        var written = new List<string>();
        var done = new List<string>();
        try
        {
            foreach (var name in Order)
            {
                written.AddRange(folder.Write(Explorations[name], cancellationToken));
                done.Add(name);
            }

            foreach (var c in Continuations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                written.AddRange(folder.Write(c));
                done.Add(c.Name);
            }

            folder.Complete(options.NotRun);
        }
        catch (OperationCanceledException) when (done.Count > 0)
        {
            folder.KeepOnly(done, experiment.Explorations.Select(e => e.Name).Except(done, StringComparer.Ordinal).ToList());
            throw;
        }
        catch
        {
            folder.Abort();
            throw;
        }

        written.Add(Path.Combine(folder.FullPath, IO.RunManifest.FileName));
        return written;
    }

    /// <summary>Reads a run folder written by <see cref="Save"/> or <c>tvbo run --out DIR</c>, the explorations and the
    /// continuations, each from its CSV folder or NetCDF file.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The results, in the folder's order, under the backend its <c>run.json</c> names.</returns>
    /// <exception cref="IO.ResultFileException">The folder does not exist, holds no results, or a file cannot be read.</exception>
    public static ExperimentResult Load(string directory) => IO.RunFolder.Read(directory).Result;

    /// <inheritdoc/>
    public override string ToString() =>
        $"ExperimentResult(backend='{Backend}', explorations=[{string.Join(", ", Order.Select(n => Explorations[n].ToString()))}])";
}
