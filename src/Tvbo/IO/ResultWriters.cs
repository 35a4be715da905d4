namespace Tvbo.IO;

/// <summary>Creates the writer of a format.</summary>
public static class ResultWriters
{
    /// <summary>The writer of <paramref name="format"/>.</summary>
    /// <param name="format">The format.</param>
    /// <param name="csvLayout">The layout of <c>series.csv</c> (CSV only).</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown format.</exception>
    public static IResultWriter Create(ResultFormat format, CsvLayout csvLayout = CsvLayout.Wide) => format switch
    {
        ResultFormat.Csv => new CsvResultWriter(csvLayout),
        ResultFormat.NetCdf => new NetCdfResultWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Valid formats: Csv, NetCdf."),
    };

    /// <summary>Parses a format name as the command line spells it: <c>csv</c>, <c>netcdf</c> (also <c>nc</c>).</summary>
    /// <param name="text">The name.</param>
    /// <param name="format">The format.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParseFormat(string text, out ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToLowerInvariant())
        {
            case "csv":
                format = ResultFormat.Csv;
                return true;
            case "netcdf" or "netcdf4" or "nc":
                format = ResultFormat.NetCdf;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>Parses a CSV layout name: <c>wide</c>, <c>long</c>, <c>tidy</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="layout">The layout.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParseCsvLayout(string text, out CsvLayout layout)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToLowerInvariant())
        {
            case "wide":
                layout = CsvLayout.Wide;
                return true;
            case "long":
                layout = CsvLayout.Long;
                return true;
            case "tidy":
                layout = CsvLayout.Tidy;
                return true;
            default:
                layout = default;
                return false;
        }
    }
}
