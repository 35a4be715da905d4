namespace Tvbo.Figures.Tests;

/// <summary>The guide's figures committed beside the examples (src/Tvbo.Cli/examples/figures, shown in the README) are
/// real, small images of the sizes the README's commands make.</summary>
[TestClass]
public sealed class ExampleFigureTests
{
    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tvbo.PyRates.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Tvbo.Cli", "examples", "figures");
            }
        }

        Assert.Inconclusive("The checkout's Tvbo.PyRates.sln was not found above the test's folder.");
        return string.Empty;
    }

    [TestMethod]
    [DataRow("vdp_timeseries.png", 760, 460)]
    [DataRow("vdp_phase_portraits.png", 760, 460)]
    [DataRow("qif_bifurcation.png", 760, 500)]
    [DataRow("qif_timeseries.png", 760, 500)]
    [DataRow("qif_continuation.png", 760, 500)]
    [DataRow("fhn_heatmap_peak_to_peak.png", 640, 480)]
    [DataRow("jansen_rit_two_parameter.png", 760, 500)]
    public void CommittedGuideFigureIsASmallRealPng(string name, int width, int height)
    {
        var path = Path.Combine(Folder(), name);
        PngImage.AssertFigure(path, width, height);
        Assert.IsTrue(new FileInfo(path).Length < 150_000, $"{name} is {new FileInfo(path).Length} bytes");
    }

    [TestMethod]
    public void TheFolderHoldsOnlyTheGuideFigures()
    {
        var files = Directory.GetFiles(Folder()).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "fhn_heatmap_peak_to_peak.png", "jansen_rit_two_parameter.png", "qif_bifurcation.png", "qif_continuation.png", "qif_timeseries.png", "vdp_phase_portraits.png", "vdp_timeseries.png" }, files);
        Assert.IsTrue(files.Sum(f => new FileInfo(Path.Combine(Folder(), f)).Length) < 400_000, "a few hundred KB in all");
    }
}
