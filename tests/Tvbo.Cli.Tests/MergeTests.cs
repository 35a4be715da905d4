namespace Tvbo.Cli.Tests;

/// <summary><c>run --conditions</c> and <c>merge</c>: shards of a noisy sweep join into the whole run's files; gaps and
/// changed experiment files are refused.</summary>
[TestClass]
public sealed class MergeTests
{
    [TestMethod]
    public void ShardsMergeIntoTheWholeRunAndGapsAreNamed()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-merge-").FullName;
        var file = Path.Combine(dir, "noise.yaml");
        File.Copy(CliRunner.Example(Path.Combine("tvbo", "noise_sweep.yaml")), file);
        foreach (var range in new[] { "0:1", "1:4" })
        {
            var (code, _, err) = CliRunner.Run("run", file, "--backend", "native", "--conditions", range, "--out", Path.Combine(dir, range.Replace(':', '_')), "--no-figures");
            Assert.AreEqual(0, code, err);
        }

        var (exit, stdout, stderr) = CliRunner.Run("merge", Path.Combine(dir, "0_1"), Path.Combine(dir, "1_4"), "--out", Path.Combine(dir, "merged"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "sigma_sweep: 2 shard(s) joined into 4 conditions");
        (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", Path.Combine(dir, "whole"), "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        CollectionAssert.AreEqual(
            File.ReadAllBytes(Path.Combine(dir, "whole", "sigma_sweep", "series.csv")),
            File.ReadAllBytes(Path.Combine(dir, "merged", "sigma_sweep", "series.csv")));

        (exit, _, stderr) = CliRunner.Run("merge", Path.Combine(dir, "1_4"), "--out", Path.Combine(dir, "gap"));
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "conditions 0:1 are in no shard");

        File.AppendAllText(file, "\n# edited\n");
        (exit, _, stderr) = CliRunner.Run("merge", Path.Combine(dir, "0_1"), Path.Combine(dir, "1_4"), "--out", Path.Combine(dir, "changed"));
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "has changed since");

        (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--conditions", "3:1");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "--conditions: '3:1' is not a condition range");
    }
}
