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

    [TestMethod]
    [DataRow("0:3,2:4", "conditions 2:3 are in two shards ('{0_3}' holds 0:3, '{2_4}' holds 2:4)")]
    [DataRow("0:4,1:2", "conditions 1:2 are in two shards ('{0_4}' holds 0:4, '{1_2}' holds 1:2)")]
    [DataRow("1:2,0:4", "conditions 1:2 are in two shards ('{0_4}' holds 0:4, '{1_2}' holds 1:2)")]
    [DataRow("0:1,0:4", "conditions 0:1 are in two shards ('{0_1}' holds 0:1, '{0_4}' holds 0:4)")]
    [DataRow("0:2,3:4", "conditions 2:3 are in no shard (grid of 4); run them with --conditions 2:3")]
    [DataRow("1:2,3:4,0:1", "conditions 2:3 are in no shard (grid of 4)")]
    [DataRow("0:2", "conditions 2:4 are in no shard; run them with --conditions 2:4")]
    [DataRow("0:3,3:4>4:5", "'{3_4}' holds conditions 4:5, but the grid has 4 (0:4)")]
    public void GapsOverlapsAndRangesOutsideTheGridNameTheConditionsAndShards(string ranges, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-merge-ranges-").FullName;
        var file = Path.Combine(dir, "noise.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Example(Path.Combine("tvbo", "noise_sweep.yaml"))).Replace("duration: 200.0", "duration: 2.0", StringComparison.Ordinal));
        var folders = new List<string>();
        foreach (var shard in ranges.Split(','))
        {
            var range = shard.Split('>')[0];
            var folder = Path.Combine(dir, range.Replace(':', '_'));
            var (code, _, err) = CliRunner.Run("run", file, "--backend", "native", "--conditions", range, "--out", folder, "--no-figures");
            Assert.AreEqual(0, code, err);
            if (shard.Contains('>', StringComparison.Ordinal))
            {
                // A shard relabelled (its files edited) to hold conditions past the grid's end.
                var info = Path.Combine(folder, "sigma_sweep", "exploration.json");
                var moved = shard.Split('>')[1].Split(':');
                File.WriteAllText(info, File.ReadAllText(info)
                    .Replace($"\"conditionStart\": {range.Split(':')[0]}", $"\"conditionStart\": {moved[0]}", StringComparison.Ordinal)
                    .Replace($"\"conditionStop\": {range.Split(':')[1]}", $"\"conditionStop\": {moved[1]}", StringComparison.Ordinal));
            }

            folders.Add(folder);
            expected = expected.Replace($"{{{range.Replace(':', '_')}}}", folder, StringComparison.Ordinal);
        }

        var (exit, _, stderr) = CliRunner.Run(["merge", .. folders, "--out", Path.Combine(dir, "merged")]);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, $"tvbo: Exploration 'sigma_sweep': {expected}", stderr);
    }

    [TestMethod]
    public void AShardWhoseRangeDisagreesWithItsConditionsIsRefusedWhenRead()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-merge-range-").FullName;
        var file = Path.Combine(dir, "noise.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Example(Path.Combine("tvbo", "noise_sweep.yaml"))).Replace("duration: 200.0", "duration: 2.0", StringComparison.Ordinal));
        var (code, _, err) = CliRunner.Run("run", file, "--backend", "native", "--conditions", "0:1", "--out", Path.Combine(dir, "0_1"), "--no-figures");
        Assert.AreEqual(0, code, err);
        var info = Path.Combine(dir, "0_1", "sigma_sweep", "exploration.json");
        File.WriteAllText(info, File.ReadAllText(info).Replace("\"conditionStop\": 1", "\"conditionStop\": 4", StringComparison.Ordinal));
        var (exit, _, stderr) = CliRunner.Run("merge", Path.Combine(dir, "0_1"), "--out", Path.Combine(dir, "merged"));
        Assert.AreEqual(2, exit, stderr);
        StringAssert.StartsWith(stderr, $"tvbo: '{info}': \"metadata.conditionStart\" and \"metadata.conditionStop\" give the range 0:4, but the file holds 1 conditions");
    }
}
