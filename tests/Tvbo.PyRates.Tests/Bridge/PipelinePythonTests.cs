using System.Diagnostics;
using System.Globalization;
using Tvbo.Backends;
using Tvbo.Observables;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Bridge;

/// <summary>Observation pipelines' Python steps in the embedded CPython (<see cref="PipelinePython"/>): callables of
/// numpy and scipy (jax's run as theirs), expressions, and their errors. They need CPython with numpy and scipy, not
/// PyRates.</summary>
[TestClass]
public sealed class PipelinePythonTests
{
    private static readonly Lazy<string?> MissingScipy = new(() => PythonFixture.Exec(
        "import importlib.util\nresult = None if importlib.util.find_spec('scipy') else 'scipy is not installed'",
        r => r.IsNone() ? null : r.As<string>()));

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The runner, or Inconclusive without CPython, numpy and scipy.</summary>
    private static PipelinePython Python()
    {
        var runtime = PythonFixture.Runtime();
        if (MissingScipy.Value is { } why)
        {
            Assert.Inconclusive($"Python steps need scipy in {runtime.Interpreter.DisplayName}: {why}");
        }

        return new PipelinePython(null);
    }

    private static PythonArgument Positional(object value) => new(null, value);

    private static PythonArgument Named(string name, object value) => new(name, value);

    private static ArrayValue Sine(int samples, double frequency, double rate) =>
        new([samples], Enumerable.Range(0, samples).Select(k => Math.Sin(2 * Math.PI * frequency * k / rate)).ToArray());

