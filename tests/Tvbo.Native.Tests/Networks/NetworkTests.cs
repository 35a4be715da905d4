using System.Globalization;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Networks;

/// <summary>Networks on the native backend: orientation, coupling functions, sweeps over coupling parameters, edge
/// weights and the conduction speed (with delays), against an independent reference integrator.</summary>
[TestClass]
public sealed class NetworkTests
{
    private const double I = 0.5;
    private const double Eps = 0.08;
    private const double A = 0.7;
    private const double B = 0.8;

    /// <summary>FitzHugh–Nagumo with a global coupling input on V.</summary>
    private static Dynamics Fhn()
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", I);
        m.AddParameter("eps", Eps);
        m.AddParameter("a", A);
        m.AddParameter("b", B);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1).IsCouplingVariable = true;
        m.AddStateVariable("W", "eps*(V + a - b*W)", 0.0);
        return m;
    }

    private static void FhnRhs(int node, ReadOnlySpan<double> y, double c, Span<double> d)
    {
        d[0] = y[0] - (y[0] * y[0] * y[0] / 3) - y[1] + I + c;
        d[1] = Eps * (y[0] + A - (B * y[1]));
    }

    private static readonly double[,] Weights3 = { { 0, 1.3, 0 }, { 0.4, 0, 0.9 }, { 0, 2.1, 0 } };

    private static readonly double[][] Initial3 = [[0.1, 0.0], [-1.2, 0.5], [1.7, -0.3]];

    private static SimulationExperiment FhnNetwork(double[,] weights, double[][] initial, IntegrationMethod method, double duration, double dt)
    {
        var exp = new SimulationExperiment(Fhn());
        exp.Integration.Method = method;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = dt;
        exp.Network = Network.FromMatrix(weights);
        for (var i = 0; i < initial.Length; i++)
        {
            exp.Network.Nodes[i].InitialState["V"] = initial[i][0];
            exp.Network.Nodes[i].InitialState["W"] = initial[i][1];
        }

        return exp;
    }

    private static int[,] NoDelays(int n) => new int[n, n];

    private static double MaxDifference(ExplorationResult result, int condition, double[] reference)
    {
        var nv = result.OutputNames.Count;
        var worst = 0.0;
        for (var s = 0; s < result.SampleCount; s++)
        {
            for (var v = 0; v < nv; v++)
            {
                worst = Math.Max(worst, Math.Abs(result[condition, s, v] - reference[(s * nv) + v]));
            }
        }

        return worst;
    }

    [TestMethod]
    public void ADirectedEdgeDrivesOnlyItsTarget()
    {
        var m = new Dynamics("Leak");
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("x", "-x + c_glob", 1.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.Duration = 2.0;
        exp.Integration.StepSize = 0.01;
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 2.0);
        exp.Network.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        CollectionAssert.AreEqual(new[] { "x[0]", "x[1]" }, r.OutputNames.ToArray());

        var single = new SimulationExperiment(m);
        single.Integration.Method = IntegrationMethod.Euler;
        single.Integration.Duration = 2.0;
        single.Integration.StepSize = 0.01;
        var alone = single.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var driven = 0.0;
        for (var s = 0; s < r.SampleCount; s++)
        {
            Assert.AreEqual(alone[0, s, 0], r[0, s, 0], 0.0, $"the source (node 0) must not feel its own outgoing edge (sample {s})");
            driven = Math.Max(driven, Math.Abs(r[0, s, 1] - alone[0, s, 0]));
        }

        Assert.IsGreaterThan(0.5, driven, "the target (node 1) must be driven by the source");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void AnAsymmetricThreeNodeNetworkMatchesTheReference(IntegrationMethod method)
    {
        var exp = FhnNetwork(Weights3, Initial3, method, 20.0, 0.01);
        var linear = Coupling.FromLibrary("tvbo:Linear");
        linear.Parameters["a"] = 0.3;
        linear.Parameters["b"] = 0.1;
        exp.Network!.Coupling["c_glob"] = linear;
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        CollectionAssert.AreEqual(new[] { "V[0]", "V[1]", "V[2]", "W[0]", "W[1]", "W[2]" }, r.OutputNames.ToArray());
        var reference = NetworkReference.Integrate(FhnRhs, Initial3, Weights3, NoDelays(3), 0, (_, xj) => xj, g => (0.3 * g) + 0.1, 0.01, r.SampleCount, 1, method == IntegrationMethod.Heun);
        var diff = MaxDifference(r, 0, reference);
        Assert.IsLessThan(1e-12, diff, $"max |native - reference| = {diff:E2}");
    }

    [TestMethod]
    [DataRow("Linear")]
    [DataRow("Scaling")]
    [DataRow("Difference")]
    [DataRow("Sigmoidal")]
    [DataRow("SigmoidalJansenRit")]
    [DataRow("HyperbolicTangent")]
    [DataRow("Kuramoto")]
    [DataRow("KuramotoCoupling")]
    [DataRow("PreSigmoidal")]
    [DataRow("FastLinearCoupling")]
    public void EachLibraryCouplingFunctionMatchesItsFormula(string name)
    {
        // dx/dt = c_glob, dy/dt = 0: one Euler step moves x by dt * post(W · pre(x_i, x_j)).
        var m = new Dynamics("Probe");
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("x", "c_glob", 0.0);
        m.AddStateVariable("y", "0", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.Duration = 0.2;
        exp.Integration.StepSize = 0.1;
        exp.Network = Network.FromMatrix(new double[,] { { 0, 0.7 }, { 0.4, 0 } });
        (double X, double Y)[] init = [(0.3, 0.1), (1.2, -0.4)];
        for (var i = 0; i < 2; i++)
        {
            exp.Network.Nodes[i].InitialState["x"] = init[i].X;
            exp.Network.Nodes[i].InitialState["y"] = init[i].Y;
        }

        var coupling = Coupling.FromLibrary(name);
        if (name == "FastLinearCoupling")
        {
            // TVBO's definition sums the sources' local state S; this model's is x.
            coupling.LocalStates.Clear();
            coupling.LocalStates.Add("x");
        }
        else
        {
            coupling.IncomingStates.Add("x");
            coupling.IncomingStates.Add("y");
        }

        exp.Network.Coupling["c_glob"] = coupling;
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var p = coupling.Parameters;
        double Expected(int i, int j, double w)
        {
            double xi = init[i].X, xj = init[j].X, yj = init[j].Y;
            double Pre() => name switch
            {
                "Difference" => -xi + xj,
                "SigmoidalJansenRit" => p["cmin"] + ((p["cmax"] - p["cmin"]) / (Math.Exp(p["r"] * (p["midpoint"] - (xj - yj))) + 1.0)),
                "HyperbolicTangent" => p["a"] * (Math.Tanh(((p["b"] * xj) - p["midpoint"]) / p["sigma"]) + 1),
                "Kuramoto" => Math.Sin(xj - xi),
                "KuramotoCoupling" => Math.Sin(-xi + xj),
                "PreSigmoidal" => p["H"] * (p["Q"] + Math.Tanh(p["G"] * ((p["P"] * xj) - p["theta"]))),
                _ => xj,
            };
            var gx = w * Pre();
            return name switch
            {
                "Linear" => (p["a"] * gx) + p["b"],
                "Sigmoidal" => p["cmin"] + ((p["cmax"] - p["cmin"]) / (Math.Exp(-p["a"] * (gx - p["midpoint"]) / p["sigma"]) + 1.0)),
                "HyperbolicTangent" or "PreSigmoidal" => gx,
                "Kuramoto" => p["a"] * gx / 2,
                "KuramotoCoupling" => p["a"] * gx / p["N"],
                "FastLinearCoupling" => (p["G"] * gx) + p["b"],
                _ => p["a"] * gx,
            };
        }

        Assert.AreEqual(init[0].X + (0.1 * Expected(0, 1, 0.7)), r[0, 1, 0], 1e-15, $"{name} at node 0");
        Assert.AreEqual(init[1].X + (0.1 * Expected(1, 0, 0.4)), r[0, 1, 1], 1e-15, $"{name} at node 1");
    }

    [TestMethod]
    public void AGSweepRunsEveryCouplingStrengthInOneExploration()
    {
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Heun, 10.0, 0.01);
        var c = new Coupling("x_j", "G*gx");
        c.Parameters["G"] = 0.1;
        exp.Network!.Coupling["c_glob"] = c;
        double[] gs = [0.0, 0.25, 0.5, 1.0];
        exp.Explorations.Add(new Exploration("g_sweep", [new ExplorationParameter("c_glob.G", Domain.Values(gs))]));
        var r = exp.RunBothWays().Explorations["g_sweep"];
        Assert.AreEqual("c_glob.G", r.Grid.Axes[0].Name);
        for (var k = 0; k < gs.Length; k++)
        {
            var g = gs[k];
            var reference = NetworkReference.Integrate(FhnRhs, Initial3, Weights3, NoDelays(3), 0, (_, xj) => xj, x => g * x, 0.01, r.SampleCount, 1, heun: true);
            Assert.IsLessThan(1e-12, MaxDifference(r, k, reference), $"G = {g}");
        }

        Assert.IsGreaterThan(0.1, MaxDifference(r, 0, NetworkReference.Integrate(FhnRhs, Initial3, Weights3, NoDelays(3), 0, (_, xj) => xj, x => 1.0 * x, 0.01, r.SampleCount, 1, heun: true)), "G must change the dynamics");
    }

    [TestMethod]
    public void AnEdgeWeightSweepChangesOnlyThatEdge()
    {
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Euler, 10.0, 0.01);
        exp.Network!.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        double[] ws = [0.0, 0.5, 1.5];
        exp.Explorations.Add(new Exploration("edge", [new ExplorationParameter("network.edges[2->1].weight", Domain.Values(ws))]));
        var r = exp.RunBothWays().Explorations["edge"];
        for (var k = 0; k < ws.Length; k++)
        {
            var w = (double[,])Weights3.Clone();
            w[1, 2] = ws[k];
            var reference = NetworkReference.Integrate(FhnRhs, Initial3, w, NoDelays(3), 0, (_, xj) => xj, x => x, 0.01, r.SampleCount, 1, heun: false);
            Assert.IsLessThan(1e-12, MaxDifference(r, k, reference), $"weight {ws[k]}");
        }
    }

    [TestMethod]
    public void ANodeParameterAxisChangesOneNode()
    {
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Euler, 5.0, 0.01);
        exp.Network!.Coupling["c_glob"] = new Coupling("x_j", "a*gx") { Parameters = { ["a"] = 1.0 } };
        exp.Network.Nodes[2].Label = "right";
        exp.Explorations.Add(new Exploration("drive", [new ExplorationParameter("right.I", Domain.Values(0.5, 1.5))]));
        var r = exp.RunBothWays().Explorations["drive"];
        CollectionAssert.AreEqual(new[] { "V[0]", "V[1]", "V[right]", "W[0]", "W[1]", "W[right]" }, r.OutputNames.ToArray());
        for (var k = 0; k < 2; k++)
        {
            var drive = k == 0 ? 0.5 : 1.5;
            var reference = NetworkReference.Integrate(
                (node, y, c, d) =>
                {
                    d[0] = y[0] - (y[0] * y[0] * y[0] / 3) - y[1] + (node == 2 ? drive : I) + c;
                    d[1] = Eps * (y[0] + A - (B * y[1]));
                },
                Initial3,
                Weights3,
                NoDelays(3),
                0,
                (_, xj) => xj,
                x => x,
                0.01,
                r.SampleCount,
                1,
                heun: false);
            Assert.IsLessThan(1e-12, MaxDifference(r, k, reference), $"I at node 'right' = {drive}");
        }
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void AConductionSpeedSweepDerivesTheDelaysPerCondition(IntegrationMethod method)
    {
        const double dt = 0.01;
        var lengths = new double[,] { { 0, 0.5, 0 }, { 0.3, 0, 0.12 }, { 0, 0.8, 0 } };
        var exp = FhnNetwork(Weights3, Initial3, method, 10.0, dt);
        exp.Network!.SetLengths(lengths);
        var c = new Coupling("x_j", "G*gx");
        c.Parameters["G"] = 0.5;
        exp.Network.Coupling["c_glob"] = c;
        double[] speeds = [1.0, 2.0, 7.0];
        double[] gs = [0.2, 0.6];
        exp.Explorations.Add(new Exploration("speed", [new ExplorationParameter("c_glob.G", Domain.Values(gs)), new ExplorationParameter(NetworkAxisAddress, Domain.Values(speeds))]));
        var r = exp.RunBothWays().Explorations["speed"];
        Assert.AreEqual(6, r.ConditionCount);
        var distinct = new HashSet<string>();
        for (var gi = 0; gi < gs.Length; gi++)
        {
            for (var si = 0; si < speeds.Length; si++)
            {
                var steps = new int[3, 3];
                for (var i = 0; i < 3; i++)
                {
                    for (var j = 0; j < 3; j++)
                    {
                        steps[i, j] = (int)Math.Round(lengths[i, j] / speeds[si] / dt, MidpointRounding.ToEven);
                    }
                }

                var g = gs[gi];
                var reference = NetworkReference.Integrate(FhnRhs, Initial3, Weights3, steps, 0, (_, xj) => xj, x => g * x, dt, r.SampleCount, 1, method == IntegrationMethod.Heun);
                var k = (gi * speeds.Length) + si;
                Assert.IsLessThan(1e-12, MaxDifference(r, k, reference), $"G = {g}, speed = {speeds[si]}");
                distinct.Add(string.Create(CultureInfo.InvariantCulture, $"{r[k, r.SampleCount - 1, 0]:R}"));
            }
        }

        Assert.HasCount(6, distinct, "every condition must differ (the delays change with the speed)");
    }

    [TestMethod]
    public void ACancelledSpeedSweepKeepsTheBlocksThatRan()
    {
        // One run for every speed, its conditions ordered by speed into blocks of 2 lanes (128-bit vectors), one thread:
        // cancelled once the first block (speed 1: conditions 0 and 3) is done.
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Euler, 10.0, 0.01);
        exp.Network!.SetLengths(new double[,] { { 0, 0.5, 0 }, { 0.3, 0, 0.12 }, { 0, 0.8, 0 } });
        var c = new Coupling("x_j", "G*gx");
        c.Parameters["G"] = 0.5;
        exp.Network.Coupling["c_glob"] = c;
        exp.Explorations.Add(new Exploration("speed", [new ExplorationParameter("c_glob.G", Domain.Values(0.2, 0.6)), new ExplorationParameter(NetworkAxisAddress, Domain.Values(1.0, 2.0, 7.0))]));
        var backend = new NativeBackend(new NativeBackendOptions { MaxDegreeOfParallelism = 1, VectorBits = 128 });
        var full = exp.Run(backend).Explorations["speed"];
        using var cts = new CancellationTokenSource();
        var partDone = false;
        var progress = new SynchronousProgress
        {
            OnReport = p =>
            {
                if (partDone)
                {
                    cts.Cancel();
                }

                partDone |= p.Completed * 3 >= p.Total;
            },
        };

        var ex = Assert.Throws<RunCancelledException>(() => exp.Run(backend, null, progress, cts.Token));
        var partial = ex.Interrupted ?? throw new AssertFailedException("the first speed's conditions were not kept");
        Assert.AreEqual(6, partial.ConditionCount);
        var stopped = partial.Failures.Where(f => f.Reason == ConditionFailure.CancelledReason).Select(f => f.Condition).ToHashSet();
        Assert.IsFalse(stopped.Contains(0) || stopped.Contains(3), "speed 1 (conditions 0 and 3) ran to the end");
        Assert.IsNotEmpty(stopped, "the run stopped before the last speed");
        for (var k = 0; k < 6; k++)
        {
            Assert.AreEqual(stopped.Contains(k) ? double.NaN : full[k, full.SampleCount - 1, 0], partial[k, partial.SampleCount - 1, 0], $"condition {k}");
        }
    }

    [TestMethod]
    public void ProgressOverTheSpeedPartsIsOneCountThatNeverGoesBack()
    {
        // One backend run per conduction speed: the progress is the exploration's, not each part's.
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Euler, 10.0, 0.01);
        exp.Network!.SetLengths(new double[,] { { 0, 0.5, 0 }, { 0.3, 0, 0.12 }, { 0, 0.8, 0 } });
        exp.Explorations.Add(new Exploration("speed", [new ExplorationParameter(NetworkAxisAddress, Domain.Values(1.0, 2.0, 7.0))]));
        var progress = new SynchronousProgress();
        exp.Run(new NativeBackend(), null, progress);
        var reports = progress.Reports.ToArray();
        var total = 3L * (exp.Integration.SampleCount - 1) * exp.Integration.StepsPerSample;
        Assert.IsTrue(reports.All(r => r.Total == total && r.Conditions == 3), string.Join("; ", reports));
        for (var k = 1; k < reports.Length; k++)
        {
            Assert.IsGreaterThanOrEqualTo(reports[k - 1].Completed, reports[k].Completed, string.Join("; ", reports));
        }

        Assert.AreEqual(1, reports.Count(r => r.IsComplete), "complete once, at the end");
        Assert.IsTrue(reports[^1].IsComplete);
    }

    private const string NetworkAxisAddress = "network.conduction_speed";

    [TestMethod]
    public void DelayedSourcesReadTheirInitialStateBeforeTheStart()
    {
        // Source: x' = 1 (a ramp from 0); target: y' = x_j(t - tau). Euler with d steps: y_k = dt * sum_{m<k} max(m - d, 0) * dt.
        var m = new Dynamics("Ramp");
        m.AddCouplingTerm("c_glob");
        m.AddParameter("slope", 1.0);
        m.AddStateVariable("x", "slope", 0.0);
        m.AddStateVariable("y", "c_glob", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.Duration = 1.0;
        exp.Integration.StepSize = 0.01;
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 1.0, delay: 0.25);
        exp.Network.Nodes[1].Parameters["slope"] = 0.0;
        var coupling = new Coupling();
        coupling.IncomingStates.Add("x");
        exp.Network.Coupling["c_glob"] = coupling;
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var yIndex = r.VariableIndex("y[1]");
        var expected = 0.0;
        for (var k = 0; k < r.SampleCount; k++)
        {
            Assert.AreEqual(expected, r[0, k, yIndex], 1e-12, $"sample {k}");
            expected += 0.01 * Math.Max(k - 25, 0) * 0.01;
        }
    }

    [TestMethod]
    public void NetworkMistakesAreNamedBeforeAnythingRuns()
    {
        var exp = FhnNetwork(Weights3, Initial3, IntegrationMethod.Euler, 1.0, 0.01);
        exp.Network!.Coupling["c_loc"] = Coupling.FromLibrary("Linear");
        exp.Validate(); // keyed by its own name, it drives the model's only coupling input (TVBO)
        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("Linear");
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "'c_loc' does not name a coupling input of model 'Fhn' (its coupling inputs: c_glob); each is driven by the coupling of its name");
        exp.Network.Coupling["c_loc"].Input = "c_glob";
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "Network couplings 'c_loc' and 'c_glob' both drive the coupling input 'c_glob'");

        exp.Network.Coupling.Clear();
        var c = new Coupling();
        c.IncomingStates.Add("U");
        exp.Network.Coupling["c_glob"] = c;
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "'U'");

        exp.Network.Coupling["c_glob"] = new Coupling("x_j * k", "gx");
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "'k'");

        exp.Network.Coupling["c_glob"] = Coupling.FromLibrary("Linear");
        exp.Network.SetLengths(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 1, 0 } });
        exp.Integration.Method = IntegrationMethod.RK4;
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "delays");

        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Explorations.Add(new Exploration("bad", [new ExplorationParameter("c_glob.G", Domain.Values(1.0))]));
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "no parameter 'G'");

        Assert.ThrowsExactly<ArgumentException>(() => Network.FromMatrix(new double[2, 3]));
        Assert.ThrowsExactly<ArgumentException>(() => Network.FromMatrix(new double[,] { { 0, double.NaN }, { 0, 0 } }));
        Assert.ThrowsExactly<ArgumentException>(() => Coupling.FromLibrary("tvbo:Nope"));
    }
}
