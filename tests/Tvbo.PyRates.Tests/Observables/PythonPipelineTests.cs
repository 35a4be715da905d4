using System.Globalization;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;

namespace Tvbo.PyRates.Tests.Observables;

/// <summary>TVBO's pipelines with Python steps, as its files write them: a <c>source_code</c> function (only with
/// AllowCode), <c>callable</c> steps of numpy and scipy (jax's names), a tuple unpacked into outputs read by a derived
/// observation, <c>apply_on_dimension: node</c>; the same pipeline over the native and PyRates results.</summary>
[TestClass]
public sealed class PythonPipelineTests
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
        explorations:
          speed:
            space:
              network.conduction_speed: {explored_values: [0.5, 2.0, 6.0]}

        """;

    private static SimulationExperiment Load(string text)
    {
        PythonFixture.Runtime();
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-pypipe-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path, new ExperimentLoadOptions());
    }

    private static double[,] Theta(ExplorationResult r, int condition)
    {
        var s = new double[r.SampleCount, 3];
        for (var j = 0; j < 3; j++)
        {
            var v = r.Series(condition, string.Create(CultureInfo.InvariantCulture, $"theta[{j}]"));
            for (var t = 0; t < r.SampleCount; t++)
            {
                s[t, j] = v[t];
            }
        }

        return s;
    }

    [TestMethod]
    public void TvbosKuramotoOrderSourceCodeRunsOnlyWhenAllowedAndEqualsTheOrderParameter()
    {
        var exp = Load(Kuramoto + """
            functions:
              kuramoto_order:
                source_code: "jnp.mean(jnp.abs(jnp.mean(jnp.exp(1j * data[-int(tail * data.shape[0]):, 0, :]), axis=1)))"
                arguments:
                  data: {description: "Trajectory (time, states, nodes)."}
                  tail: {value: 0.2}
            observations:
              order_parameter:
                source: [theta]
                pipeline:
                  - function: kuramoto_order
                    arguments:
                      data: {value: integration.result}
            """);
        var refused = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(refused.Message, "pass --allow-code (C#: RunOptions.AllowCode = true)");

        var r = exp.Run(new NativeBackend(), new RunOptions { AllowCode = true }).Explorations["speed"];
        var o = r.Observables["order_parameter"];
        Assert.IsEmpty(o.Dimensions);
        for (var c = 0; c < 3; c++)
        {
            // |mean over nodes of e^{iθ}| averaged over the last int(0.2 N) samples, computed here.
            var theta = Theta(r, c);
            var n = r.SampleCount;
            var tail = (int)(0.2 * n);
            double sum = 0;
            for (var t = n - tail; t < n; t++)
            {
                double re = 0, im = 0;
                for (var j = 0; j < 3; j++)
                {
                    re += Math.Cos(theta[t, j]) / 3;
                    im += Math.Sin(theta[t, j]) / 3;
                }

                sum += Math.Sqrt((re * re) + (im * im));
            }

            Assert.AreEqual(sum / tail, o.Condition(c)[0], 1e-12, $"condition {c}");
        }
    }

    [TestMethod]
    public void AWelchCallableUnpacksIntoOutputsThatADerivedObservationReadsAndEqualsTheBuiltInPsd()
    {
        var exp = Load(Kuramoto + """
            observations:
              spectrum:
                source: theta
                pipeline:
                  - callable: {module: jax.numpy, name: transpose}
                    output: transposed
                    arguments: [{name: a, value: integration.result}]
                  - callable: {module: jax.scipy.signal, name: welch}
                    output: frequencies, psd
                    arguments: [{name: x, value: transposed}, {name: fs, value: 2000.0}, {name: nperseg, value: 128}]
              builtin:
                source: [theta]
                pipeline:
                  - {function: psd, arguments: {window: 1, segment: 128}}
            derived_observations:
              peak_index:
                source_observations: [spectrum]
                pipeline:
                  - callable: {module: jax.numpy, name: argmax}
                    arguments: [{name: a, value: spectrum.psd}, {name: axis, value: -1}]
              frequencies:
                source_observations: [spectrum]
                pipeline:
                  - callable: {module: numpy, name: asarray}
                    arguments: [{name: a, value: spectrum.frequencies}]
            """);
        var r = exp.Run(new NativeBackend()).Explorations["speed"];
        var psd = r.Observables["spectrum"];
        var builtin = r.Observables["builtin"];
        CollectionAssert.AreEqual(builtin.Dimensions.Select(d => d.Length).ToArray(), psd.Dimensions.Select(d => d.Length).ToArray(), "[node, frequency] both");
        var a = psd.Values.ToArray();
        var b = builtin.Values.ToArray();
        var scale = b.Max(Math.Abs);
        Assert.IsLessThanOrEqualTo(1e-12 * scale, a.Zip(b, (x, y) => Math.Abs(x - y)).Max(), "scipy's welch through the pipeline = the built-in psd");

        // The derived observation reads the second output: the peak index of each node's spectrum.
        var frequencies = r.Observables["frequencies"].Condition(0).ToArray();
        CollectionAssert.AreEqual(builtin.Dimensions[1].Values!.ToArray(), frequencies, "frequencies as the built-in labels them");
        var peaks = r.Observables["peak_index"];
        var bins = frequencies.Length;
        for (var c = 0; c < 3; c++)
        {
            for (var j = 0; j < 3; j++)
            {
                var row = b.AsSpan((((c * 3) + j) * bins), bins).ToArray();
                Assert.AreEqual(Array.IndexOf(row, row.Max()), (int)peaks.Condition(c)[j], $"condition {c}, node {j}");
            }
        }
    }

    [TestMethod]
    public void ABoldPipelineConvolvesEachNodesSeriesWithItsKernelThenTransformsAndSubsamples()
    {
        var exp = Load(Kuramoto + """
            functions:
              hrf_kernel:
                time_range: {lo: 0, hi: duration, n: 40}
                equation:
                  rhs: "exp(-t / tau)"
                  parameters: {tau: {value: 5.0}}
                arguments: [{name: duration, value: 20.0}]
              volterra_transform:
                equation:
                  rhs: "k_1 * V_0 * (data - 1.0)"
                  parameters: {k_1: {value: 5.6}, V_0: {value: 0.02}}
                arguments: [{name: data}]
              subsample_bold:
                source_code: "data[::step][:n_samples]"
                arguments: [{name: data}, {name: step, value: 10}, {name: n_samples, value: 20}]
            observations:
              bold:
                source: theta
                pipeline:
                  - function: hrf_kernel
                  - output: bold_convolve
                    callable: {module: jax.scipy.signal, name: fftconvolve}
                    apply_on_dimension: node
                    arguments:
                      - {name: in1, value: integration.result}
                      - {name: in2, value: hrf_kernel}
                      - {name: mode, value: valid}
                  - function: volterra_transform
                    arguments: [{name: data, value: bold_convolve}]
                  - function: subsample_bold
                    arguments: [{name: data, value: volterra_transform}]
            """);
        var r = exp.Run(new NativeBackend(), new RunOptions { AllowCode = true }).Explorations["speed"];
        var bold = r.Observables["bold"];
        CollectionAssert.AreEqual(new[] { 20, 3 }, bold.Dimensions.Select(d => d.Length).ToArray());
        var kernel = Enumerable.Range(0, 40).Select(i => Math.Exp(-(20.0 * i / 39) / 5.0)).ToArray();
        var theta = Theta(r, 2);
        for (var s = 0; s < 20; s++)
        {
            for (var j = 0; j < 3; j++)
            {
                // 'valid': output t = Σ_k in1[t + 39 − k] · kernel[k]; every 10th, from the first.
                var t = s * 10;
                double sum = 0;
                for (var k = 0; k < 40; k++)
                {
                    sum += theta[t + 39 - k, j] * kernel[k];
                }

                Assert.AreEqual(5.6 * 0.02 * (sum - 1.0), bold.Condition(2)[(s * 3) + j], 1e-9, $"sample {s}, node {j}");
            }
        }
    }

    [TestMethod]
    public void APythonErrorNamesTheObservationTheStepAndThePythonType()
    {
        var exp = Load(Kuramoto + """
            observations:
              reshaped:
                source: theta
                pipeline:
                  - callable: {module: numpy, name: reshape}
                    arguments: [{name: a, value: integration.result}, {name: newshape, value: 7}]
            """);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(ex.Message, "Observable 'reshaped', step 1 (numpy.reshape): ");
        StringAssert.Contains(ex.Message, "Error: ");
        StringAssert.Contains(ex.Message, "reshape");
    }

    [TestMethod]
    public void ThePipelineOverPyRatesResultsEqualsTheOneOverNativeResults()
    {
        PythonFixture.PyRates();
        var exp = Load(Kuramoto.Replace("  lengths: [[0, 20, 40], [20, 0, 30], [40, 30, 0]]\n", string.Empty, StringComparison.Ordinal).Replace("network.conduction_speed", "c.G", StringComparison.Ordinal).Replace("[0.5, 2.0, 6.0]", "[0.002, 0.1]", StringComparison.Ordinal).Replace("omega: {value: 0.0628}", "omega: {value: [0.05, 0.0628, 0.08]}", StringComparison.Ordinal) + """
            functions:
              kuramoto_order:
                source_code: "jnp.mean(jnp.abs(jnp.mean(jnp.exp(1j * data[-int(tail * data.shape[0]):, 0, :]), axis=1)))"
                arguments: [{name: data}, {name: tail, value: 0.2}]
              centred:
                equation: {rhs: "data - mean(data)"}
                arguments: [{name: data}]
            observations:
              R:
                source: [theta]
                pipeline: [{function: kuramoto_order}]
              spectrum:
                source: theta
                pipeline:
                  - {function: centred, apply_on_dimension: node}
                  - callable: {module: scipy.signal, name: welch}
                    output: f, p
                    arguments: [{name: x, value: centred}, {name: fs, value: 2000.0}, {name: nperseg, value: 64}, {name: axis, value: 0}]
            """);
        var options = new RunOptions { AllowCode = true };
        var native = exp.Run(new NativeBackend(), options).Explorations["speed"];
        var pyrates = exp.Run(new PyRatesBackend(), options).Explorations["speed"];
        foreach (var name in new[] { "R", "spectrum" })
        {
            var a = native.Observables[name].Values.ToArray();
            var b = pyrates.Observables[name].Values.ToArray();
            var worst = a.Zip(b, (x, y) => Math.Abs(x - y) / Math.Max(1, Math.Abs(x))).Max();
            Assert.IsLessThanOrEqualTo(1e-9, worst, name);
        }

        Assert.AreNotEqual(native.Observables["R"].Condition(0)[0], native.Observables["R"].Condition(1)[0], "the coupling changes R");
    }
}