    [TestMethod]
    public void PipelineWelchOfASineEqualsScipyRunSeparately()
    {
        var python = Python();
        if (DebianPython.Missing("numpy, scipy.signal") is { } missing)
        {
            Assert.Inconclusive($"{DebianPython.Executable} cannot import numpy and scipy: {missing}");
        }

        var x = Sine(1000, 10.0, 100.0);
        var results = python.Call("jax.scipy.signal", "welch", [Positional(x), Named("fs", 100.0), Named("nperseg", 256.0)], null, CancellationToken.None);
        Assert.HasCount(2, results);
        var (frequencies, psd) = (results[0], results[1]);
        CollectionAssert.AreEqual(new[] { 129 }, frequencies.Shape);
        CollectionAssert.AreEqual(new[] { 129 }, psd.Shape);
        var peak = Array.IndexOf(psd.Data, psd.Data.Max());
        Assert.AreEqual(10.0, frequencies.Data[peak], 100.0 / 256);

        var file = Path.Combine(Path.GetTempPath(), $"tvbo-welch-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllLines(file, x.Data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            var (exit, stdout, stderr) = DebianPython.Run("-c", "import sys, numpy as np, scipy.signal as s\nf, p = s.welch(np.loadtxt(sys.argv[1]), fs=100.0, nperseg=256)\nprint('\\n'.join(repr(float(v)) for v in np.concatenate([f, p])))", file);
            Assert.AreEqual(0, exit, stderr);
            var expected = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.HasCount(258, expected);
            for (var i = 0; i < 129; i++)
            {
                Assert.AreEqual(expected[i], frequencies.Data[i], 1e-12, $"frequency {i}");
                Assert.AreEqual(expected[129 + i], psd.Data[i], 1e-12 * Math.Max(1, Math.Abs(expected[129 + i])), $"psd {i}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void PipelineCorrcoefOfKnownArraysIsOneAndMinusOne()
    {
        var python = Python();
        var n = 20;
        var data = new double[2 * n];
        for (var k = 0; k < n; k++)
        {
            data[k] = Math.Sin(k);
            data[n + k] = 1.0 - (3.0 * Math.Sin(k));
        }

        var result = python.Call("numpy", "corrcoef", [Positional(new ArrayValue([2, n], data))], null, CancellationToken.None).Single();
        CollectionAssert.AreEqual(new[] { 2, 2 }, result.Shape);
        var expected = new[] { 1.0, -1.0, -1.0, 1.0 };
        for (var i = 0; i < 4; i++)
        {
            Assert.AreEqual(expected[i], result.Data[i], 1e-12);
        }
    }

    [TestMethod]
    public void PipelineFftconvolveAppliedOnAxisOneEqualsEachColumnsConvolution()
    {
        var python = Python();
        int rows = 50, columns = 3;
        var data = new double[rows * columns];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Math.Cos(0.37 * i) + (0.01 * i);
        }

        double[] kernel = [0.5, -1.0, 2.0, 0.25, 1.5];
        var result = python.Call(
            "jax.scipy.signal",
            "fftconvolve",
            [Positional(new ArrayValue([rows, columns], data)), Positional(new ArrayValue([kernel.Length], kernel)), Named("mode", "valid")],
            1,
            CancellationToken.None).Single();
        var valid = rows - kernel.Length + 1;
        CollectionAssert.AreEqual(new[] { valid, columns }, result.Shape);
        for (var c = 0; c < columns; c++)
        {
            for (var n = 0; n < valid; n++)
            {
                // numpy.convolve(x, h, 'valid')[n] = full[n + m - 1], full[t] = sum_k x[t - k] h[k].
                var t = n + kernel.Length - 1;
                var expected = 0.0;
                for (var k = 0; k < kernel.Length; k++)
                {
                    expected += data[((t - k) * columns) + c] * kernel[k];
                }

                Assert.AreEqual(expected, result.Data[(n * columns) + c], 1e-10, $"row {n} column {c}");
            }
        }
    }

    [TestMethod]
    public void PipelineApplyOnAxisStacksEachElementOfATupleResult()
    {
        var python = Python();
        int samples = 512, channels = 2;
        var data = new double[samples * channels];
        for (var k = 0; k < samples; k++)
        {
            data[k * channels] = Math.Sin(2 * Math.PI * 10 * k / 100.0);
            data[(k * channels) + 1] = Math.Sin(2 * Math.PI * 20 * k / 100.0);
        }

        var results = python.Call("scipy.signal", "welch", [Positional(new ArrayValue([samples, channels], data)), Named("fs", 100.0), Named("nperseg", 128.0)], 1, CancellationToken.None);
        Assert.HasCount(2, results);
        CollectionAssert.AreEqual(new[] { 65, channels }, results[0].Shape);
        CollectionAssert.AreEqual(new[] { 65, channels }, results[1].Shape);
        for (var c = 0; c < channels; c++)
        {
            var column = Enumerable.Range(0, 65).Select(i => results[1].Data[(i * channels) + c]).ToArray();
            var peak = Array.IndexOf(column, column.Max());
            Assert.AreEqual(10.0 * (c + 1), results[0].Data[(peak * channels) + c], 100.0 / 128, $"channel {c}");
        }
    }

    [TestMethod]
    public void PipelineEvaluatesTvbosOrderParameterExpression()
    {
        var python = Python();
        int samples = 100, nodes = 5;
        var phases = new double[samples * nodes];
        for (var t = 0; t < samples; t++)
        {
            for (var j = 0; j < nodes; j++)
            {
                phases[(t * nodes) + j] = (0.1 * t * (j + 1)) + Math.Sin(j);
            }
        }

        var result = python.Evaluate(
            "jnp.mean(jnp.abs(jnp.mean(jnp.exp(1j * data[-int(tail * data.shape[0]):, 0, :]), axis=1)))",
            [Named("data", new ArrayValue([samples, 1, nodes], phases)), Named("tail", 0.2)],
            CancellationToken.None).Single();
        Assert.IsTrue(result.IsScalar);

        // The Kuramoto order parameter of each of the last 20 samples, averaged.
        var sum = 0.0;
        for (var t = samples - 20; t < samples; t++)
        {
            double re = 0, im = 0;
            for (var j = 0; j < nodes; j++)
            {
                re += Math.Cos(phases[(t * nodes) + j]);
                im += Math.Sin(phases[(t * nodes) + j]);
            }

            sum += Math.Sqrt((re * re) + (im * im)) / nodes;
        }

        Assert.AreEqual(sum / 20, result.Data[0], 1e-12);
    }

    [TestMethod]
    public void PipelineIntegralNumberArrivesAsAPythonInt()
    {
        var python = Python();
        var history = new ArrayValue([4, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
        var data = new ArrayValue([2, 2], [9, 10, 11, 12]);
        var result = python.Evaluate(
            "jnp.concatenate([history[-kernel_samples:], data], axis=0)",
            [Named("history", history), Named("data", data), Named("kernel_samples", 3.0)],
            CancellationToken.None).Single();
        CollectionAssert.AreEqual(new[] { 5, 2 }, result.Shape);
        CollectionAssert.AreEqual(new double[] { 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, result.Data);

        var types = python.Evaluate("(np.asarray(k).dtype.kind == 'i', np.asarray(h).dtype.kind == 'f', np.asarray(s).dtype.kind == 'f' and np.ndim(s) == 0)", [Named("k", 3.0), Named("h", 0.5), Named("s", ArrayValue.Scalar(2.0))], CancellationToken.None);
        CollectionAssert.AreEqual(new[] { 1.0, 1.0, 1.0 }, types.Select(t => t.Data[0]).ToArray(), "3.0 is an int, 0.5 a float, a 0-d array a float");
    }

    [TestMethod]
    public void PipelineRefusesModulesOtherThanNumpyAndScipy()
    {
        var python = new PipelinePython(null);
        foreach (var module in new[] { "os", "tvboptim.observations.observation", "jax", "numpy_evil", "numpy..fft" })
        {
            var ex = Assert.ThrowsExactly<ObservableException>(() => python.Call(module, "system", [], null, CancellationToken.None));
            StringAssert.Contains(ex.Message, $"'{module}'");
            StringAssert.Contains(ex.Message, PipelineModules.Allowed);
        }
    }

    [TestMethod]
    public void PipelinePythonAllowListMirrorsPipelineModules()
    {
        Python();
        string[] modules = ["numpy", "numpy.fft", "scipy.signal", "jax.numpy", "jax.numpy.fft", "jax.scipy.signal", "jax", "jax.lax", "os", "tvboptim.observations", "scipy.", "numpy.1x"];
        foreach (var module in modules)
        {
            var resolved = PythonFixture.Exec(
                $"from tvbo_pyrates import pipeline\ntry:\n    result = pipeline.resolve({PythonText.Quote(module)})\nexcept ValueError:\n    result = None",
                r => r.IsNone() ? null : r.As<string>());
            Assert.AreEqual(PipelineModules.Resolve(module), resolved, module);
        }
    }

    [TestMethod]
    public void PipelinePythonExceptionCarriesItsTypeAndMessage()
    {
        var python = Python();
        var ex = Assert.ThrowsExactly<ObservableException>(() => python.Call(
            "numpy", "dot", [Positional(new ArrayValue([3], [1, 2, 3])), Positional(new ArrayValue([4], [1, 2, 3, 4]))], null, CancellationToken.None));
        StringAssert.StartsWith(ex.Message, "ValueError: ");
        StringAssert.Contains(ex.Message, "not aligned");
        Assert.DoesNotContain("Traceback", ex.Message);
    }

    [TestMethod]
    public void PipelineComplexResultIsRefused()
    {
        var python = Python();
        var ex = Assert.ThrowsExactly<ObservableException>(() => python.Evaluate("jnp.exp(1j * x)", [Named("x", new ArrayValue([3], [0, 1, 2]))], CancellationToken.None));
        StringAssert.StartsWith(ex.Message, "TypeError: ");
        StringAssert.Contains(ex.Message, "complex");
    }

    [TestMethod]
    public void PipelineExpressionIsOneExpressionWithoutImports()
    {
        var python = Python();
        var statement = Assert.ThrowsExactly<ObservableException>(() => python.Evaluate("import os", [], CancellationToken.None));
        StringAssert.StartsWith(statement.Message, "SyntaxError: ");
        var import = Assert.ThrowsExactly<ObservableException>(() => python.Evaluate("__import__('os')", [], CancellationToken.None));
        StringAssert.StartsWith(import.Message, "NameError: ");
        StringAssert.Contains(import.Message, "__import__");
    }

    [TestMethod]
    public void PipelineExpressionReadsScipyAndJaxAndComprehensions()
    {
        var python = Python();
        var x = new ArrayValue([4], [1, 2, 3, 4]);
        var results = python.Evaluate(
            "(jax.numpy.sum(x), scipy.special.expit(0.0), jax.scipy.signal.fftconvolve(x, x)[0], sum([x[i] for i in range(2)]), x > 2)",
            [Named("x", x)],
            CancellationToken.None);
        CollectionAssert.AreEqual(new[] { 10.0, 0.5, 1.0, 3.0 }, results.Take(4).Select(r => Math.Round(r.Data[0], 12)).ToArray());
        CollectionAssert.AreEqual(new[] { 0.0, 0.0, 1.0, 1.0 }, results[4].Data, "bools are 0 and 1");
    }

    [TestMethod]
    public void PipelineWithoutAUsablePythonSaysWhatPythonStepsNeed()
    {
        var python = new PipelinePython("/nonexistent/bin/python3");
        var ex = Assert.ThrowsExactly<ObservableException>(() => python.Evaluate("1", [], CancellationToken.None));
        StringAssert.Contains(ex.Message, "CPython with numpy and scipy");
        StringAssert.Contains(ex.Message, "/nonexistent/bin/python3");
    }

    [TestMethod]
    public void PipelinePythonIsFoundAmongTheRegisteredBackends()
    {
        var runner = BackendRegistry.All.OfType<IPipelinePython>().Single();
        Assert.IsInstanceOfType<PyRatesBackend>(runner);
        Python();
        var mean = runner.Call("numpy", "mean", [Positional(new ArrayValue([3], [1, 2, 6]))], null, CancellationToken.None).Single();
        Assert.AreEqual(3.0, mean.Data[0], 0.0);
    }

    [TestMethod]
    public void PipelineCostOfACall()
    {
        var python = Python();
        int samples = 30000, channels = 84;
        var data = new double[samples * channels];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Math.Sin(0.001 * i);
        }

        var big = new ArrayValue([samples, channels], data);
        var small = new ArrayValue([3], [1, 2, 3]);
        python.Call("numpy", "mean", [Positional(small)], null, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        const int trivial = 200;
        for (var i = 0; i < trivial; i++)
        {
            python.Call("numpy", "mean", [Positional(small)], null, CancellationToken.None);
        }

        var trivialMs = clock.Elapsed.TotalMilliseconds / trivial;
        clock.Restart();
        var welch = python.Call("scipy.signal", "welch", [Positional(big), Named("fs", 1000.0), Named("nperseg", 1024.0), Named("axis", 0.0)], null, CancellationToken.None);
        var welchMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var transfer = python.Evaluate("x", [Named("x", big)], CancellationToken.None);
        var transferMs = clock.Elapsed.TotalMilliseconds;
        TestContext.WriteLine($"trivial call (numpy.mean of 3 values): {trivialMs:F3} ms; welch of {samples}x{channels}: {welchMs:F1} ms; round trip of that array: {transferMs:F1} ms");
        CollectionAssert.AreEqual(new[] { 513, channels }, welch[1].Shape);
        CollectionAssert.AreEqual(data, transfer.Single().Data);
    }
}
