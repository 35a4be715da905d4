using Tvbo.TestSupport;
using Tvbo.Experiment;

namespace Tvbo.Native.Tests.Methods;

/// <summary>Adaptive RK45 (dense output on the time grid) against the closed-form solution.</summary>
[TestClass]
public sealed class DormandPrinceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(1e-4, 1e-7)]
    [DataRow(1e-6, 1e-9)]
    [DataRow(1e-9, 1e-12)]
    public void ErrorStaysWithinAFewTimesTheTolerance(double rtol, double atol)
    {
        var exp = TestExperiments.Experiment(ConvergenceOrderTests.DampedOscillator(), 20, 0.01, IntegrationMethod.RK45, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("w", Domain.Values(0.5, 1, 2, 3))));
        exp.Integration.RelativeTolerance = rtol;
        exp.Integration.AbsoluteTolerance = atol;
        var error = ConvergenceOrderTests.MaxError(exp);
        TestContext.WriteLine($"rtol {rtol:E0}: max error {error:E3}");
        Assert.IsLessThanOrEqualTo(10 * rtol, error);
    }

    [TestMethod]
    public void TighterTolerancesGiveSmallerErrors()
    {
        double Error(double rtol)
        {
            var exp = TestExperiments.Experiment(ConvergenceOrderTests.DampedOscillator(), 20, 0.01, IntegrationMethod.RK45, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("w", Domain.Values(1, 2))));
            exp.Integration.RelativeTolerance = rtol;
            exp.Integration.AbsoluteTolerance = rtol * 1e-3;
            return ConvergenceOrderTests.MaxError(exp);
        }

        var coarse = Error(1e-3);
        var fine = Error(1e-7);
        Assert.IsLessThan(coarse / 100, fine);
    }

    [TestMethod]
    public void EachConditionTakesItsOwnStepsSoTheGridDoesNotChangeIt()
    {
        // Unlike PyRates' scipy solver, a condition's result is independent of the other conditions.
        var alone = TestExperiments.Experiment(GuideModels.VdP(), 20, 0.01, IntegrationMethod.RK45, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Values(2.0))));
        var crowd = TestExperiments.Experiment(GuideModels.VdP(), 20, 0.01, IntegrationMethod.RK45, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Values(0.1, 2.0, 8.0, 0.5, 3.0))));
        var a = alone.Run("native").Explorations["sweep"];
        var b = crowd.Run("native").Explorations["sweep"];
        CollectionAssert.AreEqual(a.ConditionSeries(0).ToArray(), b.ConditionSeries(1).ToArray());
    }
}
