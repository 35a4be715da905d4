using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Events;

/// <summary>Event times in the run folder: <c>events.csv</c> and <c>event_counts.csv</c> (CSV), read back by
/// <see cref="ResultFiles.Read"/>.</summary>
[TestClass]
public sealed class SpikeTimeFileTests
{
    private static SimulationExperiment Experiment() =>
        TestExperiments.Experiment(SpikeTimeTests.IntegrateAndFire(), 50, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("drive", ExplorationMode.Product, ("RI", Domain.Values(20.0, 10.0, 30.0))));

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

}
