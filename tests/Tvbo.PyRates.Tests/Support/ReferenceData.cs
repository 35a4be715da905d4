using System.Globalization;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>Reads the reference CSVs of tests/Data/reference (copied to Data/reference in the test output).</summary>
internal sealed class ReferenceData
{
    private ReferenceData(string[] header, double[][] columns)
    {
        Header = header;
        Columns = columns;
    }

    public string[] Header { get; }

    public double[][] Columns { get; }

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "reference", file);

    public static ReferenceData Load(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = lines[0].Split(',');
        var columns = header.Select(_ => new double[lines.Length - 1]).ToArray();
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < header.Length; c++)
            {
                columns[c][r - 1] = double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }
        }

        return new ReferenceData(header, columns);
    }

    /// <summary>The condition names (first column, text) of a summary file.</summary>
    public static string[] ConditionNames(string file) =>
        File.ReadAllLines(PathOf(file)).Skip(1).Select(l => l.Split(',')[0]).ToArray();

    public double[] Column(string name)
    {
        var i = Array.IndexOf(Header, name);
        return i >= 0 ? Columns[i] : throw new ArgumentException($"No column '{name}' in the reference file; columns: {string.Join(", ", Header.Take(8))}...");
    }
}
