using System.Numerics;
using Tvbo.Bifurcation;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.TestSupport;
using Tvbo.Tests.Bifurcation;

namespace Tvbo.Tests.IO;

/// <summary>A continuation's files in a run folder: CSV written and read back bit for bit, NetCDF read by xarray.</summary>
[TestClass]
public sealed class ContinuationFilesTests
{
    /// <summary>A continuation with every kind of branch, built by hand: equilibria with a fold and a Hopf point,
    /// periodic orbits from the Hopf point, and a fold curve in two parameters.</summary>
    internal static ContinuationResult Handmade()
    {
        static BranchPoint Eq(double p, double x, double y, bool stable) => new()
        {
            Parameters = [p],
            State = [x, y],
            Minimum = [x, y],
            Maximum = [x, y],
            Stable = stable,
            Eigenvalues = [new Complex(stable ? -0.1 - p : 0.3 + p, 1.0 / 3.0), new Complex(stable ? -0.1 - p : 0.3 + p, -1.0 / 3.0)],
        };
        var eq = new Branch("eq_a", BranchKind.Equilibria, ["a"], ["x", "y"],
            [Eq(0, 0.1, Math.PI, true), Eq(0.1, 0.2, -1e-300, true), Eq(0.2, 0.3, 1e17, false), Eq(0.15, 0.4, double.Epsilon, false)],
            [
                new SpecialPoint { Kind = SpecialPointKind.EndPoint, Number = 1, PointIndex = 0, Parameters = [0], State = [0.1, Math.PI], Reason = "domain edge, a = 0" },
                new SpecialPoint { Kind = SpecialPointKind.Hopf, Number = 1, PointIndex = 1, Parameters = [0.1], State = [0.2, -1e-300], Frequency = 1.0 / 3.0, FirstLyapunovCoefficient = -0.25 },
                new SpecialPoint { Kind = SpecialPointKind.Fold, Number = 1, PointIndex = 2, Parameters = [0.2], State = [0.3, 1e17] },
            ]);
        static BranchPoint Po(double p, double r, bool stable) => new()
        {
            Parameters = [p],
            State = [r, 0],
            Minimum = [-r, -r / 2],
            Maximum = [r, r / 2],
            Period = 2 * Math.PI / (1 + p),
            Stable = stable,
            Eigenvalues = [Complex.One, new Complex(stable ? 0.5 : 1.5, 0)],
        };
        var po = new Branch("eq_a_hopf1", BranchKind.PeriodicOrbits, ["a"], ["x", "y"],
            [Po(0.1, 0, true), Po(0.12, 0.3, true), Po(0.14, 0.5, false)],
            [new SpecialPoint { Kind = SpecialPointKind.CycleFold, Number = 1, PointIndex = 1, Parameters = [0.12], State = [0.3, 0] }]);
        var fold = new Branch("fold_ab", BranchKind.FoldCurve, ["a", "b"], ["x", "y"],
            [new BranchPoint { Parameters = [0.2, 1], State = [0.3, 1], Minimum = [0.3, 1], Maximum = [0.3, 1], Stable = false, Eigenvalues = [0, -1] },
             new BranchPoint { Parameters = [0.25, 1.5], State = [0.35, 1.1], Minimum = [0.35, 1.1], Maximum = [0.35, 1.1], Stable = false, Eigenvalues = [0, -2] }],
            [new SpecialPoint { Kind = SpecialPointKind.Cusp, Number = 1, PointIndex = 1, Parameters = [0.25, 1.5], State = [0.35, 1.1] }]);
        return new ContinuationResult("eq_a", [eq, po, fold], TimeSpan.FromMilliseconds(12.5));
    }

    private static string Dir() => Directory.CreateTempSubdirectory("contfiles").FullName;

    [TestMethod]
    public void CsvRoundTripIsBitForBit()
    {
        var c = Handmade();
        var dir = Path.Combine(Dir(), "eq_a");
        var written = ContinuationCsv.Write(c, dir);
        CollectionAssert.AreEquivalent(
            new[] { "continuation.json", "branch_eq_a.csv", "branch_eq_a_hopf1.csv", "branch_fold_ab.csv", "special_points.csv" },
            written.Select(Path.GetFileName).ToArray());
        AssertSame(c, ContinuationCsv.Read(dir));
    }

