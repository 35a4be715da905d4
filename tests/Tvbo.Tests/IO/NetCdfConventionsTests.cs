using System.Globalization;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Tests.IO;

/// <summary>
/// The NetCDF file's CF attributes and xarray-friendly names, checked in real xarray (/usr/bin/python3) with the
/// netCDF4 and h5netcdf engines, and loaded back bit for bit: units and long names, dimensions without dots, node
/// labels and modes as label coordinates.
/// </summary>
[TestClass]
public sealed class NetCdfConventionsTests
{
    // Runs the script once per engine that imports (argv: path, engine, then the test's own).
    private const string Engines = """
        import sys, importlib
        import numpy as np
        import xarray as xr
        engines = [e for e in ("netcdf4", "h5netcdf") if importlib.util.find_spec({"netcdf4": "netCDF4", "h5netcdf": "h5netcdf"}[e])]
        if len(engines) < 2:
            print("SKIP not both of netCDF4 and h5netcdf import"); sys.exit(0)
        for engine in engines:
            ds = xr.open_dataset(sys.argv[1], engine=engine)
            check(ds, engine, sys.argv[2:])
            ds.close()
        print("OK " + " ".join(engines))
        """;

    private static ResultMetadata Metadata => TestResults.Metadata with
    {
        Units = new Dictionary<string, string>(StringComparer.Ordinal) { ["c_glob.a"] = "1", ["eta"] = "mV", ["x"] = "mV" },
        Descriptions = new Dictionary<string, string>(StringComparer.Ordinal) { ["eta"] = "mean excitability, a long text beyond sixteen bytes", ["x"] = "membrane potential" },
    };

    /// <summary>A product of a dotted axis (3 values) and eta (2 values), outputs x and y.</summary>
    internal static ExplorationResult DottedGrid()
    {
        var grid = ExplorationGrid.Restore("sweep", null, ExplorationMode.Product, [new ExplorationAxis("c_glob.a", [0.1, 0.2, 0.3]), new ExplorationAxis("eta", [-5, 5])]);
        return WithData(grid, ["x", "y"], 4);
    }

    private static ExplorationResult WithData(ExplorationGrid grid, string[] outputs, int samples)
    {
        var data = new double[grid.ConditionCount * samples * outputs.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Math.Sin(i * 0.7) / 3;
        }

        return new ExplorationResult(grid, outputs, [.. Enumerable.Range(0, samples).Select(t => t * 0.25)], 0.25, data, null, [], "native");
    }

