using Tvbo.Experiment;
using Tvbo.IO;

namespace Tvbo.Tests.IO;

[TestClass]
public sealed class ResultDirectoryTests
{
    [TestMethod]
    public void AMissingFolderIsCreatedAndAFileIsRefused()
    {
        var dir = Path.Combine(TestResults.TempDir(), "a", "b");
        var target = ResultDirectory.Prepare(dir, overwrite: false);
        Assert.IsTrue(Directory.Exists(dir));
        Assert.AreEqual(0, target.EarlierRunFiles.Count + target.ForeignFiles.Count);

        var file = Path.Combine(TestResults.TempDir(), "f.txt");
        File.WriteAllText(file, "x");
        StringAssert.Contains(Assert.ThrowsExactly<ResultFileException>(() => ResultDirectory.Prepare(file, overwrite: true)).Message, "is a file");
    }

    [TestMethod]
    public void FilesListedInRunJsonAreTheEarlierRunsAndAreCleared()
    {
        var dir = TestResults.TempDir();
        var r = CsvRoundTripTests.Grid("single");
        var writer = new CsvResultWriter();
        writer.Write(r, dir, ResultMetadata.Empty);
        new RunManifest { Files = writer.PlannedFiles(r).ToList(), Directories = [r.Name] }.Write(dir);
        Directory.CreateDirectory(Path.Combine(dir, r.Name, "figures"));
        File.WriteAllText(Path.Combine(dir, r.Name, "figures", "later.png"), "written by tvbo plot");
        RunFolder.Record([Path.Combine(dir, r.Name, "figures", "later.png")]); // as tvbo plot records what it draws

        var target = ResultDirectory.Prepare(dir, overwrite: false);
        Assert.AreEqual(7, target.EarlierRunFiles.Count);
        target.Clear();
        Assert.AreEqual(0, Directory.GetFileSystemEntries(dir).Length);
    }

    [TestMethod]
    public void OtherFilesNeedOverwriteAndThenGo()
    {
        var dir = TestResults.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "data.bin"), "x");
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ResultDirectory.Prepare(dir, overwrite: false));
        StringAssert.Contains(ex.Message, "sub/data.bin");
        var target = ResultDirectory.Prepare(dir, overwrite: true);
        CollectionAssert.AreEqual(new[] { "sub/data.bin" }, target.ForeignFiles.ToArray());
        target.Clear();
        Assert.AreEqual(0, Directory.GetFileSystemEntries(dir).Length);
    }

    [TestMethod]
    public void OverwriteNeverClearsAFolderHoldingAnInput()
    {
        var dir = TestResults.TempDir();
        var input = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(input, "x");
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ResultDirectory.Prepare(dir, overwrite: true, [input]));
        StringAssert.Contains(ex.Message, "an input of this run");
        Assert.IsTrue(File.Exists(input));
    }

    [TestMethod]
    public void SizesAndEstimates()
    {
        Assert.AreEqual("512 B", ResultSize.Format(512));
        Assert.AreEqual("1.5 KiB", ResultSize.Format(1536));
        Assert.AreEqual("1 GiB", ResultSize.Format(ResultSize.LargeWriteBytes));

        var r = TestResults.Make(ExplorationMode.Product, [("a", Enumerable.Range(0, 40).Select(i => i / 3.0).ToArray())], samples: 500);
        foreach (IResultWriter writer in new IResultWriter[] { new CsvResultWriter(CsvLayout.Wide), new CsvResultWriter(CsvLayout.Long), new CsvResultWriter(CsvLayout.Tidy), new NetCdfResultWriter() })
        {
            var dir = TestResults.TempDir();
            writer.Write(r, dir, ResultMetadata.Empty);
            var actual = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var estimate = writer.EstimateBytes(r);
            Assert.IsTrue(estimate > actual * 0.7 && estimate < actual * 1.5, $"{writer.Description}: estimate {estimate}, actual {actual}");
        }
    }
}
