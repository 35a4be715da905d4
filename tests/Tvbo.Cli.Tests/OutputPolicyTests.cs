namespace Tvbo.Cli.Tests;

/// <summary>What a re-run may touch in --out: only the files the earlier run's run.json lists; a symbolic link is never
/// followed, and files tvbo did not write, at any depth, are never deleted without --overwrite.</summary>
[TestClass]
public sealed class OutputPolicyTests
{
    private static (int Exit, string Out, string Err) Run(string outDir, params string[] extra) =>
        CliRunner.Run(["run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures", .. extra]);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ALinkedExplorationFolderIsNeverFollowed(bool relativeLink)
    {
        var root = Directory.CreateTempSubdirectory("tvbo-link-").FullName;
        var outDir = Path.Combine(root, "out");
        var elsewhere = Path.Combine(root, "thesis");
        Assert.AreEqual(0, Run(outDir).Exit);
        Directory.CreateDirectory(Path.Combine(elsewhere, "deep"));
        File.WriteAllText(Path.Combine(elsewhere, "thesis.tex"), "chapter 1");
        File.WriteAllText(Path.Combine(elsewhere, "deep", "data.bin"), "data");
        Directory.Delete(Path.Combine(outDir, "mu_sweep"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(outDir, "mu_sweep"), relativeLink ? Path.Combine("..", "thesis") : elsewhere);

        var (exit, _, stderr) = Run(outDir);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "mu_sweep");
        Assert.IsTrue(File.Exists(Path.Combine(elsewhere, "thesis.tex")));
        Assert.IsTrue(File.Exists(Path.Combine(elsewhere, "deep", "data.bin")));

        // --overwrite removes the link itself; what it pointed to stays as it was.
        (exit, _, stderr) = Run(outDir, "--overwrite");
        Assert.AreEqual(0, exit, stderr);
        Assert.IsNull(new DirectoryInfo(Path.Combine(outDir, "mu_sweep")).LinkTarget);
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "mu_sweep", "series.csv")));
        CollectionAssert.AreEquivalent(new[] { "thesis.tex", Path.Combine("deep", "data.bin") }, Directory.EnumerateFiles(elsewhere, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(elsewhere, f)).ToArray());
    }

    [TestMethod]
    public void UserFilesInsideAnExplorationFolderAreKeptWithoutOverwrite()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-notes-").FullName;
        Assert.AreEqual(0, Run(outDir).Exit);
        File.WriteAllText(Path.Combine(outDir, "mu_sweep", "my_notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(outDir, "mu_sweep", "figures"));
        File.WriteAllText(Path.Combine(outDir, "mu_sweep", "figures", "custom.png"), "mine too");

        var (exit, _, stderr) = Run(outDir);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "mu_sweep/figures/custom.png");
        StringAssert.Contains(stderr, "mu_sweep/my_notes.txt");
        Assert.AreEqual("mine", File.ReadAllText(Path.Combine(outDir, "mu_sweep", "my_notes.txt")));
        Assert.AreEqual("mine too", File.ReadAllText(Path.Combine(outDir, "mu_sweep", "figures", "custom.png")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "mu_sweep", "series.csv")), "the earlier results stay too");
    }

    [TestMethod]
    public void ARerunStillReplacesItsOwnFilesAndFigures()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-rerun-").FullName;
        var first = CliRunner.Run(["run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir]);
        Assert.AreEqual(0, first.Exit, first.Err);
        Assert.IsTrue(Directory.EnumerateFiles(Path.Combine(outDir, "mu_sweep", "figures")).Any());
        var (exit, _, stderr) = Run(outDir);
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "mu_sweep", "figures")), "the first run's figures were its own and are replaced");
    }

    [TestMethod]
    public void FiguresDrawnLaterByPlotAreTheRunsOwn()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-plot-").FullName;
        Assert.AreEqual(0, Run(outDir).Exit);
        var (exit, _, stderr) = CliRunner.Run("plot", outDir);
        Assert.AreEqual(0, exit, stderr);
        var manifest = Tvbo.IO.RunManifest.Read(outDir)!;
        Assert.IsTrue(manifest.Files.Any(f => f.StartsWith("mu_sweep/figures/", StringComparison.Ordinal)), string.Join(", ", manifest.Files));
        (exit, _, stderr) = Run(outDir);
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "mu_sweep", "figures")));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TheFileSystemRootIsRefusedAtOnce(bool overwrite)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, stdout, stderr) = Run("/", overwrite ? ["--overwrite"] : []);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "the output folder '/' (--out; ExperimentResult.Save's directory) is a file-system root; give a folder of its own");
        Assert.DoesNotContain("native:", stdout, "refused before anything ran");
        Assert.IsLessThan(TimeSpan.FromSeconds(10), clock.Elapsed, "no walk of the file system");
    }

    [TestMethod]
    public void CheckNeverWritesOntoWhatItReads()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-check-in-").FullName;
        var exp = Path.Combine(dir, "exp.yaml");
        File.Copy(CliRunner.Example("vdp_mu_sweep.yaml"), exp);
        var before = File.ReadAllText(exp);
        var (exit, stdout, stderr) = CliRunner.Run("check", exp, "--backends", "native,native", "--json", exp);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "--json '" + exp + "' is the experiment file");
        Assert.DoesNotContain("Cross-check", stdout, "refused before running");
        Assert.AreEqual(before, File.ReadAllText(exp));

        string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
        Assert.AreEqual(0, Run(a).Exit);
        Assert.AreEqual(0, Run(b).Exit);
        var series = Path.Combine(a, "mu_sweep", "series.csv");
        var bytes = File.ReadAllBytes(series);
        (exit, _, stderr) = CliRunner.Run("check", a, b, "--json", series);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "lies inside a result being compared");
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(series));

        (exit, _, stderr) = CliRunner.Run("check", exp, "--backends", "native,native", "--json", dir);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "is a folder; give a file name");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void MergeNeverWritesIntoAShard(bool overwrite)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-merge-in-").FullName;
        var file = CliRunner.Example("vdp_mu_sweep.yaml");
        foreach (var range in new[] { "0:2", "2:6" })
        {
            var (code, _, err) = CliRunner.Run("run", file, "--backend", "native", "--conditions", range, "--out", Path.Combine(dir, range.Replace(':', '_')), "--no-figures");
            Assert.AreEqual(0, code, err);
        }

        var shard = Path.Combine(dir, "0_2");
        var manifest = File.ReadAllText(Path.Combine(shard, "run.json"));
        string[] extra = overwrite ? ["--overwrite"] : [];
        var (exit, _, stderr) = CliRunner.Run(["merge", shard, Path.Combine(dir, "2_6"), "--out", shard, .. extra]);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "is a shard being joined");
        Assert.AreEqual(manifest, File.ReadAllText(Path.Combine(shard, "run.json")));
    }

    [TestMethod]
    public void AFailedRunLeavesNoEmptyOutFolder()
    {
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("tvbo-failed-").FullName, "out");
        var (exit, _, stderr) = Run(outDir, "--max-result-bytes", "10");
        Assert.AreEqual(2, exit, stderr);
        Assert.IsFalse(Directory.Exists(outDir), "the folder the run created is gone");

        Directory.CreateDirectory(outDir);
        (exit, _, stderr) = Run(outDir, "--max-result-bytes", "10");
        Assert.AreEqual(2, exit, stderr);
        Assert.IsTrue(Directory.Exists(outDir), "a folder that was there stays");
    }

    [TestMethod]
    public void KeepYamlNamingAFileIsBadInput()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tvbo-keep-").FullName, "notes.txt");
        File.WriteAllText(file, "mine");
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "pyrates", "--keep-yaml", file);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, "--keep-yaml '" + file + "' is a file");
        Assert.AreEqual("mine", File.ReadAllText(file));
    }
}
