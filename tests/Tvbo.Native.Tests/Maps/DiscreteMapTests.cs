using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native.Tests.Networks;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Maps;

/// <summary>Discrete maps (<c>system_type: discrete</c>) iterated by the native backend, against their recurrences
/// computed here with the same floating-point operations (so the numbers are equal, not close).</summary>
[TestClass]
public sealed class DiscreteMapTests
{
    private static Dynamics Logistic()
    {
        var m = new Dynamics("Logistic") { SystemType = SystemType.Discrete };
        m.AddParameter("r", 4.0);
        m.AddStateVariable("x", "r*x*(1 - x)", 0.4);
        return m;
    }

    private static Dynamics Henon()
    {
        var m = new Dynamics("Henon") { SystemType = SystemType.Discrete };
        m.AddParameter("a", 1.4);
        m.AddParameter("b", 0.3);
        m.AddStateVariable("x", "1 - a*x*x + y", 0.1);
        m.AddStateVariable("y", "b*x", 0.2);
        return m;
    }

    private static SimulationExperiment Experiment(Dynamics model, double duration, double dt = 1.0, double? samplingStep = null)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.StepSize = dt;
        exp.Integration.Duration = duration;
        exp.Integration.SamplingStepSize = samplingStep;
        return exp;
    }

    /// <summary>x_0 … x_{n-1} of the logistic map.</summary>
    private static double[] LogisticOrbit(double r, double x, int n)
    {
        var orbit = new double[n];
        for (var k = 0; k < n; k++)
        {
            orbit[k] = x;
            x = r * x * (1 - x);
        }

        return orbit;
    }

    [TestMethod]
    public void LogisticMapEqualsItsRecurrenceOverAnExploration()
    {
        var exp = Experiment(Logistic(), 200);
        exp.Explorations["r"] = new Exploration("r", [new ExplorationParameter("r", Domain.Values(2.5, 3.2, 3.9))]);
        var result = exp.Run("native").Explorations["r"];

        Assert.AreEqual(3, result.ConditionCount);
        Assert.AreEqual(200, result.SampleCount, "duration 200 with step 1: the iterates x_0 … x_199");
        CollectionAssert.AreEqual(Enumerable.Range(0, 200).Select(n => (double)n).ToArray(), result.Time.ToArray(), "the time is the iteration index");
        for (var c = 0; c < 3; c++)
        {
            var r = result.Grid.Condition(c)[0];
            CollectionAssert.AreEqual(LogisticOrbit(r, 0.4, 200), result.Series(c, "x"), $"r = {r}");
        }

        // The regimes: a fixed point at 2.5, a 2-cycle at 3.2, chaos at 3.9.
        var fixedPoint = result.Series(0, "x");
        Assert.AreEqual(1 - (1 / 2.5), fixedPoint[^1], 1e-12);
        var cycle = result.Series(1, "x");
        Assert.AreEqual(cycle[^1], cycle[^3], 1e-9);
        Assert.AreNotEqual(cycle[^1], cycle[^2], 1e-3);
    }

    [TestMethod]
    public void HenonMapEqualsItsRecurrence()
    {
        var result = Experiment(Henon(), 500).Run("native").Explorations.Values.Single();
        double x = 0.1, y = 0.2;
        for (var n = 0; n < 500; n++)
        {
            Assert.AreEqual(x, result[0, n, 0], $"x_{n}");
            Assert.AreEqual(y, result[0, n, 1], $"y_{n}");
            (x, y) = (1 - (1.4 * x * x) + y, 0.3 * x); // simultaneous: both from the previous iterate
        }
    }

    [TestMethod]
    public void SamplingStepKeepsEveryKthIterate()
    {
        var result = Experiment(Logistic(), 30, samplingStep: 3).Run("native").Explorations.Values.Single();
        var orbit = LogisticOrbit(4.0, 0.4, 30);
        Assert.AreEqual(10, result.SampleCount);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(k => orbit[3 * k]).ToArray(), result.Series(0, "x"));
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(k => 3.0 * k).ToArray(), result.Time.ToArray());
    }

    [TestMethod]
    public void StepSizeOtherThanOneLabelsIterationsInTime()
    {
        // duration 5, step 0.5: 10 iterations, iterate n at t = n·0.5 (TVBO's map time n·dt).
        var result = Experiment(Logistic(), 5, dt: 0.5).Run("native").Explorations.Values.Single();
        CollectionAssert.AreEqual(LogisticOrbit(4.0, 0.4, 10), result.Series(0, "x"));
        Assert.AreEqual(4.5, result.Time.Span[^1]);
    }

    [TestMethod]
    public void TransientDropsTheFirstIterates()
    {
        var exp = Experiment(Logistic(), 10);
        exp.Integration.TransientTime = 5;
        var result = exp.Run("native").Explorations.Values.Single();
        CollectionAssert.AreEqual(LogisticOrbit(4.0, 0.4, 15).Skip(5).ToArray(), result.Series(0, "x"));
        Assert.AreEqual(0.0, result.Time.Span[0]);
    }

    [TestMethod]
    public void SummaryEqualsTheSummaryOfTheSeries()
    {
        var exp = Experiment(Henon(), 400);
        exp.Explorations["a"] = new Exploration("a", [new ExplorationParameter("a", Domain.Values(1.0, 1.2, 1.4))]);
        var series = exp.Run("native").Explorations["a"];
        var summary = exp.Run("native", new RunOptions { Store = ResultStore.Summary }).Explorations["a"].Summary!;
        var expected = series.Summarize(new RunOptions().SummaryWindow);
        Assert.AreEqual(expected.WindowStart, summary.WindowStart);
        CollectionAssert.AreEqual(expected.Mean.ToArray(), summary.Mean.ToArray());
        CollectionAssert.AreEqual(expected.Max.ToArray(), summary.Max.ToArray());
        CollectionAssert.AreEqual(expected.Final.ToArray(), summary.Final.ToArray());
    }

    [TestMethod]
    public void DerivedVariablesAreEvaluatedAtThePreviousIterate()
    {
        // The Ikeda map: theta from the previous iterate, then x and y together.
        var m = new Dynamics("Ikeda") { SystemType = SystemType.Discrete };
        m.AddParameter("u", 0.9);
        m.AddDerivedVariable("theta", "0.4 - 6/(1 + x*x + y*y)");
        m.AddStateVariable("x", "1 + u*(x*cos(theta) - y*sin(theta))", 1.0);
        m.AddStateVariable("y", "u*(x*sin(theta) + y*cos(theta))", 1.0);
        var result = Experiment(m, 100).Run("native").Explorations.Values.Single();
        double x = 1, y = 1;
        for (var n = 0; n < 100; n++)
        {
            Assert.AreEqual(x, result[0, n, 0], 1e-12 * (1 + Math.Abs(x)), $"x_{n}");
            Assert.AreEqual(y, result[0, n, 1], 1e-12 * (1 + Math.Abs(y)), $"y_{n}");
            var theta = 0.4 - (6 / (1 + (x * x) + (y * y)));
            (x, y) = (1 + (0.9 * ((x * Math.Cos(theta)) - (y * Math.Sin(theta)))), 0.9 * ((x * Math.Sin(theta)) + (y * Math.Cos(theta))));
        }
    }

    [TestMethod]
    public void WhatHasNoMeaningForAMapIsRefused()
    {
        static ExperimentException Refused(Action<SimulationExperiment> change, Dynamics? model = null)
        {
            var exp = Experiment(model ?? Logistic(), 10);
            change(exp);
            return Assert.ThrowsExactly<ExperimentException>(() => exp.Run("native"));
        }

        StringAssert.Contains(Refused(e => e.Integration.Method = IntegrationMethod.RK45).Message, "RK45");
        StringAssert.Contains(Refused(e => e.Integration.Noise = new NoiseSettings { Sigma = 0.1, Targets = { "x" } }).Message, "noise is not supported for maps");
        StringAssert.Contains(Refused(e => e.Stimuli["x"] = new Stimulus("sin(t)")).Message, "stimuli and inputs are not supported for maps");

        var timed = new Dynamics("Timed") { SystemType = SystemType.Discrete };
        timed.AddStateVariable("x", "x + t", 0.0);
        StringAssert.Contains(Refused(_ => { }, timed).Message, "its equations use time 't'");
    }

    /// <summary>Two diffusively coupled logistic maps, x_i' = (1 − ε)·r·x_i·(1 − x_i) + ε·x_j, each reading the other's
    /// previous iterate (a coupled map lattice), optionally d iterations late.</summary>
    private static SimulationExperiment CoupledLogistic(int delaySteps)
    {
        var m = new Dynamics("CML") { SystemType = SystemType.Discrete };
        m.AddCouplingTerm("c_glob");
        m.AddParameter("r", 3.9);
        m.AddParameter("eps", 0.3);
        m.AddStateVariable("x", "(1 - eps)*r*x*(1 - x) + eps*c_glob", 0.2);
        var exp = Experiment(m, 200);
        exp.Network = new Network(2);
        exp.Network.AddEdge(source: 0, target: 1, weight: 1.0, delay: delaySteps);
        exp.Network.AddEdge(source: 1, target: 0, weight: 1.0, delay: delaySteps);
        exp.Network.Nodes[1].Parameters["r"] = 3.7;
        var coupling = new Coupling();
        coupling.IncomingStates.Add("x");
        exp.Network.Coupling["c_glob"] = coupling;
        return exp;
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    public void ANetworkOfMapsIsACoupledMapLattice(int delay)
    {
        var result = CoupledLogistic(delay).RunBothWays().Explorations.Values.Single();
        int x0 = result.VariableIndex("x[0]"), x1 = result.VariableIndex("x[1]");
        var a = new List<double> { 0.2 };
        var b = new List<double> { 0.2 };
        for (var n = 0; n < 199; n++)
        {
            // Before the start, a delayed read is the initial state (the history is filled with it).
            double ja = b[Math.Max(n - delay, 0)], jb = a[Math.Max(n - delay, 0)];
            a.Add(((1 - 0.3) * 3.9 * a[n] * (1 - a[n])) + (0.3 * ja));
            b.Add(((1 - 0.3) * 3.7 * b[n] * (1 - b[n])) + (0.3 * jb));
        }

        for (var n = 0; n < 200; n++)
        {
            Assert.AreEqual(a[n], result[0, n, x0], $"x[0]_{n}");
            Assert.AreEqual(b[n], result[0, n, x1], $"x[1]_{n}");
        }
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    public void TheFixedStepMethodIsNotApplied(IntegrationMethod method)
    {
        var exp = Experiment(Logistic(), 50);
        exp.Integration.Method = method;
        CollectionAssert.AreEqual(LogisticOrbit(4.0, 0.4, 50), exp.Run("native").Explorations.Values.Single().Series(0, "x"));
    }
}
