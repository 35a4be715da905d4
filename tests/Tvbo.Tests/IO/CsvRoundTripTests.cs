using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Tests.IO;

[TestClass]
public sealed class CsvRoundTripTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var layout in new[] { CsvLayout.Wide, CsvLayout.Long, CsvLayout.Tidy })
        {
            yield return [layout, "product2"];
            yield return [layout, "zip"];
            yield return [layout, "single"];
            yield return [layout, "none"];
        }
    }

    internal static ExplorationResult Grid(string kind, bool series = true) => kind switch
    {
        "product2" => TestResults.Make(ExplorationMode.Product, [("σ_ext", [0.1, 1.0 / 3, 1e-300]), ("b", [-2.5, 7])], series: series, failures: true),
        "zip" => TestResults.Make(ExplorationMode.Zip, [("a", [1, 2, 3, 4]), ("σ_ext", [0.5, 0.25, 0.125, 1.0 / 7])], series: series, failures: true),
        "single" => TestResults.Make(ExplorationMode.Product, [("mu", [0.1, 2.08, 6.039999999999999])], series: series),
        _ => TestResults.Make(ExplorationMode.Product, [], series: series, label: null),
    };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void WriteThenLoadGivesTheSameResult(CsvLayout layout, string kind)
    {
        var original = Grid(kind);
        var dir = TestResults.TempDir();
        var writer = new CsvResultWriter(layout);
        var written = writer.Write(original, dir, TestResults.Metadata);
        CollectionAssert.AreEqual(writer.PlannedFiles(original).Select(p => Path.Combine(dir, p.Replace('/', Path.DirectorySeparatorChar))).ToArray(), written.ToArray());

        var loaded = ResultFiles.Read(Path.Combine(dir, original.Name));
        Assert.AreEqual(ResultFormat.Csv, loaded.Format);
        Assert.AreEqual(layout, loaded.CsvLayout);
        TestResults.AssertSame(original, loaded.Result, exactNaN: false);
        TestResults.AssertSame(TestResults.Metadata, loaded.Metadata);
        TestResults.AssertSame(original, ExplorationResult.Load(Path.Combine(dir, original.Name, "series.csv")), exactNaN: false);
    }

    [TestMethod]
    public void SummaryOnlyResultsRoundTrip()
    {
        var original = Grid("product2", series: false);
        var dir = TestResults.TempDir();
        new CsvResultWriter().Write(original, dir, TestResults.Metadata);
        Assert.IsFalse(File.Exists(Path.Combine(dir, original.Name, "series.csv")));
        TestResults.AssertSame(original, ExplorationResult.Load(Path.Combine(dir, original.Name)), exactNaN: false);
    }

    [TestMethod]
    public void LayoutsHaveTheDocumentedHeaders()
    {
        var r = Grid("single");
        var dir = TestResults.TempDir();
        foreach (var layout in new[] { CsvLayout.Wide, CsvLayout.Long, CsvLayout.Tidy })
        {
            var sub = Path.Combine(dir, layout.ToString());
            new CsvResultWriter(layout).Write(r, sub, ResultMetadata.Empty);
            var lines = File.ReadAllLines(Path.Combine(sub, r.Name, "series.csv"));
            switch (layout)
            {
                case CsvLayout.Wide:
                    Assert.AreEqual("time,x|0,x|1,x|2,y|0,y|1,y|2", lines[0]);
                    Assert.AreEqual(r.SampleCount + 1, lines.Length);
                    break;
                case CsvLayout.Long:
                    Assert.AreEqual("condition,time,variable,value", lines[0]);
                    Assert.AreEqual($"0,0.25,y,{RoundTripNumber.ToText(r[0, 1, 1])}", lines[4]);
                    Assert.AreEqual((r.ConditionCount * r.SampleCount * 2) + 1, lines.Length);
                    break;
                default:
                    Assert.AreEqual("condition,time,x,y", lines[0]);
                    Assert.AreEqual($"2,0.5,{RoundTripNumber.ToText(r[2, 2, 0])},{RoundTripNumber.ToText(r[2, 2, 1])}", lines[(2 * r.SampleCount) + 3]);
                    break;
            }
        }

        var failures = File.ReadAllLines(Path.Combine(dir, "Wide", r.Name, "failures.csv"));
        CollectionAssert.AreEqual(new[] { "condition,time,variable,reason" }, failures);
        var summary = File.ReadAllLines(Path.Combine(dir, "Wide", r.Name, "summary.csv"));
        Assert.AreEqual("condition,mu,x_first,x_final,x_min,x_max,x_mean,y_first,y_final,y_min,y_max,y_mean", summary[0]);
    }

    [TestMethod]
    public void SummaryNamesDoNotDependOnTheWindowAndEarlierNamesAreRead()
    {
        var r = Grid("single");
        var dir = TestResults.TempDir();
        var metadata = TestResults.Metadata with { SummaryWindow = 0.5 };
        new CsvResultWriter().Write(r, dir, metadata);
        var path = Path.Combine(dir, r.Name, "summary.csv");
        var lines = File.ReadAllLines(path);
        Assert.AreEqual("condition,mu,x_first,x_final,x_min,x_max,x_mean,y_first,y_final,y_min,y_max,y_mean", lines[0]);
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, r.Name, "exploration.json")), "\"summaryWindowFraction\": 0.5");

        // A folder written before: last<P>_min, with P the window in percent.
        lines[0] = "condition,mu,x_first,x_final,x_last50_min,x_last50_max,x_last50_mean,y_first,y_final,y_last50_min,y_last50_max,y_last50_mean";
        File.WriteAllLines(path, lines);
        var loaded = ResultFiles.Read(Path.Combine(dir, r.Name));
        var s = r.Summarize(0.5);
        Assert.AreEqual(0.5, loaded.Metadata.SummaryWindow);
        Assert.AreEqual(s.WindowStart, loaded.Result.Summary!.WindowStart);
        CollectionAssert.AreEqual(s.Min.ToArray(), loaded.Result.Summary.Min.ToArray());
        CollectionAssert.AreEqual(s.Mean.ToArray(), loaded.Result.Summary.Mean.ToArray());
        CollectionAssert.AreEqual(r.Results.ToArray(), loaded.Result.Results.ToArray());

        // Another window's old names are not the file's.
        lines[0] = lines[0].Replace("last50", "last20", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var ex = Assert.Throws<ResultFileException>(() => ResultFiles.Read(Path.Combine(dir, r.Name)));
        StringAssert.Contains(ex.Message, "valid: 'x_min'");
    }

    [TestMethod]
    public void AFailureReasonWithLineBreaksIsReadBack()
    {
        // A backend's message (a Python error) may span lines: the quoted field is read across them.
        var r = TestResults.Make(ExplorationMode.Product, [("a", [1.0, 2.0, 3.0])]);
        var reason = "PyRates failed: ValueError: bad\nsecond line, with \"quotes\", and a comma\n";
        var failed = new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, r.Results.ToArray(), null, [ConditionFailure.CallFailed(1, reason), ConditionFailure.Cancelled(2)], r.Backend);
        var dir = TestResults.TempDir();
        new CsvResultWriter().Write(failed, dir, ResultMetadata.Empty);
        var back = ExplorationResult.Load(Path.Combine(dir, failed.Name));
        CollectionAssert.AreEqual(failed.Failures.ToArray(), back.Failures.ToArray());
    }

    [TestMethod]
    public void FailuresWithCommasAndQuotesAreQuoted()
    {
        var r = Grid("zip");
        var dir = TestResults.TempDir();
        new CsvResultWriter().Write(r, dir, ResultMetadata.Empty);
        var lines = File.ReadAllLines(Path.Combine(dir, r.Name, "failures.csv"));
        Assert.AreEqual("1,0.75,x,\"state not finite, at \"\"x\"\", 2nd stage\"", lines[1]);
        Assert.AreEqual("3,0,,\"Python raised ValueError: bad, really\"", lines[2]);
    }

    [TestMethod]
    public void FoldersWithoutExplorationJsonAreRefusedWithTheReason()
    {
        var dir = TestResults.TempDir();
        File.WriteAllText(Path.Combine(dir, "series.csv"), "time,x|0\n0,1\n");
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ExplorationResult.Load(dir));
        StringAssert.Contains(ex.Message, "exploration.json");
        Assert.ThrowsExactly<ResultFileException>(() => ExplorationResult.Load(Path.Combine(dir, "nope")));
    }

    [TestMethod]
    public void CancellationDeletesWhatWasWritten()
    {
        var r = TestResults.Make(ExplorationMode.Product, [("a", Enumerable.Range(0, 50).Select(i => (double)i).ToArray())], samples: 20000);
        var dir = TestResults.TempDir();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => new CsvResultWriter().Write(r, dir, ResultMetadata.Empty, cts.Token));
        Assert.AreEqual(0, Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Length);
    }
}
