using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Hosting;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Hosting;

/// <summary><c>services.AddTvbo(o =&gt; …).AddNative()</c>: the runner from the container runs with the registered
/// backend, the options and the container's logging.</summary>
[TestClass]
public sealed class ServiceCollectionTests
{
    private static SimulationExperiment Sweep() =>
        TestExperiments.Experiment(GuideModels.VdP(), 2.0, 0.01, IntegrationMethod.Heun, TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(0.5, 1.0, 2.0))));

    [TestMethod]
    public async Task TheRunnerUsesTheRegisteredBackendTheOptionsAndTheContainersLogging()
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddTvbo(o => o.Store = ResultStore.Summary).AddNative(new NativeBackendOptions { MaxDegreeOfParallelism = 1 });
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ExperimentRunner>();

        CollectionAssert.AreEqual(new[] { "native" }, runner.Backends.ToArray());
        var progress = new SynchronousProgress();
        var result = (await runner.RunAsync(Sweep(), progress: progress)).Explorations["mu"];

        Assert.AreEqual(ResultStore.Summary, result.Store, "the options' store");
        Assert.AreEqual("native", result.Backend);
        Assert.IsTrue(progress.Reports.Last().IsComplete);
        var direct = Sweep().Run(new NativeBackend()).Explorations["mu"];
        CollectionAssert.AreEqual(direct.Summarize().Final.ToArray(), result.Summary!.Final.ToArray(), "the same numbers as a direct run");
        Assert.IsTrue(logs.Categories.Contains("Tvbo.VdP"), "the run logs through the container: " + string.Join(", ", logs.Categories));
    }

    [TestMethod]
    public void NamingABackendThatIsNotRegisteredListsThoseThatAre()
    {
        var services = new ServiceCollection();
        services.AddTvbo().AddNative();
        using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ExperimentRunner>();
        var ex = Assert.ThrowsExactly<TvboException>(() => runner.Backend("pyrates"));
        StringAssert.Contains(ex.Message, "No backend named 'pyrates' is registered. Registered: native.");
        Assert.AreEqual("native", runner.Backend().Name, "the only one is the default");
    }

    [TestMethod]
    public void WithoutABackendTheMessageSaysHowToAddOne()
    {
        var services = new ServiceCollection();
        services.AddTvbo();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.ThrowsExactly<TvboException>(() => provider.GetRequiredService<ExperimentRunner>().Backend());
        StringAssert.Contains(ex.Message, "services.AddTvbo().AddNative()");
    }

    [TestMethod]
    public async Task RunAsyncWithABackendObjectReturnsAtOnceAndHonoursCancellation()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 2e4, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 64))));
        using var cts = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var task = exp.RunAsync(new NativeBackend(), new RunOptions { Store = ResultStore.Summary }, null, cts.Token);
        Assert.IsLessThan(TimeSpan.FromSeconds(1), clock.Elapsed, "the caller's thread is free at once");
        Assert.IsFalse(task.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => task);
        await Assert.ThrowsAsync<OperationCanceledException>(() => exp.RunAsync(new NativeBackend(), cancellationToken: cts.Token));
    }

    [TestMethod]
    public void AxesAndGridsSayWhatTheyHold()
    {
        var grid = Sweep().Validate()[0];
        Assert.AreEqual("mu: 3 values, 0.5, 1, 2", grid.Axes[0].ToString());
        Assert.AreEqual("mu (product): 3 conditions; mu: 3 values, 0.5, 1, 2", grid.ToString());
        Assert.AreEqual("eta: 15 values, -10 … 5", new ExplorationAxis("eta", Domain.Range(-10, 5, 15).ToArray()).ToString());
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void Dispose()
        {
        }
    }
}
