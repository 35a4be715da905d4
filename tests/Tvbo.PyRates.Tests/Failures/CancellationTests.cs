using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Failures;

/// <summary>Cancellation stops a PyRates run between chunks and inside a running grid_search call (KeyboardInterrupt
/// in the embedded interpreter); finished chunks are kept, and the process stays usable with nothing left behind.</summary>
[TestClass]
[DoNotParallelize]
public sealed class CancellationTests
{
    [TestMethod]
    public void FinishedChunksAreKeptWhenARunIsCancelledBetweenChunks()
    {
        PythonFixture.PyRates();
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 5.0, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("eta", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 12))));
        var backend = new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 });
        var full = exp.Run(backend).Explorations["eta"];
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress { OnReport = p => { if (p.Completed > 0) { cts.Cancel(); } } };

        var ex = Assert.Throws<RunCancelledException>(() => exp.Run(backend, progress: progress, cancellationToken: cts.Token));

        var partial = ex.Interrupted ?? throw new AssertFailedException("the finished chunk was not kept");
        Assert.AreEqual(4, ex.InterruptedCompleted);
        CollectionAssert.AreEqual(Enumerable.Range(4, 8).ToArray(), partial.Failures.Select(f => f.Condition).ToArray());
        Assert.IsTrue(partial.Failures.All(f => f.Reason == ConditionFailure.CancelledReason));
        for (var c = 0; c < 12; c++)
        {
            for (var t = 0; t < partial.SampleCount; t += 100)
            {
                Assert.AreEqual(c < 4 ? full[c, t, 0] : double.NaN, partial[c, t, 0], $"condition {c}, sample {t}");
            }
        }
    }

    [TestMethod]
    public void ARunningGridSearchCallIsInterruptedAndTheProcessStaysUsable()
    {
        var runtime = PythonFixture.PyRates();
        var before = PythonState(runtime);

        // The bridge's temporary folders go to a folder of this test's own (other processes share /tmp).
        var temp = Directory.CreateTempSubdirectory("tvbo-cancel-tmp-").FullName;
        PythonFixture.Exec($"import tempfile\ntempfile.tempdir = {PythonText.Quote(temp)}\nresult = 1", r => r.As<int>());
        try
        {
            InterruptAndRunAgain(runtime, before, temp);
        }
        finally
        {
            PythonFixture.Exec("import tempfile\ntempfile.tempdir = None\nresult = 1", r => r.As<int>());
            Directory.Delete(temp, recursive: true);
        }
    }

    private static void InterruptAndRunAgain(PyRates.Runtime.PythonRuntime runtime, (string Path, int RunModules, string TempDir) before, string temp)
    {

        // One chunk of 16 conditions × 400 000 steps (several seconds): the run can only end by the interrupt.
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 2000.0, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("eta", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 16))));
        exp.Integration.SamplingStepSize = 1.0;
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress { OnReport = p => { if (p.Completed == 0) { cts.CancelAfter(TimeSpan.FromMilliseconds(500)); } } };
        var ex = Assert.Throws<RunCancelledException>(() => exp.Run(new PyRatesBackend(), progress: progress, cancellationToken: cts.Token));
        Assert.IsNull(ex.Interrupted, "no chunk had finished");
        Assert.IsEmpty(ex.Finished);

        // The interpreter is usable, and the interrupt did not leak into the next call.
        var small = TestExperiments.Experiment(GuideModels.Qif(), 5.0, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("eta", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 3))));
        var again = small.Run(new PyRatesBackend()).Explorations["eta"];
        var native = small.Run("native").Explorations["eta"];
        Assert.IsEmpty(again.Failures);
        for (var c = 0; c < 3; c++)
        {
            Assert.AreEqual(native[c, again.SampleCount - 1, 1], again[c, again.SampleCount - 1, 1], 1e-12, $"condition {c}");
        }

        // Nothing of the interrupted call stays: sys.path, generated modules, the run file in the working directory,
        // the temporary folder.
        var after = PythonState(runtime);
        Assert.AreEqual(before.Path, after.Path, "sys.path");
        Assert.AreEqual(0, after.RunModules, "tvbo_run_* modules left in sys.modules");
        Assert.IsEmpty(Directory.GetFiles(Environment.CurrentDirectory, "tvbo_run_*"), "run files left in the working directory");
        Assert.AreEqual(temp, after.TempDir);
        Assert.IsEmpty(Directory.GetFileSystemEntries(temp), "the temporary folder: " + string.Join(", ", Directory.GetFileSystemEntries(temp)));
    }

    private static (string Path, int RunModules, string TempDir) PythonState(PyRates.Runtime.PythonRuntime runtime) =>
        PythonFixture.Exec(
            "import sys, tempfile\nresult = (repr(sys.path), sum(1 for m in sys.modules if m.startswith('tvbo_run_')), tempfile.gettempdir())",
            r => (r[0].As<string>(), r[1].As<int>(), r[2].As<string>()));

}
