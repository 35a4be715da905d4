using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Tests.Hardening;

/// <summary>Grids and axes too large to build are refused from their lengths, before anything is allocated.</summary>
[TestClass]
public sealed class GridLimitsTests
{
    [TestMethod]
    public void HugeAxesAndGridsAreRefusedFromTheirLengths()
    {
        var m = new Dynamics("M");
        m.AddParameter("k", 0);
        m.AddParameter("j", 0);
        m.AddStateVariable("x", "0", 0);
        var axis = new Exploration("e", [new ExplorationParameter("k", Domain.Range(0, 1, int.MaxValue - 10))]);
        StringAssert.Contains(Assert.ThrowsExactly<ExperimentException>(() => axis.CreateGrid(m)).Message, $"an axis has at most {Domain.MaxValues}");

        var grid = new Exploration("e", [new ExplorationParameter("k", Domain.Range(0, 1, 1_000_000)), new ExplorationParameter("j", Domain.Range(0, 1, 1_000_000))]);
        StringAssert.Contains(Assert.ThrowsExactly<ExperimentException>(() => grid.CreateGrid(m)).Message, "a grid has at most 100,000,000");
    }

    [TestMethod]
    public void ALargeGridIsNotBuiltBeforeItsResultIsCheckedAgainstTheLimit()
    {
        // 10 000 x 10 000 conditions: a table of 1.6 GB, a series result of 746 GiB.
        var m = new Dynamics("M");
        m.AddParameter("a", 0);
        m.AddParameter("b", 0);
        m.AddStateVariable("x", "-a*x + b", 0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Duration = 10;
        exp.Integration.StepSize = 0.01;
        exp.Explorations.Add(new Exploration("big", [new ExplorationParameter("a", Domain.Range(0, 1, 10_000)), new ExplorationParameter("b", Domain.Range(0, 1, 10_000))]));
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var grid = exp.Validate()[0];
        Assert.AreEqual(100_000_000, grid.ConditionCount);
        Assert.AreEqual(1.0, grid.ValueAt(99_999_999, 0));
        Assert.AreEqual(1.0 / 9999, grid.ValueAt(1, 1), 1e-15);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => new RunOptions().Validate(grid, exp.Integration, 1));
        StringAssert.Contains(ex.Message, "--store summary");
        StringAssert.Contains(ex.Message, "--max-result-bytes");
        Assert.IsLessThan(100L << 20, GC.GetAllocatedBytesForCurrentThread() - allocated, "bytes allocated to plan and refuse the grid");
    }

    [TestMethod]
    [DataRow(ExplorationMode.Product)]
    [DataRow(ExplorationMode.Zip)]
    public void ValuesComputedFromTheAxesAreTheTablesValues(ExplorationMode mode)
    {
        var m = new Dynamics("M");
        m.AddParameter("a", 0);
        m.AddParameter("b", 0);
        m.AddParameter("c", 0);
        m.AddStateVariable("x", "0", 0);
        var e = new Exploration("e", [new ExplorationParameter("a", Domain.Values(1, 2, 3)), new ExplorationParameter("b", Domain.Values(10, 20, 30)), new ExplorationParameter("c", Domain.Values(-1, -2, -3))], mode);
        var grid = e.CreateGrid(m);
        for (var c = 0; c < grid.ConditionCount; c++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.AreEqual(grid.Condition(c)[j], grid.ValueAt(c, j), $"condition {c}, axis {j}");
            }
        }
    }
}
