using Tvbo.Backends;
using Tvbo.Cli.Commands;

namespace Tvbo.Cli.Tests;

/// <summary>What a run shows of its progress: a line per exploration when stderr is redirected, decile lines with -v,
/// nothing with --quiet; the texts of the bar and the lines.</summary>
[TestClass]
public sealed class ProgressTests
{
    [TestMethod]
    public void ARedirectedRunPrintsOneLinePerExploration()
    {
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--store", "summary");
        Assert.AreEqual(0, exit, stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("mu_sweep: 6 conditions in ", StringComparison.Ordinal)), stderr);
        Assert.IsFalse(stderr.Contains('%', StringComparison.Ordinal), "no percentages in a log without -v: " + stderr);
        Assert.IsFalse(stderr.Contains('\r', StringComparison.Ordinal), "nothing redrawn in a log");
    }

    [TestMethod]
    public void VerboseAddsALineAtEveryTenth()
    {
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("qif_eta_sweep.yaml"), "--backend", "native", "--store", "summary", "-v");
        Assert.AreEqual(0, exit, stderr);
        var lines = stderr.Split('\n').Where(l => l.StartsWith("eta_sweep: ", StringComparison.Ordinal)).ToArray();
        StringAssert.StartsWith(lines[0], "eta_sweep: 0% (0/15 conditions");
        Assert.IsTrue(lines.Length is >= 3 and <= 12, string.Join('\n', lines));
        StringAssert.StartsWith(lines[^1], "eta_sweep: 15 conditions in ");
    }

    [TestMethod]
    public void QuietShowsNoProgress()
    {
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--store", "summary", "--quiet");
        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual("", stderr);
        StringAssert.Contains(stdout, "summary=(6, 2)");
    }

    [TestMethod]
    public void TheBarShowsConditionsRateAndTimeLeftWithinTheWidth()
    {
        var p = new RunProgress("eta_sweep", 400, 1000, 15);
        var bar = ProgressDisplay.Bar(p, TimeSpan.FromSeconds(3), width: 200);
        StringAssert.StartsWith(bar, "eta_sweep ━━━━━━━━━━──────────────  40%  6/15 conditions · 2 conditions/s · 4.5 s left");
        Assert.AreEqual(39, ProgressDisplay.Bar(p, TimeSpan.FromSeconds(3), width: 40).Length, "cut to the width");
        Assert.AreEqual("eta_sweep ────────────────────────   0%  0/15 conditions · 2 s", ProgressDisplay.Bar(p with { Completed = 0 }, TimeSpan.FromSeconds(2), 200), "no rate before the first condition: the elapsed time");
    }

    [TestMethod]
    public void TheLinesSayWhatIsDoneAndHowFast()
    {
        Assert.AreEqual("sweep: 40% (2/5 conditions, 1 conditions/s, 3 s left)", ProgressDisplay.Line(new RunProgress("sweep", 40, 100, 5), TimeSpan.FromSeconds(2)));
        Assert.AreEqual("sweep: 5 conditions in 2.5 s (2 conditions/s)", ProgressDisplay.Finished(new RunProgress("sweep", 100, 100, 5), TimeSpan.FromSeconds(2.5)));
        Assert.AreEqual("one: 1 condition in 3 min 20 s (200 s/condition)", ProgressDisplay.Finished(new RunProgress("one", 1, 1, 1), TimeSpan.FromSeconds(200)));
        Assert.AreEqual("fast: 3 conditions in 12 ms (250 conditions/s)", ProgressDisplay.Finished(new RunProgress("fast", 1, 1, 3), TimeSpan.FromMilliseconds(12)));
    }
}
