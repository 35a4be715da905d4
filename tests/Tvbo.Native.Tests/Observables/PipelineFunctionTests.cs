using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Observables;

/// <summary>TVBO's pipelines as written, computed natively: the file's equation functions (arrays, reductions, a
/// time-range kernel), TVBO's own tvboptim functions, steps that name their inputs and outputs, observations of
/// observations (derived_observations), apply_on_dimension, an exploration's observable computed by a function, and
/// bad input refused naming the observation and the step.</summary>
[TestClass]
public sealed class PipelineFunctionTests
{
    private const string Network = """
        dynamics:
          name: Osc
          parameters:
            a: {value: 0.3}
          coupling_inputs: {c: {}}
          state_variables:
            x: {equation: {rhs: "y + c"}, initial_value: 1.0, coupling_variable: true}
            y: {equation: {rhs: "-a * x"}, initial_value: 0.0}
        network:
          weights: [[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]]
          coupling:
            c: {pre_expression: {rhs: "x_j - x_i"}, post_expression: {rhs: "G*gx"}, parameters: {G: {value: 0.05}}}
        integration: {method: heun, step_size: 0.1, duration: 40.0}

        """;

    private const string Sweep = """
        explorations:
          sweep:
            space:
              Osc.a: {explored_values: [0.3, 0.6]}

        """;

    private const string Oscillators = Network + Sweep;

