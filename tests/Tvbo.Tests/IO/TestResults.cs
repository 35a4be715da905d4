using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Tests.IO;

/// <summary>Results with awkward numbers (thirds, tiny and huge magnitudes, NaN after a failure) for round trips.</summary>
internal static class TestResults
{
    public static ExplorationResult Make(
        ExplorationMode mode,
        (string Name, double[] Values)[] axes,
        int samples = 7,
        bool series = true,
        bool failures = false,
        string[]? outputs = null,
        string? label = "a label, with \"quotes\" and μ")
    {
        outputs ??= ["x", "y"];
        var m = new Dynamics("M");
        foreach (var (name, _) in axes)
        {
            m.AddParameter(name, 0);
        }

        foreach (var o in outputs)
        {
            m.AddStateVariable(o, "0", 0);
        }

        var grid = axes.Length == 0
            ? ExplorationGrid.Restore(SimulationExperiment.IntegrationName, label, ExplorationMode.Product, [])
            : new Exploration("e", axes.Select(a => new ExplorationParameter(a.Name, Domain.Values(a.Values))), mode) { Label = label }.CreateGrid(m);
        int nc = grid.ConditionCount, nv = outputs.Length;
        var data = new double[nc * samples * nv];
        for (var c = 0; c < nc; c++)
        {
            for (var t = 0; t < samples; t++)
            {
                for (var v = 0; v < nv; v++)
                {
                    data[(((c * samples) + t) * nv) + v] = (Math.Sin((c + 1) * (t + 0.3) * (v + 1)) / 3) * Math.Pow(10, ((c + t + v) % 9) - 4);
                }
            }
        }

        var failed = new List<ConditionFailure>();
        if (failures && nc > 1)
        {
            for (var t = 3; t < samples; t++)
            {
                for (var v = 0; v < nv; v++)
                {
                    data[(((1 * samples) + t) * nv) + v] = t == 3 && v == 0 ? double.PositiveInfinity : double.NaN;
                }
            }

            failed.Add(new ConditionFailure(1, 3 * 0.25, outputs[0], FailureKind.BackendCallFailed, "state not finite, at \"x\", 2nd stage"));
            failed.Add(ConditionFailure.CallFailed(nc - 1, "Python raised ValueError: bad, really"));
        }

        var time = Enumerable.Range(0, samples).Select(k => k * 0.25).ToArray();
        var full = new ExplorationResult(grid, outputs, time, 0.05, data, null, failed, "native");
        return series ? full : new ExplorationResult(grid, outputs, time, 0.05, null, full.Summarize(), failed, "native");
    }

    public static ResultMetadata Metadata => new ResultMetadata
    {
        Model = "Mμdel",
        ExperimentFile = "/tmp/exp.yaml",
        ExperimentSha256 = new string('a', 64),
        BackendVersion = "1.2.3",
        Method = "heun",
        StepSize = 0.05,
        Duration = 1.75,
        TransientTime = 0,
        RelativeTolerance = 1e-3,
        AbsoluteTolerance = 1e-6,
    }.WithSoftware([new("Tvbo", "1.0.0"), new("pyrates", "1.2.3")]);

    /// <summary>Asserts two results are equal bit for bit (NaN payloads aside: CSV prints every NaN as NaN).</summary>
    public static void AssertSame(ExplorationResult expected, ExplorationResult actual, bool exactNaN)
    {
        Assert.AreEqual(expected.Name, actual.Name);
        Assert.AreEqual(expected.Label, actual.Label);
        Assert.AreEqual(expected.Grid.Mode, actual.Grid.Mode);
        CollectionAssert.AreEqual(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.AreEqual(expected.Axes.Count, actual.Axes.Count);
        for (var i = 0; i < expected.Axes.Count; i++)
        {
            Assert.AreEqual(expected.Axes[i], actual.Axes[i]);
        }

        Bits(expected.Grid.ToArray(), actual.Grid.ToArray(), "grid", exactNaN);
        CollectionAssert.AreEqual(expected.OutputNames.ToArray(), actual.OutputNames.ToArray());
        Bits(expected.Time.ToArray(), actual.Time.ToArray(), "time", exactNaN);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected.Dt), BitConverter.DoubleToInt64Bits(actual.Dt));
        Assert.AreEqual(expected.Backend, actual.Backend);
        Assert.AreEqual(expected.HasSeries, actual.HasSeries);
        if (expected.HasSeries)
        {
            Bits(expected.Results.ToArray(), actual.Results.ToArray(), "series", exactNaN);
        }

        var s = expected.Summarize();
        var r = actual.Summary ?? throw new AssertFailedException("the loaded result has no summary");
        Assert.AreEqual(s.WindowStart, r.WindowStart);
        Bits(s.First.ToArray(), r.First.ToArray(), "first", exactNaN);
        Bits(s.Final.ToArray(), r.Final.ToArray(), "final", exactNaN);
        Bits(s.Min.ToArray(), r.Min.ToArray(), "min", exactNaN);
        Bits(s.Max.ToArray(), r.Max.ToArray(), "max", exactNaN);
        Bits(s.Mean.ToArray(), r.Mean.ToArray(), "mean", exactNaN);
        CollectionAssert.AreEqual(expected.Failures.ToArray(), actual.Failures.ToArray());
    }

    public static void AssertSame(ResultMetadata expected, ResultMetadata actual)
    {
        Assert.AreEqual(expected with { Software = actual.Software, Units = actual.Units, Descriptions = actual.Descriptions }, actual);
        CollectionAssert.AreEquivalent(expected.Software.ToArray(), actual.Software.ToArray());
        CollectionAssert.AreEquivalent(expected.Units.ToArray(), actual.Units.ToArray());
        CollectionAssert.AreEquivalent(expected.Descriptions.ToArray(), actual.Descriptions.ToArray());
    }

    private static void Bits(double[] expected, double[] actual, string what, bool exactNaN)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (var i = 0; i < expected.Length; i++)
        {
            var same = BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i])
                || (!exactNaN && double.IsNaN(expected[i]) && double.IsNaN(actual[i]));
            Assert.IsTrue(same, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static string TempDir() => Directory.CreateTempSubdirectory("tvbo-io-").FullName;
}
