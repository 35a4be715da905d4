using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tvbo.IO;

/// <summary>
/// <c>exploration.json</c>, beside an exploration's CSV tables: what the tables do not say (the grid's mode and
/// axes, the outputs, the step, the backend, the summary window, the layout of <c>series.csv</c>, the time grid
/// when no series is stored) and the run's <see cref="ResultMetadata"/>, so that
/// <see cref="ResultFiles.Read"/> rebuilds the result exactly.
/// </summary>
internal sealed class CsvExplorationInfo
{
    public const string FileName = "exploration.json";

    public const string FormatName = "tvbo-csv";

    public string Format { get; set; } = FormatName;

    public int FormatVersion { get; set; } = 1;

    public string Exploration { get; set; } = string.Empty;

    public string? Label { get; set; }

    public string Mode { get; set; } = "product";

    public List<CsvAxisInfo> Axes { get; set; } = [];

    public List<string> Outputs { get; set; } = [];

    public int Conditions { get; set; }

    public int Samples { get; set; }

    public double Dt { get; set; }

    public string Backend { get; set; } = string.Empty;

    public string Store { get; set; } = "series";

    public string? SeriesLayout { get; set; }

    public int SummaryWindowStart { get; set; }

    public double SummaryWindowFraction { get; set; }

    public int Failures { get; set; }

    public double[]? Time { get; set; }

    public List<string> Files { get; set; } = [];

    public ResultMetadata? Metadata { get; set; }

    public List<CsvObservableInfo>? Observables { get; set; }

    public CsvEventInfo? Events { get; set; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>One axis in <c>exploration.json</c>.</summary>
internal sealed class CsvAxisInfo
{
    public string Name { get; set; } = string.Empty;

    public double[] Values { get; set; } = [];
}

/// <summary>One observable in <c>exploration.json</c>: its name and dimensions (its values are in
/// <c>observable_&lt;name&gt;.csv</c>).</summary>
internal sealed class CsvObservableInfo
{
    public string Name { get; set; } = string.Empty;

    public List<CsvObservableDimension> Dimensions { get; set; } = [];
}

/// <summary>One dimension of an observable in <c>exploration.json</c>: labels or numbers, and a unit.</summary>
internal sealed class CsvObservableDimension
{
    public string Name { get; set; } = string.Empty;

    public List<string>? Labels { get; set; }

    public double[]? Values { get; set; }

    public string? Unit { get; set; }
}
