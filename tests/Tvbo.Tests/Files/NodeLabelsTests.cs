using Tvbo.Files.Connectome;

namespace Tvbo.Tests.Files;

/// <summary>TVBO's region labels as network node labels (names or the node's own index).</summary>
[TestClass]
public sealed class NodeLabelsTests
{
    [TestMethod]
    [DataRow("ctx-lh-bankssts", "ctx_lh_bankssts")]
    [DataRow("L.BSTS", "L_BSTS")]
    [DataRow("7Networks_LH_Vis_1", "_7Networks_LH_Vis_1")]
    [DataRow("Left Frontal", "Left_Frontal")]
    [DataRow("-x", "_x")]
    [DataRow("σ_ext", "σ_ext")]
    [DataRow("brain_stem", "brain_stem")]
    [DataRow("12", "12")]
    public void ALabelBecomesAName(string label, string name) => Assert.AreEqual(name, NodeLabels.ToName(label));

    [TestMethod]
    public void LabelsThatCannotNameTheNodesAreRefusedWithTheReason()
    {
        CollectionAssert.AreEqual(new[] { "a_b", "c" }, NodeLabels.From(["a-b", "c"], out _));
        CollectionAssert.AreEqual(new[] { "0", "1", "x" }, NodeLabels.From(["0", "1", "x"], out _), "numbers equal to their index stay");
        Assert.IsNull(NodeLabels.From(["a-b", "a.b"], out var reason));
        Assert.AreEqual("two labels are 'a_b' once written as names (letters, digits, underscores)", reason);
        Assert.IsNull(NodeLabels.From(["1", "2"], out reason));
        Assert.AreEqual("node 0 is labelled 1, a number other than its index (edges and axes name nodes by label or index)", reason);
        Assert.IsNull(NodeLabels.From(["a", " "], out reason));
        Assert.AreEqual("node 1 has an empty label", reason);
    }
}
