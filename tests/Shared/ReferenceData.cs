using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.TestSupport;

/// <summary>PyRates' reference results, the CSVs of tests/Data/reference (copied to Data/reference in the test
/// output): series files with a time column and columns <c>output|circuit_k</c>, and summary files with a row per
/// <c>circuit_k</c> holding its parameter values and statistics. A cell that is not a number reads as NaN.</summary>
internal sealed class ReferenceData
{
    private ReferenceData(string[] header, double[][] columns)
    {
        Header = header;
        Columns = columns;
        Series = Enumerable.Range(1, header.Length - 1).ToDictionary(c => header[c], c => columns[c], StringComparer.Ordinal);
    }

    /// <summary>The column names.</summary>
    public string[] Header { get; }

    /// <summary>Every column, in the header's order.</summary>
    public double[][] Columns { get; }

    /// <summary>The first column (the time of a series file).</summary>
    public double[] Time => Columns[0];

    /// <summary>The columns after the first, by name.</summary>
    public IReadOnlyDictionary<string, double[]> Series { get; }

    /// <summary>Where a reference file is in the test output.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "reference", file);

    /// <summary>Reads a reference CSV.</summary>
    public static ReferenceData Load(string file)
    {
        var lines = File.ReadAllLines(PathOf(file)).Where(l => l.Length > 0).ToArray();
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

    /// <summary>The column named <paramref name="name"/>.</summary>
    public double[] Column(string name)
    {
        var i = Array.IndexOf(Header, name);
        return i >= 0 ? Columns[i] : throw new ArgumentException($"No column '{name}' in the reference file; columns: {string.Join(", ", Header.Take(8))}...");
    }

    /// <summary>The condition names (first column, text) of a summary file.</summary>
    public static string[] ConditionNames(string file) =>
        File.ReadAllLines(PathOf(file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToArray();

    /// <summary>Rows of a summary file: PyRates condition name -> column -> value.</summary>
    public static Dictionary<string, Dictionary<string, double>> LoadSummary(string file)
    {
        var data = Load(file);
        var names = ConditionNames(file);
        return Enumerable.Range(0, names.Length).ToDictionary(
            r => names[r],
            r => data.Series.ToDictionary(s => s.Key, s => s.Value[r], StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>Maps each PyRates condition name to the C-order condition with the same parameter values.</summary>
    public static Dictionary<string, int> MapConditions(Dictionary<string, Dictionary<string, double>> summary, ExplorationGrid grid)
    {
        var names = grid.ParameterNames.ToArray();
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (pyratesName, row) in summary)
        {
            var matches = Enumerable.Range(0, grid.ConditionCount)
                .Where(c => names.Select((n, a) => Math.Abs(grid.Condition(c)[a] - row[n]) <= 1e-12 * Math.Max(1, Math.Abs(row[n]))).All(x => x))
                .ToArray();
            Assert.HasCount(1, matches, $"PyRates condition {pyratesName} must match exactly one grid condition");
            map[pyratesName] = matches[0];
        }

        Assert.HasCount(grid.ConditionCount, map.Values.Distinct().ToArray(), "every grid condition has a PyRates counterpart");
        return map;
    }
}
