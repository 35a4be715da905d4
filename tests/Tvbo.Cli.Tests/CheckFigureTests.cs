namespace Tvbo.Cli.Tests;

/// <summary><c>check --out</c> draws the overlay of each exploration's worst condition.</summary>
[TestClass]
public sealed class CheckFigureTests
{
    [TestMethod]
    public void CheckOutWritesTheWorstConditionsOverlay()
    {
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("tvbo-check-").FullName, "check");
        var (exit, stdout, stderr) = CliRunner.Run("check", CliRunner.Example(Path.Combine("tvbo", "network_g_sweep.yaml")), "--backends", "native,native", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        var figures = Directory.GetFiles(Path.Combine(outDir, "figures"), "*.png");
        Assert.HasCount(1, figures, stdout);
        StringAssert.StartsWith(Path.GetFileName(figures[0]), "g_sweep_V_A__condition");
        var png = File.ReadAllBytes(figures[0]);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());
    }
}
