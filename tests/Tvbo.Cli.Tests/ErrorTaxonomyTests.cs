namespace Tvbo.Cli.Tests;

/// <summary>Backend and environment failures exit 1 with one line (the Python traceback only with -v); bad input exits 2.</summary>
[TestClass]
public sealed class ErrorTaxonomyTests
{
    [TestMethod]
    public void APythonErrorExitsOneWithItsTracebackOnlyWhenVerbose()
    {
        var example = CliRunner.Example("qif_eta_sweep.yaml");
        var (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "pyrates", "--scheduler", "tcp://127.0.0.1:9");
        if (stderr.Contains("No usable Python", StringComparison.Ordinal) || stderr.Contains("not importable", StringComparison.Ordinal))
        {
            Assert.Inconclusive(stderr.Trim());
        }

        Assert.AreEqual(1, exit, stderr);
        StringAssert.Contains(stderr, "127.0.0.1:9");
        StringAssert.Contains(stderr, "run again with -v");
        Assert.IsLessThan(4, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, stderr);

        (exit, _, stderr) = CliRunner.Run("run", example, "--backend", "pyrates", "--scheduler", "tcp://127.0.0.1:9", "-v");
        Assert.AreEqual(1, exit);
        StringAssert.Contains(stderr, "Traceback");
    }
}
