using Tvbo.Experiment;

namespace Tvbo.Tests.Experiment;

[TestClass]
public sealed class ExplorationGridTests
{
    private static ExplorationGrid Grid(ExplorationMode mode, params (string Name, double[] Values)[] axes)
    {
        var m = new Tvbo.Model.Dynamics("M");
        foreach (var (name, _) in axes)
        {
            m.AddParameter(name, 0.0);
        }

        m.AddStateVariable("x", "0", 0.0);
        return new Exploration("e", axes.Select(a => new ExplorationParameter(a.Name, Domain.Values(a.Values))), mode).CreateGrid(m);
    }

    private static double[][] Rows(ExplorationGrid g) => Enumerable.Range(0, g.ConditionCount).Select(c => g.Condition(c).ToArray()).ToArray();

    private static void AssertRows(double[][] expected, ExplorationGrid g)
    {
        var rows = Rows(g);
        Assert.AreEqual(expected.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], rows[i], $"condition {i}");
        }
    }

    [TestMethod]
    public void OneAxis()
    {
        var g = Grid(ExplorationMode.Product, ("a", [1, 2, 3]));
        CollectionAssert.AreEqual(new[] { 3 }, g.Shape.ToArray());
        AssertRows([[1], [2], [3]], g);
        Assert.AreEqual("3", g.ShapeText);
    }

    [TestMethod]
    public void TwoAxesFirstVariesSlowest()
    {
        var g = Grid(ExplorationMode.Product, ("a", [1, 2]), ("b", [10, 20, 30]));
        CollectionAssert.AreEqual(new[] { 2, 3 }, g.Shape.ToArray());
        Assert.AreEqual("2x3", g.ShapeText);
        AssertRows([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]], g);
    }

    [TestMethod]
    public void ThreeAxesAreRowMajor()
    {
        var g = Grid(ExplorationMode.Product, ("a", [1, 2]), ("b", [10, 20, 30]), ("c", [100, 200]));
        Assert.AreEqual(12, g.ConditionCount);
        var rows = Rows(g);
        for (int i = 0, c = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 2; k++, c++)
                {
                    CollectionAssert.AreEqual(new[] { new double[] { 1, 2 }[i], new double[] { 10, 20, 30 }[j], new double[] { 100, 200 }[k] }, rows[c]);
                    Assert.AreEqual((((i * 3) + j) * 2) + k, c);
                }
            }
        }
    }

    [TestMethod]
    public void ZipPairsValues()
    {
        var g = Grid(ExplorationMode.Zip, ("a", [1, 2, 3]), ("b", [10, 20, 30]));
        CollectionAssert.AreEqual(new[] { 3 }, g.Shape.ToArray());
        AssertRows([[1, 10], [2, 20], [3, 30]], g);
    }

    [TestMethod]
    public void ZipThreeAxes()
    {
        var g = Grid(ExplorationMode.Zip, ("a", [1, 2]), ("b", [10, 20]), ("c", [5, 6]));
        AssertRows([[1, 10, 5], [2, 20, 6]], g);
    }

    [TestMethod]
    public void ZipSingleAxisEqualsProduct()
    {
        AssertRows(Rows(Grid(ExplorationMode.Product, ("a", [4, 5]))), Grid(ExplorationMode.Zip, ("a", [4, 5])));
    }
}
