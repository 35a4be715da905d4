using System.Globalization;

namespace Tvbo.Cli.Tests;

[TestClass]
public sealed class RunTests
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestMethod]
    public void NativeRunWritesSeriesThatMatchPyRates()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-run-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "ExplorationResult(name='mu_sweep', grid=6, timeseries=(6, 5000, 2))");

        var dir = Path.Combine(outDir, "mu_sweep");
        var conditions = File.ReadAllLines(Path.Combine(dir, "conditions.csv"));
        CollectionAssert.AreEqual(new[] { "condition,mu", "0,0.1", "1,2.08", "2,4.06", "3,6.039999999999999", "4,8.02", "5,10" }, conditions);

        var series = File.ReadAllLines(Path.Combine(dir, "series.csv"));
        Assert.AreEqual("time,x|0,x|1,x|2,x|3,x|4,x|5,z|0,z|1,z|2,z|3,z|4,z|5", series[0]);
        Assert.AreEqual(5001, series.Length);

        // PyRates' own output for the same sweep (one axis: its condition k is our condition k).
        var reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "reference", "vdp_mu6_euler_f64_series.csv"));
        Assert.AreEqual(series.Length, reference.Length);
        var worst = 0.0;
        for (var i = 1; i < series.Length; i++)
        {
            var ours = series[i].Split(',').Select(Parse).ToArray();
            var theirs = reference[i].Split(',').Select(Parse).ToArray();
            for (var j = 0; j < ours.Length; j++)
            {
                worst = Math.Max(worst, Math.Abs(ours[j] - theirs[j]));
            }
        }

        Assert.IsTrue(worst <= 1e-9, $"max |native - PyRates| = {worst}");

        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.AreEqual(7, summary.Length);
        StringAssert.StartsWith(summary[0], "condition,mu,x_first,x_final,x_min,x_max,x_mean,z_first");
    }

    [TestMethod]
    public void SummaryStoreWritesNoSeries()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-run-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("fhn_sweep.yaml"), "--backend", "native", "--store", "summary", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "summary=(9, 2)");
        var dir = Path.Combine(outDir, "a_x_I");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "series.csv")));
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.AreEqual(10, summary.Length);
        var row = summary[3].Split(',');
        Assert.AreEqual("2", row[0]);
        Assert.AreEqual(0.5, Parse(row[1]));
        Assert.AreEqual(1.0, Parse(row[2]));
        Assert.IsTrue(row.Skip(3).All(c => double.IsFinite(Parse(c))));
    }

    [TestMethod]
    public void CompareOfTheNativeBackendWithItselfAgreesExactly()
    {
        var (exit, stdout, stderr) = CliRunner.Run("compare", CliRunner.Example("vdp_mu_sweep.yaml"), "--backends", "native,native", "--tolerance", "0");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "**PASSED**: 6 conditions in 1 exploration: 6 agree.");
        StringAssert.Contains(stdout, "≤ 0 + 0 × scale");
    }

    [TestMethod]
    [DataRow(new[] { "--backend", "matlab" }, "No backend named 'matlab'", 2)]
    [DataRow(new[] { "--backend", "native", "--exploration", "nope" }, "--exploration 'nope' is not in", 2)]
    [DataRow(new[] { "--backend", "native", "--store", "all" }, "--store must be 'series' or 'summary'", 2)]
    [DataRow(new[] { "--backend", "native", "--max-result-bytes", "1000" }, "Keeping summaries only (tvbo run --store summary", 2)]
    [DataRow(new string[0], "needs --backend", 2)]
    public void BadRunArguments(string[] extra, string message, int code)
    {
        var (exit, _, stderr) = CliRunner.Run(["run", CliRunner.Example("vdp_mu_sweep.yaml"), .. extra]);
        Assert.AreEqual(code, exit, stderr);
        StringAssert.Contains(stderr, message);
    }
}
