using PureHDF;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Tests.IO;

[TestClass]
public sealed class NetCdfRoundTripTests
{
    [TestMethod]
    [DataRow("product2")]
    [DataRow("zip")]
    [DataRow("single")]
    [DataRow("none")]
    public void WriteThenLoadGivesTheSameResultBitForBit(string kind)
    {
        var original = CsvRoundTripTests.Grid(kind);
        var dir = TestResults.TempDir();
        var written = new NetCdfResultWriter().Write(original, dir, TestResults.Metadata);
        Assert.AreEqual(Path.Combine(dir, original.Name + ".nc"), written.Single());
        var loaded = ResultFiles.Read(written[0]);
        Assert.AreEqual(ResultFormat.NetCdf, loaded.Format);
        TestResults.AssertSame(original, loaded.Result, exactNaN: true);
        TestResults.AssertSame(TestResults.Metadata, loaded.Metadata);
    }

    [TestMethod]
    public void SummaryOnlyResultsRoundTrip()
    {
        var original = CsvRoundTripTests.Grid("zip", series: false);
        var dir = TestResults.TempDir();
        var path = new NetCdfResultWriter().Write(original, dir, ResultMetadata.Empty).Single();
        TestResults.AssertSame(original, ExplorationResult.Load(path), exactNaN: true);
    }

    [TestMethod]
    public void DimensionsAreHdf5DimensionScalesAndTextIsNotTruncated()
    {
        var r = CsvRoundTripTests.Grid("product2");
        var dir = TestResults.TempDir();
        var path = new NetCdfResultWriter().Write(r, dir, TestResults.Metadata).Single();
        using var file = H5File.OpenRead(path);
        foreach (var dim in new[] { "σ_ext", "b", "time", "failure" })
        {
            // H5DSis_scale (netCDF-C) wants exactly a 16-byte fixed-length string.
            var type = file.Dataset(dim).Attribute("CLASS").Type;
            Assert.AreEqual(H5DataTypeClass.String, type.Class, dim);
            Assert.AreEqual(16, (int)type.Size, dim);
        }

        Assert.AreEqual(TestResults.Metadata.ExperimentSha256, file.Attribute("experiment_sha256").Read<string>());
        Assert.AreEqual("state not finite, at \"x\", 2nd stage", file.Dataset("failure_reason").Read<string[]>()[0]);
        CollectionAssert.AreEqual(new ulong[] { 3, 2, 7 }, file.Dataset("x").Space.Dimensions);
    }

    [TestMethod]
    public void ClashingNamesAreRefused()
    {
        var r = TestResults.Make(ExplorationMode.Product, [("x_min", [1, 2])]);
        var ex = Assert.ThrowsExactly<ResultFileException>(() => new NetCdfResultWriter().Write(r, TestResults.TempDir(), ResultMetadata.Empty));
        StringAssert.Contains(ex.Message, "'x_min'");
    }

    [TestMethod]
    public void OtherHdf5FilesAreRefused()
    {
        var path = Path.Combine(TestResults.TempDir(), "other.h5");
        new H5File { ["data"] = new double[] { 1, 2 } }.Write(path);
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ExplorationResult.Load(path));
        StringAssert.Contains(ex.Message, "tvbo_format");
    }

    [TestMethod]
    public void CancellationDeletesThePartialFile()
    {
        var r = TestResults.Make(ExplorationMode.Product, [("a", [1, 2, 3])]);
        var dir = TestResults.TempDir();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => new NetCdfResultWriter().Write(r, dir, ResultMetadata.Empty, cts.Token));
        Assert.AreEqual(0, Directory.GetFiles(dir).Length);
    }
}
