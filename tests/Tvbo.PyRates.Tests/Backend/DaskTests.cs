using System.Diagnostics;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>PyRates chunks as Dask tasks, on a LocalCluster this process starts and on a real <c>dask scheduler</c> +
/// <c>dask worker</c> started on 127.0.0.1 by the test: the numbers equal the in-process run's exactly.</summary>
[TestClass]
[DoNotParallelize]
public sealed class DaskTests
{
    public TestContext TestContext { get; set; } = null!;

    private static void RequireDistributed()
    {
        PythonFixture.PyRates();
        var error = PythonFixture.Exec("try:\n    import distributed\n    result = ''\nexcept Exception as e:\n    result = f'{type(e).__name__}: {e}'", o => o.As<string>());
        if (error.Length > 0)
        {
            Assert.Inconclusive($"Dask's distributed is not importable ({error}); install python3-distributed (env/setup.sh --with-dask).");
        }
    }

    private static SimulationExperiment Experiment(IntegrationMethod method) =>
        TestExperiments.Experiment(GuideModels.Qif(), 2.0, 0.01, method,
            TestExperiments.Sweep("grid", ExplorationMode.Product, ("eta", Domain.Range(-6.0, 2.0, 5)), ("J", Domain.Values(5.0, 15.0))));

    private static void AssertIdentical(ExplorationResult expected, ExplorationResult actual)
    {
        Assert.AreEqual(expected.TimeseriesShape, actual.TimeseriesShape);
        CollectionAssert.AreEqual(expected.Time.ToArray(), actual.Time.ToArray());
        var a = expected.Results.Span;
        var b = actual.Results.Span;
        for (var i = 0; i < a.Length; i++)
        {
            Assert.AreEqual(a[i], b[i], 0.0, $"value {i}");
        }

        Assert.HasCount(expected.Failures.Count, actual.Failures);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void LocalClusterGivesTheInProcessNumbers(IntegrationMethod method)
    {
        RequireDistributed();
        var exp = Experiment(method);
        var inProcess = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 3 })).Explorations["grid"];
        var progress = new SynchronousProgress();
        var onCluster = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 3, Workers = 2 }), progress: progress).Explorations["grid"];
        AssertIdentical(inProcess, onCluster);
        Assert.AreEqual(1.0, progress.Reports.Last().Fraction, 1e-12, "progress reaches 100 % as chunks complete");
        var summary = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4, Workers = 2 }), new RunOptions { Store = ResultStore.Summary }).Explorations["grid"];
        CollectionAssert.AreEqual(inProcess.Summarize().Mean.ToArray(), summary.Summary!.Mean.ToArray(), "summaries reduced on the workers equal the in-process ones");
    }

    [TestMethod]
    public void ADelayedNetworkCircuitOnALocalClusterGivesTheInProcessNumbers()
    {
        // A speed sweep (speed the fastest axis: each call's conditions are not consecutive) of a delayed 3-node circuit.
        RequireDistributed();
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.5);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1);
        m.AddStateVariable("W", "0.08*(V + 0.7 - 0.8*W)", 0.0);
        var exp = new SimulationExperiment(m)
        {
            Network = Tvbo.Networks.Network.FromMatrix(new double[,] { { 0, 1.0, 0.2 }, { 0.5, 0, 0.8 }, { 0.3, 2.0, 0 } }, new double[,] { { 0, 20, 5 }, { 20, 0, 35 }, { 1, 35, 0 } }),
        };
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 20.0;
        exp.Integration.StepSize = 0.01;
        exp.Network.Nodes[0].InitialState["V"] = -1.2;
        exp.Network.Coupling["c_glob"] = Tvbo.Networks.Coupling.FromLibrary("tvbo:Linear");
        exp.Explorations.Add(new Exploration("grid", [
            new ExplorationParameter("c_glob.a", Domain.Values(0.1, 0.3)),
            new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 3.0, 10.0)),
        ]));
        var inProcess = exp.Run(new PyRatesBackend()).Explorations["grid"];
        var onCluster = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { Workers = 2 })).Explorations["grid"];
        AssertIdentical(inProcess, onCluster);
        var native = exp.Run(new Tvbo.Native.NativeBackend()).Explorations["grid"];
        var worst = 0.0;
        for (var i = 0; i < native.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(native.Results.Span[i] - onCluster.Results.Span[i]));
        }

        Assert.IsLessThanOrEqualTo(1e-12, worst, "the cluster's delayed circuit agrees with the native backend");
    }

    [TestMethod]
    public void ExistingSchedulerAndStockWorkerGiveTheInProcessNumbers()
    {
        RequireDistributed();
        var python = PythonFixture.Runtime().Interpreter.Executable ?? "/usr/bin/python3";
        var dir = Directory.CreateTempSubdirectory("tvbo-dask-").FullName;
        using var scheduler = DaskProcesses.StartScheduler(python, dir, out var file);
        Process? worker = null;
        try
        {
            var address = DaskProcesses.WaitForAddress(file, scheduler);
            worker = DaskProcesses.StartWorker(python, dir, address);
            var exp = Experiment(IntegrationMethod.Heun);
            var inProcess = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 })).Explorations["grid"];
            var remote = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4, SchedulerAddress = address })).Explorations["grid"];
            AssertIdentical(inProcess, remote);
            TestContext.WriteLine($"scheduler {address}: {remote.ConditionCount} conditions in {(remote.ConditionCount + 3) / 4} tasks, identical to the in-process run");
        }
        finally
        {
            DaskProcesses.Stop(worker);
            DaskProcesses.Stop(scheduler);
        }
    }

    [TestMethod]
    public void UnreachableSchedulerIsABackendErrorNamingTheAddress()
    {
        RequireDistributed();
        var exp = Experiment(IntegrationMethod.Euler);
        var ex = Assert.ThrowsExactly<global::Tvbo.PyRates.Runtime.PyRatesException>(() => exp.Run(new PyRatesBackend(new PyRatesBackendOptions { SchedulerAddress = "tcp://127.0.0.1:9" })));
        StringAssert.Contains(ex.Message, "127.0.0.1:9");
    }
}