    [TestMethod]
    public void AContinuationFolderNamingAFileElsewhereOrHoldingAPipeIsRefused()
    {
        var dir = Path.Combine(Dir(), "eq_a");
        _ = ContinuationCsv.Write(Handmade(), dir);
        var info = Path.Combine(dir, "continuation.json");
        var text = File.ReadAllText(info);
        File.WriteAllText(info, text.Replace("\"branch_eq_a.csv\"", "\"../../outside.csv\"", StringComparison.Ordinal));
        var e = Assert.ThrowsExactly<ResultFileException>(() => ContinuationCsv.Read(dir));
        StringAssert.Contains(e.Message, "branch 'eq_a' names the file '../../outside.csv'; valid: branch_eq_a.csv");

        File.WriteAllText(info, text);
        var table = Path.Combine(dir, "special_points.csv");
        File.Delete(table);
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [table]) { RedirectStandardError = true })
            ?? throw new AssertInconclusiveException("mkfifo cannot be started"))
        {
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode, mkfifo.StandardError.ReadToEnd());
        }

        var pipe = Assert.ThrowsExactly<ResultFileException>(() => ContinuationCsv.Read(dir));
        StringAssert.Contains(pipe.Message, table);
    }

    /// <summary><see cref="Handmade"/> with a point of fewer eigenvalues than the others and a branch without points.</summary>
    private static ContinuationResult Uneven()
    {
        var c = Handmade();
        var fold = c.Branches[2];
        var points = fold.Points.ToArray();
        points[1] = points[1] with { Eigenvalues = [new Complex(double.NaN, -0.0)] };
        var empty = new Branch("eq_a_hopf2", BranchKind.PeriodicOrbits, ["a"], ["x", "y"], [], []);
        return new ContinuationResult(c.Name, [c.Branches[0], c.Branches[1], new Branch(fold.Name, fold.Kind, fold.ParameterNames, fold.StateNames, points, fold.SpecialPoints), empty], c.Elapsed);
    }

    [TestMethod]
    public void NetCdfRoundTripIsBitForBit()
    {
        foreach (var c in new[] { Handmade(), Uneven() })
        {
            var path = Path.Combine(Dir(), "eq_a.nc");
            ContinuationNetCdf.WriteFile(c, path, ResultMetadata.Empty with { Model = "M" });
            Assert.IsTrue(ContinuationNetCdf.IsContinuationFile(path));
            AssertSame(c, ContinuationNetCdf.Read(path));
        }
    }

    [TestMethod]
    public void ADamagedOrForeignNetCdfFileIsRefusedNamingIt()
    {
        var dir = Dir();
        var path = Path.Combine(dir, "eq_a.nc");
        ContinuationNetCdf.WriteFile(Handmade(), path, ResultMetadata.Empty);
        var bytes = File.ReadAllBytes(path);

        var truncated = Path.Combine(dir, "truncated.nc");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ContinuationNetCdf.Read(truncated));
        Assert.AreEqual(truncated, ex.Path);
        StringAssert.Contains(ex.Message, truncated);
        Assert.IsFalse(ContinuationNetCdf.IsContinuationFile(truncated));

        var text = Path.Combine(dir, "text.nc");
        File.WriteAllText(text, "point,a\n0,1\n");
        ex = Assert.ThrowsExactly<ResultFileException>(() => ContinuationNetCdf.Read(text));
        StringAssert.Contains(ex.Message, text);

        // An exploration's file is not a continuation's, nor the other way round.
        var exploration = Path.Combine(dir, "sweep.nc");
        NetCdfResultWriter.WriteFile(CsvRoundTripTests.Grid("single"), exploration, ResultMetadata.Empty);
        ex = Assert.ThrowsExactly<ResultFileException>(() => ContinuationNetCdf.Read(exploration));
        StringAssert.Contains(ex.Message, "is an exploration's file, not a continuation's");
        Assert.IsFalse(ContinuationNetCdf.IsContinuationFile(exploration));
        ex = Assert.ThrowsExactly<ResultFileException>(() => ResultFiles.Read(path));
        StringAssert.Contains(ex.Message, "is a continuation's file, not an exploration's");
    }

    [TestMethod]
    public void SaveAndLoadKeepTheContinuationsInNetCdf()
    {
        var exp = EquilibriumContinuationTests.Qif();
        var c = BifurcationAnalysis.Run(exp, "eq_eta");
        var dir = Path.Combine(Dir(), "run");
        new ExperimentResult("native", [], [c]).Save(dir, exp, new RunFolderOptions { Format = ResultFormat.NetCdf });
        CollectionAssert.AreEqual(new[] { "eq_eta.nc" }, RunManifest.Read(dir)!.Files);
        AssertSame(c, ExperimentResult.Load(dir).Continuations.Single());

        // Without run.json the .nc file is still found, as a continuation and not an exploration.
        File.Delete(Path.Combine(dir, RunManifest.FileName));
        Assert.IsEmpty(RunFolder.ExplorationPaths(dir));
        AssertSame(c, ExperimentResult.Load(dir).Continuations.Single());
    }

    private static void AssertSame(ContinuationResult c, ContinuationResult back)
    {
        Assert.AreEqual(c.Name, back.Name);
        Assert.AreEqual(c.Elapsed, back.Elapsed);
        Assert.HasCount(c.Branches.Count, back.Branches);
        for (var b = 0; b < c.Branches.Count; b++)
        {
            var (x, y) = (c.Branches[b], back.Branches[b]);
            Assert.AreEqual(x.Name, y.Name);
            Assert.AreEqual(x.Kind, y.Kind);
            CollectionAssert.AreEqual(x.ParameterNames.ToArray(), y.ParameterNames.ToArray());
            CollectionAssert.AreEqual(x.StateNames.ToArray(), y.StateNames.ToArray());
            Assert.HasCount(x.Points.Count, y.Points);
            for (var i = 0; i < x.Points.Count; i++)
            {
                var (p, q) = (x.Points[i], y.Points[i]);
                Bits(p.Parameters, q.Parameters);
                Bits(p.State, q.State);
                Bits(p.Minimum, q.Minimum);
                Bits(p.Maximum, q.Maximum);
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(p.Period), BitConverter.DoubleToInt64Bits(q.Period));
                Assert.AreEqual(p.Stable, q.Stable);
                Bits(p.Eigenvalues.Select(e => e.Real).ToArray(), q.Eigenvalues.Select(e => e.Real).ToArray());
                Bits(p.Eigenvalues.Select(e => e.Imaginary).ToArray(), q.Eigenvalues.Select(e => e.Imaginary).ToArray());
            }

            Assert.HasCount(x.SpecialPoints.Count, y.SpecialPoints);
            for (var s = 0; s < x.SpecialPoints.Count; s++)
            {
                var (p, q) = (x.SpecialPoints[s], y.SpecialPoints[s]);
                Assert.AreEqual(p.Kind, q.Kind);
                Assert.AreEqual(p.Number, q.Number);
                Assert.AreEqual(p.PointIndex, q.PointIndex);
                Assert.AreEqual(p.Reason, q.Reason);
                Bits(p.Parameters, q.Parameters);
                Bits(p.State, q.State);
                Bits([p.Frequency, p.FirstLyapunovCoefficient], [q.Frequency, q.FirstLyapunovCoefficient]);
            }
        }
    }

    [TestMethod]
    public void CsvColumnsAreWhatPandasUsersRead()
    {
        var dir = Path.Combine(Dir(), "eq_a");
        ContinuationCsv.Write(Handmade(), dir);
        var eq = File.ReadAllLines(Path.Combine(dir, "branch_eq_a.csv"));
        Assert.AreEqual("point,a,x,y,stable,unstable_eigenvalues,label,eigenvalue_1_re,eigenvalue_1_im,eigenvalue_2_re,eigenvalue_2_im", eq[0]);
        StringAssert.StartsWith(eq[2], "1,0.1,0.2,-1E-300,true,0,HB,");
        StringAssert.StartsWith(eq[3], "2,0.2,0.3,1E+17,false,2,LP,");
        var po = File.ReadAllLines(Path.Combine(dir, "branch_eq_a_hopf1.csv"));
        Assert.AreEqual("point,a,x,y,period,x_min,y_min,x_max,y_max,stable,unstable_eigenvalues,label,multiplier_1_re,multiplier_1_im,multiplier_2_re,multiplier_2_im", po[0]);
        StringAssert.Contains(po[3], ",false,1,,"); // the trivial multiplier is not counted
        var sp = File.ReadAllLines(Path.Combine(dir, "special_points.csv"));
        Assert.AreEqual("branch,label,number,point,a,b,x,y,frequency,first_lyapunov_coefficient,reason", sp[0]);
        Assert.AreEqual("eq_a,EP,1,0,0,,0.1,3.141592653589793,NaN,NaN,\"domain edge, a = 0\"", sp[1]);
        Assert.AreEqual("fold_ab,CP,1,1,0.25,1.5,0.35,1.1,NaN,NaN,", sp[^1]);
    }

    [TestMethod]
    public void SaveAndLoadKeepTheContinuations()
    {
        var exp = EquilibriumContinuationTests.Qif();
        var c = BifurcationAnalysis.Run(exp, "eq_eta");
        var dir = Path.Combine(Dir(), "run");
        var written = new ExperimentResult("native", [], [c]).Save(dir, exp);
        Assert.IsTrue(written.Any(f => f.EndsWith(Path.Combine("eq_eta", "branch_eq_eta.csv"), StringComparison.Ordinal)));
        var manifest = RunManifest.Read(dir)!;
        CollectionAssert.AreEqual(new[] { "eq_eta" }, manifest.Continuations);
        CollectionAssert.IsSubsetOf(new[] { "eq_eta/continuation.json", "eq_eta/branch_eq_eta.csv", "eq_eta/special_points.csv" }, manifest.Files);
        var back = ExperimentResult.Load(dir);
        Assert.HasCount(1, back.Continuations);
        Assert.AreEqual(c.Main.Points.Count, back.Continuations[0].Main.Points.Count);
        Assert.AreEqual(string.Join(",", c.Main.SpecialPoints), string.Join(",", back.Continuations[0].Main.SpecialPoints));
    }

    [TestMethod]
    public void AnExplorationAndAContinuationOfOneNameAreRefused()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new ExperimentResult("native", [], [Handmade(), Handmade()]));
        StringAssert.Contains(ex.Message, "'eq_a'");
    }

    [TestMethod]
    public void NetCdfOpensInXarray()
    {
        if (DebianPython.Missing("xarray, netCDF4") is { } why)
        {
            Assert.Inconclusive($"xarray with netCDF4 is not installed in {DebianPython.Executable}: {why}");
        }

        var path = Path.Combine(Dir(), "eq_a.nc");
        ContinuationNetCdf.WriteFile(Handmade(), path, ResultMetadata.Empty with { Model = "M" });
        var (exit, stdout, stderr) = DebianPython.Run("-c", $$"""
            import xarray as xr
            ds = xr.open_dataset(r"{{path}}")
            assert ds.attrs["Conventions"] == "CF-1.8", ds.attrs
            assert ds.sizes["point_eq_a"] == 4 and ds.sizes["point_eq_a_hopf1"] == 3 and ds.sizes["special_point"] == 5, ds.sizes
            assert ds["eq_a_stable"].dtype == bool, ds["eq_a_stable"].dtype
            assert list(ds["eq_a_stable"].values) == [True, True, False, False]
            assert list(ds["eq_a_label"].values) == ["EP", "HB", "LP", ""], ds["eq_a_label"].values
            assert float(ds["eq_a_y"][2]) == 1e17
            assert list(ds["eq_a_hopf1_x_max"].values) == [0, 0.3, 0.5]
            assert list(ds["fold_ab_b"].values) == [1, 1.5]
            assert list(ds["special_label"].values) == ["EP", "HB", "LP", "LPC", "CP"]
            assert list(ds["special_branch"].values)[-1] == "fold_ab"
            assert ds["eq_a_eigenvalue_re"].dims == ("point_eq_a", "eigenvalue_eq_a"), ds["eq_a_eigenvalue_re"].dims
            assert float(ds["eq_a_eigenvalue_im"][0, 1]) == -1.0 / 3.0
            assert ds["eq_a_hopf1_multiplier_re"].dims == ("point_eq_a_hopf1", "multiplier_eq_a_hopf1")
            assert list(ds["eq_a_hopf1_multiplier_re"].values[:, 1]) == [0.5, 0.5, 1.5]
            assert "eq_a_eigenvalue_count" not in ds, "every point has both eigenvalues"
            assert list(ds.attrs["fold_ab_parameters"]) == ["a", "b"], ds.attrs["fold_ab_parameters"]
            print("ok")
            """);
        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual("ok", stdout.Trim());
    }

    private static void Bits(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.HasCount(expected.Count, actual);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]), $"{expected[i]:R} vs {actual[i]:R}");
        }
    }
}
