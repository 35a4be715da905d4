using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Noise;

/// <summary>Shards (<see cref="RunOptions.Conditions"/>) of a noisy network sweep with a conduction-speed axis, joined
/// with <see cref="ExplorationResult.Merge"/>, give the whole run bit for bit.</summary>
[TestClass]
public sealed class ShardTests
{
    private static SimulationExperiment Experiment()
    {
        var m = new Dynamics("Leak");
        m.AddParameter("k", 1.0);
        m.AddCouplingTerm("c");
        m.AddStateVariable("x", "-k*x + c", 0.5);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 2.0;
        exp.Integration.Noise = new NoiseSettings { Sigma = 0.3, Seed = 11 };
        exp.Network = Network.FromMatrix(new double[,] { { 0, 1 }, { 0.5, 0 } }, new double[,] { { 0, 0.1 }, { 0.2, 0 } });
        exp.Network.Coupling["c"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        exp.Explorations.Add(new Exploration("e", [new ExplorationParameter("k", Domain.Values(0.5, 1.0, 2.0)), new ExplorationParameter("network.conduction_speed", Domain.Values(1.0, 4.0))]) { Trials = 2 });
        return exp;
    }

    [TestMethod]
    public void ShardsJoinIntoTheWholeRun()
    {
        var exp = Experiment();
        var whole = exp.Run("native").Explorations["e"];
        Assert.AreEqual(12, whole.ConditionCount);
        ConditionRange[] ranges = [new(0, 5), new(5, 6), new(6, 12)];
        var shards = ranges.Select(r => (r, exp.Run("native", new RunOptions { Conditions = r }).Explorations["e"])).ToArray();
        Assert.AreEqual(5, shards[0].Item2.ConditionCount);
        var merged = ExplorationResult.Merge(whole.Grid, shards);
        CollectionAssert.AreEqual(whole.Results.ToArray(), merged.Results.ToArray());
        CollectionAssert.AreEqual(whole.OutputNames.ToArray(), merged.OutputNames.ToArray());

        Assert.ThrowsExactly<ArgumentException>(() => ExplorationResult.Merge(whole.Grid, [shards[0], shards[2]]));
        Assert.ThrowsExactly<ArgumentException>(() => ExplorationResult.Merge(whole.Grid, [(new ConditionRange(1, 6), shards[0].Item2), shards[1], shards[2]]));
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run("native", new RunOptions { Conditions = new ConditionRange(10, 13) }));
        StringAssert.Contains(ex.Message, "has 12 conditions");
        Assert.ThrowsExactly<FormatException>(() => ConditionRange.Parse("5:2"));

        // The shards a cancelled cluster run finished: the missing conditions are NaN and marked cancelled.
        var finished = ExplorationResult.MergeFinished(whole.Grid, [shards[0], shards[2]]);
        Assert.AreEqual(12, finished.ConditionCount);
        CollectionAssert.AreEqual(new[] { 5 }, finished.Failures.Select(f => f.Condition).ToArray());
        Assert.AreEqual(ConditionFailure.CancelledReason, finished.Failures[0].Reason);
        for (var c = 0; c < 12; c++)
        {
            var t = finished.SampleCount - 1;
            Assert.AreEqual(c == 5 ? double.NaN : whole[c, t, 0], finished[c, t, 0], $"condition {c}");
        }
    }
}
