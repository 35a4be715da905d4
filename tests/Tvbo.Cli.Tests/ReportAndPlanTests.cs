using Tvbo.TestSupport;
namespace Tvbo.Cli.Tests;

[TestClass]
public sealed class ReportAndPlanTests
{
    [TestMethod]
    [DataRow("vdp_mu_sweep.yaml", "# VdP", "$$\\dot{z} = \\mu \\left(1 - x^{2}\\right) z - x$$")]
    [DataRow("fhn_sweep.yaml", "# FHN", "$$\\dot{v} = v - \\frac{v^{3}}{3} - w + I_{ext}$$")]
    [DataRow("qif_eta_sweep.yaml", "# QIF", "$$\\dot{v} = v^{2} + \\eta + J r \\tau - \\left(\\pi r \\tau\\right)^{2}$$")]
    public void ReportOfGuideExamples(string file, string title, string equation)
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", CliRunner.Example(file));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.StartsWith(stdout, title);
        StringAssert.Contains(stdout, equation);
        StringAssert.Contains(stdout, "| Parameter | Value | Unit | Description |");
    }

    [TestMethod]
    public void PlanOfFhnListsConditionsInCOrder()
    {
        var (exit, stdout, stderr) = CliRunner.Run("plan", CliRunner.Example("fhn_sweep.yaml"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "Exploration 'a_x_I' (a × I_ext): product, grid 3x3");
        StringAssert.Contains(stdout, "conditions: 9");
        StringAssert.Contains(stdout, "samples per condition: 20000");
        StringAssert.Contains(stdout, "(3040144 bytes)");
        var rows = stdout.Split('\n').Select(l => l.Trim()).SkipWhile(l => l != "condition,a,I_ext").Skip(1).Take(9).ToArray();
        CollectionAssert.AreEqual(new[] { "0,0.5,0", "1,0.5,0.5", "2,0.5,1", "3,0.75,0", "4,0.75,0.5", "5,0.75,1", "6,1,0", "7,1,0.5", "8,1,1" }, rows);
    }

    [TestMethod]
    public void PlanCsvOfVdp()
    {
        var (exit, stdout, stderr) = CliRunner.Run("plan", CliRunner.Example("vdp_mu_sweep.yaml"), "--csv");
        Assert.AreEqual(0, exit, stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.AreEqual("exploration,condition,mu", lines[0]);
        Assert.AreEqual(7, lines.Length);
        Assert.AreEqual("mu_sweep,3,6.039999999999999", lines[4]);
    }

    [TestMethod]
    public void PlanOfQif()
    {
        var (exit, stdout, _) = CliRunner.Run("plan", CliRunner.Example("qif_eta_sweep.yaml"));
        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "conditions: 15");
        StringAssert.Contains(stdout, "samples per condition: 40000");
        StringAssert.Contains(stdout, "9.5 MiB as series");
    }

    [TestMethod]
    public void ReportAndPlanOfEverySharedTvboModel()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive("The shared TVBO model files (../shared/tvbo-models) are not beside this checkout.");
        }

        foreach (var model in Directory.GetFiles(dir, "*.yaml"))
        {
            var (exit, stdout, stderr) = CliRunner.Run("report", model);
            Assert.AreEqual(0, exit, $"{model}: {stderr}");
            StringAssert.Contains(stdout, "## State Equations");

            var m = Tvbo.Model.Dynamics.Load(model);
            var p = m.Parameters[0];
            var exp = CliRunner.TempFile($"""
                model: {model}
                integration: {"{"}duration: 10.0, step_size: 0.01{"}"}
                explorations:
                  first:
                    parameters:
                      {p.Name}: {"{"}explored_values: [{p.Value}, {p.Value + 0.1}]{"}"}
                """);
            (exit, stdout, stderr) = CliRunner.Run("plan", exp);
            Assert.AreEqual(0, exit, $"{model}: {stderr}");
            StringAssert.Contains(stdout, "conditions: 2");
        }
    }

    [TestMethod]
    [DataRow(new string[0], "Usage:\n  tvbo [command] [options]")]
    [DataRow(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [DataRow(new[] { "report" }, "needs a YAML file")]
    [DataRow(new[] { "plan", "a.yaml", "b.yaml" }, "takes one file")]
    [DataRow(new[] { "report", "/nonexistent.yaml" }, "/nonexistent.yaml")]
    [DataRow(new[] { "plan", "x.yaml", "--bogus", "1" }, "unknown option '--bogus'")]
    [DataRow(new[] { "plan", "x.yaml", "--backend", "native" }, "does not take --backend")]
    public void BadCommandLinesExitTwo(string[] args, string message)
    {
        var (exit, _, stderr) = CliRunner.Run(args);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, message);
    }

    [TestMethod]
    public void BadInputGivesOneParagraphWithoutStackTrace()
    {
        var file = CliRunner.TempFile("model:\n  name: M\n  state_variables:\n    x: {equation: 'k*x', initial_value: 1}\nintegration: {duration: 1, step_size: 0.1}\nexplorations: {}\n");
        var (exit, stdout, stderr) = CliRunner.Run("plan", file);
        Assert.AreEqual(2, exit);
        Assert.AreEqual(string.Empty, stdout);
        StringAssert.Contains(stderr, $"{file}:4:");
        StringAssert.Contains(stderr, "'k'");
        Assert.IsFalse(stderr.Contains("   at ", StringComparison.Ordinal), stderr);
    }
}
