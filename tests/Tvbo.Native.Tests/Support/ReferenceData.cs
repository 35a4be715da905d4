using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.Native.Tests.Support;

/// <summary>PyRates' reference results (tests/Data/reference): series columns <c>output|circuit_k</c> and summary rows
/// mapping each <c>circuit_k</c> to its parameter values, from which the C-order condition is found.</summary>
internal sealed class ReferenceData
{
    private ReferenceData(double[] time, Dictionary<string, double[]> columns)
    {
        Time = time;
        Columns = columns;
    }

    public double[] Time { get; }

    public Dictionary<string, double[]> Columns { get; }

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "reference", file);

    public static ReferenceData LoadSeries(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(Parse).ToArray()).ToArray();
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var c = 1; c < header.Length; c++)
        {
            columns[header[c]] = rows.Select(r => r[c]).ToArray();
        }

        return new ReferenceData(rows.Select(r => r[0]).ToArray(), columns);
    }

    /// <summary>Rows of a summary file: PyRates condition name -> column -> value.</summary>
    public static Dictionary<string, Dictionary<string, double>> LoadSummary(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = lines[0].Split(',');
        var result = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            result[cells[0]] = Enumerable.Range(1, header.Length - 1).ToDictionary(i => header[i], i => Parse(cells[i]), StringComparer.Ordinal);
        }

        return result;
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

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
