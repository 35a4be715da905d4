using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.PyRates.Backend;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary>
/// The result files of <c>tvbo run --out DIR [--format csv|netcdf] [--csv-layout wide|long|tidy] [--overwrite]</c>:
/// the folder is checked before computing (<see cref="ResultDirectory"/>), earlier files are removed right before
/// the new ones are written, the estimated size is printed when it exceeds 1 GiB, and <c>run.json</c> is written
/// first with status <c>writing</c> and last with status <c>complete</c>. A failed or cancelled write removes the
/// files it wrote.
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

    /// <summary>Starts writing a run's results: prints the size when large, clears the folder, writes the manifest
    /// with status <c>writing</c>.</summary>
    public Session Begin(
        ResultDirectory target,
        ExperimentResult result,
        SimulationExperiment experiment,
        string experimentFile,
        ISimulationBackend backend,
        RunOptions options,
        IReadOnlyList<string> arguments,
        DateTimeOffset started,
        TimeSpan runTime,
        TextWriter stdout)
    {
        var writer = ResultWriters.Create(Format, Layout);
        var (backendVersion, software) = Versions(backend);
        var metadata = ResultMetadata.From(experiment, Path.GetFullPath(experimentFile)) with
        {
            BackendVersion = backendVersion,
            SummaryWindow = options.SummaryWindow,
            ConditionStart = options.Conditions?.Start,
            ConditionStop = options.Conditions?.Stop,
        };
        metadata = metadata.WithSoftware(software);
        var explorations = result.Order.Select(n => result.Explorations[n]).ToArray();
        var estimate = explorations.Sum(writer.EstimateBytes);
        if (estimate > ResultSize.LargeWriteBytes)
        {
            stdout.WriteLine($"  writing about {ResultSize.Format(estimate)} to {target.FullPath} ({writer.Description})");
        }

        target.Clear();
        var manifest = new RunManifest
        {
            Status = RunManifest.Writing,
            Command = arguments.ToList(),
            WorkingDirectory = Environment.CurrentDirectory,
            Started = started,
            Backend = result.Backend,
            BackendVersion = backendVersion,
            Software = new Dictionary<string, string>(metadata.Software, StringComparer.Ordinal),
            Experiment = new ManifestExperiment
            {
                File = metadata.ExperimentFile,
                Sha256 = metadata.ExperimentSha256,
                Model = metadata.Model,
                Id = metadata.ExperimentId,
                Label = metadata.ExperimentLabel,
            },
            Settings = Settings(experiment, backend, options, writer),
            Explorations = explorations.Select(r => new ManifestExploration
            {
                Name = r.Name,
                Shape = r.Shape.ToList(),
                Conditions = r.ConditionCount,
                Samples = r.SampleCount,
                Outputs = r.OutputNames.ToList(),
                Store = r.HasSeries ? "series" : "summary",
                Failures = r.Failures.Count,
                Cancelled = r.Failures.Count(f => f.Reason == ConditionFailure.CancelledReason) is > 0 and var cancelled ? cancelled : null,
                Files = writer.PlannedFiles(r).ToList(),
            }).ToList(),
            Directories = explorations.Select(r => r.Name).ToList(),
            WallTimeSeconds = new Dictionary<string, double> { ["run"] = runTime.TotalSeconds },
        };
        manifest.Files = manifest.Explorations.SelectMany(e => e.Files).ToList();
        manifest.Write(target.FullPath);
        return new Session(target, writer, metadata, manifest, runTime);
    }

    private static (string? BackendVersion, List<KeyValuePair<string, string?>> Software) Versions(ISimulationBackend backend)
    {
        var assembly = backend.GetType().Assembly;
        var software = new List<KeyValuePair<string, string?>>
        {
            new(assembly.GetName().Name ?? backend.Name, ResultMetadata.VersionOf(assembly)),
            new(".NET", Environment.Version.ToString()),
            new("os", RuntimeInformation.OSDescription),
        };
        string? version = ResultMetadata.VersionOf(assembly);
        if (backend is PyRatesBackend pyrates)
        {
            try
            {
                var python = pyrates.StartPython();
                version = python.PyRatesVersion;
                software.Add(new("pyrates", python.PyRatesVersion));
                software.Add(new("python", python.Version));
                software.Add(new("numpy", python.NumpyVersion));
                software.Add(new("pandas", python.PandasVersion));
            }
            catch (TvboException)
            {
                version = null;
            }
        }

        return (version, software);
    }

    private Dictionary<string, System.Text.Json.JsonElement> Settings(SimulationExperiment experiment, ISimulationBackend backend, RunOptions options, IResultWriter writer)
    {
        var i = experiment.Integration;
        var settings = new Dictionary<string, object?>
        {
            ["format"] = Format == ResultFormat.NetCdf ? "netcdf" : "csv",
            ["csvLayout"] = Format == ResultFormat.Csv ? Layout.ToString().ToLowerInvariant() : null,
            ["overwrite"] = Overwrite,
            ["store"] = options.Store == ResultStore.Series ? "series" : "summary",
            ["summaryWindow"] = options.SummaryWindow,
            ["maxResultBytes"] = options.MaxResultBytes,
            ["explorations"] = experiment.Explorations.Select(e => e.Name).ToArray(),
            ["integration"] = new Dictionary<string, object?>
            {
                ["method"] = i.Method.ToString().ToLowerInvariant(),
                ["stepSize"] = i.StepSize,
                ["samplingStepSize"] = i.SamplingStepSize,
                ["duration"] = i.Duration,
                ["transientTime"] = i.TransientTime,
                ["rtol"] = i.RelativeTolerance,
                ["atol"] = i.AbsoluteTolerance,
            },
            ["writer"] = writer.Description,
        };
        if (backend is PyRatesBackend pyrates)
        {
            settings["pyrates"] = new Dictionary<string, object?>
            {
                ["python"] = pyrates.Options.PythonExecutable,
                ["chunkSize"] = pyrates.Options.ChunkSize,
                ["keepYaml"] = pyrates.Options.KeepYamlDirectory,
            };
        }

        return settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => RunManifest.Setting(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>One run's writing: each exploration's files, then the completed manifest.</summary>
    internal sealed class Session(ResultDirectory target, IResultWriter writer, ResultMetadata metadata, RunManifest manifest, TimeSpan runTime)
    {
        private readonly Stopwatch _writeTime = new();

        public IReadOnlyList<string> Write(ExplorationResult result, CancellationToken cancellationToken)
        {
            _writeTime.Start();
            var started = Stopwatch.StartNew();
            var written = writer.Write(result, target.FullPath, metadata, cancellationToken);
            _writeTime.Stop();
            var entry = manifest.Explorations.First(e => e.Name == result.Name);
            entry.WriteSeconds = started.Elapsed.TotalSeconds;
            return written;
        }

        /// <summary>Lists every file now in the folder (figures included) and marks the run complete, or partial when
        /// <paramref name="notRun"/> is given (a cancelled run: those explorations did not run).</summary>
        public void Complete(IReadOnlyList<string>? notRun = null)
        {
            var files = target.CurrentFiles();
            manifest.Files = files.ToList();
            foreach (var e in manifest.Explorations)
            {
                e.Files = files.Where(f => Belongs(f, e.Name)).ToList();
                e.Bytes = e.Files.Sum(f => new FileInfo(Path.Combine(target.FullPath, f)).Length);
            }

            manifest.Status = notRun is null ? RunManifest.Complete : RunManifest.Partial;
            manifest.NotRun = notRun?.ToList();
            manifest.Finished = DateTimeOffset.UtcNow;
            manifest.WallTimeSeconds["write"] = _writeTime.Elapsed.TotalSeconds;
            manifest.WallTimeSeconds["total"] = (manifest.Finished.Value - manifest.Started).TotalSeconds;
            manifest.WallTimeSeconds["run"] = runTime.TotalSeconds;
            manifest.Write(target.FullPath);
        }

        /// <summary>After a cancelled write: keeps the explorations <paramref name="kept"/> written in full, removes the
        /// files of the others, and marks the run partial with <paramref name="notRun"/>.</summary>
        public void KeepOnly(IReadOnlyCollection<string> kept, IReadOnlyList<string> notRun)
        {
            foreach (var f in target.CurrentFiles().Where(f => !kept.Any(k => Belongs(f, k))))
            {
                File.Delete(Path.Combine(target.FullPath, f));
            }

            foreach (var e in manifest.Explorations.Where(e => !kept.Contains(e.Name)).Select(e => e.Name).ToArray())
            {
                var folder = Path.Combine(target.FullPath, e);
                if (System.IO.Directory.Exists(folder) && !System.IO.Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Any(p => File.Exists(p)))
                {
                    System.IO.Directory.Delete(folder, recursive: true);
                }
            }

            manifest.Explorations.RemoveAll(e => !kept.Contains(e.Name));
            manifest.Directories.RemoveAll(d => !kept.Contains(d));
            Complete(notRun);
        }

        private static bool Belongs(string file, string exploration) =>
            file.StartsWith(exploration + "/", StringComparison.Ordinal) || (file.StartsWith(exploration + ".", StringComparison.Ordinal) && !file.Contains('/', StringComparison.Ordinal));

        /// <summary>After a failed or cancelled write: removes what this run wrote, the manifest included.</summary>
        public void Abort()
        {
            try
            {
                foreach (var f in target.CurrentFiles())
                {
                    File.Delete(Path.Combine(target.FullPath, f));
                }

                File.Delete(Path.Combine(target.FullPath, RunManifest.FileName));
                ResultDirectory.Prepare(target.FullPath, overwrite: false).Clear();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TvboException)
            {
                // Best effort: the manifest (status 'writing') still marks the files as this run's.
            }
        }
    }
}
