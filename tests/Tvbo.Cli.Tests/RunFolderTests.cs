using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Native;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

/// <summary>The run folder in the library: <see cref="ExperimentResult.Save"/> writes the folder <c>tvbo run --out</c>
/// writes, and <see cref="ExperimentResult.Load"/> reads either back.</summary>
[TestClass]
public sealed class RunFolderTests
{
    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-folder-").FullName;

    [TestMethod]
    [DataRow("csv", "wide")]
    [DataRow("csv", "tidy")]
    [DataRow("netcdf", null)]
    public void SaveWritesTheFolderTheCommandLineWrites(string format, string? layout)
    {
        var file = CliRunner.Example("vdp_mu_sweep.yaml");
        string cli = NewDir(), library = NewDir();
        string[] layoutArgs = layout is null ? [] : ["--csv-layout", layout];
        var (exit, _, stderr) = CliRunner.Run(["run", file, "--backend", "native", "--out", cli, "--no-figures", "--format", format, .. layoutArgs]);
        Assert.AreEqual(0, exit, stderr);

        var experiment = SimulationExperiment.Load(file);
        var backend = new NativeBackend();
        var result = experiment.Run(backend);
        var written = result.Save(library, experiment, new RunFolderOptions
        {
            Format = format == "netcdf" ? ResultFormat.NetCdf : ResultFormat.Csv,
            CsvLayout = layout == "tidy" ? CsvLayout.Tidy : CsvLayout.Wide,
            ExperimentFile = file,
            Backend = backend.Describe(),
        });

        Assert.AreEqual(Path.Combine(library, "run.json"), written[^1]);
        CollectionAssert.AreEqual(Files(cli), Files(library));
        foreach (var f in Files(cli).Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(cli, f)), File.ReadAllBytes(Path.Combine(library, f)), f);
        }

        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli, "run.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(library, "run.json")));
        foreach (var key in new[] { "status", "backend", "backendVersion", "experiment", "settings", "directories", "files" })
        {
            Assert.AreEqual(a.RootElement.GetProperty(key).GetRawText(), b.RootElement.GetProperty(key).GetRawText(), key);
        }

        var fromCli = ExperimentResult.Load(cli);
        var fromLibrary = ExperimentResult.Load(library);
        Assert.AreEqual("native", fromLibrary.Backend);
        CollectionAssert.AreEqual(fromCli.Order.ToArray(), fromLibrary.Order.ToArray());
        var original = result.Explorations["mu_sweep"];
        CollectionAssert.AreEqual(original.Results.ToArray(), fromLibrary.Explorations["mu_sweep"].Results.ToArray());
        CollectionAssert.AreEqual(original.Results.ToArray(), fromCli.Explorations["mu_sweep"].Results.ToArray());
    }

    [TestMethod]
    public void SaveRefusesFilesItDidNotWriteAndMarksARunWithExplorationsNotRunPartial()
    {
        var file = CliRunner.Example("vdp_mu_sweep.yaml");
        var experiment = SimulationExperiment.Load(file);
        var result = experiment.Run(new NativeBackend());
        var dir = NewDir();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        var refused = Assert.ThrowsExactly<ResultFileException>(() => result.Save(dir, experiment));
        StringAssert.Contains(refused.Message, "(--out; ExperimentResult.Save's directory) holds 1 file(s) tvbo did not write (notes.txt)");
        StringAssert.Contains(refused.Message, "RunFolderOptions.Overwrite = true", "a C# caller is told the setting, not only the flag");
        Assert.AreEqual("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));

        var other = NewDir();
        result.Save(other, experiment, new RunFolderOptions { NotRun = ["later"] });
        var manifest = RunManifest.Read(other)!;
        Assert.AreEqual(RunManifest.Partial, manifest.Status);
        CollectionAssert.AreEqual(new[] { "later" }, manifest.NotRun);

        // A second save replaces the first run's files, as a re-run of 'tvbo run --out' does.
        result.Save(other, experiment);
        Assert.AreEqual(RunManifest.Complete, RunManifest.Read(other)!.Status);
    }

    [TestMethod]
    public void LoadNamesAFolderWithoutResults()
    {
        var dir = NewDir();
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ExperimentResult.Load(dir));
        StringAssert.Contains(ex.Message, "holds no results");
        ex = Assert.ThrowsExactly<ResultFileException>(() => ExperimentResult.Load(Path.Combine(dir, "missing")));
        StringAssert.Contains(ex.Message, "does not exist");
    }

    private static string[] Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
