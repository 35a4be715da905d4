using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Events;

/// <summary>Event times in the run folder: <c>events.csv</c> and <c>event_counts.csv</c> (CSV), the event table and counts (NetCDF), read back by
/// <see cref="ResultFiles.Read"/>.</summary>
[TestClass]
public sealed class SpikeTimeFileTests
{
    private static SimulationExperiment Experiment() =>
        TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 50, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("drive", ExplorationMode.Product, ("RI", Domain.Values(20.0, 10.0, 30.0))));

    [TestMethod]
    public void EventTimesRoundTripThroughCsv()
    {
        var exp = Experiment();
        foreach (var store in new[] { ResultStore.Series, ResultStore.Summary })
        {
            var result = exp.Run("native", new RunOptions { Store = store, MaxEventTimes = 2 }).Explorations["drive"];
            var dir = Path.Combine(Path.GetTempPath(), $"tvbo-events-{Guid.NewGuid():N}");
            try
            {
                new CsvResultWriter().Write(result, dir, ResultMetadata.Empty);
                Assert.IsTrue(File.Exists(Path.Combine(dir, "drive", "events.csv")));
                var back = ResultFiles.Read(Path.Combine(dir, "drive")).Result.EventTimes!;
                SpikeTimeTests.AssertSame(result.EventTimes!, back);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }


    [TestMethod]
    public void EventTimesRoundTripThroughNetCdf()
    {
        var two = TestExperiments.Sweep("grid", ExplorationMode.Product, ("RI", Domain.Values(20.0, 10.0, 30.0)), ("tau", Domain.Values(10.0, 5.0)));
        var exp = TestExperiments.Experiment(SpikingModels.IntegrateAndFire(), 50, 0.01, IntegrationMethod.Euler, two);
        foreach (var store in new[] { ResultStore.Series, ResultStore.Summary })
        {
            var result = exp.Run("native", new RunOptions { Store = store, MaxEventTimes = 2 }).Explorations["grid"];
            Assert.IsTrue(result.EventTimes!.AnyTruncated);
            var dir = Path.Combine(Path.GetTempPath(), $"tvbo-events-{Guid.NewGuid():N}");
            try
            {
                var file = new NetCdfResultWriter().Write(result, dir, ResultMetadata.Empty).Single();
                SpikeTimeTests.AssertSame(result.EventTimes!, ResultFiles.Read(file).Result.EventTimes!);
                if (DebianPython.Missing("xarray") is null)
                {
                    // As a Python user reads it: the table, and the counts over the grid's dimensions.
                    var (exit, stdout, stderr) = DebianPython.Run("-c", "import sys, xarray\nds = xarray.open_dataset(sys.argv[1])\nprint(ds.spike_count.dims, int(ds.spike_count.sel(RI=20.0, tau=10.0).item()), ds.event_time.sizes['event'], ds.event_time.values[0], ds.event_name.values[0], ds.event_condition.values[0])", file);
                    Assert.AreEqual(0, exit, stderr);
                    var t = result.EventTimes!;
                    var first = Enumerable.Range(0, t.ConditionCount).First(c => t.Count("spike", c) > 0);
                    var expected = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"('RI', 'tau') {t.Count("spike", 0)} {(int)Enumerable.Range(0, t.ConditionCount).Sum(c => t.Times("spike", c).Length)} {t.Times("spike", first).Span[0]:R} spike {first}");
                    Assert.AreEqual(expected, stdout.Trim());
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [TestMethod]
    public void AnEventTableThatDisagreesWithItsCountsIsRefused()
    {
        var result = Experiment().Run("native").Explorations["drive"];
        var dir = Path.Combine(Path.GetTempPath(), $"tvbo-events-{Guid.NewGuid():N}");
        try
        {
            new CsvResultWriter().Write(result, dir, ResultMetadata.Empty);
            var counts = Path.Combine(dir, "drive", "event_counts.csv");
            File.WriteAllText(counts, File.ReadAllText(counts).Replace("0,spike,", "0,spike,1", StringComparison.Ordinal));
            var ex = Assert.ThrowsExactly<ResultFileException>(() => ResultFiles.Read(Path.Combine(dir, "drive")));
            StringAssert.Contains(ex.Message, "events.csv");
            StringAssert.Contains(ex.Message, "valid:");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
