using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// Writes one exploration's result into a run folder. Implementations: <see cref="CsvResultWriter"/> (a folder of
/// CSV tables per exploration) and <see cref="NetCdfResultWriter"/> (one NetCDF4 file per exploration);
/// <see cref="ResultWriters.Create"/> picks one by format. <see cref="ResultFiles.Read"/> reads either back.
/// </summary>
public interface IResultWriter
{
    /// <summary>The format written.</summary>
    ResultFormat Format { get; }

    /// <summary>A short description for messages, e.g. <c>csv (wide)</c> or <c>netcdf</c>.</summary>
    string Description { get; }

    /// <summary>The files <see cref="Write"/> will create for <paramref name="result"/>, relative to the run
    /// folder, '/'-separated (e.g. <c>mu_sweep/series.csv</c> or <c>mu_sweep.nc</c>).</summary>
    /// <param name="result">The result.</param>
    IReadOnlyList<string> PlannedFiles(ExplorationResult result);

    /// <summary>About how many bytes <see cref="Write"/> will write for <paramref name="result"/>.</summary>
    /// <param name="result">The result.</param>
    long EstimateBytes(ExplorationResult result);

    /// <summary>Writes the result's files into <paramref name="directory"/> (created if needed). On cancellation or
    /// failure the files being written are deleted before the exception propagates.</summary>
    /// <param name="result">The result.</param>
    /// <param name="directory">The run folder.</param>
    /// <param name="metadata">What the files record besides the numbers.</param>
    /// <param name="cancellationToken">Checked between blocks of rows or conditions.</param>
    /// <returns>The full paths written.</returns>
    /// <exception cref="ResultFileException">The result has names the format cannot hold (e.g. two NetCDF variables of one name).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    IReadOnlyList<string> Write(ExplorationResult result, string directory, ResultMetadata metadata, CancellationToken cancellationToken = default);
}
