using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Figures.Tests;

/// <summary>A network's figures show every node: a node × time raster per condition and a per-node summary, drawn
/// from real native runs of a ring of FitzHugh–Nagumo nodes.</summary>
[TestClass]
public sealed class NetworkFigureTests
{
    private static ExplorationResult Ring(int nodes, ResultStore store = ResultStore.Series, Func<int, string>? label = null)
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.5);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1).IsCouplingVariable = true;
        m.AddStateVariable("W", "0.08*(V + 0.7 - 0.8*W)", 0.0);
        var w = new double[nodes, nodes];
        for (var i = 0; i < nodes; i++)
        {
            w[i, (i + 1) % nodes] = 1.0;
        }

        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 40;
        exp.Integration.StepSize = 0.05;
        exp.Network = Network.FromMatrix(w);
        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("tvbo:Linear");
        for (var i = 0; i < nodes; i++)
        {
            exp.Network.Nodes[i].Label = label?.Invoke(i) ?? $"region_{i}";
            exp.Network.Nodes[i].InitialState["V"] = -2.0 + (4.0 * i / nodes);
        }

        exp.Explorations.Add(new Exploration("g", [new ExplorationParameter("c_glob.a", Domain.Values(0.0, 0.2, 0.6))]));
        return exp.Run("native", new Tvbo.Backends.RunOptions { Store = store }).Explorations["g"];
    }

    [TestMethod]
    public void ANetworkGetsFiguresOfEveryNodeInsteadOfItsFirstOutputs()
    {
        var series = Ring(12);
        CollectionAssert.AreEqual(new[] { FigureKind.TimeSeries, FigureKind.NodeRaster, FigureKind.PhasePortraits, FigureKind.NodeSummary }, FigureSet.KindsFor(series).ToArray());
        CollectionAssert.AreEqual(new[] { FigureKind.NodeSummary }, FigureSet.KindsFor(Ring(12, ResultStore.Summary)).ToArray());

        var dir = Results.TempDirectory();
        var written = FigureSet.Write(series, dir);
        CollectionAssert.AreEqual(new[] { "V", "W" }, series.Variables.ToArray());
        CollectionAssert.AreEqual(new[] { "timeseries.png", "node_raster.png", "node_raster_W.png", "phase_portraits.png", "node_summary.png", "node_summary_W.png" }, written.Select(Path.GetFileName).ToArray(), "every variable's nodes: " + string.Join(", ", written.Select(Path.GetFileName)));
        PngImage.AssertFigure(Path.Combine(dir, "node_raster_W.png"));
        PngImage.AssertFigure(Path.Combine(dir, "node_summary_W.png"));
        var raster = PngImage.AssertFigure(Path.Combine(dir, "node_raster.png"));
        Assert.IsGreaterThan(30, raster.Colours, $"viridis rows and colorbar: {raster.Colours} colours");
        Assert.IsGreaterThan(0.3, raster.InkFraction, $"the rasters fill their panels: {raster.InkFraction:P0}");
        PngImage.AssertFigure(Path.Combine(dir, "node_summary.png"));
    }

    [TestMethod]
    public void PhasePortraitsOfANetworkShowAFewNodesSpreadOverItAndNameThem()
    {
        var ring = Ring(12);
        var portraits = PhasePortraitFigure.Portraits(ring);
        CollectionAssert.AreEqual(new[] { "region_0", "region_4", "region_7", "region_11" }, portraits.Select(p => p.Node).ToArray());
        foreach (var (x, y, node, _) in portraits)
        {
            Assert.AreEqual($"V[{node}]", ring.OutputNames[x]);
            Assert.AreEqual($"W[{node}]", ring.OutputNames[y]);
        }

        Assert.AreEqual(4, portraits.Select(p => p.Color).Distinct().Count());
        Assert.AreEqual((0, 1), (PhasePortraitFigure.Portraits(Results.Vdp)[0].X, PhasePortraitFigure.Portraits(Results.Vdp)[0].Y));
    }

    [TestMethod]
    public void OnlyTheRastersFirstColumnNamesTheNodesInAColumnWidenedForThem()
    {
        // Three panels: the first carries the node labels; the figure is widened by their width, so every raster keeps
        // its width and a long condition title fits. Longer labels, a wider figure; the same height.
        var dir = Results.TempDirectory();
        var shortLabels = PngImage.AssertFigure(NodeRasterFigure.Write(Ring(12), Path.Combine(dir, "short"))[0]);
        var longLabels = PngImage.AssertFigure(NodeRasterFigure.Write(Ring(12, label: i => $"ctx_lh_rostralanteriorcingulate_{i}"), Path.Combine(dir, "long"))[0]);
        Assert.AreEqual(shortLabels.Height, longLabels.Height);
        Assert.IsGreaterThan(shortLabels.Width + 100, longLabels.Width, $"{shortLabels.Width} vs {longLabels.Width} px");
    }

    [TestMethod]
    public void TheNodeSummaryGrowsWithTheNodesAndWorksFromASummary()
    {
        var dir = Results.TempDirectory();
        var small = PngImage.AssertFigure(NodeSummaryFigure.Write(Ring(12, ResultStore.Summary), Path.Combine(dir, "small"))[0]);
        var large = PngImage.AssertFigure(NodeSummaryFigure.Write(Ring(90, ResultStore.Summary), Path.Combine(dir, "large"))[0]);
        Assert.IsGreaterThan(small.Height + 500, large.Height, "every node gets a row of its own");
        Assert.AreEqual(small.Width, large.Width);
    }

    [TestMethod]
    public void NodeFiguresOfAResultWithoutNodesOrWithoutTheVariableAreRefused()
    {
        var dir = Results.TempDirectory();
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NodeRasterFigure.Write(Results.Vdp, Path.Combine(dir, "r"))).Message, "not a network's result");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NodeSummaryFigure.Write(Results.Vdp, Path.Combine(dir, "s"))).Message, "not a network's result");
        var ring = Ring(4);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NodeRasterFigure.Write(ring, Path.Combine(dir, "r"), variable: "X")).Message, "variables: V, W");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NodeRasterFigure.Write(Ring(4, ResultStore.Summary), Path.Combine(dir, "r"))).Message, "summary only");
        PngImage.AssertFigure(NodeRasterFigure.Write(ring, Path.Combine(dir, "w"), variable: "W")[0]);
    }
}
