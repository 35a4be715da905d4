namespace Tvbo.Cli.Tests;

/// <summary>The command line on TVBO-format files: library models through <c>--models</c>, study files through
/// <c>--experiment</c>, and the errors a user sees when either is missing or wrong.</summary>
[TestClass]
public sealed class TvboFileTests
{
    private static string Tvbo(string name) => CliRunner.Example(Path.Combine("tvbo", name));

    [TestMethod]
    public void StudyExperimentOnALibraryModelRunsAndWritesItsOutputs()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-run-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", Tvbo("rate_study.yaml"), "--experiment", "pulse amplitude and width", "--models", Tvbo("models"), "--backend", "native", "--out", outDir);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "ExplorationResult(name='pulse_grid', grid=3x3, timeseries=(9, 4000, 2))");
        var header = File.ReadLines(Path.Combine(outDir, "pulse_grid", "series.csv")).First();
        StringAssert.StartsWith(header, "time,E|0,");
        StringAssert.Contains(header, ",drive|8");
        var conditions = File.ReadAllLines(Path.Combine(outDir, "pulse_grid", "conditions.csv"));
        Assert.AreEqual("condition,σ_ext,width", conditions[0]);
        Assert.AreEqual("8,2.4,8", conditions[^1]);
    }

    [TestMethod]
    public void RunWithoutExperimentRunsEveryExperimentOfAStudyIntoItsOwnFolder()
    {
        var outDir = Directory.CreateTempSubdirectory("tvbo-study-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", Tvbo("rate_study.yaml"), "--models", Tvbo("models"), "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, $"experiment 1 'excitation sweep' → {Path.Combine(outDir, "experiment-1")}");
        StringAssert.Contains(stdout, "ExplorationResult(name='w_ee_sweep', grid=5");
        StringAssert.Contains(stdout, "ExplorationResult(name='pulse_grid', grid=3x3");
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "experiment-1", "w_ee_sweep", "series.csv")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "experiment-2", "pulse_grid", "conditions.csv")));
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "experiment-2", "run.json")));
    }

    [TestMethod]
    public void ReportOfAStudyReportsEveryExperimentsModel()
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", Tvbo("rate_study.yaml"), "--models", Tvbo("models"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "# Experiment 1: excitation sweep");
        StringAssert.Contains(stdout, "# Experiment 2: pulse amplitude and width");
        Assert.AreEqual(2, stdout.Split("# SigmoidalRate").Length - 1, "one model report per experiment");
    }

    [TestMethod]
    public void AStudyExperimentThatIsRefusedDoesNotStopTheOthers()
    {
        var study = CliRunner.TempFile("""
            simulation_experiments:
              - id: good
                model:
                  name: Decay
                  parameters: {k: {value: 0.5}}
                  state_variables:
                    x: {equation: {rhs: "-k*x"}, initial_value: 1.0}
                integration: {method: euler, step_size: 0.1, duration: 1.0}
              - id: bad
                model:
                  name: Decay
                  state_variables:
                    x: {equation: {rhs: "-q*x"}, initial_value: 1.0}
                integration: {method: euler, step_size: 0.1, duration: 1.0}
            """, "study.yaml");
        var outDir = Directory.CreateTempSubdirectory("tvbo-study-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", study, "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(2, exit, "a refused experiment makes the exit code that of bad input");
        StringAssert.Contains(stderr, $"tvbo: {study}:13:");
        StringAssert.Contains(stderr, ": experiment bad: ");
        StringAssert.Contains(stderr, "'q'");
        StringAssert.Contains(stdout, "experiment good");
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "experiment-good", "run.json")), stdout + stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "experiment-bad")), "a refused experiment leaves no folder");
    }

    /// <summary>A study in the form of TVBO's older study files: a top-level model its experiments inherit, TVB
    /// monitors, 'dynamics:' as regime labels.</summary>
    private const string OlderStudy = """
        key: Decay2024
        model:
          name: Decay
          parameters: {k: {value: 0.5}}
          state_variables:
            x: {equation: {rhs: "-k*x"}, initial_value: 1.0}
        simulation_experiments:
          - id: 1
            dynamics: ["Exponential decay"]
            integration: {method: euler, step_size: 0.1, duration: 2.0}
            monitors:
              Raw:
              TemporalAverage: {period: 0.5}
          - id: 2
            model:
              name: Decay
              parameters: {k: {value: 2.0}}
            integration: {method: euler, step_size: 0.1, duration: 1.0}
          - id: 3
            model:
              name: Decay
              state_variables: {x: {equation: {rhs: "-q*x"}}}
            integration: {method: euler, step_size: 0.1, duration: 1.0}
        """;

    [TestMethod]
    public void AnOlderStudyRunsItsExperimentsWithTheSharedModelAndMonitors()
    {
        var study = CliRunner.TempFile(OlderStudy, "study.yaml");
        var outDir = Directory.CreateTempSubdirectory("tvbo-study-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("run", study, "--backend", "native", "--out", outDir, "--no-figures");
        Assert.AreEqual(2, exit, "experiment 3 is refused: " + stdout + stderr);
        StringAssert.Contains(stderr, $"tvbo: {study}:22:");
        StringAssert.Contains(stderr, ": experiment 3: ");
        StringAssert.Contains(stderr, "'q'");

        // Experiment 1: the study's model; TVB's TemporalAverage of x every 0.5 ms (5 samples of 0.1 ms each).
        var series = File.ReadAllLines(Path.Combine(outDir, "experiment-1", "integration", "series.csv"));
        var x = series.Skip(1).Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var averages = File.ReadAllLines(Path.Combine(outDir, "experiment-1", "integration", "observable_TemporalAverage.csv"));
        Assert.AreEqual(x.Length / 5 + 1, averages.Length, string.Join("\n", averages));
        var first = double.Parse(averages[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(x.Take(5).Average(), first, 1e-15);

        // Experiment 2 overrides k of the shared model: x(t) = (1 - 0.2)^(t / 0.1) with Euler.
        var last = File.ReadAllLines(Path.Combine(outDir, "experiment-2", "integration", "series.csv"))[^1].Split(',')
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual(Math.Pow(0.8, Math.Round(last[0] / 0.1)), last[1], 1e-14);
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "experiment-3")));
    }

    [TestMethod]
    public void ReportOfAStudyGoesOnPastARefusedExperiment()
    {
        var study = CliRunner.TempFile(OlderStudy, "study.yaml");
        var (exit, stdout, stderr) = CliRunner.Run("report", study);
        Assert.AreEqual(2, exit, stderr);
        StringAssert.Contains(stdout, "# Experiment 1");
        StringAssert.Contains(stdout, "# Experiment 2");
        Assert.IsFalse(stdout.Contains("# Experiment 3", StringComparison.Ordinal), stdout);
        StringAssert.Contains(stderr, ": experiment 3: ");
    }

    [TestMethod]
    public void AStudyWithoutExperimentsIsReportedAndItsRunRefusedWithWhatToWrite()
    {
        var study = CliRunner.TempFile(OlderStudy[..OlderStudy.IndexOf("simulation_experiments:", StringComparison.Ordinal)], "study.yaml");
        var (exit, stdout, stderr) = CliRunner.Run("report", study);
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "# Study without experiments: the top-level model its experiments inherit");
        StringAssert.Contains(stdout, "# Decay");

        (exit, _, stderr) = CliRunner.Run("run", study, "--backend", "native");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, $"tvbo: {study}:1:1: the study 'Decay2024' has no 'simulation_experiments:', so nothing runs.");
        StringAssert.Contains(stderr, "add 'simulation_experiments: [{id: 1,");
    }

    [TestMethod]
    public void MissingExperimentChoiceListsTheStudysExperiments()
    {
        var (exit, _, stderr) = CliRunner.Run("plan", Tvbo("rate_study.yaml"), "--models", Tvbo("models"));
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "holds 2 experiments");
        StringAssert.Contains(stderr, "id 1 'excitation sweep'; id 2 'pulse amplitude and width'");
        (exit, _, stderr) = CliRunner.Run("plan", Tvbo("rate_study.yaml"), "--models", Tvbo("models"), "--experiment", "7");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "no experiment with id or label '7'");
    }

    [TestMethod]
    public void UnknownIriNamesEveryFolderSearched()
    {
        var empty = Directory.CreateTempSubdirectory("tvbo-models-").FullName;
        var (exit, _, stderr) = CliRunner.Run("plan", Tvbo("rate_study.yaml"), "--experiment", "1", "--models", empty);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, "'tvbo:SigmoidalRate'");
        StringAssert.Contains(stderr, empty);
        StringAssert.Contains(stderr, "--models DIR");
        Assert.IsFalse(stderr.Contains("   at ", StringComparison.Ordinal), stderr);
    }

    [TestMethod]
    public void ReportShowsTheDefaultInitialValueAndUnicodeNames()
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", Tvbo(Path.Combine("models", "SigmoidalRate.yaml")));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "| $I$ | 0.1 (not given; TVBO's default) |");
        StringAssert.Contains(stdout, "σ_{ext}");
        StringAssert.Contains(stdout, "hidden by the derived variable of the same name");
    }

    [TestMethod]
    public void ForcedOscillatorPlanShowsTheTransientAndOutputs()
    {
        var (exit, stdout, stderr) = CliRunner.Run("plan", Tvbo("forced_oscillator.yaml"));
        Assert.AreEqual(0, exit, stderr);
        StringAssert.Contains(stdout, "samples per condition: 4000 (after a transient of 20.0)");
        StringAssert.Contains(stdout, "outputs: x, v, energy");
    }

    [TestMethod]
    public void AStateVariableKeyTypoIsAnErrorWithTheSuggestion()
    {
        var file = CliRunner.TempFile("""
            dynamics:
              name: M
              parameters: {k: 1.0}
              state_variables:
                x: {equation: {rhs: "-k*x"}, boundary: {lo: 0.0}}
            integration: {method: euler, step_size: 0.1, duration: 1.0}
            """);
        var (exit, _, stderr) = CliRunner.Run("run", file, "--backend", "native");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(stderr, ":5:");
        StringAssert.Contains(stderr, "'boundary' is not a key of state variable 'x'; did you mean 'boundaries'?");
    }

    [TestMethod]
    [DoNotParallelize]
    public void IrisResolveThroughTheModelsFolderOfATvboPythonPackage()
    {
        // A stand-in 'tvbo' package folder (an empty __init__.py beside database/models) on PYTHONPATH: the CLI finds it
        // with importlib's find_spec, without importing it.
        var root = Directory.CreateTempSubdirectory("tvbo-pkg-").FullName;
        var package = Directory.CreateDirectory(Path.Combine(root, "tvbo")).FullName;
        File.WriteAllText(Path.Combine(package, "__init__.py"), "raise ImportError('must not be imported')\n");
        var models = Directory.CreateDirectory(Path.Combine(package, "database", "models")).FullName;
        File.Copy(Tvbo(Path.Combine("models", "SigmoidalRate.yaml")), Path.Combine(models, "SigmoidalRate.yaml"));
        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists);
        if (python is null)
        {
            Assert.Inconclusive("No python3 interpreter at /usr/bin/python3 or /usr/local/bin/python3.");
        }

        var before = Environment.GetEnvironmentVariable("PYTHONPATH");
        var beforePython = Environment.GetEnvironmentVariable("TVBO_PYTHON");
        try
        {
            Environment.SetEnvironmentVariable("PYTHONPATH", root);
            Environment.SetEnvironmentVariable("TVBO_PYTHON", python);
            var (exit, stdout, stderr) = CliRunner.Run("plan", Tvbo("rate_study.yaml"), "--experiment", "1");
            Assert.AreEqual(0, exit, stderr);
            StringAssert.Contains(stdout, "Model: SigmoidalRate");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PYTHONPATH", before);
            Environment.SetEnvironmentVariable("TVBO_PYTHON", beforePython);
        }
    }
}
