using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Observables;

/// <summary>TVBO's observations with a pipeline of built-in functions, read from a file and computed after the run
/// from each condition's series; an exploration's observable; what is not run is left out with the reason; bad input
/// names the observation and the step.</summary>
[TestClass]
public sealed class ObservablePipelineTests
{
    private const string Kuramoto = """
        dynamics:
          name: Kuramoto
          parameters:
            omega: {value: 0.0628}
          coupling_inputs: {c: {}}
          state_variables:
            theta: {equation: {rhs: "omega + c"}, initial_value: 0.1, coupling_variable: true}
        network:
          weights: [[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]]
          lengths: [[0, 20, 40], [20, 0, 30], [40, 30, 0]]
          coupling:
            c: {pre_expression: {rhs: "sin(theta_j - theta_i)"}, post_expression: {rhs: "G*gx"}, parameters: {G: {value: 0.05}}}
        integration: {method: heun, step_size: 0.5, duration: 200.0}

        """;

    private const string Sweep = """
        explorations:
          speed:
            space:
              network.conduction_speed: {explored_values: [0.5, 2.0, 6.0]}
            observable: {function: late_mean}

        """;

    private static string Write(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-obs-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static SimulationExperiment Load(string text, RecordingLogger? log = null) =>
        SimulationExperiment.Load(Write(text), new ExperimentLoadOptions { Logger = log ?? new RecordingLogger() });

    private static TvboFileException Fails(string text) =>
        Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(text)));

    private const string LateMean = """
        observations:
          late_mean:
            source: [theta]
            dims: [node]
            pipeline:
              - function: mean
                arguments: {data: {value: integration.result}, window: {value: 0.25}}

        """;

    [TestMethod]
    public void APipelineOfBuiltInsIsComputedPerConditionFromTheSeries()
    {
        var exp = Load(Kuramoto + LateMean + Sweep);
        Assert.AreEqual("late_mean", exp.Explorations["speed"].Observable);
        var result = exp.Run(new NativeBackend()).Explorations["speed"];
        var o = result.Observables["late_mean"];
        Assert.AreEqual(3, o.ConditionCount);
        Assert.AreEqual("node", o.Dimensions.Single().Name, "the observation's dims name the function's channel dimension");
        CollectionAssert.AreEqual(new[] { "theta[0]", "theta[1]", "theta[2]" }, o.Dimensions[0].Labels!.ToArray());

        // Independently: the mean of each node's series over the last quarter of the samples.
        var n = result.SampleCount;
        var start = n - (int)Math.Ceiling(0.25 * n);
        for (var c = 0; c < 3; c++)
        {
            for (var node = 0; node < 3; node++)
            {
                var series = result.Series(c, $"theta[{node}]");
                var expected = series[start..].Average();
                Assert.AreEqual(expected, o.Condition(c)[node], 1e-12 * Math.Abs(expected));
            }
        }

        Assert.AreNotEqual(o.Condition(0)[0], o.Condition(2)[0], "the speed changes the measurement");
    }

    [TestMethod]
    public void ArgumentsWrittenAsAListOfNamesAndValuesAreReadTheSame()
    {
        // TVBO writes a step's arguments either keyed by name or as a list of {name, value} (its BOLD pipelines).
        var listed = Load(Kuramoto + """
            observations:
              late_mean:
                source: [theta]
                pipeline:
                  - function: mean
                    arguments:
                      - name: data
                        value: integration.result
                      - name: window
                        value: 0.25
                        description: the last quarter

            """ + Sweep);
        var keyed = Load(Kuramoto + LateMean + Sweep);
        CollectionAssert.AreEqual(
            keyed.Run(new NativeBackend()).Explorations["speed"].Observables["late_mean"].Values.ToArray(),
            listed.Run(new NativeBackend()).Explorations["speed"].Observables["late_mean"].Values.ToArray());
        Assert.AreEqual(0.25, listed.Observables.Single().Steps.Single().Arguments["window"]);
    }

    [TestMethod]
    public void ASummaryRunKeepsTheObservablesAndOnlyTheSummary()
    {
        var exp = Load(Kuramoto + LateMean + Sweep);
        var series = exp.Run(new NativeBackend()).Explorations["speed"];
        var summary = exp.Run(new NativeBackend(), new RunOptions { Store = ResultStore.Summary }).Explorations["speed"];
        Assert.IsFalse(summary.HasSeries);
        CollectionAssert.AreEqual(series.Observables["late_mean"].Values.ToArray(), summary.Observables["late_mean"].Values.ToArray());
        CollectionAssert.AreEqual(series.Summarize().Mean.ToArray(), summary.Summary!.Mean.ToArray());
    }

    [TestMethod]
    public void SourceCodeRunsOnlyWhenAllowedAndACallableNeedsThePythonOfThePyRatesBackend()
    {
        var exp = Load(Kuramoto + """
            functions:
              kuramoto_order:
                source_code: "jnp.mean(data)"
                arguments: {data: {description: trajectory}}
            observations:
              order:
                source: [theta]
                pipeline:
                  - function: kuramoto_order
            explorations:
              speed:
                space:
                  network.conduction_speed: {explored_values: [0.5, 2.0]}

            """);
        CollectionAssert.AreEqual(new[] { "order" }, exp.Observables.Select(o => o.Name).ToArray());
        var refused = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(refused.Message, "Observable 'order' runs Python source code (function 'kuramoto_order'), which runs only when allowed: pass --allow-code (C#: RunOptions.AllowCode = true)");

        // Allowed, it runs in Python, which this test process does not have (no Tvbo.PyRates): the error says so.
        var missing = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend(), new RunOptions { AllowCode = true }));
        StringAssert.Contains(missing.Message, "Observable 'order', step 1 (kuramoto_order): it runs in Python (numpy/scipy), which needs the pyrates backend's embedded CPython");
    }

    [TestMethod]
    public void DimsThatDoNotFitTheLastStepAreRefused()
    {
        var exp = Load(Kuramoto + LateMean.Replace("dims: [node]", "dims: [node, frequency]", StringComparison.Ordinal) + Sweep);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(ex.Message, "Observable 'late_mean' names its dimensions [node, frequency], but its last step (mean) gives [channel]");
    }

    [TestMethod]
    public void AMisspeltBuiltInIsRefusedWithTheSuggestionAndTheFilesOwnFunctionWinsOverABuiltIn()
    {
        var ex = Fails(Kuramoto + """
            observations:
              order:
                source: [theta]
                pipeline: [{function: order_paramter}]

            """);
        StringAssert.Contains(ex.Message, "'order_paramter' is neither a built-in function nor one of the file's 'functions:'; did you mean 'order_parameter'?");

        // TVBO's RWW file defines its own temporal_average (with period_samples): it is that one, Python code.
        var exp = Load(Kuramoto + """
            functions:
              temporal_average:
                source_code: "data"
                arguments: [{name: data}, {name: period_samples, value: 1}]
            observations:
              averaged:
                source: [theta]
                pipeline:
                  - function: temporal_average
                    arguments: [{name: data, value: integration.result}, {name: period_samples, value: 1}]

            """);
        var code = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(code.Message, "runs Python source code (function 'temporal_average')");
    }

    [TestMethod]
    public void AnUnknownArgumentIsRefusedNamingTheValidOnes()
    {
        var ex = Fails(Kuramoto + """
            observations:
              late_mean:
                source: [theta]
                pipeline:
                  - function: mean
                    arguments: {tail: {value: 0.2}}

            """);
        StringAssert.Contains(ex.Message, "function 'mean' has no argument 'tail'");
        StringAssert.Contains(ex.Message, "Valid: window");
    }

    [TestMethod]
    public void AStringArgumentThatNamesNothingIsRefused()
    {
        var ex = Fails(Kuramoto + """
            observations:
              late_mean:
                source: [theta]
                pipeline:
                  - function: mean
                    arguments: {data: {value: integration.results}}

            """);
        StringAssert.Contains(ex.Message, "argument 'data' is 'integration.results', which names no value (did you mean 'integration.result'?)");
        StringAssert.Contains(ex.Message, "integration.result");
    }

    [TestMethod]
    public void ASourceThatIsNoVariableIsRefused()
    {
        var ex = Fails(Kuramoto + """
            observations:
              late_mean:
                source: [phi]
                pipeline: [{function: mean}]

            """);
        StringAssert.Contains(ex.Message, "source 'phi' is not a state or derived variable of model 'Kuramoto'");
    }

    [TestMethod]
    public void AnExplorationsObservableTheExperimentDoesNotComputeIsWarned()
    {
        var log = new RecordingLogger();
        var exp = Load(Kuramoto + Sweep, log);
        Assert.IsNull(exp.Explorations["speed"].Observable);
        Assert.IsTrue(log.Warnings.Any(w => w.Contains("observable 'late_mean' is not computed", StringComparison.Ordinal)), string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void InCSharpAnUnknownFunctionAndAnUnrecordedSourceAreRefused()
    {
        var exp = Load(Kuramoto + Sweep.Replace("    observable: {function: late_mean}\n", string.Empty, StringComparison.Ordinal));
        exp.Explorations.Remove("speed");
        exp.Explorations.Add(new Exploration("speed", [new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 2.0))]) { Record = ["theta"] });
        exp.Observables.Add(new Observable("k", ["theta"], [new ObservableStep("kuramoto")]));
        var unknown = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(unknown.Message, "Observable 'k', step 1 (kuramoto): there is no function 'kuramoto'. The built-ins: mean");
        exp.Observables.Remove("k");
        exp.Observables.Add(new Observable("r", ["omega"], [new ObservableStep("mean")]));
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(ex.Message, "Observable 'r' reads 'omega', which exploration 'speed' does not record. Recorded: theta");
    }

    [TestMethod]
    public void AWongWangNetworkGivesBoldAndTheCorrelationOfItsFcWithTheEmpiricalOne()
    {
        // TVBO's BIDS layout with an observational measure (BoldCorrelation); the pipeline bold → fc_correlation reads
        // it by name. Checked against the two steps run apart: bold's series, and its FC's upper triangle correlated
        // with the empirical one's, computed here.
        var experiments = Path.Combine(TestConnectomes.Copy(TestConnectomes.Current), "tvbo", "database", "experiments");
        Directory.CreateDirectory(experiments);
        var path = Path.Combine(experiments, "rww.yaml");
        File.WriteAllText(path, """
            dynamics:
              name: ReducedWongWang
              parameters: {a: {value: 0.27}, b: {value: 0.108}, d: {value: 154.0}, gamma: {value: 0.641}, tau_s: {value: 100.0}, w: {value: 0.5}, J_N: {value: 0.2609}, I_o: {value: 0.32}}
              coupling_inputs: {c: {}}
              derived_variables:
                x: {equation: {rhs: "w*J_N*S + I_o + J_N*c"}}
                H: {equation: {rhs: "(a*x - b)/(1 - exp(-d*(a*x - b)))"}}
              state_variables:
                S: {equation: {rhs: "-(S/tau_s) + (1 - S)*H*gamma"}, initial_value: 0.3, coupling_variable: true}
            network:
              bids_dir: ../networks/bids/tiny_average
              structural_measures: [streamlineCount, tractLength]
              observational_measures: [BoldCorrelation]
              coupling:
                c: {pre_expression: {rhs: "x_j"}, post_expression: {rhs: "G*gx"}, parameters: {G: {value: 0.5}}, delayed: false}
            integration: {method: heun, step_size: 1.0, duration: 60000.0, noise: {parameters: {sigma: 0.01}, seed: 3}}
            observations:
              bold:
                source: [S]
                pipeline: [{function: bold, arguments: {period: {value: 2000.0}}}]
              fit:
                source: [S]
                pipeline:
                  - function: bold
                    arguments: {period: {value: 2000.0}}
                  - function: fc_correlation
                    arguments: {empirical: {value: BoldCorrelation}}
            explorations:
              g: {space: {c.G: {explored_values: [0.0, 0.5]}}, observable: {function: fit}}
            """);
        var result = SimulationExperiment.Load(path).Run(new NativeBackend()).Explorations["g"];
        var bold = result.Observables["bold"];
        Assert.AreEqual("time", bold.Dimensions[0].Name);
        Assert.AreEqual(30, bold.Dimensions[0].Length, "60 s of BOLD every 2 s");
        var fit = result.Observables["fit"];
        Assert.IsEmpty(fit.Dimensions);
        for (var c = 0; c < 2; c++)
        {
            var b = bold.Condition(c).ToArray();
            var channels = bold.Dimensions[1].Length;
            var samples = b.Length / channels;
            double Corr(IList<double> x, IList<double> y)
            {
                double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
                for (var i = 0; i < x.Count; i++)
                {
                    sxy += (x[i] - mx) * (y[i] - my);
                    sxx += (x[i] - mx) * (x[i] - mx);
                    syy += (y[i] - my) * (y[i] - my);
                }

                return sxy / Math.Sqrt(sxx * syy);
            }

            var series = Enumerable.Range(0, channels).Select(k => Enumerable.Range(0, samples).Select(s => b[(s * channels) + k]).ToArray()).ToArray();
            var simulated = new List<double>();
            var empirical = new List<double>();
            for (var i = 0; i < channels; i++)
            {
                for (var j = i + 1; j < channels; j++)
                {
                    simulated.Add(Corr(series[i], series[j]));
                    empirical.Add(TestConnectomes.Correlation[i, j]);
                }
            }

            var expected = Corr(simulated, empirical);
            Assert.IsTrue(double.IsFinite(expected));
            Assert.AreEqual(expected, fit.Condition(c)[0], 1e-12, $"condition {c}");
        }
    }
}
