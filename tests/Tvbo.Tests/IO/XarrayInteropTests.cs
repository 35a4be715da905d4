using System.Text.Json;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Tests.IO;

/// <summary>
/// Opens the NetCDF files with <c>xarray.open_dataset</c> in Debian's Python (/usr/bin/python3, with
/// python3-xarray and python3-netcdf4 / python3-h5netcdf, installed by env/setup.sh), the way a Python user will,
/// and checks dimensions, coordinates, values and attributes with every engine that imports.
/// </summary>
[TestClass]
public sealed class XarrayInteropTests
{
    private const string Python = DebianPython.Executable;

    private const string Script = """
        import json, sys, importlib
        import numpy as np
        import xarray as xr
        path, expected_path = sys.argv[1], sys.argv[2]
        exp = json.load(open(expected_path, encoding="utf-8"))
        engines = [e for e in ("netcdf4", "h5netcdf") if importlib.util.find_spec({"netcdf4": "netCDF4", "h5netcdf": "h5netcdf"}[e])]
        if not engines:
            print("SKIP neither netCDF4 nor h5netcdf imports"); sys.exit(0)
        for engine in [None] + engines:
            ds = xr.open_dataset(path, engine=engine)
            where = f"engine={engine}"
            assert dict(ds.sizes) == exp["sizes"], (where, dict(ds.sizes), exp["sizes"])
            for name, dims in exp["dims"].items():
                assert ds[name].dims == tuple(dims), (where, name, ds[name].dims, dims)
            for name in exp["coords"]:
                assert name in ds.coords, (where, name, list(ds.coords))
            for name, values in exp["values"].items():
                got = ds[name].values.ravel()
                want = np.array(values, dtype=got.dtype)
                assert got.shape == want.shape and np.array_equal(got, want, equal_nan=True), (where, name, got[:5], want[:5])
            for name, value in exp["attrs"].items():
                assert ds.attrs[name] == value, (where, name, ds.attrs[name], value)
            assert list(ds["failure_reason"].values) == exp["reasons"], (where, list(ds["failure_reason"].values))
            ds.close()
        print("OK " + " ".join(str(e) for e in [None] + engines))
        """;

    [TestMethod]
    public void ProductGridOpensWithOneDimensionPerAxis()
    {
        var r = CsvRoundTripTests.Grid("product2");
        var x = Values(r, 0);
        Check(r, new
        {
            sizes = new Dictionary<string, int> { ["σ_ext"] = 3, ["b"] = 2, ["time"] = 7, ["failure"] = 2 },
            dims = new Dictionary<string, string[]>
            {
                ["x"] = ["σ_ext", "b", "time"],
                ["y_mean"] = ["σ_ext", "b"],
                ["condition"] = ["σ_ext", "b"],
                ["failure_reason"] = ["failure"],
            },
            coords = new[] { "σ_ext", "b", "time", "condition" },
            values = new Dictionary<string, double[]>
            {
                ["σ_ext"] = [0.1, 1.0 / 3, 1e-300],
                ["b"] = [-2.5, 7],
                ["time"] = r.Time.ToArray(),
                ["condition"] = [0, 1, 2, 3, 4, 5],
                ["x"] = x,
                ["y_mean"] = r.Summarize().Mean.ToArray().Where((_, i) => i % 2 == 1).ToArray(),
                ["failure_condition"] = [1, 5],
            },
            attrs = Attrs(),
            reasons = r.Failures.Select(f => f.Reason).ToArray(),
        });
    }

    [TestMethod]
    public void ObservablesOpenWithTheGridsAndTheirOwnDimensions()
    {
        // The window mean of x and y per condition ([σ_ext, b, observable_channel]) and a number per condition.
        var r = CsvRoundTripTests.Grid("product2");
        var mean = new Observable("late", ["x", "y"], [new ObservableStep("mean", new Dictionary<string, double> { ["window"] = 0.5 })]);
        var observables = Tvbo.Observables.ObservableEvaluator.Compute([mean], new Tvbo.Experiment.PipelineFunctionCollection(), r, 0.25, null, new Tvbo.Backends.RunOptions());
        r = r.WithObservables(observables, null);
        var late = r.Observables["late"];
        Check(r, new
        {
            sizes = new Dictionary<string, int> { ["σ_ext"] = 3, ["b"] = 2, ["time"] = 7, ["failure"] = 2, ["late_channel"] = 2 },
            dims = new Dictionary<string, string[]>
            {
                ["x"] = ["σ_ext", "b", "time"],
                ["late"] = ["σ_ext", "b", "late_channel"],
                ["late_channel_label"] = ["late_channel"],
                ["failure_reason"] = ["failure"],
            },
            coords = new[] { "σ_ext", "b", "time", "condition", "late_channel", "late_channel_label" },
            values = new Dictionary<string, double[]>
            {
                ["late"] = late.Values.ToArray(),
                ["late_channel"] = [0, 1],
            },
            attrs = Attrs(),
            reasons = r.Failures.Select(f => f.Reason).ToArray(),
        });
        Assert.AreEqual(Values(r, 0)[3..7].Average(), late.Condition(0)[0], 1e-12, "condition 0's x over its last 4 of 7 samples (window 0.5: ceil(3.5))");
    }

