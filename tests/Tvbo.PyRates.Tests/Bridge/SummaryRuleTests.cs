using System.Globalization;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;

namespace Tvbo.PyRates.Tests.Bridge;

/// <summary>The bridge's Python reduction (<c>tvbo_pyrates.reduce_summary</c>, used for PyRates summary runs) follows
/// the one summary rule (<see cref="SummaryAccumulator"/>, through <see cref="SummaryStatistics.FromSeries"/>) bit for
/// bit, on series with NaN, ±∞, ±0 and ties.</summary>
[TestClass]
public sealed class SummaryRuleTests
{
    private static readonly double[][] Columns =
    [
        [1, 2, 3, 4, 5, 6, 7],
        [1, 2, 3, 4, double.NaN, 6, 7],
        [1, 2, 3, 4, 5, double.PositiveInfinity, 7],
        [1, 2, 3, 4, double.NegativeInfinity, 6, 7],
        [1, 2, 3, 4, double.PositiveInfinity, double.NegativeInfinity, 7],
        [double.NaN, 2, 3, 4, 5, 6, 7],
        [0.0, 0.0, 0.0, 0.0, -0.0, 0.0, -0.0],
        [0.1, 0.2, 0.3, 0.3, 0.3, 0.1, 0.3],
        [5, 5, 5, 5, 5, 5, double.NaN],
        [1e308, 1e308, 1e308, 1e308, 1e308, 1e308, 1e308],
    ];

    [TestMethod]
    [DataRow(0.2)]
    [DataRow(0.5)]
    [DataRow(1.0)]
    public void ThePythonReductionEqualsTheRule(double window)
    {
        PythonFixture.Runtime();
        int conditions = Columns.Length / 2, samples = Columns[0].Length, variables = 2;
        var series = new double[conditions * samples * variables];
        for (var c = 0; c < conditions; c++)
        {
            for (var t = 0; t < samples; t++)
            {
                for (var v = 0; v < variables; v++)
                {
                    series[(((c * samples) + t) * variables) + v] = Columns[(c * variables) + v][t];
                }
            }
        }

        var expected = SummaryStatistics.FromSeries(series, conditions, samples, variables, window);
        var literal = string.Join(", ", series.Select(Python));
        var python = PythonFixture.Exec(
            $"import numpy as np\nfrom tvbo_pyrates import reduce_summary\n" +
            $"data = np.array([{literal}], dtype=np.float64).reshape({conditions}, {samples}, {variables})\n" +
            $"result = reduce_summary(data, {expected.WindowStart}).ravel().tolist()",
            r => r.As<double[]>());

        var rule = new[] { expected.First, expected.Final, expected.Min, expected.Max, expected.Mean };
        for (var k = 0; k < rule.Length; k++)
        {
            var want = rule[k].Span;
            for (var i = 0; i < want.Length; i++)
            {
                var got = python[(k * want.Length) + i];
                Assert.IsTrue(
                    BitConverter.DoubleToInt64Bits(want[i]) == BitConverter.DoubleToInt64Bits(got) || (double.IsNaN(want[i]) && double.IsNaN(got)),
                    $"statistic {k}, entry {i} (condition {i / variables}, variable {i % variables}): rule {want[i]:R}, Python {got:R}");
            }
        }
    }

    private static string Python(double x) =>
        double.IsNaN(x) ? "np.nan"
        : double.IsPositiveInfinity(x) ? "np.inf"
        : double.IsNegativeInfinity(x) ? "-np.inf"
        : x == 0 && double.IsNegative(x) ? "-0.0"
        : x.ToString("R", CultureInfo.InvariantCulture);
}