    [TestMethod]
    public void ADottedAxisIsADimensionWithoutDotsAndLoadsBackWithItsName()
    {
        var r = DottedGrid();
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), Metadata).Single();
        var loaded = ResultFiles.Read(path);
        TestResults.AssertSame(r, loaded.Result, exactNaN: true);
        Assert.AreEqual("c_glob.a", loaded.Result.Axes[0].Name);
        Assert.AreEqual("1", loaded.Metadata.Units["c_glob.a"]);
        Assert.AreEqual("mV", loaded.Metadata.Units["eta"]);
        Assert.AreEqual("mV", loaded.Metadata.Units["x"]);
        Assert.AreEqual("membrane potential", loaded.Metadata.Descriptions["x"]);
        Assert.IsFalse(loaded.Metadata.Units.ContainsKey("y"), "no unit is invented");

        var expected = r[2, 2, 0].ToString("R", CultureInfo.InvariantCulture);
        Python("""
            def check(ds, engine, args):
                assert ds.attrs["Conventions"] == "CF-1.8", ds.attrs
                assert ds["x"].dims == ("c_glob_a", "eta", "time"), ds["x"].dims
                assert float(ds.x.sel(c_glob_a=0.2, eta=-5.0).isel(time=2)) == float(args[0])
                assert float(ds.sel({"c_glob_a": 0.2}).x.sel(eta=-5.0).isel(time=2)) == float(args[0])
                a = ds["c_glob_a"].attrs
                assert a["tvbo_axis"] == "c_glob.a" and a["units"] == "1" and a["long_name"] == "parameter c_glob.a", (engine, a)
                e = ds["eta"].attrs
                assert e["units"] == "mV" and e["long_name"] == "parameter eta: mean excitability, a long text beyond sixteen bytes", (engine, e)
                assert ds["time"].attrs["long_name"] == "time" and "units" not in ds["time"].attrs, ds["time"].attrs
                assert ds["x"].attrs["units"] == "mV" and ds["x"].attrs["long_name"] == "x: membrane potential", ds["x"].attrs
                assert ds["x_mean"].attrs["units"] == "mV", ds["x_mean"].attrs
                assert "units" not in ds["y"].attrs and ds["y"].attrs["long_name"] == "y", ds["y"].attrs
            """, path, expected);
    }

    [TestMethod]
    public void SeriesAreCompressedInChunksOfOneCondition()
    {
        // A smooth series compresses: the file is smaller than its values, and loads back bit for bit.
        var grid = ExplorationGrid.Restore("smooth", null, ExplorationMode.Product, [new ExplorationAxis("a", [1, 2, 3]), new ExplorationAxis("b", [1, 2])]);
        const int samples = 20000;
        var data = new double[grid.ConditionCount * samples * 2];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Math.Round(Math.Sin(i * 1e-3), 3);
        }

        var r = new ExplorationResult(grid, ["x", "y"], [.. Enumerable.Range(0, samples).Select(t => t * 0.01)], 0.01, data, null, [], "native");
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), Metadata).Single();
        Assert.IsLessThan(data.Length * sizeof(double) / 2, new FileInfo(path).Length, $"{new FileInfo(path).Length} bytes for {data.Length * sizeof(double)} of values");
        TestResults.AssertSame(r, ExplorationResult.Load(path), exactNaN: true);
        Python("""
            def check(ds, engine, args):
                enc = ds["x"].encoding
                assert enc.get("zlib", enc.get("compression") == "gzip") and enc.get("shuffle"), (engine, enc)
                assert tuple(enc["chunksizes"]) == (1, 1, 20000), (engine, enc)
                assert ds["x"].sel(a=2.0, b=1.0).load().shape == (20000,)
            """, path);
    }

    [TestMethod]
    public void AZipOfDottedAxesHasCoordinatesWithoutDots()
    {
        var grid = ExplorationGrid.Restore("z", null, ExplorationMode.Zip, [new ExplorationAxis("I.t0", [1, 2, 3]), new ExplorationAxis("noise.sigma", [0.1, 0.2, 0.3])]);
        var r = WithData(grid, ["x"], 3);
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), Metadata).Single();
        TestResults.AssertSame(r, ExplorationResult.Load(path), exactNaN: true);
        Python("""
            def check(ds, engine, args):
                assert ds["x"].dims == ("condition", "time"), ds["x"].dims
                assert list(ds["I_t0"].values) == [1, 2, 3] and ds["noise_sigma"].attrs["tvbo_axis"] == "noise.sigma"
                assert "I_t0" in ds.coords and "noise_sigma" in ds.coords, list(ds.coords)
            """, path);
    }

    [TestMethod]
    public void NamesThatCollideWithoutTheirDotsAreRefusedNamingBoth()
    {
        var grid = ExplorationGrid.Restore("c", null, ExplorationMode.Product, [new ExplorationAxis("a.b", [1, 2]), new ExplorationAxis("a_b", [1, 2])]);
        var r = WithData(grid, ["x"], 2);
        var ex = Assert.Throws<ResultFileException>(() => new NetCdfResultWriter().Write(r, TestResults.TempDir(), Metadata));
        StringAssert.Contains(ex.Message, "'a_b'");
        StringAssert.Contains(ex.Message, "parameter 'a.b'");
        StringAssert.Contains(ex.Message, "parameter 'a_b'");
    }

    [TestMethod]
    public void ANetworksNodesAreSelectableByLabel()
    {
        var r = XarrayInteropTests.NetworkResult();
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), TestResults.Metadata).Single();
        TestResults.AssertSame(r, ExplorationResult.Load(path), exactNaN: true);
        var expected = r[1, 3, r.VariableIndex("W[right]")].ToString("R", CultureInfo.InvariantCulture);
        Python("""
            def check(ds, engine, args):
                assert list(ds["node"].values) == ["left", "right"], (engine, ds["node"].values)
                assert "node_label" not in ds.variables
                assert ds.V.sel(node="left").dims == ("G", "time")
                assert float(ds.W.sel(node="right", G=0.2).isel(time=3)) == float(args[0])
                assert ds.W_mean.sel(node="right").shape == (3,)
            """, path, expected);
    }

    /// <summary>A 3-mode model's result: x_m0 … x_m2, y_m0 … y_m2 and a shared output s, over one axis.</summary>
    internal static ExplorationResult ModeResult()
    {
        var grid = ExplorationGrid.Restore("modes", null, ExplorationMode.Product, [new ExplorationAxis("k", [0.5, 1.5])]);
        return WithData(grid, ["x_m0", "x_m1", "x_m2", "y_m0", "y_m1", "y_m2", "s"], 5);
    }

    [TestMethod]
    public void AMultiModeModelsOutputsAreOneVariableOverModes()
    {
        var r = ModeResult();
        var metadata = TestResults.Metadata with { NumberOfModes = 3 };
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), metadata).Single();
        var loaded = ResultFiles.Read(path);
        TestResults.AssertSame(r, loaded.Result, exactNaN: true);
        TestResults.AssertSame(metadata, loaded.Metadata);
        Assert.AreEqual(3, loaded.Metadata.NumberOfModes);
        var expected = r[1, 4, r.VariableIndex("y_m1")].ToString("R", CultureInfo.InvariantCulture);
        Python("""
            def check(ds, engine, args):
                assert list(ds["mode"].values) == ["m0", "m1", "m2"], ds["mode"].values
                assert ds["x"].dims == ("k", "time", "mode") and ds["y_mean"].dims == ("k", "mode"), ds["x"].dims
                assert ds["s"].dims == ("k", "time")
                assert "x_m0" not in ds.variables
                assert float(ds.y.sel(mode="m1", k=1.5).isel(time=4)) == float(args[0])
                assert ds.attrs["number_of_modes"] == 3
            """, path, expected);

        // Without the number of modes, the outputs stay one variable each.
        var plain = new NetCdfResultWriter().Write(r, TestResults.TempDir(), TestResults.Metadata).Single();
        TestResults.AssertSame(r, ExplorationResult.Load(plain), exactNaN: true);
        Python("""
            def check(ds, engine, args):
                assert "x_m1" in ds.variables and "mode" not in ds.dims
            """, plain);
    }

    [TestMethod]
    public void ResultMetadataFromAnExperimentCarriesModesAndUnits()
    {
        var model = ModeModels.Model();
        model.AddParameter("u_test", 1.0, "ms", "a parameter with a unit");
        var experiment = new SimulationExperiment(model);
        var m = ResultMetadata.From(experiment);
        Assert.AreEqual(3, m.NumberOfModes);
        Assert.AreEqual("ms", m.Units["u_test"]);
        Assert.AreEqual("a parameter with a unit", m.Descriptions["u_test"]);
    }

    [TestMethod]
    public void FilesWrittenBeforeTheseNamesStillLoad()
    {
        // Written by the previous version: a dotted dimension c_glob.a, node_label over an integer node dimension,
        // series uncompressed; the CSV folder's summary.csv with V[A]_last20_min ….
        var data = Path.Combine(AppContext.BaseDirectory, "Data", "earlier-results");
        var nc = ExplorationResult.Load(Path.Combine(data, "g_sweep.nc"));
        var csv = ExplorationResult.Load(Path.Combine(data, "g_sweep_csv"));
        Assert.AreEqual("c_glob.a", nc.Axes[0].Name);
        CollectionAssert.AreEqual(new[] { "A", "B", "C" }, nc.Nodes.ToArray());
        TestResults.AssertSame(csv, nc, exactNaN: true);
        var path = new NetCdfResultWriter().Write(nc, TestResults.TempDir(), TestResults.Metadata).Single();
        TestResults.AssertSame(nc, ExplorationResult.Load(path), exactNaN: true);
    }

    [TestMethod]
    public void AStateVariablesUnitFromTheModelFileReachesItsOutput()
    {
        var model = Tvbo.Model.Dynamics.FromYaml("name: M\nparameters:\n  a: {value: 1.0, unit: 1/ms}\nstate_variables:\n  v: {equation: {rhs: -a*v}, initial_value: 1, unit: mV}\n  w: {equation: {rhs: -w}, initial_value: 1}\n");
        Assert.AreEqual("mV", model.StateVariables[0].Unit);
        var exp = TestExperiments.Experiment(model, 1, 0.25, IntegrationMethod.Euler);
        var m = ResultMetadata.From(exp);
        Assert.AreEqual("mV", m.Units["v"]);
        Assert.AreEqual("1/ms", m.Units["a"]);
        Assert.IsFalse(m.Units.ContainsKey("w"), "no unit is invented");
    }

    [TestMethod]
    [DataRow("ms", "ms")]
    [DataRow("milliseconds", "ms")]
    [DataRow("s", "s")]
    public void TheTimeHasTheExperimentsUnitAndStaysNumbers(string given, string written)
    {
        var r = DottedGrid();
        var path = new NetCdfResultWriter().Write(r, TestResults.TempDir(), Metadata with { TimeUnit = given }).Single();
        Assert.AreEqual(given, ResultFiles.Read(path).Metadata.TimeUnit, "the unit as the experiment gave it, read back");
        Python("""
            def check(ds, engine, args):
                t = ds["time"]
                assert t.attrs["units"] == args[0], (engine, t.attrs)
                assert t.dtype.kind == "f", (engine, t.dtype)
                assert float(ds.x.sel(time=0.5, c_glob_a=0.1, eta=5.0)) == float(ds.x.isel(time=2, c_glob_a=0, eta=1))
            """, path, written);
    }

    [TestMethod]
    public void WithoutAUnitTheTimeHasNone()
    {
        var path = new NetCdfResultWriter().Write(DottedGrid(), TestResults.TempDir(), Metadata).Single();
        Python("""
            def check(ds, engine, args):
                assert "units" not in ds["time"].attrs, ds["time"].attrs
                assert ds["time"].attrs["standard_name"] == "time"
            """, path);
    }

    private static void Python(string check, string path, params string[] args)
    {
        if (DebianPython.Missing("xarray") is { } why)
        {
            Assert.Inconclusive($"xarray is not importable from {DebianPython.Executable}: {why}");
        }

        var dir = Path.GetDirectoryName(path)!;
        var script = Path.Combine(dir, $"check_{Guid.NewGuid():N}.py");
        File.WriteAllText(script, check + "\n" + Engines);
        var (exit, stdout, stderr) = DebianPython.Run([script, path, .. args]);
        Assert.AreEqual(0, exit, $"python failed:\n{stdout}\n{stderr}");
        if (stdout.StartsWith("SKIP", StringComparison.Ordinal))
        {
            Assert.Inconclusive(stdout.Trim());
        }

        StringAssert.StartsWith(stdout, "OK", stdout + stderr);
    }
}