    private static SimulationExperiment Load(string text, RecordingLogger? log = null)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-pipe-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = log ?? new RecordingLogger() });
    }

    private static TvboFileException Fails(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-pipe-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
    }

    private static ExplorationResult Run(SimulationExperiment exp) => exp.Run(new NativeBackend()).Explorations["sweep"];

    /// <summary>[sample, node] of a variable in one condition.</summary>
    private static double[,] Series(ExplorationResult r, int condition, string variable)
    {
        var s = new double[r.SampleCount, 3];
        for (var j = 0; j < 3; j++)
        {
            var v = r.Series(condition, string.Create(CultureInfo.InvariantCulture, $"{variable}[{j}]"));
            for (var t = 0; t < r.SampleCount; t++)
            {
                s[t, j] = v[t];
            }
        }

        return s;
    }

    private static void Close(double expected, double actual, double tolerance = 1e-12, string? what = null) =>
        Assert.IsLessThanOrEqualTo(tolerance * Math.Max(1, Math.Abs(expected)), Math.Abs(expected - actual), $"{what}: expected {expected:R}, got {actual:R}");

    [TestMethod]
    public void EquationFunctionsChainThroughNamedOutputsAndTheirParameters()
    {
        var exp = Load(Oscillators + """
            functions:
              shifted:
                equation:
                  rhs: "k * (data - 1.0)"
                  parameters: {k: {value: 2.5}}
                arguments:
                  - name: data
              rms:
                equation: {rhs: "sqrt(mean((u - v)**2))"}
                arguments: [{name: u}, {name: v}]
            observations:
              spread:
                source: x
                pipeline:
                  - output: scaled
                    function: shifted
                    arguments: [{name: data, value: integration.result}]
                  - function: shifted
                    arguments: [{name: data, value: integration.result}, {name: k, value: -1.0}]
                  - function: rms
                    arguments: [{name: u, value: scaled}, {name: v, value: shifted}]
            """);
        var r = Run(exp);
        var o = r.Observables["spread"];
        Assert.IsEmpty(o.Dimensions, "rms is one number per condition");
        for (var c = 0; c < 2; c++)
        {
            // 2.5 (x − 1) − (−1)(x − 1) = 3.5 (x − 1) for every sample and node: rms = 3.5 · rms(x − 1).
            var x = Series(r, c, "x");
            double sum = 0;
            foreach (var v in x)
            {
                sum += (3.5 * (v - 1)) * (3.5 * (v - 1));
            }

            Close(Math.Sqrt(sum / x.Length), o.Condition(c)[0], 1e-12, $"condition {c}");
        }

        Assert.AreNotEqual(o.Condition(0)[0], o.Condition(1)[0], "the parameter changes the value");
    }

    [TestMethod]
    public void ATimeRangeKernelIsItsEquationOverLinspaceWithBoundsFromItsArguments()
    {
        var exp = Load(Oscillators + """
            functions:
              hrf_kernel:
                time_range: {lo: 0, hi: duration, n: 50}
                equation:
                  rhs: "(1/3)*exp(-0.5*(t/1000)/tau_s)*sin(sqrt(1/tau_f - 1/(4*tau_s**2))*(t/1000))/sqrt(1/tau_f - 1/(4*tau_s**2))"
                  parameters:
                    tau_s: {value: 0.8}
                    tau_f: {value: 0.4}
                arguments:
                  - {name: duration, value: 20000.0}
            observations:
              kernel:
                source: x
                dims: [lag]
                pipeline:
                  - function: hrf_kernel
            """);
        var o = Run(exp).Observables["kernel"];
        Assert.AreEqual("lag", o.Dimensions.Single().Name);
        Assert.AreEqual(50, o.Dimensions[0].Length);
        double tauS = 0.8, tauF = 0.4, w = Math.Sqrt((1 / tauF) - (1 / (4 * tauS * tauS)));
        for (var i = 0; i < 50; i++)
        {
            var t = 20000.0 * i / 49 / 1000;
            Close(1.0 / 3 * Math.Exp(-0.5 * t / tauS) * Math.Sin(w * t) / w, o.Condition(1)[i], 1e-12, $"t[{i}]");
        }
    }

    [TestMethod]
    public void TvboptimsComputeFcFcCorrAndRmseRunNativelyOnObservationsOfObservations()
    {
        var log = new RecordingLogger();
        var exp = Load(Network + """
            observations:
              series:
                source: x
            derived_observations:
              fc:
                source_observations: [series]
                pipeline:
                  - callable: {module: tvboptim.observations.observation, name: compute_fc}
                    arguments: [{name: timeseries, value: series}, {name: skip_t, value: 20}]
              self_corr:
                source_observations: [fc]
                pipeline:
                  - callable: {module: tvboptim.observations.observation, name: fc_corr}
                    arguments: [{name: fc1, value: fc}, {name: fc2, value: observations.fc.data}]
            functions:
              rmse:
                equation: {rhs: "sqrt(mean((x - y)**2))"}
                arguments: [{name: x}, {name: y}]
            explorations:
              sweep:
                space:
                  Osc.a: {explored_values: [0.3, 0.6]}
                observable:
                  function: rmse
                  arguments:
                    - {name: simulated_fc, value: fc.data}
                    - {name: empirical_fc, value: series.data}
            """, log);
        Assert.IsTrue(log.Warnings.Any(w => w.Contains("function 'rmse' has no argument 'simulated_fc' or 'empirical_fc'; they are given to its arguments in order: simulated_fc → x, empirical_fc → y", StringComparison.Ordinal)), string.Join("\n", log.Warnings));
        Assert.AreEqual("rmse", exp.Explorations["sweep"].Observable);
        var r = Run(exp);
        var fc = r.Observables["fc"];
        CollectionAssert.AreEqual(new[] { 3, 3 }, fc.Dimensions.Select(d => d.Length).ToArray());

        // compute_fc: the Pearson correlation of the nodes' x after 20 samples, its diagonal 0.
        var x = Series(r, 1, "x");
        var n = r.SampleCount - 20;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                double mi = 0, mj = 0;
                for (var t = 20; t < r.SampleCount; t++)
                {
                    mi += x[t, i] / n;
                    mj += x[t, j] / n;
                }

                double sij = 0, sii = 0, sjj = 0;
                for (var t = 20; t < r.SampleCount; t++)
                {
                    sij += (x[t, i] - mi) * (x[t, j] - mj);
                    sii += (x[t, i] - mi) * (x[t, i] - mi);
                    sjj += (x[t, j] - mj) * (x[t, j] - mj);
                }

                Close(i == j ? 0 : sij / Math.Sqrt(sii * sjj), fc.Condition(1)[(i * 3) + j], 1e-12, $"fc[{i},{j}]");
            }
        }

        Close(1, r.Observables["self_corr"].Condition(0)[0], 1e-14, "fc_corr(fc, fc)");
        Assert.IsTrue(r.Observables["rmse"].Condition(0)[0] is > 0 and < double.PositiveInfinity, "rmse of the FC against the series broadcast");
    }

    [TestMethod]
    public void ApplyOnDimensionNodeRunsAStepOnEachNodesSeries()
    {
        var exp = Load(Oscillators + """
            functions:
              centred:
                equation: {rhs: "data - mean(data)"}
                arguments: [{name: data}]
            observations:
              each:
                source: x
                pipeline:
                  - function: centred
                    apply_on_dimension: node
              whole:
                source: x
                pipeline:
                  - function: centred
            """);
        var r = Run(exp);
        var x = Series(r, 0, "x");
        var each = r.Observables["each"].Condition(0);
        var whole = r.Observables["whole"].Condition(0);
        double all = 0;
        foreach (var v in x)
        {
            all += v / x.Length;
        }

        for (var j = 0; j < 3; j++)
        {
            double m = 0;
            for (var t = 0; t < r.SampleCount; t++)
            {
                m += x[t, j] / r.SampleCount;
            }

            for (var t = 0; t < r.SampleCount; t += 37)
            {
                Close(x[t, j] - m, each[(t * 3) + j], 1e-12, $"each[{t},{j}]");
                Close(x[t, j] - all, whole[(t * 3) + j], 1e-12, $"whole[{t},{j}]");
            }
        }
    }

    [TestMethod]
    public void ASourceListKeepsTheStateAxisAndSumRunsOverIndices()
    {
        var exp = Load(Oscillators + """
            functions:
              first_state_total:
                equation: {rhs: "Sum(data[i], (i, 0, 9))"}
                arguments: [{name: data}]
            observations:
              head:
                source: [x, y]
                pipeline:
                  - function: first_state_total
            """);
        var r = Run(exp);
        var head = r.Observables["head"];
        CollectionAssert.AreEqual(new[] { 2, 3 }, head.Dimensions.Select(d => d.Length).ToArray(), "the first 10 samples summed: [state, node]");
        var x = Series(r, 1, "x");
        var y = Series(r, 1, "y");
        for (var j = 0; j < 3; j++)
        {
            double sx = 0, sy = 0;
            for (var t = 0; t < 10; t++)
            {
                sx += x[t, j];
                sy += y[t, j];
            }

            Close(sx, head.Condition(1)[j], 1e-12, $"x[{j}]");
            Close(sy, head.Condition(1)[3 + j], 1e-12, $"y[{j}]");
        }
    }

    [TestMethod]
    public void IntegrationTransientIsTheSourceOverTheTransientAndTheStoredSeriesLeaveItOut()
    {
        const string Pipeline = """
            functions:
              total:
                equation: {rhs: "sum(data)"}
                arguments: [{name: data}]
            observations:
              history:
                source: x
                pipeline:
                  - {function: total, arguments: [{name: data, value: integration.transient}]}
              measured:
                source: x
                pipeline:
                  - {function: total, arguments: [{name: data, value: integration.result}]}
            """;
        var withTransient = Load(Oscillators.Replace("duration: 40.0}", "duration: 40.0, transient_time: 10.0}", StringComparison.Ordinal) + Pipeline);
        var r = Run(withTransient);
        Assert.AreEqual(400, r.SampleCount, "the stored series leave the transient out");

        // The same integration without a transient, 10 ms longer: its first 100 samples are the transient.
        var whole = Run(Load(Oscillators.Replace("duration: 40.0}", "duration: 50.0}", StringComparison.Ordinal) + Pipeline));
        for (var c = 0; c < 2; c++)
        {
            var x = Series(whole, c, "x");
            double before = 0, after = 0;
            for (var t = 0; t < 500; t++)
            {
                for (var j = 0; j < 3; j++)
                {
                    if (t < 100)
                    {
                        before += x[t, j];
                    }
                    else
                    {
                        after += x[t, j];
                    }
                }
            }

            Close(before, r.Observables["history"].Condition(c)[0], 1e-9, $"transient, condition {c}");
            Close(after, r.Observables["measured"].Condition(c)[0], 1e-9, $"result, condition {c}");
        }

        Close(0, Run(Load(Oscillators + Pipeline)).Observables["history"].Condition(0)[0], 0, "no transient: an empty series");
    }

    [TestMethod]
    public void ASummaryRunComputesItsObservablesAChunkAtATimeWithTheNumbersOfOneRun()
    {
        // Noise, so that every condition's numbers depend on its place in the grid; 5 conditions.
        var text = Network.Replace("duration: 40.0}", "duration: 40.0, noise: {parameters: {sigma: 0.01}, seed: 7}}", StringComparison.Ordinal) + """
            functions:
              centred:
                equation: {rhs: "data - mean(data)"}
                arguments: [{name: data}]
            observations:
              R:
                source: [x]
                pipeline: [{function: order_parameter}]
              spread:
                source: x
                pipeline:
                  - {function: centred, apply_on_dimension: node}
                  - {function: std}
            explorations:
              sweep:
                space:
                  Osc.a: {explored_values: [0.2, 0.3, 0.4, 0.5, 0.6]}
            """;
        var exp = Load(text);
        var series = exp.Run(new NativeBackend()).Explorations["sweep"];
        foreach (var conditions in new ConditionRange?[] { null, new ConditionRange(1, 4) })
        {
            var chunked = exp.Run(new NativeBackend(), new RunOptions { Store = ResultStore.Summary, ObservableChunkBytes = 1, Conditions = conditions }).Explorations["sweep"];
            var first = conditions?.Start ?? 0;
            Assert.IsFalse(chunked.HasSeries, "a summary run keeps no series");
            Assert.AreEqual(conditions?.Count ?? 5, chunked.ConditionCount);
            foreach (var name in new[] { "R", "spread" })
            {
                for (var c = 0; c < chunked.ConditionCount; c++)
                {
                    CollectionAssert.AreEqual(series.Observables[name].Condition(first + c).ToArray(), chunked.Observables[name].Condition(c).ToArray(), $"{name}, condition {first + c}");
                }
            }

            var whole = series.Summarize(0.2);
            for (var c = 0; c < chunked.ConditionCount; c++)
            {
                for (var v = 0; v < whole.VariableCount; v++)
                {
                    Assert.AreEqual(whole.Mean.Span[((first + c) * whole.VariableCount) + v], chunked.Summary!.Mean.Span[(c * whole.VariableCount) + v], $"mean of variable {v}, condition {first + c}");
                }
            }
        }
    }

    [TestMethod]
    public void ANetworksMeasureIsAnObservationAndAMissingOneIsRefusedNamingTheValidOnes()
    {
        var ex = Fails(Oscillators + """
            observations:
              empirical_fc:
                source: network.observations.BoldCorrelation
            """);
        StringAssert.Contains(ex.Message, "observation 'empirical_fc': source 'network.observations.BoldCorrelation' is not a state or derived variable of model 'Osc', an observation, an earlier observation with a pipeline, or a measure of the network. The network's observational measures: none.");
    }

    [TestMethod]
    [DataRow("- callable: {module: os, name: system}", "module 'os' is not allowed; a callable may come from numpy, scipy and their submodules")]
    [DataRow("- callable: {module: tvboptim.observations.observation, name: compute_fcd}", "tvboptim.observations.observation.compute_fcd is TVBO's Python code, which this project does not run; of that module it computes compute_fc, fc_corr, rmse natively")]
    [DataRow("- {function: shifted, arguments: [{name: data, value: scald}]}", "argument 'data' is 'scald', which names no value; the values it may read: integration.result")]
    [DataRow("- {function: shifted, arguments: [{name: dat, value: integration.result}]}", "function 'shifted' has no argument 'dat'; its arguments: data, k")]
    [DataRow("- {function: three, arguments: [{name: u, value: integration.result}]}", "argument 'w' of function 'three' has no value (the previous step's value goes to its first argument without one)")]
    [DataRow("- {function: shifted, apply_on_dimension: region}", "apply_on_dimension is 'region'; valid: node")]
    [DataRow("- {function: shiftd}", "'shiftd' is neither a built-in function nor one of the file's 'functions:'; did you mean 'shifted'?")]
    public void BadStepsAreRefusedNamingTheObservationTheStepAndWhatIsValid(string step, string message)
    {
        var ex = Fails(Oscillators + $$$$"""
            functions:
              shifted:
                equation: {rhs: "k * (data - 1.0)", parameters: {k: {value: 2.5}}}
                arguments: [{name: data}]
              three:
                equation: {rhs: "u + v + w"}
                arguments: [{name: u}, {name: v}, {name: w}]
            observations:
              bad:
                source: x
                pipeline:
                  {{{{step}}}}
            """);
        StringAssert.Contains(ex.Message, "exp.yaml:");
        StringAssert.Contains(ex.Message, "bad");
        StringAssert.Contains(ex.Message, message);
    }

    [TestMethod]
    public void ATimeRangeOfMoreThanTenMillionTimesIsRefusedBeforeAllocating()
    {
        var ex = Fails(Oscillators + """
            functions:
              kernel:
                time_range: {lo: 0, hi: 1, n: 2000000000}
                equation: {rhs: "t"}
            observations:
              k:
                source: x
                pipeline: [{function: kernel}]
            """);
        StringAssert.Contains(ex.Message, "Function 'kernel': its time_range has n = 2000000000; give 1 to 10000000.");
    }

    [TestMethod]
    public void InCSharpAPipelineOfAnEquationFunctionRunsAsFromAFile()
    {
        var exp = Load(Oscillators);
        exp.Functions.Add(PipelineFunction.FromEquation("late", "mean(data[data > lo])", [new PipelineArgument("data"), new PipelineArgument("lo", 0.5)]));
        exp.Observables.Add(new Observable("late_high", ["x"], [new ObservableStep("late")]));
        var r = Run(exp);
        var x = Series(r, 0, "x");
        var kept = x.Cast<double>().Where(v => v > 0.5).ToArray();
        Close(kept.Average(), r.Observables["late_high"].Condition(0)[0], 1e-12, "mean of x above 0.5");
    }
}
