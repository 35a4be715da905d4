using System.CommandLine;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary>
/// The result files of <c>tvbo run --out DIR [--format csv|netcdf] [--csv-layout wide|long|tidy] [--overwrite]</c>:
/// the folder is checked before computing (<see cref="ResultDirectory"/>), earlier files are removed right before
/// the new ones are written, the estimated size is printed when it exceeds 1 GiB, and <c>run.json</c> is written
/// first with status <c>writing</c> and last with status <c>complete</c>. A failed or cancelled write removes the
/// files it wrote (<see cref="RunFolder"/>).
/// </summary>
internal sealed class RunOutput
{
    private RunOutput(string directory, ResultFormat format, CsvLayout layout, bool overwrite)
    {
        Directory = directory;
        Format = format;
        Layout = layout;
        Overwrite = overwrite;
    }

    public string Directory { get; }

    public ResultFormat Format { get; }

    public CsvLayout Layout { get; }

    public bool Overwrite { get; }

    /// <summary>Reads <c>--format</c>, <c>--csv-layout</c> and <c>--overwrite</c>; <see langword="null"/> without <c>--out</c>.</summary>
    public static RunOutput? Parse(ParseResult parse, string? outDir)
    {
        var formatText = parse.GetValue(TvboCommands.Format);
        var layoutText = parse.GetValue(TvboCommands.CsvLayout);
        var overwrite = parse.GetValue(TvboCommands.Overwrite);
        if (outDir is null)
        {
            return formatText is null && layoutText is null && !overwrite
                ? null
                : throw new UsageException("--format, --csv-layout and --overwrite apply to the files of --out DIR; give --out.");
        }

        var format = ResultFormat.Csv;
        if (formatText is not null && !ResultWriters.TryParseFormat(formatText, out format))
        {
            throw new UsageException($"--format must be 'csv' or 'netcdf', got '{formatText}'.");
        }

        var layout = CsvLayout.Wide;
        if (layoutText is not null)
        {
            if (format != ResultFormat.Csv)
            {
                throw new UsageException("--csv-layout applies to --format csv only.");
            }

            if (!ResultWriters.TryParseCsvLayout(layoutText, out layout))
            {
                throw new UsageException($"--csv-layout must be 'wide', 'long' or 'tidy', got '{layoutText}'.");
            }
        }

        return new RunOutput(outDir, format, layout, overwrite);
    }

    /// <summary>Checks the folder before anything is computed.</summary>
    /// <param name="protectedPaths">Inputs that --overwrite must not delete.</param>
    public ResultDirectory Prepare(IEnumerable<string> protectedPaths) => ResultDirectory.Prepare(Directory, Overwrite, protectedPaths);

    /// <summary>Starts writing a run's results (<see cref="RunFolder.Begin"/>) and prints the estimated size when it is
    /// large.</summary>
    public RunFolder Begin(ResultDirectory target, ExperimentResult result, SimulationExperiment experiment, RunFolderOptions options, TextWriter stdout)
    {
        var folder = RunFolder.Begin(target, result, experiment, options);
        if (folder.EstimatedBytes > ResultSize.LargeWriteBytes)
        {
            stdout.WriteLine($"  writing about {ResultSize.Format(folder.EstimatedBytes)} to {folder.FullPath} ({folder.WriterDescription})");
        }

        return folder;
    }

    /// <summary>What the run folder records: these flags, the experiment file, the command, the backend's
    /// description and the run's options and times.</summary>
    public RunFolderOptions FolderOptions(string experimentFile, BackendDescription backend, RunOptions options, IReadOnlyList<string> arguments, DateTimeOffset started, TimeSpan runTime) => new()
    {
        Format = Format,
        CsvLayout = Layout,
        Overwrite = Overwrite,
        ExperimentFile = experimentFile,
        Command = arguments,
        Started = started,
        RunTime = runTime,
        Run = options,
        Backend = backend,
    };
}
