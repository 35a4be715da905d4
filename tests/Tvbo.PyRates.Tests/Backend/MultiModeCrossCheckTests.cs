using Tvbo.Experiment;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>A three-mode model (per-mode parameters, a mode matrix in <c>mode_dot</c>, <c>mode_sum</c>) through PyRates
/// 1.2.3 and natively, over an exploration of a shared and a per-mode parameter.</summary>
[TestClass]
public sealed class MultiModeCrossCheckTests
{
    [TestMethod]
    public void PyRatesRunsEveryModeAsNatively()
    {
        PythonFixture.PyRates();
        var sweep = TestExperiments.Sweep("k_g1", ExplorationMode.Product, ("k", Domain.Values(0.4, 0.9)), ("g_m1", Domain.Values(1.0, 0.25)));
        var exp = TestExperiments.Experiment(ModeModels.Model(), 3.0, 0.01, IntegrationMethod.Heun, sweep);
        var native = exp.Run(new NativeBackend()).Explorations["k_g1"];
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions())).Explorations["k_g1"];

        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        var worst = 0.0;
        for (var c = 0; c < native.ConditionCount; c++)
        {
            foreach (var v in native.OutputNames)
            {
                var (a, b) = (native.Series(c, v), pyrates.Series(c, v));
                worst = Math.Max(worst, a.Zip(b, (p, q) => Math.Abs(p - q)).Max());
            }
        }

        Assert.IsLessThan(1e-12, worst, $"largest difference {worst:R}");
    }
}
