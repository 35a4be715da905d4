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
}