    [TestMethod]
    public void ZipGridOpensWithAConditionDimension()
    {
        var r = CsvRoundTripTests.Grid("zip");
        Check(r, new
        {
            sizes = new Dictionary<string, int> { ["condition"] = 4, ["time"] = 7, ["failure"] = 2 },
            dims = new Dictionary<string, string[]>
            {
                ["x"] = ["condition", "time"],
                ["a"] = ["condition"],
                ["σ_ext"] = ["condition"],
                ["x_first"] = ["condition"],
            },
            coords = new[] { "condition", "time", "a", "σ_ext" },
            values = new Dictionary<string, double[]>
            {
                ["condition"] = [0, 1, 2, 3],
                ["a"] = [1, 2, 3, 4],
                ["σ_ext"] = [0.5, 0.25, 0.125, 1.0 / 7],
                ["y"] = Values(r, 1),
            },
            attrs = Attrs(),
            reasons = r.Failures.Select(f => f.Reason).ToArray(),
        });
    }

    /// <summary>A network's result: outputs V[left], V[right], W[left], W[right] over one axis, with a failure.</summary>
    internal static ExplorationResult NetworkResult()
    {
        var m = new Tvbo.Model.Dynamics("Net");
        m.AddParameter("G", 0);
        m.AddStateVariable("x", "0", 0);
        var grid = new Exploration("g", [new ExplorationParameter("G", Domain.Values(0.1, 0.2, 0.3))]).CreateGrid(m);
        string[] outputs = ["V[left]", "V[right]", "W[left]", "W[right]"];
        const int samples = 5;
        var data = new double[3 * samples * outputs.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (i * 0.37) - 3;
        }

        var time = Enumerable.Range(0, samples).Select(t => t * 0.1).ToArray();
        return new ExplorationResult(grid, outputs, time, 0.1, data, null, [new ConditionFailure(2, 0.3, "W[right]", FailureKind.Diverged, "diverged")], "native");
    }

    [TestMethod]
    public void NetworkResultOpensWithANodeDimension()
    {
        var r = NetworkResult();
        CollectionAssert.AreEqual(new[] { "left", "right" }, r.Nodes.ToArray());
        CollectionAssert.AreEqual(new[] { "V", "W" }, r.Variables.ToArray());
        double[] Of(int variable)
        {
            var values = new List<double>();
            for (var c = 0; c < 3; c++)
            {
                for (var t = 0; t < r.SampleCount; t++)
                {
                    for (var n = 0; n < 2; n++)
                    {
                        values.Add(r[c, t, (variable * 2) + n]);
                    }
                }
            }

            return values.ToArray();
        }

        var mean = r.Summarize().Mean.ToArray();
        Check(r, new
        {
            sizes = new Dictionary<string, int> { ["G"] = 3, ["time"] = 5, ["node"] = 2, ["failure"] = 1 },
            dims = new Dictionary<string, string[]>
            {
                ["V"] = ["G", "time", "node"],
                ["W_mean"] = ["G", "node"],
            },
            coords = new[] { "G", "time", "node" },
            values = new Dictionary<string, double[]>
            {
                ["V"] = Of(0),
                ["W"] = Of(1),
                ["W_mean"] = Enumerable.Range(0, 3).SelectMany(c => new[] { mean[(c * 4) + 2], mean[(c * 4) + 3] }).ToArray(),
            },
            attrs = new Dictionary<string, object> { ["backend"] = "native" },
            reasons = new[] { "diverged" },
        });

        var dir = TestResults.TempDir();
        var path = new NetCdfResultWriter().Write(r, dir, TestResults.Metadata).Single();
        TestResults.AssertSame(r, ExplorationResult.Load(path), exactNaN: true);
    }

