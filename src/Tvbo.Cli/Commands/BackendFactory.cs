using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Native;
using Tvbo.PyRates.Backend;

namespace Tvbo.Cli.Commands;

/// <summary>Creates the backends a command line names, with their backend-specific options
/// (<c>--python</c>, <c>--chunk-size</c> and <c>--keep-yaml</c> for PyRates): the one place the command line names
/// backend types.</summary>
internal static class BackendFactory
{
    /// <summary>The native backend's name.</summary>
    public const string NativeName = NativeBackend.BackendName;

    /// <summary>Conditions per PyRates call without --chunk-size.</summary>
    public const int PyRatesChunkSize = PyRatesBackendOptions.DefaultChunkSize;

    public static ISimulationBackend[] Create(IReadOnlyList<string> names, ParseResult parse, ILogger logger, bool allowNativeScheduler = false)
    {
        var python = parse.GetValue(TvboCommands.Python);
        var chunkSize = parse.GetValue(TvboCommands.ChunkSize);
        var keepYaml = parse.GetValue(TvboCommands.KeepYaml);
        var workers = parse.GetValue(TvboCommands.Workers);
        var scheduler = parse.GetValue(TvboCommands.Scheduler);
        var pyrates = names.Any(IsPyRates);

        // 'run --backend native --scheduler ADDR [--chunk-size N] [--python PATH]': native shards on a Dask cluster.
        var nativeOnDask = allowNativeScheduler && scheduler is not null && names.All(n => string.Equals(n, NativeBackend.BackendName, StringComparison.OrdinalIgnoreCase));
        if (nativeOnDask && (keepYaml is not null || workers is not null))
        {
            throw new UsageException("the native backend on a Dask cluster takes --scheduler, --chunk-size (conditions per shard) and --python (the client's); --keep-yaml and --workers apply to the pyrates backend only.");
        }

        if (!pyrates && !nativeOnDask && (python is not null || chunkSize is not null || keepYaml is not null || workers is not null || scheduler is not null))
        {
            throw new UsageException($"--python, --chunk-size, --keep-yaml, --workers and --scheduler apply to the pyrates backend only, not to {string.Join(" or ", names.Select(n => $"'{n}'"))}.");
        }

        if (keepYaml is not null && File.Exists(keepYaml))
        {
            throw new UsageException($"--keep-yaml '{keepYaml}' is a file; give a folder for the generated PyRates YAML files (it is created when missing).");
        }

        if (workers is not null && scheduler is not null)
        {
            throw new UsageException("give --workers N (a local Dask cluster) or --scheduler ADDRESS (an existing one), not both.");
        }

        return names.Select(name =>
        {
            if (IsPyRates(name))
            {
                var options = new PyRatesBackendOptions
                {
                    PythonExecutable = python,
                    ChunkSize = chunkSize ?? PyRatesBackendOptions.DefaultChunkSize,
                    KeepYamlDirectory = keepYaml,
                    Workers = workers,
                    SchedulerAddress = scheduler,
                };
                logger.LogDebug("PyRates backend: python {Python}, chunk size {ChunkSize}, keep YAML in {KeepYaml}", python ?? "(located)", options.ChunkSize, keepYaml ?? "(no)");
                return new PyRatesBackend(options);
            }

            return string.Equals(name, NativeBackend.BackendName, StringComparison.OrdinalIgnoreCase) ? (ISimulationBackend)new NativeBackend() : BackendRegistry.Get(name);
        }).ToArray();
    }

    /// <summary>'run --backend native --scheduler ADDR': the grid's shards as Dask tasks that run this tool on the
    /// workers (--chunk-size conditions each; --python: the client's interpreter).</summary>
    public static Results.ExperimentResult RunNativeShards(ParseResult parse, string file, Tvbo.Files.ExperimentFile.ExperimentLoadOptions loadOptions, string scheduler, RunOptions options, string[] only, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        DaskNativeShards.Run(file, loadOptions, scheduler, parse.GetValue(TvboCommands.ChunkSize) ?? RunCommand.DefaultShardSize, options, only, parse.GetValue(TvboCommands.Python), progress, cancellationToken);

    private static bool IsPyRates(string name) => string.Equals(name, PyRatesBackend.BackendName, StringComparison.OrdinalIgnoreCase);
}
