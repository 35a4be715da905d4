namespace Tvbo.Cli.Tests;

/// <summary>The command line behaves as .NET tools do: --help and --version anywhere, unknown options named as
/// unknown, a missing value not taken from the next option, switches without values.</summary>
[TestClass]
public sealed class ConventionTests
{
    private static string Example => CliRunner.Example("qif_eta_sweep.yaml");

    [TestMethod]
    [DataRow("run", "--help")]
    [DataRow("plan", "-h")]
    [DataRow("--help")]
    public void HelpAnywherePrintsTheUsage(params string[] args)
    {
        var (exit, stdout, _) = CliRunner.Run(args);
        Assert.AreEqual(0, exit);
        StringAssert.StartsWith(stdout, "usage: tvbo <command>");
    }

    [TestMethod]
    public void VersionPrintsTheVersion()
    {
        var (exit, stdout, _) = CliRunner.Run("--version");
        Assert.AreEqual(0, exit);
        StringAssert.StartsWith(stdout, "tvbo 0.");
    }

    [TestMethod]
    [DataRow("--frob", "unknown option '--frob'")]
    [DataRow("-x", "unknown option '-x'")]
    [DataRow("--out -v", "option --out needs a value, but '-v' is an option")]
    [DataRow("--verbose=false", "--verbose is a switch and takes no value")]
    [DataRow("--out=", "option --out has an empty value")]
    [DataRow("--out", "option --out needs a value.")]
    public void CommandLineMistakesAreNamed(string extra, string problem)
    {
        var (exit, _, stderr) = CliRunner.Run(["run", Example, "--backend", "native", .. extra.Split(' ')]);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, problem);
    }

    [TestMethod]
    public void NegativeNumbersAreValues()
    {
        var (exit, _, stderr) = CliRunner.Run("compare", Example, "--tolerance", "-1");
        Assert.AreEqual(2, exit);
        Assert.IsFalse(stderr.Contains("is an option", StringComparison.Ordinal), stderr);
    }
}
