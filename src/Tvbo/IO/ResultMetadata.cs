using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Tvbo.Experiment;

namespace Tvbo.IO;

/// <summary>
/// What a result file records besides the numbers: the model, the backend and its version, the software versions,
/// the integration settings and the experiment file with its SHA-256. Results do not carry these, so whoever writes
/// a file passes them explicitly (<see cref="From"/> fills everything an experiment knows).
/// </summary>
public sealed record ResultMetadata
{
    /// <summary>The model's name, or <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>The experiment's id (<c>id:</c>), or <see langword="null"/>.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The experiment's label, or <see langword="null"/>.</summary>
    public string? ExperimentLabel { get; init; }

    /// <summary>The experiment file as given, or <see langword="null"/> for an experiment built in code.</summary>
    public string? ExperimentFile { get; init; }

    /// <summary>The experiment file's SHA-256 (lower-case hex), or <see langword="null"/>.</summary>
    public string? ExperimentSha256 { get; init; }

    /// <summary>The backend's version: PyRates' <c>__version__</c> for <c>pyrates</c>, the assembly's version for
    /// <c>native</c>; <see langword="null"/> when unknown.</summary>
    public string? BackendVersion { get; init; }

    /// <summary>Software and versions (e.g. <c>Tvbo</c>, <c>Tvbo.Native</c>, <c>python</c>, <c>numpy</c>).</summary>
    public IReadOnlyDictionary<string, string> Software { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The integration method (<c>euler</c>, <c>heun</c>, <c>rk4</c>, <c>rk45</c>), or <see langword="null"/>.</summary>
    public string? Method { get; init; }

    /// <summary>The integration step, or <see langword="null"/>.</summary>
    public double? StepSize { get; init; }

    /// <summary>The sampling step, or <see langword="null"/> when every step is returned.</summary>
    public double? SamplingStepSize { get; init; }

    /// <summary>The simulated duration, or <see langword="null"/>.</summary>
    public double? Duration { get; init; }

    /// <summary>The transient integrated before t = 0, or <see langword="null"/>.</summary>
    public double? TransientTime { get; init; }

    /// <summary>The unit of the times as the experiment names it (<see cref="IntegrationSettings.TimeUnit"/>: TVBO's
    /// <c>time_scale</c>), or <see langword="null"/> when it names none.</summary>
    public string? TimeUnit { get; init; }

    /// <summary>RK45's relative tolerance, or <see langword="null"/>.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>RK45's absolute tolerance, or <see langword="null"/>.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>The summary window: the fraction of samples at the end over which min/max/mean are taken (0.2).</summary>
    public double SummaryWindow { get; init; } = 0.2;

    /// <summary>The noise, as text (kind, sigma, correlation time, targets), or <see langword="null"/> without noise.</summary>
    public string? Noise { get; init; }

    /// <summary>The noise's seed, or <see langword="null"/> without noise.</summary>
    public long? NoiseSeed { get; init; }

    /// <summary>The input series, by the symbol they are added to, or <see langword="null"/> without inputs.</summary>
    public string? Inputs { get; init; }

    /// <summary>For a shard (<see cref="Backends.RunOptions.Conditions"/>), the first condition of the whole grid it holds;
    /// otherwise <see langword="null"/>.</summary>
    public int? ConditionStart { get; init; }

    /// <summary>For a shard, one past the last condition of the whole grid it holds; otherwise <see langword="null"/>.</summary>
    public int? ConditionStop { get; init; }

    /// <summary>Units by symbol (the model's parameters and state variables, as <c>Parameter.Unit</c> and
    /// <c>StateVariable.Unit</c> give them; symbols without a unit are
    /// absent). A NetCDF file gives each varied parameter and output its unit as the CF <c>units</c> attribute, and
    /// reads back those of its parameters and outputs.</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Descriptions by symbol (the model's parameters, state and derived variables that have one). A NetCDF
    /// file puts them in the CF <c>long_name</c> of the varied parameters and outputs, and reads back those.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The model's number of modes when it has more than one (<c>number_of_modes</c>: its outputs are then
    /// <c>x_m0</c> … <c>x_m{M-1}</c>, which a NetCDF file holds as one variable <c>x</c> over a <c>mode</c>
    /// dimension); otherwise <see langword="null"/>.</summary>
    public int? NumberOfModes { get; init; }

    /// <summary>No metadata beyond the defaults.</summary>
    public static ResultMetadata Empty { get; } = new();

    /// <summary>The software versions as one line: <c>Tvbo=1.0.0, pyrates=1.2.3</c>.</summary>
    [JsonIgnore]
    public string SoftwareText => string.Join(", ", Software.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The metadata of an experiment: model, integration settings and, when given, the experiment file with
    /// its SHA-256; <see cref="Software"/> holds Tvbo's version.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="experimentFile">The file it was loaded from, or <see langword="null"/>.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ResultMetadata From(SimulationExperiment experiment, string? experimentFile = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var integration = experiment.Integration;
        return new ResultMetadata
        {
            Model = experiment.Model.Name,
            ExperimentId = experiment.Id,
            ExperimentLabel = experiment.Label,
            ExperimentFile = experimentFile,
            ExperimentSha256 = experimentFile is null ? null : Sha256(experimentFile),
            Method = integration.Method.ToString().ToLowerInvariant(),
            StepSize = integration.StepSize,
            SamplingStepSize = integration.SamplingStepSize,
            Duration = integration.Duration,
            TransientTime = integration.TransientTime,
            TimeUnit = integration.TimeUnit,
            RelativeTolerance = integration.Method == IntegrationMethod.RK45 ? integration.RelativeTolerance : null, // the adaptive method's only
            AbsoluteTolerance = integration.Method == IntegrationMethod.RK45 ? integration.AbsoluteTolerance : null,
            Noise = integration.Noise?.ToString(),
            NoiseSeed = integration.Noise?.Seed,
            Inputs = experiment.Inputs.Count == 0 ? null : string.Join(", ", experiment.Inputs.Select(i => $"{i.Key} ({(i.Value.Conditions is { } c ? $"{c} series" : "shared")}, {(i.Value.Length is { } n ? $"{n} steps" : "generated")})")),
            Software = new Dictionary<string, string>(StringComparer.Ordinal) { ["Tvbo"] = VersionOf(typeof(ResultMetadata).Assembly) },
            Units = Symbols(experiment.Model.Parameters.Select(p => (p.Name, p.Unit)).Concat(experiment.Model.StateVariables.Select(v => (v.Name, v.Unit)))),
            Descriptions = Symbols(experiment.Model.Parameters.Select(p => (p.Name, p.Description))
                .Concat(experiment.Model.StateVariables.Select(v => (v.Name, v.Description)))
                .Concat(experiment.Model.DerivedVariables.Select(v => (v.Name, v.Description)))),
            NumberOfModes = experiment.Model.NumberOfModes > 1 ? experiment.Model.NumberOfModes : null,
        };
    }

    // The non-blank texts by name (the first of a name wins).
    private static Dictionary<string, string> Symbols(IEnumerable<(string Name, string? Text)> symbols)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in symbols)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                result.TryAdd(name, text.Trim());
            }
        }

        return result;
    }

    /// <summary>A file's SHA-256 as lower-case hex.</summary>
    /// <param name="path">The file.</param>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>An assembly's informational version (e.g. <c>1.0.0+a558f68</c>), or its version.</summary>
    /// <param name="assembly">The assembly.</param>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    /// <summary>A copy with more software versions (later entries win; <see langword="null"/> versions are skipped).</summary>
    /// <param name="software">Name and version pairs.</param>
    public ResultMetadata WithSoftware(IEnumerable<KeyValuePair<string, string?>> software)
    {
        ArgumentNullException.ThrowIfNull(software);
        var merged = new Dictionary<string, string>(Software, StringComparer.Ordinal);
        foreach (var (name, version) in software)
        {
            if (version is not null)
            {
                merged[name] = version;
            }
        }

        return this with { Software = merged };
    }

    /// <summary>Parses <see cref="SoftwareText"/>.</summary>
    /// <param name="text">The text.</param>
    internal static Dictionary<string, string> ParseSoftware(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? string.Empty).Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[part[..eq]] = part[(eq + 1)..];
            }
        }

        return result;
    }
}
