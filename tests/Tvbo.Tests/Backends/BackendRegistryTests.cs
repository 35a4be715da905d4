using Tvbo.Planning;
using Tvbo.TestSupport;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Tests.Backends;

[TestClass]
public sealed class BackendRegistryTests
{
    private sealed class ConstantBackend : ISimulationBackend
    {
        public string Name => "constant-test";

        public ExplorationResult RunExploration(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
        {
            var (grid, experiment) = (job.Grid, job);
            var n = experiment.Integration.SampleCount;
            var vars = experiment.Model.StateVariables.Count;
            var data = new double[grid.ConditionCount * n * vars];
            for (var c = 0; c < grid.ConditionCount; c++)
            {
                data.AsSpan(c * n * vars, n * vars).Fill(grid.Condition(c)[0]);
            }

            progress?.Report(new RunProgress(grid.Exploration, grid.ConditionCount * (long)n, grid.ConditionCount * (long)n, grid.ConditionCount));
            return new ExplorationResult(grid, experiment.Model.StateVariables.Select(s => s.Name).ToArray(), experiment.Integration.CreateTimeGrid(), experiment.Integration.StepSize, data, null, [], Name);
        }
    }

    [TestMethod]
    public void UnknownNameListsRegisteredBackends()
    {
        BackendRegistry.Register(new ConstantBackend());
        var ex = Assert.ThrowsExactly<TvboException>(() => BackendRegistry.Get("matlab"));
        StringAssert.Contains(ex.Message, "No backend named 'matlab'");
        StringAssert.Contains(ex.Message, "constant-test");
    }

    [TestMethod]
    public void RunResolvesByNameAndKeepsConditionOrder()
    {
        BackendRegistry.Register(new ConstantBackend());
        var exp = new SimulationExperiment(GuideModels.VdP());
        exp.Integration.Duration = 1;
        exp.Integration.StepSize = 0.1;
        exp.Explorations["mu_sweep"] = new Exploration("mu_sweep", [new ExplorationParameter("mu", Domain.Values(3, 1, 2))]) { Label = "μ sweep" };
        var result = exp.Run("Constant-Test");
        var r = result.Explorations["mu_sweep"];
        Assert.AreEqual("μ sweep", r.Label);
        Assert.AreEqual("constant-test", result.Backend);
        Assert.AreEqual(3.0, r[0, 5, 1]);
        Assert.AreEqual(1.0, r[1, 0, 0]);
        Assert.AreEqual(10, r.SampleCount);
    }

    [TestMethod]
    public async Task RunAsyncHonoursCancellation()
    {
        BackendRegistry.Register(new ConstantBackend());
        var exp = new SimulationExperiment(GuideModels.VdP());
        exp.Integration.Duration = 1;
        exp.Integration.StepSize = 0.1;
        exp.Explorations["mu_sweep"] = new Exploration("mu_sweep", [new ExplorationParameter("mu", Domain.Values(1))]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => exp.RunAsync("constant-test", cancellationToken: cts.Token));
    }
}
