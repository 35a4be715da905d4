using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Tests.Results;

[TestClass]
public sealed class ResultComparisonTests
{
    private static ExplorationResult Result(double[] data)
    {
        var m = new Tvbo.Model.Dynamics("M");
        m.AddParameter("a", 0);
        m.AddStateVariable("x", "0", 0);
        var grid = new Exploration("e", [new ExplorationParameter("a", Domain.Values(1, 2))]).CreateGrid(m);
        return new ExplorationResult(grid, ["x"], [0.0, 0.5, 1.0], 0.5, data, null, [], "t");
    }

    [TestMethod]
    public void FindsTheWorstSamplePerCondition()
    {
        var cmp = ResultComparison.Compare(Result([1, 2, 3, 4, 5, 6]), Result([1, 2, 3.5, 4, 5 + 1e-12, 6]));
        Assert.AreEqual(0.5, cmp.Conditions[0].MaxAbsoluteDifference);
        Assert.AreEqual(1.0, cmp.Conditions[0].Time);
        Assert.AreEqual(3.0, cmp.Conditions[0].Scale);
        Assert.AreEqual(1e-12, cmp.Conditions[1].MaxAbsoluteDifference, 1e-15);
        Assert.AreEqual(0, cmp.Exceeding(1e-9).Single().Condition);
    }

    [TestMethod]
    public void NaNOnOneSideIsADifferenceButNotOnBoth()
    {
        var cmp = ResultComparison.Compare(Result([1, double.NaN, 3, 4, double.NaN, 6]), Result([1, double.NaN, 3, 4, 5, 6]));
        Assert.AreEqual(0.0, cmp.Conditions[0].MaxAbsoluteDifference);
        Assert.IsTrue(double.IsNaN(cmp.Conditions[1].MaxAbsoluteDifference));
        Assert.IsTrue(double.IsNaN(cmp.MaxAbsoluteDifference));
        Assert.AreEqual(1, cmp.Exceeding(1.0).Count());
    }
}
