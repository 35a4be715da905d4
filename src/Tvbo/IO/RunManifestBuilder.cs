using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>The <c>run.json</c> of a run folder as it is begun (status <c>writing</c>): the command, the experiment,
/// the backend, the settings and each exploration's shape and planned files.</summary>
internal static class RunManifestBuilder
{
    /// <summary>The manifest of a run about to be written.</summary>
    public static RunManifest Create(ExperimentResult result, SimulationExperiment experiment, RunFolderOptions options, ResultMetadata metadata, IResultWriter writer, IReadOnlyList<ExplorationResult> explorations)
    {
        var manifest = new RunManifest
        {
            Status = RunManifest.Writing,
            Command = options.Command.ToList(),
            WorkingDirectory = Environment.CurrentDirectory,
            Started = options.Started ?? DateTimeOffset.UtcNow,
            Backend = result.Backend,
            BackendVersion = options.Backend?.Version,
            Software = new Dictionary<string, string>(metadata.Software, StringComparer.Ordinal),
            Experiment = new ManifestExperiment
            {
                File = metadata.ExperimentFile,
                Sha256 = metadata.ExperimentSha256,
                Model = metadata.Model,
                Id = metadata.ExperimentId,
                Label = metadata.ExperimentLabel,
            },
            Settings = Settings(experiment, options, writer),
            Explorations = explorations.Select(r => Exploration(r, writer)).ToList(),
            Directories = explorations.Select(r => r.Name).ToList(),
            WallTimeSeconds = new Dictionary<string, double> { ["run"] = options.RunTime.TotalSeconds },
        };
        manifest.Files = manifest.Explorations.SelectMany(e => e.Files).ToList();
        return manifest;
    }

    private static ManifestExploration Exploration(ExplorationResult r, IResultWriter writer) => new()
    {
        Name = r.Name,
        Shape = r.Shape.ToList(),
        Conditions = r.ConditionCount,
        Samples = r.SampleCount,
        Outputs = r.OutputNames.ToList(),
        Store = r.HasSeries ? "series" : "summary",
        Failures = r.Failures.Count,
        Cancelled = r.Failures.Count(f => f.IsCancelled) is > 0 and var cancelled ? cancelled : null,
        Files = writer.PlannedFiles(r).ToList(),
    };

    private static Dictionary<string, JsonElement> Settings(SimulationExperiment experiment, RunFolderOptions options, IResultWriter writer)
    {
        var i = experiment.Integration;
        var run = options.Run;
        var settings = new Dictionary<string, object?>
        {
            ["format"] = options.Format == ResultFormat.NetCdf ? "netcdf" : "csv",
            ["csvLayout"] = options.Format == ResultFormat.Csv ? options.CsvLayout.ToString().ToLowerInvariant() : null,
            ["overwrite"] = options.Overwrite,
            ["store"] = run.Store == ResultStore.Series ? "series" : "summary",
            ["summaryWindow"] = run.SummaryWindow,
            ["maxResultBytes"] = run.MaxResultBytes,
            ["explorations"] = experiment.Explorations.Select(e => e.Name).ToArray(),
            ["integration"] = new Dictionary<string, object?>
            {
                ["method"] = i.Method.ToString().ToLowerInvariant(),
                ["stepSize"] = i.StepSize,
                ["samplingStepSize"] = i.SamplingStepSize,
                ["duration"] = i.Duration,
                ["transientTime"] = i.TransientTime,
                ["rtol"] = i.Method == IntegrationMethod.RK45 ? i.RelativeTolerance : null, // the adaptive method's only
                ["atol"] = i.Method == IntegrationMethod.RK45 ? i.AbsoluteTolerance : null,
                ["couplingEvaluation"] = experiment.Network is null ? null : i.CouplingEvaluation == CouplingEvaluation.PerStep ? "per_step" : "per_stage",
            },
            ["network"] = experiment.Network is { } net ? NetworkRecord(net) : null,
            ["writer"] = writer.Description,
            ["networkTransforms"] = experiment.Network is { Transforms.Count: > 0 } network ? network.Transforms.Select(t => t.ToString()).ToArray() : null,
        };
        if (options.Backend is { Settings.Count: > 0 } backend)
        {
            settings[backend.Name] = backend.Settings;
        }

        return settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => RunManifest.Setting(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>The network as run: its size, where its matrices came from, and a SHA-256 of the weights and lengths
    /// (after the transforms; float64, little-endian, row by row) that identifies them whatever file they came from.</summary>
    private static Dictionary<string, object?> NetworkRecord(Tvbo.Networks.Network network)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var matrix in new[] { network.Weights, network.Lengths })
        {
            var bytes = new byte[matrix.Length * sizeof(double)];
            Buffer.BlockCopy(matrix, 0, bytes, 0, bytes.Length);
            if (!BitConverter.IsLittleEndian)
            {
                for (var k = 0; k < bytes.Length; k += sizeof(double))
                {
                    Array.Reverse(bytes, k, sizeof(double));
                }
            }

            sha.AppendData(bytes);
        }

        var record = new Dictionary<string, object?>
        {
            ["nodes"] = network.NodeCount,
            ["edges"] = network.EdgeCount,
            ["source"] = network.Source,
            ["conductionSpeed"] = network.ConductionSpeed,
            ["matricesSha256"] = Convert.ToHexStringLower(sha.GetHashAndReset()),
        };
        return record.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
