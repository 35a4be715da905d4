using System.Text;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Files;

/// <summary>Input series files (<c>inputs: {I: drive.csv}</c>) are read as far as the run needs, line by line with a
/// bounded line length; their problems name the experiment file's line, the data file, its line and column, and quote no
/// more of it than a short token.</summary>
[TestClass]
public sealed class InputSeriesFileTests
{
    /// <summary>100 steps (duration 1, step 0.01), an exploration of 3 conditions; the series is on I.</summary>
    private const string Experiment = """
        dynamics:
          name: Leak
          parameters: {I: 0.0, k: 1.0}
          state_variables:
            x: {equation: {rhs: "-k*x + I"}, initial_value: 0.0}
        integration: {method: euler, step_size: 0.01, duration: 1.0}
        inputs:
          I: drive.csv
        explorations:
          e: {space: {k: {explored_values: [1.0, 2.0, 3.0]}}}

        """;

    private static string Write(string series, string experiment = Experiment)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-series-").FullName;
        File.WriteAllText(Path.Combine(dir, "drive.csv"), series);
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, experiment);
        return path;
    }

    private static string Rows(int rows, string row) => new StringBuilder(rows * (row.Length + 1)).Insert(0, row + "\n", rows).ToString();

    [TestMethod]
    public void ALargeSeriesForAShortRunIsReadOnlyAsFarAsTheRunNeeds()
    {
        // 3 columns (one per condition), about 40 MB; the run takes 100 steps.
        var path = Write(Rows(1_500_000, "0.125,0.25000000000000000,0.5"));
        var size = new FileInfo(Path.Combine(Path.GetDirectoryName(path)!, "drive.csv")).Length;
        Assert.IsGreaterThan(40_000_000L, size);

        var small = Write(Rows(100, "0.125,0.25000000000000000,0.5"));
        _ = SimulationExperiment.Load(small); // warm up: the allocations compared are the reading's alone
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = SimulationExperiment.Load(small);
        var baseline = GC.GetAllocatedBytesForCurrentThread() - before;

        var started = System.Diagnostics.Stopwatch.StartNew();
        before = GC.GetAllocatedBytesForCurrentThread();
        var exp = SimulationExperiment.Load(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        started.Stop();

        var series = exp.Inputs["I"];
        Assert.AreEqual(100, series.Length);
        Assert.AreEqual(3, series.Conditions);
        var values = new double[100];
        series.Fill(2, 0, values);
        Assert.IsTrue(values.All(v => v == 0.5));
        Assert.IsLessThan(1L << 20, allocated - baseline, $"the large file cost {allocated - baseline} bytes more than a 100-row one");
        Assert.IsLessThan(size / 20, allocated, $"allocated {allocated} bytes for a {size}-byte file");
        Assert.IsLessThan(10.0, started.Elapsed.TotalSeconds);
        Assert.HasCount(1, exp.Validate());
    }

    [TestMethod]
    public void ALongerIntegrationSetAfterLoadingReadsMoreRows()
    {
        var exp = SimulationExperiment.Load(Write(Rows(250, "1.5")));
        Assert.AreEqual(100, exp.Inputs["I"].Length);
        exp.Integration.Duration = 2.0;
        _ = exp.Validate();
        Assert.AreEqual(200, exp.Inputs["I"].Length);

        exp.Integration.Duration = 3.0;
        var ex = Assert.ThrowsExactly<TvboFileException>(() => exp.Validate());
        StringAssert.Contains(ex.Problem, "input 'I': 'drive.csv' has 250 values; the integration takes 300 steps");
        Assert.AreEqual(8, ex.Line);
    }

    [TestMethod]
    public void SeriesPerConditionThatMatchNoGridAreRefusedOnTheirFirstRow()
    {
        // The first line has 2 columns, the exploration 3 conditions: refused before the rest (here a word) is read.
        var path = Write("1, 2\n" + Rows(100, "abc"));
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        Assert.AreEqual(path, ex.File);
        Assert.AreEqual(8, ex.Line);
        StringAssert.Contains(ex.Problem, "input 'I': 'drive.csv' has 2 columns (a series per condition); exploration 'e' has 3 conditions. Give one column per condition");
    }

    [TestMethod]
    public void SeriesPerConditionAreCheckedAgainstTheGridRunWithTheirLine()
    {
        // The series matches exploration 'e' (3 conditions), not 'f' (2): planning 'f' names the input's line.
        var path = Write(Rows(100, "1, 2, 3"), Experiment + "  f: {space: {k: {explored_values: [1.0, 2.0]}}}\n");
        var exp = SimulationExperiment.Load(path);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => exp.Validate());
        Assert.AreEqual(path, ex.File);
        Assert.AreEqual(8, ex.Line);
        StringAssert.Contains(ex.Problem, "input 'I': 'drive.csv' has 3 columns (a series per condition); exploration 'f' has 2 conditions");
        exp.Explorations.Remove("f");
        Assert.HasCount(1, exp.Validate());
    }

    [TestMethod]
    public void AWideSeriesIsHeldRowAfterRow()
    {
        var exp = SimulationExperiment.Load(Write(Rows(120, "1, 2, 3")));
        var values = new double[5];
        exp.Inputs["I"].Fill(1, 95, values);
        CollectionAssert.AreEqual(new[] { 2.0, 2, 2, 2, 2 }, values);
    }

    [TestMethod]
    public void AShardOfTheGridUsesTheWholeGridsSeries()
    {
        var exp = SimulationExperiment.Load(Write(Rows(100, "1, 2, 3")));
        var plans = exp.Plans(new ConditionRange(1, 3));
        Assert.AreEqual(2, plans[0].Grid.ConditionCount);
    }

    [TestMethod]
    [DataRow("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", "line 1, column 0: expected a number, found a text of 31 characters (not shown)")]
    [DataRow("# time, drive\n0.5\n0.5\nabc\n", "line 4, column 0: expected a number, found 'abc'")]
    [DataRow("0.5, 1, 2\n1, secret-password-12345, 3\n", "line 2, column 1: expected a number, found a text of 21 characters (not shown)")]
    [DataRow("0.5\n0.5, 1\n", "line 2 has 2 values, but line 1 has 1")]
    [DataRow("0.5\nnan\n", "line 2, column 0: NaN; input values must be finite")]
    [DataRow("# nothing\n", "the file holds no rows of numbers")]
    public void TextThatIsNotASeriesIsNamedWithoutEchoingIt(string content, string problem)
    {
        var path = Write(content);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        Assert.AreEqual(path, ex.File);
        Assert.AreEqual(8, ex.Line);
        StringAssert.Contains(ex.Problem, $"input 'I': 'drive.csv': {problem}");
        Assert.DoesNotContain("root:x", ex.Message);
        Assert.DoesNotContain("daemon", ex.Message);
        Assert.DoesNotContain("secret", ex.Message);
    }

    [TestMethod]
    public void ALineLongerThanTheLimitIsRefusedWithoutReadingItWhole()
    {
        using var rows = new TextRows(new MemoryStream(Encoding.ASCII.GetBytes("1, 2\n" + string.Join(",", Enumerable.Repeat("1", 1000)) + "\n")), maxLineChars: 100);
        var row = new List<double>();
        Assert.IsTrue(rows.Next(row));
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, row);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => rows.Next(row));
        StringAssert.Contains(ex.Message, "line 2 is longer than 100 characters");
    }

    [TestMethod]
    [DataRow("1\r\n2\r\n3", new[] { 1.0, 2, 3 })]
    [DataRow("1\r2\r3\r", new[] { 1.0, 2, 3 })]
    [DataRow("\uFEFF1\n\n  # comment\n2 # two\n\t3\t\n", new[] { 1.0, 2, 3 })]
    public void LineEndsCommentsAndBlankLinesAreThoseOfATextFile(string text, double[] expected)
    {
        using var rows = new TextRows(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var row = new List<double>();
        var read = new List<double>();
        while (rows.Next(row))
        {
            read.AddRange(row);
        }

        CollectionAssert.AreEqual(expected, read);
    }
}
