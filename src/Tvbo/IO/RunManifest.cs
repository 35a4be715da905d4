using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tvbo.IO;

/// <summary>
/// <c>run.json</c>, in every run folder: the command, the backend and software versions, the settings, the
/// experiment file with its SHA-256, each exploration's files, and the wall times. It also tells the next run which
/// files in the folder are this run's (see <see cref="ResultDirectory"/>). It is written last, when the run's files are
/// in place: <see cref="Status"/> is <c>complete</c>, or <c>partial</c> when the run was cancelled and the folder holds
/// what had finished (<see cref="NotRun"/>, <see cref="ManifestExploration.Cancelled"/>).
/// </summary>
public sealed class RunManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "run.json";

    /// <summary>The status of a manifest whose run is still being written (in memory; a run folder holds its manifest only
    /// once the files are in place).</summary>
    public const string Writing = "writing";

    /// <summary>The status once every file is written.</summary>
    public const string Complete = "complete";

    /// <summary>The status of a cancelled run whose finished results were written: the explorations that finished, and
    /// of the one it stopped, the conditions that finished (the others NaN, listed in its failures).</summary>
    public const string Partial = "partial";

    /// <summary>The tool that wrote the folder (<c>tvbo</c>).</summary>
    public string Tool { get; set; } = "tvbo";

    /// <summary>The manifest's version (1).</summary>
    public int ManifestVersion { get; set; } = 1;

    /// <summary><see cref="Writing"/>, <see cref="Complete"/> or <see cref="Partial"/>.</summary>
    public string Status { get; set; } = Writing;

    /// <summary>The command line's arguments (after the program name).</summary>
    public List<string> Command { get; set; } = [];

    /// <summary>The working directory of the run.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset Started { get; set; }

    /// <summary>When the last file was written (UTC), or <see langword="null"/> while writing.</summary>
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Wall times in seconds: <c>total</c>, <c>run</c> (computing), <c>write</c> (files).</summary>
    public Dictionary<string, double> WallTimeSeconds { get; set; } = [];

    /// <summary>The backend's name.</summary>
    public string Backend { get; set; } = string.Empty;

    /// <summary>The backend's version (PyRates' version for <c>pyrates</c>), or <see langword="null"/>.</summary>
    public string? BackendVersion { get; set; }

    /// <summary>Software versions (Tvbo, the backend's assembly, .NET, Python, numpy, PyRates...).</summary>
    public Dictionary<string, string> Software { get; set; } = [];

    /// <summary>The experiment file and what it holds.</summary>
    public ManifestExperiment Experiment { get; set; } = new();

    /// <summary>The settings of the run (format, layout, store, summary window, integration, backend options...).</summary>
    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    /// <summary>The explorations written, in order.</summary>
    public List<ManifestExploration> Explorations { get; set; } = [];

    /// <summary>Of a <see cref="Partial"/> run: the explorations asked for that did not run; otherwise
    /// <see langword="null"/>.</summary>
    public List<string>? NotRun { get; set; }

    /// <summary>Every file of the run, relative to the folder, '/'-separated (without <c>run.json</c>).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>The folders the run created (exploration folders), relative to the folder.</summary>
    public List<string> Directories { get; set; } = [];

    /// <summary>JSON options of the manifest (camelCase, indented).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A setting's value as JSON.</summary>
    /// <param name="value">The value (string, number, bool, list, null...).</param>
    public static JsonElement Setting(object? value) => JsonSerializer.SerializeToElement(value, JsonOptions);

    /// <summary>Reads the manifest of a folder.</summary>
    /// <param name="directory">The run folder.</param>
    /// <returns>The manifest, or <see langword="null"/> when the folder has none.</returns>
    /// <exception cref="ResultFileException">The file is not a manifest.</exception>
    public static RunManifest? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        if (Tvbo.Files.InputFile.Problem(path, MaxBytes) is { } problem)
        {
            throw new ResultFileException($"'{path}' {problem}; tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite.", path);
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), JsonOptions);
            return manifest is { Tool: "tvbo" } ? manifest : throw new JsonException("not written by tvbo");
        }
        catch (JsonException ex)
        {
            throw new ResultFileException($"'{path}' is not a tvbo run manifest ({ex.Message}); tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite.", path, ex);
        }
    }

    /// <summary>The largest <c>run.json</c> read (64 MiB), checked with the file-access policy before it is opened.</summary>
    private const long MaxBytes = 64L << 20;

    /// <summary>Writes the manifest into <paramref name="directory"/> (through a temporary file, so a reader never
    /// sees half a manifest).</summary>
    /// <param name="directory">The run folder.</param>
    public void Write(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The experiment of a run, in <c>run.json</c>.</summary>
public sealed class ManifestExperiment
{
    /// <summary>The experiment file (full path).</summary>
    public string? File { get; set; }

    /// <summary>Its SHA-256 (lower-case hex).</summary>
    public string? Sha256 { get; set; }

    /// <summary>The model's name.</summary>
    public string? Model { get; set; }

    /// <summary>The experiment's id.</summary>
    public string? Id { get; set; }

    /// <summary>The experiment's label.</summary>
    public string? Label { get; set; }
}

/// <summary>One exploration of a run, in <c>run.json</c>.</summary>
public sealed class ManifestExploration
{
    /// <summary>The exploration's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Its grid's shape.</summary>
    public List<int> Shape { get; set; } = [];

    /// <summary>The number of conditions.</summary>
    public int Conditions { get; set; }

    /// <summary>Samples per condition.</summary>
    public int Samples { get; set; }

    /// <summary>The outputs.</summary>
    public List<string> Outputs { get; set; } = [];

    /// <summary><c>series</c> or <c>summary</c>.</summary>
    public string Store { get; set; } = "series";

    /// <summary>The number of failed conditions (those not finished because of a cancellation included).</summary>
    public int Failures { get; set; }

    /// <summary>Of a <see cref="RunManifest.Partial"/> run's stopped exploration: the conditions that did not finish
    /// (NaN, each listed in the failures); otherwise <see langword="null"/>.</summary>
    public int? Cancelled { get; set; }

    /// <summary>Its files, relative to the run folder, '/'-separated.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Their total size in bytes.</summary>
    public long Bytes { get; set; }

    /// <summary>Seconds spent writing them.</summary>
    public double WriteSeconds { get; set; }
}
