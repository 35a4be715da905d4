using Microsoft.Extensions.DependencyInjection;
using Tvbo.Experiment;
using Tvbo.Hosting;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Hosting;

/// <summary><c>services.AddTvbo().AddNative().AddPyRates(options)</c>: both backends by name, PyRates with its options.</summary>
[TestClass]
public sealed class ServiceCollectionTests
{
    [TestMethod]
    public async Task BothBackendsAreRegisteredAndPyRatesRunsWithItsOptions()
    {
        PythonFixture.PyRates();
        var services = new ServiceCollection();
        services.AddTvbo(o => o.DefaultBackend = "pyrates").AddNative().AddPyRates(new PyRatesBackendOptions { ChunkSize = 2 });
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ExperimentRunner>();
        CollectionAssert.AreEqual(new[] { "native", "pyrates" }, runner.Backends.ToArray());
        Assert.AreEqual(2, ((PyRatesBackend)runner.Backend()).Options.ChunkSize, "the default backend, with the options given");

        var exp = TestExperiments.Experiment(GuideModels.VdP(), 1.0, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("mu", ExplorationMode.Product, ("mu", Domain.Values(0.5, 1.0, 2.0))));
        var pyrates = (await runner.RunAsync(exp)).Explorations["mu"];
        var native = (await runner.RunAsync(exp, "native")).Explorations["mu"];
        Assert.AreEqual("pyrates", pyrates.Backend);
        Assert.AreEqual("native", native.Backend);
        var worst = pyrates.Results.ToArray().Zip(native.Results.ToArray(), (a, b) => Math.Abs(a - b)).Max();
        Assert.IsLessThan(1e-12, worst);
    }
}
