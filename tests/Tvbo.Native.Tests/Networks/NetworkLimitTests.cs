using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Networks;

/// <summary>
/// Networks at the sizes a user can give: a dense network large enough that its unrolled kernel needs more stack than
/// a thread-pool thread has runs and matches the reference; beyond the backend's limits (generated code, delay
/// history) it is refused before anything is compiled, with the numbers; delays longer than the run act as the run's
/// length (the initial state throughout) instead of sizing a history from them.
/// </summary>
[TestClass]
public sealed class NetworkLimitTests
{
    private static Dynamics Fhn()
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.5);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1).IsCouplingVariable = true;
        m.AddStateVariable("W", "0.08*(V + 0.7 - 0.8*W)", 0.0);
        return m;
    }

    private static void FhnRhs(int node, ReadOnlySpan<double> y, double c, Span<double> d)
    {
        d[0] = y[0] - (y[0] * y[0] * y[0] / 3) - y[1] + 0.5 + c;
        d[1] = 0.08 * (y[0] + 0.7 - (0.8 * y[1]));
    }

    /// <summary>A dense network of <paramref name="n"/> nodes, weights in (0, 1/n], each node's own initial V.</summary>
    private static (SimulationExperiment Experiment, double[,] Weights, double[][] Initial) Dense(int n, IntegrationMethod method, double duration, double dt, double[,]? lengths = null)
    {
        var rng = new Random(7);
        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[i, j] = i == j ? 0 : (1 + rng.NextDouble()) / (2 * n);
            }
        }

        var initial = Enumerable.Range(0, n).Select(i => new[] { -1.5 + (3.0 * i / n), 0.0 }).ToArray();
        var exp = new SimulationExperiment(Fhn());
        exp.Integration.Method = method;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Network = Network.FromMatrix(w, lengths);
        var linear = Coupling.FromLibrary("tvbo:Linear");
        linear.Parameters["a"] = 0.5;
        exp.Network.Coupling["c_glob"] = linear;
        for (var i = 0; i < n; i++)
        {
            exp.Network.Nodes[i].InitialState["V"] = initial[i][0];
        }

        return (exp, w, initial);
    }

    [TestMethod]
    public void ADenseFiveHundredNodeHeunNetworkRunsAndMatchesTheReference()
    {
        // 249 500 edges: the unrolled Heun kernel's frame is far beyond a thread's default stack (this crashed the process
        // with a stack overflow before the kernels ran on threads of their own).
        var (exp, w, initial) = Dense(500, IntegrationMethod.Heun, 0.03, 0.01);
        exp.Explorations.Add(new Exploration("i", [new ExplorationParameter("I", Domain.Values(0.4, 0.5))]));
        var r = exp.Run("native").Explorations["i"];
        Assert.AreEqual(0, r.Failures.Count);
        var reference = NetworkReference.Integrate(FhnRhs, initial, w, new int[500, 500], 0, (_, xj) => xj, g => 0.5 * g, 0.01, r.SampleCount, 1, heun: true);
        var nv = r.OutputNames.Count;
        var worst = 0.0;
        for (var s = 0; s < r.SampleCount; s++)
        {
            for (var v = 0; v < nv; v++)
            {
                worst = Math.Max(worst, Math.Abs(r[1, s, v] - reference[(s * nv) + v]));
            }
        }

        Assert.IsLessThan(1e-12, worst, $"max |native - reference| = {worst:E2}");
    }

    [TestMethod]
    public void ANetworkBeyondTheLoweredCodeLimitRunsAsDataAndItsLoweredFormIsRefusedWithItsSize()
    {
        // 750 dense nodes under RK4: as one lowered system about 2.25 million operations, 4 evaluations per step, beyond
        // the 8.5 million the backend compiles. As data, the code is the node's and the coupling's, whatever the size.
        var (exp, w, initial) = Dense(750, IntegrationMethod.RK4, 0.02, 0.01);
        var r = exp.Run("native").Explorations[SimulationExperiment.IntegrationName];
        var reference = NetworkReference.Integrate(FhnRhs, initial, w, new int[750, 750], 0, (_, xj) => xj, g => 0.5 * g, 0.01, r.SampleCount, 1, NetworkReference.Scheme.RK4, perStep: false);
        var worst = 0.0;
        for (var s = 0; s < r.SampleCount; s++)
        {
            for (var v = 0; v < r.OutputNames.Count; v++)
            {
                worst = Math.Max(worst, Math.Abs(r[0, s, v] - reference[(s * r.OutputNames.Count) + v]));
            }
        }

        Assert.IsLessThan(1e-12, worst, $"max |native - reference| = {worst:E2}");

        var lowered = new NativeBackend(new NativeBackendOptions { LoweredNetworks = true });
        var ex = Assert.Throws<ExperimentException>(() => exp.Run(lowered));
        StringAssert.Contains(ex.Message, "too large for the native backend");
        StringAssert.Contains(ex.Message, "1,500 state variables");
        StringAssert.Contains(ex.Message, "4× per step by RK4");
        StringAssert.Contains(ex.Message, "8,500,000");
    }

    [TestMethod]
    public void ADelayLongerThanTheRunReadsTheInitialStateThroughout()
    {
        // Lengths of 1e300 (and a speed of 1e-300) are delays of no finite number of steps: they read the initial state for
        // the whole run, exactly as a delay of one step more than the run does, and keep a history no longer than the run.
        double[,] Lengths(double l) => new[,] { { 0, l, 0 }, { l, 0, l }, { 0, l, 0 } };
        ExplorationResult Run(double length, double speed)
        {
            var (exp, _, _) = Dense(3, IntegrationMethod.Heun, 1.0, 0.01, Lengths(length));
            exp.Network!.ConductionSpeed = speed;
            var job = exp.Jobs().Single();
            Assert.IsLessThanOrEqualTo(101, job.Model.MaxDelaySteps, "the history is bounded by the run");
            return exp.Run("native").Explorations[SimulationExperiment.IntegrationName];
        }

        var justBeyond = Run(1.01 * 3, 3.0); // 101 steps: one more than the run's 100
        foreach (var r in new[] { Run(1e300, 3.0), Run(3.0, 1e-300), Run(1e8, 3.0) })
        {
            CollectionAssert.AreEqual(justBeyond.Results.ToArray(), r.Results.ToArray());
        }

        var shorter = Run(0.5 * 3, 3.0); // 50 steps: the sources' own history counts, so the numbers differ
        CollectionAssert.AreNotEqual(justBeyond.Results.ToArray(), shorter.Results.ToArray());
    }

    [TestMethod]
    public void ADelayHistoryBeyondItsLimitIsRefusedWithTheNumbers()
    {
        // 200 delayed sources × 50 001 steps × 8 bytes = 76 MiB per condition, beyond 64 MiB.
        var lengths = new double[200, 200];
        for (var i = 0; i < 200; i++)
        {
            for (var j = 0; j < 200; j++)
            {
                lengths[i, j] = 1e9;
            }
        }

        var (exp, _, _) = Dense(200, IntegrationMethod.Euler, 5000.0, 0.1, lengths);
        var ex = Assert.Throws<ExperimentException>(() => exp.Run("native"));
        StringAssert.Contains(ex.Message, "delay history is 76 MiB per condition");
        StringAssert.Contains(ex.Message, "200 delayed states × 50,002 steps");
        StringAssert.Contains(ex.Message, "at most 64 MiB");
    }
}
