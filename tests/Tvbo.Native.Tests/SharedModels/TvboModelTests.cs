using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.SharedModels;

/// <summary>Every shared TVBO model file runs a small sweep natively, matching the scalar reference bit for bit;
/// a condition that diverges is reported, not fatal.</summary>
[TestClass]
public sealed class TvboModelTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Files()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            return [["<absent>"]];
        }

        return Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) }).ToArray();
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void ModelRunsASmallSweep(string file)
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive("The shared TVBO models folder (../shared/tvbo-models or TVBO_MODELS_DIR) is absent.");
            return;
        }

        var model = Dynamics.Load(Path.Combine(dir, file));
        Assert.IsNotEmpty(model.Parameters, $"{file} has parameters to sweep");
        var p = model.Parameters[0];
        var v = p.Value;
        var values = v == 0 ? new[] { -0.1, 0.0, 0.1 } : new[] { 0.9 * v, v, 1.1 * v };
        foreach (var method in new[] { IntegrationMethod.Euler, IntegrationMethod.Heun, IntegrationMethod.RK4 })
        {
            var exp = TestExperiments.Experiment(model, 1.0, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, (p.Name, Domain.Values(values))));
            var result = exp.Run("native").Explorations["sweep"];
            Assert.AreEqual(3, result.ConditionCount);
            Assert.AreEqual(model.StateVariables.Count, result.OutputNames.Count);
            ScalarReference.AssertMatches(exp, result);
            var failed = result.Failures.Select(f => f.Condition).ToHashSet();
            for (var c = 0; c < 3; c++)
            {
                if (!failed.Contains(c))
                {
                    Assert.IsTrue(result.ConditionSeries(c).ToArray().All(double.IsFinite), $"{file} condition {c} has no failure, so every sample is finite");
                }
            }

            TestContext.WriteLine($"{file} {method}: {model.StateVariables.Count} variables, {result.Failures.Count} diverged");
        }

        var adaptive = TestExperiments.Experiment(model, 1.0, 0.01, IntegrationMethod.RK45, TestExperiments.Sweep("sweep", ExplorationMode.Product, (p.Name, Domain.Values(values))));
        var rk45 = adaptive.Run("native").Explorations["sweep"];
        Assert.AreEqual(3, rk45.ConditionCount);
    }
}