    [TestMethod]
    public void ANetworkWithMoreOutputsThanAnAttributeHoldsOpensAndLoadsBack()
    {
        // 2 variables x 1500 nodes = 3000 outputs: more texts than an HDF5 attribute (64 KiB) holds, so the outputs and
        // nodes are given by the variables and the node coordinate (the labels) alone.
        var m = new Tvbo.Model.Dynamics("Net");
        m.AddParameter("G", 0);
        m.AddStateVariable("x", "0", 0);
        var grid = new Exploration("g", [new ExplorationParameter("G", Domain.Values(0.1, 0.2))]).CreateGrid(m);
        var labels = Enumerable.Range(0, 1500).Select(i => $"region_{i}").ToArray();
        string[] outputs = [.. new[] { "V", "W" }.SelectMany(v => labels.Select(l => $"{v}[{l}]"))];
        const int samples = 3;
        var data = new double[2 * samples * outputs.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (i * 0.37) - 3;
        }

        var r = new ExplorationResult(grid, outputs, [0, 0.1, 0.2], 0.1, data, null, [], "native");
        Assert.IsGreaterThan(NetCdfLayout.MaxListAttribute, r.OutputNames.Count);
        var dir = TestResults.TempDir();
        var path = new NetCdfResultWriter().Write(r, dir, TestResults.Metadata).Single();
        TestResults.AssertSame(r, ExplorationResult.Load(path), exactNaN: true);

        var script = """
            import sys, xarray as xr
            ds = xr.open_dataset(sys.argv[1])
            assert ds["V"].shape == (2, 3, 1500), ds["V"].shape
            assert ds["node"].values[1499] == "region_1499"
            assert float(ds["W"].sel(G=0.2).isel(time=2, node=7)) == float(sys.argv[2])
            assert float(ds["W"].sel(G=0.2, node="region_7").isel(time=2)) == float(sys.argv[2])
            assert "outputs" not in ds.attrs
            print("OK")
            """;
        if (!File.Exists(Python))
        {
            Assert.Inconclusive($"{Python} not found; the file loaded back in C# only.");
        }

        var expected = r[1, 2, r.VariableIndex("W[region_7]")].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var (exit, stdout, stderr) = Run("-c", script, path, expected);
        var output = stdout + stderr;
        if (output.Contains("No module named 'xarray'", StringComparison.Ordinal))
        {
            Assert.Inconclusive("xarray does not import in " + Python);
        }

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "OK");
    }

    [TestMethod]
    public void ASingleSystemWithMoreOutputsThanNetCdfListsIsRefusedNamingCsv()
    {
        var m = new Tvbo.Model.Dynamics("Wide");
        m.AddParameter("G", 0);
        m.AddStateVariable("x", "0", 0);
        var grid = new Exploration("g", [new ExplorationParameter("G", Domain.Values(0.1))]).CreateGrid(m);
        string[] outputs = [.. Enumerable.Range(0, NetCdfLayout.MaxListAttribute + 1).Select(i => $"x{i}")];
        var r = new ExplorationResult(grid, outputs, [0.0], 0.1, new double[outputs.Length], null, [], "native");
        var ex = Assert.Throws<ResultFileException>(() => new NetCdfResultWriter().Write(r, TestResults.TempDir(), TestResults.Metadata));
        StringAssert.Contains(ex.Message, "2001 outputs");
        StringAssert.Contains(ex.Message, "--format csv");
    }

    private static Dictionary<string, object> Attrs() => new()
    {
        ["model"] = "Mμdel",
        ["backend"] = "native",
        ["backend_version"] = "1.2.3",
        ["experiment_sha256"] = new string('a', 64),
        ["integration_method"] = "heun",
        ["step_size"] = 0.05,
        ["rtol"] = 1e-3,
    };

    private static double[] Values(ExplorationResult r, int variable)
    {
        var values = new double[r.ConditionCount * r.SampleCount];
        for (var c = 0; c < r.ConditionCount; c++)
        {
            for (var t = 0; t < r.SampleCount; t++)
            {
                values[(c * r.SampleCount) + t] = r[c, t, variable];
            }
        }

        return values;
    }

    private static void Check(ExplorationResult result, object expected)
    {
        var why = XarrayMissing();
        if (why is not null)
        {
            Assert.Inconclusive($"xarray is not importable from {Python}: {why} (env/setup.sh installs python3-xarray, python3-netcdf4 and python3-h5netcdf).");
        }

        var dir = TestResults.TempDir();
        var path = new NetCdfResultWriter().Write(result, dir, TestResults.Metadata).Single();
        var expectedPath = Path.Combine(dir, "expected.json");
        File.WriteAllText(expectedPath, JsonSerializer.Serialize(expected, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        var scriptPath = Path.Combine(dir, "check.py");
        File.WriteAllText(scriptPath, Script);
        var (exit, stdout, stderr) = Run(scriptPath, path, expectedPath);
        Assert.AreEqual(0, exit, $"python failed:\n{stdout}\n{stderr}");
        if (stdout.StartsWith("SKIP", StringComparison.Ordinal))
        {
            Assert.Inconclusive(stdout.Trim());
        }

        StringAssert.StartsWith(stdout, "OK", stdout + stderr);
    }

    private static string? XarrayMissing() => DebianPython.Missing("xarray");

    private static (int Exit, string Out, string Err) Run(params string[] args) => DebianPython.Run(args);
}
