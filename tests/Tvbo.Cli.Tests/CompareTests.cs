using Tvbo.Backends;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Runtime;

namespace Tvbo.Cli.Tests;

[TestClass]
public sealed class CompareTests
{
    [TestMethod]
    public void NativeAgreesWithPyRatesOnTheGuideExamples()
    {
        PythonInterpreter python;
        try
        {
            python = new PyRatesBackend().StartPython();
        }
        catch (BackendUnavailableException ex)
        {
            Assert.Inconclusive($"No usable Python for the PyRates backend: {ex.Message}");
            return;
        }

        if (!python.HasPyRates)
        {
            Assert.Inconclusive($"PyRates not importable from {python.DisplayName}: {python.PyRatesError}");
        }

        foreach (var example in new[] { "vdp_mu_sweep.yaml", "fhn_sweep.yaml" })
        {
            string[] pythonOption = python.Executable is { } exe ? ["--python", exe] : [];
            var (exit, stdout, stderr) = CliRunner.Run(["compare", CliRunner.Example(example), "--tolerance", "1e-9", "--chunk-size", "4", .. pythonOption]);
            Assert.AreEqual(0, exit, $"{example}: {stdout}{stderr}");
            StringAssert.Contains(stdout, "native vs pyrates");
            StringAssert.Contains(stdout, "All conditions agree within 1E-09");
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
