using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>A result read back from its files, with what the files record about the run.</summary>
/// <param name="Result">The result: grid, time, outputs, series or summary, failures, backend.</param>
/// <param name="Metadata">The model, versions, integration settings and experiment file the files record.</param>
/// <param name="Format">The format read.</param>
/// <param name="CsvLayout">The layout of <c>series.csv</c> (CSV with a series), else <see langword="null"/>.</param>
public sealed record LoadedResult(ExplorationResult Result, ResultMetadata Metadata, ResultFormat Format, CsvLayout? CsvLayout);
