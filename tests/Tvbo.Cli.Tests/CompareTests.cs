namespace Tvbo.Cli.Tests;

[TestClass]
public sealed class CompareTests
{
    [TestMethod]
    public void NativeAgreesWithPyRatesOnTheGuideExamples()
    {
        var pythonOption = PyRatesPython.OptionOrInconclusive();
        foreach (var example in new[] { "vdp_mu_sweep.yaml", "fhn_sweep.yaml" })
        {
            var (exit, stdout, stderr) = CliRunner.Run(["compare", CliRunner.Example(example), "--tolerance", "1e-9", "--chunk-size", "4", .. pythonOption]);
            Assert.AreEqual(0, exit, $"{example}: {stdout}{stderr}");
            StringAssert.Contains(stdout, "## Cross-check: native vs pyrates");
            StringAssert.Contains(stdout, "**PASSED**");
            StringAssert.Contains(stdout, "≤ 1e-9 + 0 × scale");
        }

        // tvbo check on the guide's three examples and the TVBO-format forced oscillator.
        foreach (var example in new[] { "vdp_mu_sweep.yaml", "fhn_sweep.yaml", "qif_eta_sweep.yaml", Path.Combine("tvbo", "forced_oscillator.yaml") })
        {
            var json = Path.Combine(Directory.CreateTempSubdirectory("tvbo-check-").FullName, "check.json");
            var (exit, stdout, stderr) = CliRunner.Run(["check", CliRunner.Example(example), "--backends", "pyrates,native", "--json", json, .. pythonOption]);
            Console.WriteLine(stdout);
            Assert.AreEqual(0, exit, $"{example}: {stdout}{stderr}");
            StringAssert.Contains(stdout, "## Cross-check: pyrates vs native");
            StringAssert.Contains(stdout, "**PASSED**");
            Assert.IsTrue(File.Exists(json));
        }
    }

    [TestMethod]
    public void PyRatesOptionsAreRejectedForTheNativeBackend()
    {
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--chunk-size", "10");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "apply to the pyrates backend only");
    }
}
