using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Cli.Tests;

/// <summary>A discrete map (<c>system_type: discrete</c>) written in TVBO's experiment format, loaded and run through
/// tvbo run: result files, figures, and the PyRates refusal.</summary>
[TestClass]
public sealed class DiscreteMapTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The Gauss ("mouse") map x_{n+1} = exp(−α x_n²) + β with a derived variable, swept over β; no
    /// step_size, so one iterate per unit of time.</summary>
    private const string GaussMap = """
        label: Gauss map, beta sweep
        model:
          name: GaussMap
          system_type: discrete
          parameters:
            alpha: {value: 6.2, description: Width of the Gaussian}
            beta: {value: -0.5, description: Offset}
          derived_variables:
            g: {equation: {lhs: g, rhs: 'exp(-alpha*x**2)'}}
          state_variables:
            x:
              equation: {lhs: x_next, rhs: g + beta}
              initial_value: 0.1
          number_of_modes: 1
        integration:
          duration: 120
        explorations:
          beta_sweep:
            parameters:
              beta: {explored_values: [-0.6, -0.3, 0.1]}
        """;

    /// <summary>The map's next value (the derived g, then x).</summary>
    private static double Next(double alpha, double beta, double x) => Math.Exp(-alpha * x * x) + beta;

    [TestMethod]
    public void TheFileLoadsAsAMapWithOneIteratePerUnitOfTime()
    {
        var exp = SimulationExperiment.Load(CliRunner.TempFile(GaussMap));
        Assert.IsTrue(exp.Model.IsDiscrete);
        Assert.AreEqual(1.0, exp.Integration.StepSize);
        Assert.AreEqual(120, exp.Integration.SampleCount);
        var result = exp.Run("native").Explorations["beta_sweep"];
        Assert.AreEqual(120, result.SampleCount);
        for (var c = 0; c < 3; c++)
        {
            // Each iterate from the one before (the run's exp and Math.Exp may differ in the last bit, which a chaotic
            // orbit amplifies; one step at a time they agree to rounding).
            var beta = result.Grid.Condition(c)[0];
            var x = result.Series(c, "x");
            Assert.AreEqual(0.1, x[0]);
            for (var n = 1; n < 120; n++)
            {
                Assert.AreEqual(Next(6.2, beta, x[n - 1]), x[n], 1e-14, $"beta = {beta}, x_{n}");
            }
        }
    }

    [TestMethod]
    public void RunWritesCsvNetCdfAndFiguresOfTheIterates()
    {
        var file = CliRunner.TempFile(GaussMap);
        string csv = Directory.CreateTempSubdirectory("tvbo-map-").FullName, nc = Directory.CreateTempSubdirectory("tvbo-map-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", csv);
        TestContext.WriteLine(csv);
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(stderr.Contains("warning", StringComparison.Ordinal), stderr);
        CollectionAssert.AreEquivalent(new[] { "bifurcation.png", "timeseries.png" }, Directory.GetFiles(Path.Combine(csv, "beta_sweep", "figures")).Select(Path.GetFileName).ToArray(), stdout);
        (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", nc, "--format", "netcdf", "--no-figures");
        Assert.AreEqual(0, exit, stderr);

        var fromCsv = ExplorationResult.Load(Path.Combine(csv, "beta_sweep"));
        var fromNc = ExplorationResult.Load(Path.Combine(nc, "beta_sweep.nc"));
        Assert.AreEqual("(3, 120, 1)", fromNc.TimeseriesShape.ToString());
        CollectionAssert.AreEqual(fromCsv.Results.ToArray(), fromNc.Results.ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 120).Select(n => (double)n).ToArray(), fromNc.Time.ToArray());
        var direct = SimulationExperiment.Load(file).Run("native").Explorations["beta_sweep"];
        CollectionAssert.AreEqual(direct.Series(1, "x"), fromNc.Series(1, "x"));
    }

    [TestMethod]
    public void PyRatesRefusesTheMapAndNamesTheNativeBackend()
    {
        var out_ = Directory.CreateTempSubdirectory("tvbo-map-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.TempFile(GaussMap), "--backend", "pyrates", "--out", out_, "--no-figures");
        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(stderr, "Model 'GaussMap' is a discrete map (system_type: discrete); PyRates integrates ODEs and has no map iteration. Run it with the native backend (Run(\"native\") / --backend native).");
    }

    [TestMethod]
    public void NoiseOnAMapIsRefused()
    {
        var file = CliRunner.TempFile(GaussMap.Replace("  duration: 120", "  duration: 120\n  noise: {parameters: {sigma: 0.01}}", StringComparison.Ordinal));
        var (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", Directory.CreateTempSubdirectory("tvbo-map-").FullName, "--no-figures");
        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(stderr, "Model 'GaussMap' is a discrete map (system_type: discrete), iterated once per step; noise is not supported for maps");
    }
}
