using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;
using Tvbo.TestSupport;
using static Tvbo.TestSupport.NetworkReference;

namespace Tvbo.Native.Tests.Networks;

/// <summary><see cref="CouplingEvaluation.PerStep"/> on the native backend: the coupling inputs computed once per step
/// from the state at its start (a delayed source <c>d</c> steps before it) and held over the stages, against the
/// independent reference integrator's per-step mode; the per-stage default unchanged.</summary>
[TestClass]
public sealed class CouplingEvaluationTests
{
    private const double I = 0.5;
    private const double Eps = 0.08;
    private const double A = 0.7;
    private const double B = 0.8;
    private const double Dt = 0.01;

    private static readonly double[,] Weights4 = { { 0, 1.3, 0, 0.6 }, { 0.4, 0, 0.9, 0 }, { 0, 2.1, 0, 0.7 }, { 0.5, 0, 1.1, 0 } };

    // Delays in steps at dt = 0.01 (conduction speed 1): 0 (the step's start), 1, and longer ones.
    private static readonly double[,] Lengths4 = { { 0, 0.05, 0, 0 }, { 0.01, 0, 0.12, 0 }, { 0, 0.03, 0, 0.2 }, { 0.07, 0, 0.02, 0 } };

    private static readonly double[][] Initial4 = [[0.1, 0.0], [-1.2, 0.5], [1.7, -0.3], [0.6, 0.2]];

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

    private static SimulationExperiment Network(IntegrationMethod method, CouplingEvaluation evaluation, bool delays, double duration = 10.0)
    {
        var exp = new SimulationExperiment(Fhn());
        exp.Integration.Method = method;
        exp.Integration.Duration = duration;
        exp.Integration.StepSize = Dt;
        exp.Integration.CouplingEvaluation = evaluation;
        exp.Network = Tvbo.Networks.Network.FromMatrix(Weights4, delays ? Lengths4 : null);
        exp.Network.ConductionSpeed = 1.0;
        for (var i = 0; i < Initial4.Length; i++)
        {
            exp.Network.Nodes[i].InitialState["V"] = Initial4[i][0];
            exp.Network.Nodes[i].InitialState["W"] = Initial4[i][1];
        }

        var c = new Coupling("x_j", "G*gx");
        c.Parameters["G"] = 0.5;
        exp.Network.Coupling["c_glob"] = c;
        return exp;
    }

