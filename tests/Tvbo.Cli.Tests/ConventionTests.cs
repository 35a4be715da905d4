namespace Tvbo.Cli.Tests;

/// <summary>The command line behaves as .NET tools do (System.CommandLine): --help on every command, --version, unknown
/// options named as unknown, a missing value not taken from the next option, --opt=value and --opt value, switches
/// parsed as booleans, completions through the [suggest] directive.</summary>
[TestClass]
public sealed class ConventionTests
{
    private static string Example => CliRunner.Example("qif_eta_sweep.yaml");

    [TestMethod]
    [DataRow("run", "--help")]
    [DataRow("plan", "-h")]
    [DataRow("run", "x.yaml", "--frob", "--help")]
    [DataRow("--help")]
    public void HelpAnywherePrintsTheUsage(params string[] args)
    {
        var (exit, stdout, _) = CliRunner.Run(args);
        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "Usage:\n  tvbo ");
        StringAssert.Contains(stdout, "Exit codes:");
    }

    [TestMethod]
    public void TheRootHelpListsEveryCommand()
    {
        var (exit, stdout, _) = CliRunner.Run("--help");
        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "Usage:\n  tvbo [command] [options]");
        foreach (var command in TvboCommands.Root.Subcommands)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(command.Description), command.Name);
            StringAssert.Contains(stdout, $"\n  {command.Name} ");
            StringAssert.Contains(stdout, command.Description!);
        }

        StringAssert.Contains(stdout, "--version");
        StringAssert.Contains(stdout, "3    check/compare found a disagreement");
    }

    [TestMethod]
    [DataRow("report")]
    [DataRow("plan")]
    [DataRow("run")]
    [DataRow("merge")]
    [DataRow("plot")]
    [DataRow("check")]
    [DataRow("compare")]
    public void HelpOfEachCommandListsItsOptions(string name)
    {
        var (exit, stdout, stderr) = CliRunner.Run(name, "--help");
        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual(string.Empty, stderr);
        var command = TvboCommands.Root.Subcommands.Single(c => c.Name == name);
        StringAssert.Contains(stdout, $"Usage:\n  tvbo {name} ");
        foreach (var option in command.Options)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(option.Description), $"{name} {option.Name}");
            StringAssert.Contains(stdout, option.Name);
            StringAssert.Contains(stdout, option.Description!);
        }
    }

    [TestMethod]
    public void RunHelpShowsValuesAndDefaults()
    {
        var (_, stdout, _) = CliRunner.Run("run", "-h");
        StringAssert.Contains(stdout, "--backend <native|pyrates>");
        StringAssert.Contains(stdout, "--store <series|summary>");
        StringAssert.Contains(stdout, "[default: series]");
        StringAssert.Contains(stdout, "--scheduler <tcp://HOST:PORT>");
        StringAssert.Contains(stdout, "-v, --verbose");
    }

    [TestMethod]
    public void VersionPrintsTheVersion()
    {
        var (exit, stdout, stderr) = CliRunner.Run("--version");
        Assert.AreEqual(0, exit);
        StringAssert.StartsWith(stdout, "tvbo 0.");
        Assert.AreEqual(1, stdout.Trim().Split('\n').Length, stdout);
        Assert.AreEqual(string.Empty, stderr);
    }

    [TestMethod]
    [DataRow("--frob", "unknown option '--frob'")]
    [DataRow("--frob=1", "unknown option '--frob'")]
    [DataRow("-x", "unknown option '-x'")]
    [DataRow("--out -v", "option --out needs a value, but '-v' is an option")]
    [DataRow("--out --frob", "option --out needs a value, but '--frob' is an option")]
    [DataRow("--verbose=maybe", "--verbose is a switch")]
    [DataRow("--out=", "option --out has an empty value")]
    [DataRow("--out", "option --out needs a value.")]
    [DataRow("--out a --out=b", "option --out is given 2 times; give it once")]
    [DataRow("--csv", "'run' does not take --csv")]
    [DataRow("--max-panels 1.5", "--max-panels must be a positive whole number, got '1.5'")]
    [DataRow("--summary-window 0,5", "--summary-window must be a number, got '0,5'")]
    public void CommandLineMistakesAreNamed(string extra, string problem)
    {
        var (exit, stdout, stderr) = CliRunner.Run(["run", Example, "--backend", "native", .. extra.Split(' ')]);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, problem);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines, stderr);
        StringAssert.StartsWith(lines[0], "tvbo: ");
        Assert.AreEqual("Run 'tvbo --help' for usage.", lines[1]);
        Assert.AreEqual(string.Empty, stdout);
    }

    [TestMethod]
    [DataRow("frobnicate", "unknown command 'frobnicate'; commands: report, plan, run, merge, plot, check, compare.")]
    [DataRow("--frob", "unknown option '--frob'")]
    [DataRow("-v", "-v goes after a command")]
    public void RootMistakesAreNamed(string arg, string problem)
    {
        var (exit, _, stderr) = CliRunner.Run(arg);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, problem);
        StringAssert.Contains(stderr, "Run 'tvbo --help' for usage.");
    }

    [TestMethod]
    public void CheckOfTwoFoldersTakesNoBackendOptions()
    {
        var (exit, _, stderr) = CliRunner.Run("check", "a", "b", "--backends", "native,native", "--python", "python3");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "'check' does not take --backends, --python.");
    }

    [TestMethod]
    public void NegativeNumbersAreValues()
    {
        var (exit, _, stderr) = CliRunner.Run("compare", Example, "--tolerance", "-1");
        Assert.AreEqual(2, exit);
        Assert.IsFalse(stderr.Contains("is an option", StringComparison.Ordinal), stderr);
        StringAssert.Contains(stderr, "The tolerance must be finite and at least 0");
    }

    [TestMethod]
    [DataRow("-v", true)]
    [DataRow("--verbose", true)]
    [DataRow("--verbose=true", true)]
    [DataRow("--verbose=false", false)]
    [DataRow("--verbose:false", false)]
    [DataRow("", false)]
    public void VerboseIsABoolean(string flag, bool verbose)
    {
        string[] args = ["run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend=native", "--store", "summary"];
        var (exit, stdout, stderr) = CliRunner.Run(flag.Length == 0 ? args : [.. args, flag]);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "summary=(6, 2)");
        Assert.AreEqual(verbose, stderr.Contains("mu_sweep: 0% (0/6 conditions", StringComparison.Ordinal), stderr); // progress lines: -v only
        StringAssert.Contains(stderr, "mu_sweep: 6 conditions in "); // the exploration's line: always
    }

    [TestMethod]
    public void CompletionsListTheOptionsOfACommandAndTheirValues()
    {
        var (exit, stdout, _) = CliRunner.Run("[suggest:4]", "run ");
        Assert.AreEqual(0, exit);
        var options = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.IsSubsetOf(new[] { "--backend", "--out", "--store", "--verbose", "-v", "--help" }, options, stdout);
        CollectionAssert.DoesNotContain(options, "--csv");

        (exit, stdout, _) = CliRunner.Run("[suggest:14]", "run --backend ");
        Assert.AreEqual(0, exit);
        CollectionAssert.AreEqual(new[] { "native", "pyrates" }, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        (exit, stdout, _) = CliRunner.Run("[suggest:2]", "pl");
        Assert.AreEqual(0, exit);
        CollectionAssert.AreEqual(new[] { "plan", "plot" }, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
