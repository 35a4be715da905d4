using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Tests.Results;

[TestClass]
public sealed class ExplorationResultTests
{
    private static ExplorationResult Make(int conditions, int samples, Func<int, int, int, double> value, params (string, double[])[] axes)
    {
        var m = new Tvbo.Model.Dynamics("M");
        foreach (var (name, _) in axes)
        {
            m.AddParameter(name, 0);
        }

        m.AddStateVariable("x", "0", 0);
        m.AddStateVariable("y", "0", 0);
        var grid = new Exploration("e", axes.Select(a => new ExplorationParameter(a.Item1, Domain.Values(a.Item2)))).CreateGrid(m);
        Assert.AreEqual(conditions, grid.ConditionCount);
        var data = new double[conditions * samples * 2];
        for (var c = 0; c < conditions; c++)
        {
            for (var t = 0; t < samples; t++)
            {
                for (var v = 0; v < 2; v++)
                {
                    data[(((c * samples) + t) * 2) + v] = value(c, t, v);
                }
            }
        }

        return new ExplorationResult(grid, ["x", "y"], Enumerable.Range(0, samples).Select(i => i * 0.5).ToArray(), 0.5, data, null, [], "test");
    }

    [TestMethod]
    public void CallersCannotWriteIntoATimeSeriesOrSummary()
    {
        var r = Make(2, 3, (c, t, v) => (100 * c) + (10 * t) + v, ("a", [1, 2]));
        Assert.AreEqual(typeof(ReadOnlyMemory<double>), typeof(ExplorationResult).GetProperty(nameof(ExplorationResult.Time))!.PropertyType);
        Assert.AreEqual(typeof(ReadOnlyMemory<double>), typeof(ExplorationResult).GetProperty(nameof(ExplorationResult.Results))!.PropertyType);
        foreach (var name in new[] { "First", "Final", "Min", "Max", "Mean" })
        {
            Assert.AreEqual(typeof(ReadOnlyMemory<double>), typeof(SummaryStatistics).GetProperty(name)!.PropertyType, name);
        }

        var time = r.Time.ToArray();
        var series = r.Results.ToArray();
        var mean = r.Summarize().Mean.ToArray();
        time[0] = -1;
        series[0] = -1;
        mean[0] = -1;
        Assert.AreEqual(0.0, r.Time.Span[0]);
        Assert.AreEqual(0.0, r.Results.Span[0]);
        Assert.AreEqual(0.0, r[0, 0, 0]);
        Assert.AreNotEqual(-1.0, r.Summarize().Mean.Span[0]);
        var copy = r.Series(1, "y");
        copy[0] = -1;
        Assert.AreEqual(101.0, r[1, 0, 1]);
    }

    [TestMethod]
    public void IndexerAndSpansFollowTheLayout()
    {
        var r = Make(3, 4, (c, t, v) => (100 * c) + (10 * t) + v, ("a", [1, 2, 3]));
        Assert.AreEqual(211.0, r[2, 1, 1]);
        Assert.AreEqual((3, 4, 2), r.TimeseriesShape);
        CollectionAssert.AreEqual(new[] { 101.0, 111, 121, 131 }, r.Series(1, "y"));
        Assert.AreEqual(8, r.ConditionSeries(2).Length);
        Assert.AreEqual(200.0, r.ConditionSeries(2)[0]);
        Assert.AreEqual(2.0, r.ParameterValues(1)[0]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => r[3, 0, 0]);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => r.Series(0, "q"));
        StringAssert.Contains(ex.Message, "outputs: x, y");
    }

    [TestMethod]
    public void ToStringReadsLikeTvbo()
    {
        Assert.AreEqual("ExplorationResult(name='e', grid=3, timeseries=(3, 4, 2))", Make(3, 4, (_, _, _) => 0, ("a", [1, 2, 3])).ToString());
        Assert.AreEqual("ExplorationResult(name='e', grid=3x3, timeseries=(9, 2, 2))", Make(9, 2, (_, _, _) => 0, ("a", [1, 2, 3]), ("b", [1, 2, 3])).ToString());
    }

    [TestMethod]
    public void SummaryOverTheLastFifthOfSamples()
    {
        // 10 samples: the window is samples 8 and 9 (floor(0.8*10) = 8).
        var r = Make(2, 10, (c, t, v) => v == 0 ? t * (c + 1) : -t, ("a", [1, 2]));
        var s = r.Summarize();
        Assert.AreEqual(8, s.WindowStart);
        Assert.AreEqual(0.0, s.First.Span[2]);
        Assert.AreEqual(18.0, s.Final.Span[2]);
        Assert.AreEqual(16.0, s.Min.Span[2]);
        Assert.AreEqual(18.0, s.Max.Span[2]);
        Assert.AreEqual(17.0, s.Mean.Span[2]);
        Assert.AreEqual(-9.0, s.Min.Span[3]);
        Assert.AreEqual(1.0, s.PeakToPeak(1, 1));
    }

    [TestMethod]
    public void SummaryPropagatesNaN()
    {
        var r = Make(1, 10, (_, t, v) => t == 9 && v == 0 ? double.NaN : t, ("a", [1]));
        var s = r.Summarize();
        Assert.IsTrue(double.IsNaN(s.Min.Span[0]) && double.IsNaN(s.Max.Span[0]) && double.IsNaN(s.Mean.Span[0]));
        Assert.AreEqual(8.0, s.Min.Span[1]);
    }

    [TestMethod]
    public void SummaryOnlyResultRefusesSeries()
    {
        var r = Make(1, 10, (_, t, _) => t, ("a", [1]));
        var summaryOnly = new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, null, r.Summarize(), [], "test");
        Assert.AreEqual(ResultStore.Summary, summaryOnly.Store);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => summaryOnly.Results);
        StringAssert.Contains(ex.Message, "Store = Summary");
        Assert.AreEqual("ExplorationResult(name='e', grid=1, summary=(1, 2))", summaryOnly.ToString());
    }

    [TestMethod]
    public void WrongSizeIsRejected()
    {
        var r = Make(1, 10, (_, t, _) => t, ("a", [1]));
        Assert.ThrowsExactly<ArgumentException>(() => new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, new double[5], null, [], "test"));
    }

    [TestMethod]
    public void CsvFilesAreRoundTripExact()
    {
        var r = Make(2, 3, (c, t, v) => (0.1 * c) + (Math.PI * t) + v, ("a", [0.1, 1.0 / 3]));
        var root = Directory.CreateTempSubdirectory("tvbo-csv-").FullName;
        var files = new Tvbo.IO.CsvResultWriter().Write(r, root, Tvbo.IO.ResultMetadata.Empty);
        var dir = Path.Combine(root, r.Name);
        CollectionAssert.AreEqual(new[] { "conditions.csv", "series.csv", "summary.csv", "failures.csv", "exploration.json" }, files.Select(Path.GetFileName).ToArray());
        var conditions = File.ReadAllLines(Path.Combine(dir, "conditions.csv"));
        Assert.AreEqual("condition,a", conditions[0]);
        Assert.AreEqual(1.0 / 3, double.Parse(conditions[2].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        var series = File.ReadAllLines(Path.Combine(dir, "series.csv"));
        Assert.AreEqual("time,x|0,x|1,y|0,y|1", series[0]);
        var row = series[2].Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(new[] { 0.5, r[0, 1, 0], r[1, 1, 0], r[0, 1, 1], r[1, 1, 1] }, row);
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.AreEqual("condition,a,x_first,x_final,x_min,x_max,x_mean,y_first,y_final,y_min,y_max,y_mean", summary[0]);
    }
}