    private static int[,] DelaySteps(bool delays)
    {
        var steps = new int[4, 4];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                steps[i, j] = delays ? (int)Math.Round(Lengths4[i, j] / Dt, MidpointRounding.ToEven) : 0;
            }
        }

        return steps;
    }

    private static double[] Reference(IntegrationMethod method, bool perStep, bool delays, double g, int samples) =>
        Integrate(FhnRhs, Initial4, Weights4, DelaySteps(delays), 0, (_, xj) => xj, x => g * x, Dt, samples, 1, method switch
        {
            IntegrationMethod.Euler => Scheme.Euler,
            IntegrationMethod.Heun => Scheme.Heun,
            _ => Scheme.RK4,
        }, perStep);

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
    [DataRow(IntegrationMethod.Euler, false)]
    [DataRow(IntegrationMethod.Euler, true)]
    [DataRow(IntegrationMethod.Heun, false)]
    [DataRow(IntegrationMethod.Heun, true)]
    [DataRow(IntegrationMethod.RK4, false)]
    [DataRow(IntegrationMethod.RK4, true)]
    public void PerStepMatchesTheReferenceOverAGSweep(IntegrationMethod method, bool delays)
    {
        var exp = Network(method, CouplingEvaluation.PerStep, delays);
        double[] gs = [0.0, 0.3, 0.7, 1.2, 2.0];
        exp.Explorations.Add(new Exploration("g", [new ExplorationParameter("c_glob.G", Domain.Values(gs))]));

        // Two vectors per block, so that each group keeps its own held inputs.
        var r = exp.Run(new NativeBackend(new NativeBackendOptions { VectorBits = 128, GroupsPerBlock = 2 })).Explorations["g"];
        Assert.IsEmpty(r.Failures);
        for (var k = 0; k < gs.Length; k++)
        {
            var diff = MaxDifference(r, k, Reference(method, perStep: true, delays, gs[k], r.SampleCount));
            Assert.IsLessThan(1e-12, diff, $"G = {gs[k]}: max |native - reference| = {diff:E2}");
        }

        if (method != IntegrationMethod.Euler && !(method == IntegrationMethod.RK4 && delays))
        {
            // The per-stage reference is another system, at O(dt^2) per step.
            var other = MaxDifference(r, 3, Reference(method, perStep: false, delays, gs[3], r.SampleCount));
            Assert.IsGreaterThan(1e-7, other, $"per_step must differ from per_stage under {method}");
        }
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, true)]
    [DataRow(IntegrationMethod.Heun, true)]
    [DataRow(IntegrationMethod.RK4, false)]
    public void PerStageIsTheDefaultAndKeepsItsNumbers(IntegrationMethod method, bool delays)
    {
        var exp = Network(method, CouplingEvaluation.PerStage, delays);
        Assert.AreEqual(CouplingEvaluation.PerStage, new IntegrationSettings().CouplingEvaluation);
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var diff = MaxDifference(r, 0, Reference(method, perStep: false, delays, 0.5, r.SampleCount));
        Assert.IsLessThan(1e-12, diff, $"max |native - per-stage reference| = {diff:E2}");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void UnderEulerPerStepIsPerStageBitForBit(bool delays)
    {
        var step = Network(IntegrationMethod.Euler, CouplingEvaluation.PerStep, delays).RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var stage = Network(IntegrationMethod.Euler, CouplingEvaluation.PerStage, delays).RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        for (var s = 0; s < step.SampleCount; s++)
        {
            for (var v = 0; v < step.OutputNames.Count; v++)
            {
                Assert.AreEqual(stage[0, s, v], step[0, s, v], 0.0, $"sample {s}, {step.OutputNames[v]}");
            }
        }
    }

    [TestMethod]
    public void AHeldInputIsReadFromTheStepsStart()
    {
        // Target y' = c (its coupling input) from a source x' = 1 (a ramp from 0), no delay. Heun holds c = x(t_k) over the
        // step: y_{k+1} = y_k + dt·x_k exactly, where per stage it would add dt·(x_k + x_{k+1})/2.
        var m = new Dynamics("Ramp");
        m.AddCouplingTerm("c_glob");
        m.AddParameter("slope", 1.0);
        m.AddStateVariable("x", "slope", 0.0);
        m.AddStateVariable("y", "c_glob", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 1.0;
        exp.Integration.StepSize = 0.125;
        exp.Integration.CouplingEvaluation = CouplingEvaluation.PerStep;
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 1.0);
        exp.Network.Nodes[1].Parameters["slope"] = 0.0;
        var coupling = new Coupling();
        coupling.IncomingStates.Add("x");
        exp.Network.Coupling["c_glob"] = coupling;
        var r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var y = r.VariableIndex("y[1]");
        for (var k = 0; k < r.SampleCount; k++)
        {
            // Σ_{m<k} dt·(m·dt), exact in binary.
            Assert.AreEqual(0.125 * 0.125 * k * (k - 1) / 2, r[0, k, y], 0.0, $"sample {k}");
        }

        // With a delay of 2 steps the held input is x(t_{k-2}) (0 before the start).
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 1.0, delay: 0.25);
        exp.Network.Nodes[1].Parameters["slope"] = 0.0;
        exp.Network.Coupling["c_glob"] = coupling;
        r = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var expected = 0.0;
        for (var k = 0; k < r.SampleCount; k++)
        {
            Assert.AreEqual(expected, r[0, k, y], 0.0, $"delayed, sample {k}");
            expected += 0.125 * Math.Max(k - 2, 0) * 0.125;
        }
    }

    [TestMethod]
    public void PerStepIsRefusedForRK45AndWidensRK4ToDelays()
    {
        var exp = Network(IntegrationMethod.RK45, CouplingEvaluation.PerStep, delays: false);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "coupling_evaluation 'per_step'");
        StringAssert.Contains(ex.Message, "rk45");
        exp.Integration.CouplingEvaluation = CouplingEvaluation.PerStage;
        Assert.HasCount(1, exp.Validate());

        exp = Network(IntegrationMethod.RK4, CouplingEvaluation.PerStage, delays: true);
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "delays");
        StringAssert.Contains(ex.Message, "per_step");
        exp.Integration.CouplingEvaluation = CouplingEvaluation.PerStep;
        Assert.HasCount(1, exp.Validate());

        exp.Integration.CouplingEvaluation = (CouplingEvaluation)7;
        ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "CouplingEvaluation");
    }

    [TestMethod]
    public void ASummaryRunHoldsTheSameInputs()
    {
        var exp = Network(IntegrationMethod.Heun, CouplingEvaluation.PerStep, delays: true);
        var series = exp.RunBothWays().Explorations[SimulationExperiment.IntegrationName];
        var summary = exp.RunBothWays(new Tvbo.Backends.RunOptions { Store = ResultStore.Summary, SummaryWindow = 0.5 }).Explorations[SimulationExperiment.IntegrationName];
        var expected = SummaryStatistics.FromSeries(series.Results.ToArray(), 1, series.SampleCount, series.OutputNames.Count, 0.5);
        CollectionAssert.AreEqual(expected.Final.ToArray(), summary.Summary!.Final.ToArray(), "final");
        CollectionAssert.AreEqual(expected.Min.ToArray(), summary.Summary.Min.ToArray(), "min");
        CollectionAssert.AreEqual(expected.Max.ToArray(), summary.Summary.Max.ToArray(), "max");
    }
}
