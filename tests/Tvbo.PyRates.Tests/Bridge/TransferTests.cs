using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Bridge;

/// <summary>DataFrames in PyRates' exact return format, built with numpy/pandas (no PyRates), through the bridge's
/// reordering and the buffer transfer into <see cref="ExplorationResult"/>s.</summary>
[TestClass]
public sealed class TransferTests
{
    private static Dynamics Model(params string[] parameters)
    {
        var m = new Dynamics("Synthetic");
        foreach (var p in parameters)
        {
            m.AddParameter(p, 0.0);
        }

        m.AddStateVariable("x", "-x", 1.0);
        m.AddStateVariable("w", "-w", 1.0);
        return m;
    }

    /// <summary>Runs the backend with a chunk runner that answers with synthetic frames in <paramref name="mode"/>.</summary>
    private static ExplorationResult RunSynthetic(Exploration exploration, string mode, RunOptions? options = null, int chunkSize = int.MaxValue, string postprocess = "")
    {
        var runtime = PythonFixture.Runtime();
        var model = Model(exploration.Parameters.Select(p => p.Name).ToArray());
        var exp = TestExperiments.Experiment(model, 1.0, 0.125, IntegrationMethod.Euler, exploration);
        var grid = exploration.CreateGrid(model);
        var backend = new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = chunkSize })
        {
            ChunkRunner = (call, _, _) => SyntheticPyRates.Collect(
                runtime,
                call.ParameterNames,
                grid.Axes.Select(a => a.ExploredValues.ToArray()).ToArray(),
                call.Conditions,
                exp.Integration.SampleCount,
                call.OutputKeys,
                mode,
                call.Summary,
                call.SummaryWindowStart,
                call.Lower,
                call.Upper,
                postprocess),
        };
        return exp.Run(backend, options).Explorations[exploration.Name];
    }

    private static void AssertEncoded(ExplorationResult result)
    {
        Assert.AreEqual(8, result.SampleCount);
        CollectionAssert.AreEqual(new[] { "x", "w" }, result.OutputNames.ToArray());
        for (var c = 0; c < result.ConditionCount; c++)
        {
            for (var k = 0; k < result.SampleCount; k++)
            {
                for (var v = 0; v < 2; v++)
                {
                    Assert.AreEqual(SyntheticPyRates.Encode(result.ParameterValues(c), k, v), result[c, k, v], 0.0, $"condition {c} sample {k} variable {v}");
                }
            }
        }

        CollectionAssert.AreEqual(new[] { 0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875 }, result.Time.ToArray());
    }

    [TestMethod]
    public void TwoKeyMeshgridOrderIsMappedToCOrder()
    {
        var result = RunSynthetic(TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20))), "meshgrid");
        Assert.AreEqual(6, result.ConditionCount);
        CollectionAssert.AreEqual(new[] { 1.0, 20.0 }, result.ParameterValues(1).ToArray());
        AssertEncoded(result);
    }

    [TestMethod]
    public void ThreeKeyMeshgridOrderIsMappedToCOrder()
    {
        var result = RunSynthetic(
            TestExperiments.Sweep("abc", ExplorationMode.Product, ("a", Domain.Values(1, 2)), ("b", Domain.Values(10, 20, 30)), ("c", Domain.Values(5, 6, 7, 8))),
            "meshgrid");
        Assert.AreEqual(24, result.ConditionCount);
        AssertEncoded(result);
    }

    [TestMethod]
    public void ShuffledParameterTableIsMappedByValueNotPosition()
    {
        var result = RunSynthetic(TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20))), "shuffled");
        AssertEncoded(result);
    }

    [TestMethod]
    public void ZipGridIsMappedByValue()
    {
        var result = RunSynthetic(TestExperiments.Sweep("z", ExplorationMode.Zip, ("a", Domain.Values(1, 2, 3, 4)), ("b", Domain.Values(40, 30, 20, 10))), "shuffled");
        Assert.AreEqual(4, result.ConditionCount);
        AssertEncoded(result);
    }

    [TestMethod]
    public void SingleConditionWithFlatColumnsIsTransferred()
    {
        var result = RunSynthetic(TestExperiments.Sweep("one", ExplorationMode.Product, ("a", Domain.Values(7))), "table");
        Assert.AreEqual(1, result.ConditionCount);
        AssertEncoded(result);
    }

    [TestMethod]
    public void ChunksOfOneConditionUseTheFlatFormatAndAssembleInCOrder()
    {
        var result = RunSynthetic(TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20))), "table", chunkSize: 1);
        AssertEncoded(result);
        result = RunSynthetic(TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20))), "shuffled", chunkSize: 4);
        AssertEncoded(result);
    }

    [TestMethod]
    public void SummaryReducedInPythonEqualsTheDotNetSummaryOfTheSeries()
    {
        var exploration = TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20)));
        const string wobble = "results.iloc[:, :] = np.sin(results.to_numpy() * 1e-3) * results.to_numpy()";
        var series = RunSynthetic(exploration, "meshgrid", postprocess: wobble);
        foreach (var window in new[] { 0.2, 0.5, 1.0, 0.01 })
        {
            var summary = RunSynthetic(exploration, "shuffled", new RunOptions { Store = ResultStore.Summary, SummaryWindow = window }, chunkSize: 4, postprocess: wobble);
            Assert.IsFalse(summary.HasSeries);
            var expected = series.Summarize(window);
            var actual = summary.Summary!;
            Assert.AreEqual(expected.WindowStart, actual.WindowStart);
            CollectionAssert.AreEqual(expected.First.ToArray(), actual.First.ToArray());
            CollectionAssert.AreEqual(expected.Final.ToArray(), actual.Final.ToArray());
            CollectionAssert.AreEqual(expected.Min.ToArray(), actual.Min.ToArray());
            CollectionAssert.AreEqual(expected.Max.ToArray(), actual.Max.ToArray());
            CollectionAssert.AreEqual(expected.Mean.ToArray(), actual.Mean.ToArray(), $"window {window}: the mean is a sequential sum on both sides");
        }
    }

    [TestMethod]
    public void NonFiniteSamplesAreConditionFailuresAndBlankTheRest()
    {
        // Condition with a=2, b=20 becomes NaN at sample 3 in 'w'; a=3, b=10 infinite at sample 5 in 'x'.
        const string plant =
            "c1 = table.index[(table['a'] == 2) & (table['b'] == 20)][0]\n" +
            "c2 = table.index[(table['a'] == 3) & (table['b'] == 10)][0]\n" +
            "results.loc[results.index[3]:, ('w', c1)] = np.nan\n" +
            "results.loc[results.index[5], ('x', c2)] = np.inf";
        var result = RunSynthetic(TestExperiments.Sweep("ab", ExplorationMode.Product, ("a", Domain.Values(1, 2, 3)), ("b", Domain.Values(10, 20))), "meshgrid", postprocess: plant);
        Assert.AreEqual(2, result.Failures.Count);
        var f1 = result.Failures[0];
        Assert.AreEqual(3, f1.Condition); // (2, 20) in C order
        Assert.AreEqual(0.375, f1.Time);
        Assert.AreEqual("w", f1.Variable);
        var f2 = result.Failures[1];
        Assert.AreEqual(4, f2.Condition); // (3, 10)
        Assert.AreEqual(0.625, f2.Time);
        Assert.AreEqual("x", f2.Variable);
        Assert.IsTrue(double.IsNaN(result[3, 3, 0]), "samples from the failure on are NaN");
        Assert.IsTrue(double.IsNaN(result[4, 7, 1]));
        Assert.AreEqual(SyntheticPyRates.Encode(result.ParameterValues(3), 2, 0), result[3, 2, 0], 0.0, "samples before the failure are kept");
        Assert.AreEqual(SyntheticPyRates.Encode(result.ParameterValues(0), 7, 1), result[0, 7, 1], 0.0, "other conditions are unaffected");
    }

    [TestMethod]
    public void TransferredArrayIsC_ContiguousFloat64AndExactlyCopied()
    {
        var runtime = PythonFixture.Runtime();
        var values = Enumerable.Range(0, 100_003).Select(i => Math.Sin(i) * 1e5).ToArray();
        var back = runtime.Invoke(() =>
        {
            using var array = BufferTransfer.ToNumpy(runtime.Bridge, values);
            using var doubled = array.InvokeMethod("__mul__", new Python.Runtime.PyFloat(2.0));
            return BufferTransfer.ReadDoubles(doubled, "test");
        });
        Assert.AreEqual(values.Length, back.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.AreEqual(values[i] * 2, back[i], 0.0);
        }
    }
}
