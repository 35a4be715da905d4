using Tvbo.Experiment;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Modes;

/// <summary>A three-mode model (TVB's meaning: per-mode parameters, a mode matrix in <c>mode_dot</c>, <c>mode_sum</c>)
/// integrated natively against the same system written out by hand.</summary>
[TestClass]
public sealed class MultiModeTests
{
    [TestMethod]
    public void EachModeFollowsTheHandWrittenLoopOverAnExploration()
    {
        var sweep = TestExperiments.Sweep("k_g1", ExplorationMode.Product, ("k", Domain.Values(0.4, 0.9)), ("g_m1", Domain.Values(1.0, 0.25)));
        var exp = TestExperiments.Experiment(ModeModels.Model(), 5.0, 0.01, IntegrationMethod.Euler, sweep);
        var result = exp.Run("native").Explorations["k_g1"];

        CollectionAssert.AreEqual(new[] { "x_m0", "x_m1", "x_m2", "y_m0", "y_m1", "y_m2" }, result.OutputNames.ToArray());
        for (var c = 0; c < result.ConditionCount; c++)
        {
            var (k, g1) = (result.Grid.Condition(c)[0], result.Grid.Condition(c)[1]);
            var (xs, ys) = ModeModels.Euler(k, [0.5, g1, 1.5], 0.01, result.SampleCount - 1);
            for (var mode = 0; mode < 3; mode++)
            {
                var (x, y) = (result.Series(c, $"x_m{mode}"), result.Series(c, $"y_m{mode}"));
                for (var n = 0; n < x.Length; n++)
                {
                    Assert.AreEqual(xs[n][mode], x[n], 1e-13, $"x in mode {mode}, k = {k}, g_m1 = {g1}, step {n}");
                    Assert.AreEqual(ys[n][mode], y[n], 1e-13, $"y in mode {mode}, k = {k}, g_m1 = {g1}, step {n}");
                }
            }

            // The modes differ (their gains and the matrix mix them unevenly), so a mix-up of modes would show.
            Assert.AreNotEqual(result.Series(c, "x_m0")[^1], result.Series(c, "x_m2")[^1], 1e-6);
        }
    }
}
