using Tvbo.Backends;

namespace Tvbo.IO;

/// <summary>How a run folder is written (<see cref="RunFolder"/>, <see cref="Results.ExperimentResult.Save"/>): the
/// file format, whether an earlier run's files may be replaced, and what <c>run.json</c> records about the run.</summary>
public sealed record RunFolderOptions
{
    /// <summary>The file format: one folder of CSV files per exploration (default) or one NetCDF file each.</summary>
    public ResultFormat Format { get; init; } = ResultFormat.Csv;

    /// <summary>The layout of <c>series.csv</c> (CSV only; default wide).</summary>
    public CsvLayout CsvLayout { get; init; } = CsvLayout.Wide;

    /// <summary>Whether files in the folder that tvbo did not write may be replaced (<c>--overwrite</c>).</summary>
    public bool Overwrite { get; init; }

    /// <summary>The experiment file the run was loaded from (recorded with its SHA-256), or <see langword="null"/>
    /// for an experiment built in code.</summary>
    public string? ExperimentFile { get; init; }

    /// <summary>Inputs that must never be deleted, even with <see cref="Overwrite"/> (the experiment file and model
    /// folders).</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];

    /// <summary>The command line that made the run, recorded as is (empty for a run from code).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>When the run started; <see langword="null"/>: when the folder is begun.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>How long the run took (recorded as the <c>run</c> wall time).</summary>
    public TimeSpan RunTime { get; init; }

    /// <summary>The options the run was made with (store, summary window, limit, condition range).</summary>
    public RunOptions Run { get; init; } = new();

    /// <summary>The backend that made the run (<see cref="ISimulationBackend.Describe"/>); <see langword="null"/>:
    /// only the result's backend name is recorded.</summary>
    public BackendDescription? Backend { get; init; }

    /// <summary>Explorations of the experiment that did not run (a cancelled run); when given, the folder is marked
    /// <c>partial</c>.</summary>
    public IReadOnlyList<string>? NotRun { get; init; }

    /// <summary>The writer for <see cref="Format"/> and <see cref="CsvLayout"/>.</summary>
    /// <returns>A new writer.</returns>
    public IResultWriter CreateWriter() => ResultWriters.Create(Format, CsvLayout);
}
