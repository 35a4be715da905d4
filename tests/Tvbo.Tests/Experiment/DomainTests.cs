using Tvbo.Experiment;

namespace Tvbo.Tests.Experiment;

[TestClass]
public sealed class DomainTests
{
    [TestMethod]
    public void RangeIsLinspaceWithBothEnds()
    {
        var v = Domain.Range(0.1, 10.0, 6).ToArray();
        Assert.AreEqual(6, v.Length);
        Assert.AreEqual(0.1, v[0]);
        Assert.AreEqual(10.0, v[5]);

        // numpy.linspace(0.1, 10, 6) printed by numpy's repr: 0.1, 2.08, 4.06, 6.039999999999999, 8.02, 10.0
        CollectionAssert.AreEqual(new[] { 0.1, 2.08, 4.06, 6.039999999999999, 8.02, 10.0 }, v);
    }

    [TestMethod]
    public void RangeWithOneValueIsLo()
    {
        CollectionAssert.AreEqual(new[] { 3.0 }, Domain.Range(3.0, 7.0, 1).ToArray());
    }

    [TestMethod]
    public void LogRangeIsEvenInLog10()
    {
        var v = Domain.Range(0.01, 100.0, 5, logScale: true).ToArray();
        Assert.AreEqual(0.01, v[0]);
        Assert.AreEqual(100.0, v[4]);
        Assert.AreEqual(1.0, v[2], 1e-15);
        Assert.AreEqual(0.1, v[1], 1e-16);
    }

    [TestMethod]
    public void ValuesKeepOrder()
    {
        CollectionAssert.AreEqual(new[] { 3.0, 1.0, 2.0 }, Domain.Values(3, 1, 2).ToArray());
    }
}
