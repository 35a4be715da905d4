using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tvbo.IO;

/// <summary>
/// <c>run.json</c>, in every run folder: the command, the backend and software versions, the settings, the
/// experiment file with its SHA-256, each exploration's files, and the wall times. It also tells the next run which
/// files in the folder are this run's (see <see cref="ResultDirectory"/>). It is written last, when the run's files are
/// in place: <see cref="Status"/> is <c>complete</c>, or <c>partial</c> when the run was cancelled and the folder holds
/// what had finished (<see cref="NotRun"/>, <see cref="ManifestExploration.Cancelled"/>). Continuations that failed are
/// listed with their reasons (<see cref="FailedContinuations"/>).
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

    /// <summary>The continuations written (bifurcation analysis), in order: each a folder <c>&lt;name&gt;/</c> of CSV
    /// files, or a file <c>&lt;name&gt;.nc</c>.</summary>
    public List<string> Continuations { get; set; } = [];

    /// <summary>The continuations that failed (their start is not an equilibrium, the continuation did not converge...),
    /// in order, each with the reason; <see langword="null"/> (absent from the file) when none failed, and in manifests
    /// written before it was recorded. A failed continuation has no files, and the run's other results are written.</summary>
    public List<ManifestContinuationFailure>? FailedContinuations { get; set; }

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
            throw new ResultFileException($"'{path}' {problem}; tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite (RunFolderOptions.Overwrite = true).", path);
        }

        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(CsvLineReader.Guard(path, () => File.ReadAllText(path)), JsonOptions);
        }
        catch (JsonException ex)
        {
            var at = ex.Path is { Length: > 2 } key && key.StartsWith("$.", StringComparison.Ordinal) ? $", at \"{ResultFileCheck.Show(key[2..])}\"" : string.Empty;
            var line = (ex.LineNumber ?? 0) + 1;
            throw new ResultFileException($"'{path}', line {line}: it is not a tvbo run manifest (not valid JSON, or a value of the wrong kind{at}); tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite (RunFolderOptions.Overwrite = true).", path, ex);
        }

        if (manifest is not { Tool: "tvbo" })
        {
            throw new ResultFileException($"'{path}' is not a tvbo run manifest (no \"tool\": \"tvbo\"); tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite (RunFolderOptions.Overwrite = true).", path);
        }

        return MissingList(manifest) is { } list
            ? throw new ResultFileException($"'{path}': \"{list}\" is null or holds null; valid: a list (or object), as tvbo writes it. tvbo will not treat the folder's files as its own. Remove it, or pass --overwrite (RunFolderOptions.Overwrite = true).", path)
            : manifest;
    }

    /// <summary>The first list or object of a manifest that is null or holds null (JSON <c>null</c> where tvbo writes
    /// a list), or <see langword="null"/>.</summary>
    private static string? MissingList(RunManifest m)
    {
        if (m.Command is null || m.Command.Contains(null!))
        {
            return "command";
        }

        if (m.WallTimeSeconds is null || m.Software is null || m.Settings is null || m.Experiment is null)
        {
            return m.WallTimeSeconds is null ? "wallTimeSeconds" : m.Software is null ? "software" : m.Settings is null ? "settings" : "experiment";
        }

        if (m.Files is null || m.Files.Contains(null!) || m.Directories is null || m.Directories.Contains(null!))
        {
            return m.Files is null || m.Files.Contains(null!) ? "files" : "directories";
        }

        if (m.Explorations is null)
        {
            return "explorations";
        }

        if (m.Continuations is null || m.Continuations.Contains(null!))
        {
            return "continuations";
        }

        if (m.FailedContinuations is { } failed && failed.Any(f => f is null || f.Name is null || f.Message is null))
        {
            return "failedContinuations";
        }

        for (var i = 0; i < m.Explorations.Count; i++)
        {
            var e = m.Explorations[i];
            if (e is null || e.Name is null || e.Files is null || e.Files.Contains(null!) || e.Outputs is null || e.Shape is null)
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"explorations[{i}]");
            }
        }

        return null;
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

/// <summary>A continuation of a run that failed, in <c>run.json</c>'s <c>failedContinuations</c>.</summary>
public sealed class ManifestContinuationFailure
{
    /// <summary>The continuation's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Why it failed (the message <c>tvbo run</c> prints).</summary>
    public string Message { get; set; } = string.Empty;
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
