using System.Runtime.InteropServices;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Tests.Results;

/// <summary>The one piece that puts conditions' results together for every backend, the shard merge and Dask.</summary>
[TestClass]
public sealed class ResultAssemblerTests
{
    private static ExplorationGrid Grid(int n)
    {
        var m = new Dynamics("M");
        m.AddParameter("k", 0);
        m.AddStateVariable("x", "0", 0);
        return new Exploration("e", [new ExplorationParameter("k", Domain.Range(0, n - 1, n))]).CreateGrid(m);
    }

    [TestMethod]
    public void PiecesInAnyOrderAndFailedConditionsGiveOneResultInGridOrder()
    {
        var grid = Grid(5);
        var a = new ResultAssembler(grid, ["x", "y"], 3, ResultStore.Series, 0);
        double[] Rows(int first, int count) => Enumerable.Range(first * 6, count * 6).Select(i => (double)i).ToArray();
        a.PlaceSeries(3, Rows(3, 2));
        a.PlaceSeries(0, Rows(0, 2));
        a.FailConditions(2, 1, c => ConditionFailure.CallFailed(c, "chunk failed"));
        a.AddFailure(new ConditionFailure(4, 0.5, "y", FailureKind.Diverged, "diverged"));
        var r = a.Build([0, 0.5, 1.0], 0.5, "test");
        for (var i = 0; i < 30; i++)
        {
            Assert.AreEqual(i is >= 12 and < 18 ? double.NaN : i, r.Results.Span[i]);
        }

        CollectionAssert.AreEqual(new[] { 2, 4 }, r.Failures.Select(f => f.Condition).ToArray(), "failures sorted by condition");
        Assert.ThrowsExactly<ArgumentException>(() => a.PlaceSeries(4, Rows(4, 2)));
        Assert.ThrowsExactly<ArgumentException>(() => a.PlaceSeries(0, new double[5]));
    }

    [TestMethod]
    public void AWholeSeriesIsAdoptedWithoutACopyAndSummariesArePlacedByCondition()
    {
        var grid = Grid(2);
        var whole = new double[2 * 3 * 1];
        var a = new ResultAssembler(grid, ["x"], 3, ResultStore.Series, 0);
        a.AdoptSeries(whole);
        Assert.IsTrue(MemoryMarshal.TryGetArray(a.Build([0, 1, 2], 1, "t").Results, out var adopted));
        Assert.AreSame(whole, adopted.Array);

        var s = new ResultAssembler(grid, ["x"], 3, ResultStore.Summary, 2);
        s.PlaceSummary(1, 1, [1, 2, 3, 4, 5]);
        s.SetSummary(0, 0, 10, 20, 30, 40, 50);
        var r = s.Build([0, 1, 2], 1, "t");
        CollectionAssert.AreEqual(new[] { 50.0, 5.0 }, r.Summary!.Mean.ToArray());
        CollectionAssert.AreEqual(new[] { 30.0, 3.0 }, r.Summary.Min.ToArray());
        Assert.AreEqual(2, r.Summary.WindowStart);
        Assert.ThrowsExactly<InvalidOperationException>(() => _ = s.Series);
    }
}
