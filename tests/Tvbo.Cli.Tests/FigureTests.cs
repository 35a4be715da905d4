using System.Buffers.Binary;

namespace Tvbo.Cli.Tests;

/// <summary><c>tvbo run --out DIR</c> writes figures into DIR/&lt;exploration&gt;/figures/ unless told not to, and
/// <c>tvbo plot DIR</c> draws them from the result files.</summary>
[TestClass]
public sealed class FigureTests
{
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], $"{path} is not a PNG");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static string[] Names(string dir) => Directory.GetFiles(dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [TestMethod]
    public void RunWritesTheFiguresOfA1DSweepByDefault()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(stderr.Contains("warning", StringComparison.Ordinal), stderr);
        var dir = Path.Combine(outDir, "mu_sweep", "figures");
        CollectionAssert.AreEqual(new[] { "bifurcation.png", "phase_portraits.png", "timeseries.png" }, Names(dir));
        StringAssert.Contains(stdout, $"wrote {Path.Combine(dir, "timeseries.png")}");
        Assert.AreEqual((800, 600), PngSize(Path.Combine(dir, "bifurcation.png")));
        Assert.AreEqual((3 * 300) + 20, PngSize(Path.Combine(dir, "timeseries.png")).Width);
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "mu_sweep", "series.csv")), "results are written as before");
    }

    [TestMethod]
    public void SizeFormatAndPanelsCanBeChosen()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("qif_eta_sweep.yaml"), "--backend", "native", "--out", outDir,
            "--figures", "--figure-format", "png,svg", "--figure-size", "640x480", "--max-panels", "6");
        Assert.AreEqual(0, exit, stderr);
        var dir = Path.Combine(outDir, "eta_sweep", "figures");
        foreach (var name in new[] { "timeseries", "phase_portraits", "bifurcation" })
        {
            Assert.AreEqual((640, 480), PngSize(Path.Combine(dir, name + ".png")));
            StringAssert.Contains(File.ReadAllText(Path.Combine(dir, name + ".svg")), "<svg");
        }
    }

    [TestMethod]
    public void A2DSummaryRunGetsHeatmaps()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("fhn_sweep.yaml"), "--backend", "native", "--store", "summary", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        CollectionAssert.AreEqual(new[] { "heatmap_mean.png", "heatmap_peak_to_peak.png" }, Names(Path.Combine(outDir, "a_x_I", "figures")));
    }

    [TestMethod]
    public void NoFiguresWritesNone()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "mu_sweep", "figures")));
        Assert.IsFalse(stdout.Contains(".png", StringComparison.Ordinal));
    }

    [TestMethod]
    public void TheExperimentsTimeUnitAndParameterUnitsLabelTheAxes()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var file = Path.Combine(dir, "units.yaml");
        File.WriteAllText(file, """
            dynamics:
              name: Decay
              parameters: {tau: {value: 10.0, unit: ms}}
              state_variables: {x: {equation: {rhs: "-x/tau"}, initial_value: 1.0}}
            integration: {method: Euler, dt: 0.1, duration: 5.0, time_scale: ms}
            explorations:
              tau_sweep: {space: {tau: {explored_values: [5.0, 10.0, 20.0]}}}
            """);
        var experiment = Tvbo.Experiment.SimulationExperiment.Load(file);
        Assert.AreEqual("ms", experiment.Integration.TimeUnit);
        var options = new Commands.FigureOutput(true, Tvbo.Figures.FigureFormats.Png, null, null, 16).For(experiment, 0.2);
        Assert.AreEqual("ms", options.TimeUnit);
        Assert.AreEqual("ms", options.Units!["tau"]);

        var without = Tvbo.Experiment.SimulationExperiment.Load(CliRunner.Example("vdp_mu_sweep.yaml"));
        Assert.IsNull(new Commands.FigureOutput(true, Tvbo.Figures.FigureFormats.Png, null, null, 16).For(without, 0.2).TimeUnit);

        // 'tvbo plot' of the stored result: the file's record gives the same units.
        var (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native", "--out", Path.Combine(dir, "out"), "--no-figures", "--format", "netcdf", "-q");
        Assert.AreEqual(0, exit, stderr);
        var stored = Tvbo.IO.ResultFiles.Read(Path.Combine(dir, "out", "tau_sweep.nc")).Metadata;
        var plotted = Commands.PlotCommand.OptionsFor(new Commands.FigureOutput(true, Tvbo.Figures.FigureFormats.Png, null, null, 16), stored, null);
        Assert.AreEqual("ms", plotted.TimeUnit);
        Assert.AreEqual("ms", plotted.Units!["tau"]);
    }

    [TestMethod]
    public void AFigureThatCannotBeWrittenIsAWarningNotAFailure()
    {
        var experiment = Tvbo.Experiment.SimulationExperiment.Load(CliRunner.Example("vdp_mu_sweep.yaml"));
        var result = experiment.Run("native").Explorations["mu_sweep"];
        var dir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "figures", "timeseries.png"));
        var figures = new Commands.FigureOutput(true, Tvbo.Figures.FigureFormats.Png, null, null, 16);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.AreEqual(1, Commands.FigureOutput.Write(result, dir, figures.For(experiment, 0.2), stdout, stderr));
        StringAssert.Contains(stderr.ToString(), "tvbo: warning: a figure of 'mu_sweep' was not written: timeseries:");
        StringAssert.Contains(stdout.ToString(), "bifurcation.png");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "figures", "phase_portraits.png")));

        // A folder that cannot be made at all is a warning too.
        File.WriteAllText(Path.Combine(dir, "file"), "x");
        stderr = new StringWriter();
        Assert.AreEqual(1, Commands.FigureOutput.Write(result, Path.Combine(dir, "file"), figures.For(null, 0.2), stdout, stderr));
        StringAssert.Contains(stderr.ToString(), "tvbo: warning: no figures for 'mu_sweep'");
    }

    [TestMethod]
    public void PlotDrawsTheFiguresOfAResultFolderWrittenEarlier()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, _, stderr) = CliRunner.Run("run", CliRunner.Example("fhn_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        (exit, var stdout, stderr) = CliRunner.Run("plot", outDir, "--figure-size", "500x400");
        Assert.AreEqual(0, exit, stderr);
        var dir = Path.Combine(outDir, "a_x_I", "figures");
        CollectionAssert.AreEqual(new[] { "heatmap_mean.png", "heatmap_peak_to_peak.png", "phase_portraits.png", "timeseries.png" }, Names(dir));
        Assert.AreEqual((500, 400), PngSize(Path.Combine(dir, "heatmap_mean.png")));
        StringAssert.Contains(stdout, "ExplorationResult(name='a_x_I'");

        // One exploration's folder works too.
        (exit, _, stderr) = CliRunner.Run("plot", Path.Combine(outDir, "a_x_I"), "--figure-format", "svg");
        Assert.AreEqual(0, exit, stderr);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "heatmap_mean.svg")));
    }

    [TestMethod]
    public void PlotOfSomethingElseIsBadInput()
    {
        var empty = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        var (exit, _, stderr) = CliRunner.Run("plot", empty);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "holds no results");
        (exit, _, stderr) = CliRunner.Run("plot");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "'plot' needs the result folder");

        var outDir = Directory.CreateTempSubdirectory("tvbo-fig-").FullName;
        CliRunner.Run("run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "--no-figures");
        (exit, _, stderr) = CliRunner.Run("plot", outDir, "--exploration", "nope");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "--exploration 'nope' is not in");
    }

    [TestMethod]
    [DataRow(new[] { "--figures" }, "--figures needs --out DIR")]
    [DataRow(new[] { "--out", "x", "--figures", "--no-figures" }, "not both")]
    [DataRow(new[] { "--out", "x", "--figure-format", "gif" }, "--figure-format takes png, svg or png,svg")]
    [DataRow(new[] { "--out", "x", "--figure-size", "big" }, "--figure-size takes WIDTHxHEIGHT")]
    [DataRow(new[] { "--out", "x", "--max-panels", "0" }, "--max-panels must be a positive whole number")]
    public void BadFigureOptions(string[] extra, string message)
    {
        var (exit, _, stderr) = CliRunner.Run(["run", CliRunner.Example("vdp_mu_sweep.yaml"), "--backend", "native", .. extra]);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stderr, message);
    }
}
