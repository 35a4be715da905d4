using Tvbo.Native;
using Tvbo.TestSupport;
using System.Collections.Concurrent;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;

namespace Tvbo.PyRates.Tests.Backend;

[TestClass]
public sealed class BackendTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SimulationExperiment Qif3Axes(IntegrationMethod method, double duration = 5.0) =>
        TestExperiments.Experiment(GuideModels.Qif(), duration, 0.005, method,
            TestExperiments.Sweep("eta_J_Delta", ExplorationMode.Product, ("eta", Domain.Range(-6.0, 2.0, 3)), ("J", Domain.Values(5.0, 15.0)), ("Delta", Domain.Values(0.5, 1.0, 2.0, 3.0))));

    [TestMethod]
    public void BackendIsFoundByName()
    {
        Assert.IsInstanceOfType<PyRatesBackend>(BackendRegistry.Get("pyrates"));
        Assert.AreEqual("pyrates", new PyRatesBackend().Name);
    }

    [TestMethod]
    public void Rk4IsAClearErrorBeforePythonStarts()
    {
        var exp = Qif3Axes(IntegrationMethod.RK4);
        var ex = Assert.ThrowsExactly<PyRatesTranslationException>(() => exp.Run(new PyRatesBackend()));
        StringAssert.Contains(ex.Message, "RK4");
        StringAssert.Contains(ex.Message, "heun");
        StringAssert.Contains(ex.Message, "rk45");
        StringAssert.Contains(ex.Message, "native");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.RK4)]
    public void ADiscreteMapIsRefusedBeforePythonStarts(IntegrationMethod method)
    {
        var map = new Tvbo.Model.Dynamics("Logistic") { SystemType = Tvbo.Model.SystemType.Discrete };
        map.AddParameter("r", 3.5);
        map.AddStateVariable("x", "r*x*(1 - x)", 0.4);
        var exp = new SimulationExperiment(map);
        exp.Integration.Method = method;
        exp.Integration.StepSize = 1;
        exp.Integration.Duration = 20;
        var ex = Assert.ThrowsExactly<BackendException>(() => exp.Run(new PyRatesBackend()));
        Assert.AreEqual("Model 'Logistic' is a discrete map (system_type: discrete); PyRates integrates ODEs and has no map iteration. Run it with the native backend (Run(\"native\") / --backend native).", ex.Message);

        // A network of maps too.
        map.AddCouplingTerm("c_glob");
        exp.Network = new Tvbo.Networks.Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 1.0);
        ex = Assert.ThrowsExactly<BackendException>(() => exp.Run(new PyRatesBackend()));
        StringAssert.StartsWith(ex.Message, "Model 'Logistic' is a discrete map (system_type: discrete); PyRates integrates ODEs");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.RK4)]
    public void AModelWithEventsIsRefusedBeforePythonStarts(IntegrationMethod method)
    {
        var iaf = new Tvbo.Model.Dynamics("IaF");
        iaf.AddParameter("thresh", -55.0);
        iaf.AddStateVariable("v", "(-70 - v)/10 + 2", -70.0);
        iaf.AddEvent("spike", "v > thresh", "v = -70");
        var exp = new SimulationExperiment(iaf);
        exp.Integration.Method = method;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 20;
        var ex = Assert.ThrowsExactly<BackendException>(() => exp.Run(new PyRatesBackend()));
        Assert.AreEqual("Model 'IaF' has spike-and-reset events; PyRates has no events: run it with the native backend (Run(\"native\") / --backend native).", ex.Message);
    }

    [TestMethod]
    public void ChunkSizeMustBePositive()
    {
        var ex = Assert.ThrowsExactly<TvboException>(() => new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 0 }));
        StringAssert.Contains(ex.Message, "ChunkSize");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ThreeAxisProductMatchesScalarReferenceConditionByCondition(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(method);
        var result = exp.Run("pyrates").Explorations["eta_J_Delta"];
        Assert.AreEqual((24, 1000, 2), result.TimeseriesShape);
        var worst = 0.0;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            var p = result.ParameterValues(c);
            var reference = ScalarReference.Integrate(exp.Model, exp.Integration, new Dictionary<string, double> { ["eta"] = p[0], ["J"] = p[1], ["Delta"] = p[2] }, applyBoundaries: false);
            var error = Compare.MaxRelativeError(result, c, reference);
            Assert.IsLessThanOrEqualTo(1e-12, error, $"condition {c} ({p[0]}, {p[1]}, {p[2]})");
            worst = Math.Max(worst, error);
        }

        TestContext.WriteLine($"3-axis {method}: largest relative difference to the scalar {method} {worst:E2}");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ChunkedRunIsIdenticalToOneCall(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(method, duration: 2.0);
        var whole = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = int.MaxValue })).Explorations["eta_J_Delta"];
        var reports = new SynchronousProgress();
        var chunked = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 5 }), progress: reports).Explorations["eta_J_Delta"];
        var progress = reports.Reports.ToArray();
        CollectionAssert.AreEqual(whole.Results.ToArray(), chunked.Results.ToArray(), "chunks must give bit-identical Euler/Heun results");
        CollectionAssert.AreEqual(whole.Time.ToArray(), chunked.Time.ToArray());

        // 24 conditions in chunks of 5: a report before the first chunk and after each of the 5 chunks (and the same
        // count again each second a chunk takes).
        var steps = (long)(exp.Integration.SampleCount - 1) * exp.Integration.StepsPerSample;
        CollectionAssert.AreEqual(new long[] { 0, 5, 10, 15, 20, 24 }.Select(c => c * steps).ToArray(), progress.Select(p => p.Completed).Distinct().ToArray());
        Assert.IsTrue(progress.All(p => p.Total == 24 * steps && p.Conditions == 24 && p.Exploration == "eta_J_Delta"));
        Assert.IsTrue(progress[^1].IsComplete);
    }

    [TestMethod]
    public void BothBackendsCountTheSameConditionSteps()
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Heun, duration: 1.0);
        exp.Integration.SamplingStepSize = 0.1;
        var (native, pyrates) = (new SynchronousProgress(), new SynchronousProgress());
        exp.Run(new NativeBackend(), progress: native);
        exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 7 }), progress: pyrates);
        var (n, p) = (native.Reports.ToArray(), pyrates.Reports.ToArray());
        Assert.AreEqual(n[^1], p[^1], "the same total, conditions and completion");
        Assert.AreEqual(24L * (exp.Integration.SampleCount - 1) * exp.Integration.StepsPerSample, n[^1].Total);
        Assert.AreEqual(0, n[0].Completed);
        Assert.AreEqual(0, p[0].Completed);
    }

    [TestMethod]
    public void PermutedGridFromPyRatesIsReorderedIntoCOrder()
    {
        // Let PyRates build the product itself (permute_grid=True, meshgrid order) and compare with the C-order table.
        var runtime = PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Euler, duration: 1.0);
        var grid = exp.Validate()[0];
        var template = PyRatesTemplateWriter.Create(exp.Model, "perm");
        GridSearchCall Call(bool permute) => new()
        {
            Template = template.Yaml,
            Circuit = template.CircuitName,
            ParameterNames = grid.Axes.Select(a => a.Name).ToArray(),
            ParameterTargets = grid.Axes.Select(a => template.ParameterTarget(a.Name)).ToArray(),
            Conditions = grid.ToArray(),
            OutputKeys = ["r", "v"],
            OutputTargets = [template.OutputTarget("r"), template.OutputTarget("v")],
            StepSize = 0.005,
            SimulationTime = 1.0,
            Solver = "euler",
            PermuteAxes = permute ? grid.Axes.Select(a => a.ExploredValues.ToArray()).ToArray() : null,
        };
        var table = PyRatesBridge.Run(runtime, Call(false));
        var permuted = PyRatesBridge.Run(runtime, Call(true));
        CollectionAssert.AreEqual(Enumerable.Range(0, 24).Select(i => $"{template.CircuitName}_{i}").ToArray(), table.Order.ToArray(), "a C-order table comes back in order");
        CollectionAssert.AreNotEqual(table.Order.ToArray(), permuted.Order.ToArray(), "meshgrid order differs from C order");

        // With three keys {eta, J, Delta} meshgrid varies J slowest, then eta, then Delta fastest.
        Assert.AreEqual($"{template.CircuitName}_1", permuted.Order[1], "C-order condition 1 (eta0, J0, Delta1) is meshgrid's 0*12 + 0*4 + 1");
        Assert.AreEqual($"{template.CircuitName}_12", permuted.Order[4], "C-order condition 4 (eta0, J1, Delta0) is meshgrid's 1*12 + 0*4 + 0");
        Assert.AreEqual($"{template.CircuitName}_4", permuted.Order[8], "C-order condition 8 (eta1, J0, Delta0) is meshgrid's 0*12 + 1*4 + 0");
        CollectionAssert.AreEqual(table.Data, permuted.Data);
    }

    [TestMethod]
    public void SummaryStoreEqualsTheSummaryOfTheSeries()
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Heun, duration: 2.0);
        var series = exp.Run("pyrates").Explorations["eta_J_Delta"];
        var summary = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 7 }), new RunOptions { Store = ResultStore.Summary, SummaryWindow = 0.3 }).Explorations["eta_J_Delta"];
        Assert.IsFalse(summary.HasSeries);
        var expected = series.Summarize(0.3);
        CollectionAssert.AreEqual(expected.First.ToArray(), summary.Summary!.First.ToArray());
        CollectionAssert.AreEqual(expected.Final.ToArray(), summary.Summary.Final.ToArray());
        CollectionAssert.AreEqual(expected.Min.ToArray(), summary.Summary.Min.ToArray());
        CollectionAssert.AreEqual(expected.Max.ToArray(), summary.Summary.Max.ToArray());
        CollectionAssert.AreEqual(expected.Mean.ToArray(), summary.Summary.Mean.ToArray());
    }

    [TestMethod]
    public void SamplingStepReturnsEveryKthState()
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Euler, duration: 1.0);
        var full = exp.Run("pyrates").Explorations["eta_J_Delta"];
        exp.Integration.SamplingStepSize = 0.05;
        var sampled = exp.Run("pyrates").Explorations["eta_J_Delta"];
        Assert.AreEqual(20, sampled.SampleCount);
        CollectionAssert.AreEqual(exp.Integration.CreateTimeGrid(), sampled.Time.ToArray());
        for (var c = 0; c < 24; c++)
        {
            for (var k = 0; k < 20; k++)
            {
                Assert.AreEqual(full[c, k * 10, 0], sampled[c, k, 0], 0.0);
                Assert.AreEqual(full[c, k * 10, 1], sampled[c, k, 1], 0.0);
            }
        }
    }

    [TestMethod]
    public void Rk45RunsThroughScipyWithTheFloat64Workaround()
    {
        PythonFixture.PyRates();
        var exp = TestExperiments.Experiment(GuideModels.VdP(), 10.0, 0.01, IntegrationMethod.RK45,
            TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(0.5, 1.0, 2.0))));
        exp.Integration.RelativeTolerance = 1e-10;
        exp.Integration.AbsoluteTolerance = 1e-12;
        var logger = new RecordingLogger();
        var result = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = int.MaxValue }), new RunOptions { Logger = logger }).Explorations["mu"];
        Assert.IsEmpty(result.Failures);
        Assert.IsFalse(logger.Lines.Any(l => l.Contains("have no effect", StringComparison.Ordinal)), string.Join("\n", logger.Lines));

        // Tight tolerances: close to a fine Heun solution.
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 1e-4;
        exp.Integration.SamplingStepSize = 0.01;
        var heun = exp.Run("pyrates").Explorations["mu"];
        var worst = 0.0;
        for (var i = 0; i < result.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(result.Results.Span[i] - heun.Results.Span[i]));
        }

        Assert.IsLessThan(1e-6, worst, $"RK45 vs fine Heun: {worst:E2}");
        TestContext.WriteLine($"RK45 (rtol 1e-10) vs Heun dt=1e-4: {worst:E2}");
    }

    [TestMethod]
    public void FailingChunkBecomesConditionFailuresAndTheRunGoesOn()
    {
        var runtime = PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Euler, duration: 0.5);
        var reference = exp.Run("pyrates").Explorations["eta_J_Delta"];
        var logger = new RecordingLogger();
        var backend = new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 10 });
        backend.ChunkRunner = (call, index, ct) =>
        {
            if (index == 1)
            {
                // A real Python error from inside the job.
                runtime.Invoke(() =>
                {
                    using var scope = Python.Runtime.Py.CreateScope();
                    scope.Exec("import numpy as np\nnp.zeros((2, 3)) @ np.zeros((4, 5))");
                });
            }

            return PyRatesBridge.Run(runtime, call, ct);
        };
        var result = exp.Run(backend, new RunOptions { Logger = logger }).Explorations["eta_J_Delta"];
        CollectionAssert.AreEqual(Enumerable.Range(10, 10).ToArray(), result.Failures.Select(f => f.Condition).ToArray());
        StringAssert.Contains(result.Failures[0].Reason, "ValueError");
        StringAssert.Contains(result.Failures[0].Reason, "matmul");
        Assert.IsTrue(result.ConditionSeries(15).ToArray().All(double.IsNaN));
        CollectionAssert.AreEqual(reference.ConditionSeries(9).ToArray(), result.ConditionSeries(9).ToArray());
        CollectionAssert.AreEqual(reference.ConditionSeries(20).ToArray(), result.ConditionSeries(20).ToArray());
        Assert.IsTrue(logger.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("10..19", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ErrorOnTheFirstChunkIsTheRunsErrorNotAFailurePerCondition()
    {
        var runtime = PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Euler, duration: 0.5);
        var calls = 0;
        var backend = new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 10 });
        backend.ChunkRunner = (call, index, ct) =>
        {
            calls++;
            runtime.Invoke(() =>
            {
                using var scope = Python.Runtime.Py.CreateScope();
                scope.Exec("raise KeyError('no such template')");
            });
            return PyRatesBridge.Run(runtime, call, ct);
        };
        var ex = Assert.ThrowsExactly<PyRatesException>(() => exp.Run(backend));
        Assert.AreEqual("KeyError", ex.PythonType);
        Assert.AreEqual(1, calls, "a deterministic error must not be repeated on every chunk");
    }

    [TestMethod]
    public void SingleSampleRunIsAClearError()
    {
        var exp = TestExperiments.Experiment(GuideModels.VdP(), 0.01, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(1.0))));
        var ex = Assert.ThrowsExactly<PyRatesTranslationException>(() => exp.Run(new PyRatesBackend()));
        StringAssert.Contains(ex.Message, "Exploration 'mu'");
        StringAssert.Contains(ex.Message, "single sample");
        StringAssert.Contains(ex.Message, "native backend");
    }

    [TestMethod]
    public void PyRatesErrorInATemplateIsReportedWithThePythonType()
    {
        // A model PyRates itself rejects: an equation dividing a state by a string-like name would not parse;
        // instead use a function PyRates cannot generate, reached through a template written by hand.
        var runtime = PythonFixture.PyRates();
        var template = PyRatesTemplateWriter.Create(GuideModels.VdP(), "broken");
        var call = new GridSearchCall
        {
            Template = template.Yaml.Replace("d/dt * x = z", "d/dt * x = Abs(z)", StringComparison.Ordinal),
            Circuit = template.CircuitName,
            ParameterNames = ["mu"],
            ParameterTargets = [template.ParameterTarget("mu")],
            Conditions = [1.0, 2.0],
            OutputKeys = ["x", "z"],
            OutputTargets = [template.OutputTarget("x"), template.OutputTarget("z")],
            StepSize = 0.01,
            SimulationTime = 0.1,
            Solver = "euler",
        };
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PyRatesBridge.Run(runtime, call));
        Assert.AreEqual("NameError", ex.PythonType);
        StringAssert.Contains(ex.PythonMessage, "Abs");
        StringAssert.Contains(ex.PythonTraceback, "grid_search");
    }

    [TestMethod]
    public void NonFiniteConditionIsAFailureLikeTheNativeBackend()
    {
        PythonFixture.PyRates();
        var m = new Tvbo.Model.Dynamics("Blowup");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "k*x**2", 1.0);
        var exp = TestExperiments.Experiment(m, 2.0, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(-1.0, 1.0))));
        var result = exp.Run("pyrates").Explorations["k"];
        var failure = result.Failures.Single();
        Assert.AreEqual(1, failure.Condition);
        Assert.AreEqual("x", failure.Variable);
        var k = Array.IndexOf(result.Time.ToArray(), failure.Time);
        Assert.IsTrue(k > 0 && double.IsFinite(result[1, k - 1, 0]) && double.IsNaN(result[1, k, 0]));
        Assert.IsTrue(result.ConditionSeries(0).ToArray().All(double.IsFinite));
    }

    [TestMethod]
    public void CancellationStopsBetweenChunks()
    {
        PythonFixture.PyRates();
        var exp = Qif3Axes(IntegrationMethod.Euler, duration: 0.5);
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new SynchronousProgress
        {
            OnReport = _ =>
            {
                if (++reports == 2)
                {
                    cts.Cancel();
                }
            },
        };
        var backend = new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 });
        var chunks = 0;
        var runtime = PythonFixture.PyRates();
        backend.ChunkRunner = (call, _, ct) =>
        {
            chunks++;
            return PyRatesBridge.Run(runtime, call, ct);
        };
        var ex = Assert.ThrowsExactly<RunCancelledException>(() => exp.Run(backend, progress: progress, cancellationToken: cts.Token));
        Assert.AreEqual(1, chunks, "cancelled after the first chunk's report");
        Assert.AreEqual(4, ex.InterruptedCompleted, "the first chunk is kept");
    }

    [TestMethod]
    public void ConcurrentRunsFromManyThreadsGiveTheSameResults()
    {
        PythonFixture.PyRates();
        var expected = Qif3Axes(IntegrationMethod.Euler, duration: 0.5).Run("pyrates").Explorations["eta_J_Delta"].Results;
        var vdpExpected = TestExperiments.Experiment(GuideModels.VdP(), 1.0, 0.01, IntegrationMethod.Heun,
            TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(1.0, 2.0)))).Run("pyrates").Explorations["mu"].Results;
        var errors = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 2 == 0)
            {
                var r = Qif3Axes(IntegrationMethod.Euler, duration: 0.5).Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 3 + i })).Explorations["eta_J_Delta"].Results;
                if (!r.Span.SequenceEqual(expected.Span))
                {
                    errors.Add($"QIF run {i} differs");
                }
            }
            else
            {
                var r = TestExperiments.Experiment(GuideModels.VdP(), 1.0, 0.01, IntegrationMethod.Heun,
                    TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(1.0, 2.0)))).Run("pyrates").Explorations["mu"].Results;
                if (!r.Span.SequenceEqual(vdpExpected.Span))
                {
                    errors.Add($"VdP run {i} differs");
                }
            }
        });
        Assert.IsEmpty(errors, string.Join("; ", errors));
    }

    [TestMethod]
    public void KeepYamlDirectoryHoldsTheTemplateThatRan()
    {
        PythonFixture.PyRates();
        var dir = Directory.CreateTempSubdirectory("tvbo-keep-");
        var cwd = Directory.GetCurrentDirectory();
        var before = Directory.GetFiles(cwd);
        try
        {
            var exp = TestExperiments.Experiment(GuideModels.VdP(), 0.5, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(1.0, 2.0))));
            exp.Run(new PyRatesBackend(new PyRatesBackendOptions { KeepYamlDirectory = dir.FullName }));
            var file = Directory.GetFiles(dir.FullName, "*.yaml").Single();
            var text = File.ReadAllText(file);
            StringAssert.Contains(text, "# z' = mu*(1 - x**2)*z - x");
            StringAssert.Contains(text, "d/dt * z = rate_z");
            StringAssert.StartsWith(Path.GetFileName(file), "vdp_r");
            CollectionAssert.AreEquivalent(before, Directory.GetFiles(cwd), "the run must not write into the current directory");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void RunDoesNotDeleteAUsersPyratesRunFile()
    {
        // PyRates' clean-up deletes <file_name>.py (default pyrates_run.py) from the current directory, even with
        // to_file=False; the bridge passes a unique file_name so a user's file survives.
        PythonFixture.PyRates();
        var cwd = Directory.GetCurrentDirectory();
        var victim = Path.Combine(cwd, "pyrates_run.py");
        var existed = File.Exists(victim);
        if (!existed)
        {
            File.WriteAllText(victim, "# a user's file\n");
        }

        try
        {
            TestExperiments.Experiment(GuideModels.VdP(), 0.1, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(1.0)))).Run("pyrates");
            Assert.IsTrue(File.Exists(victim));
        }
        finally
        {
            if (!existed)
            {
                File.Delete(victim);
            }
        }
    }
}
