using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Methods;

/// <summary>Models that use time <c>t</c>, the transient, and outputs computed after the run.</summary>
[TestClass]
public sealed class NonAutonomousTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>x'' + w0² x = F cos(w t), x(0) = v(0) = 0.</summary>
    private static Dynamics Forced()
    {
        var m = new Dynamics("Forced");
        m.AddParameter("w0", 1.0);
        m.AddParameter("w", 0.7);
        m.AddParameter("F", 0.5);
        m.AddStateVariable("x", "v", 0.0);
        m.AddStateVariable("v", "-w0**2*x + F*cos(w*t)", 0.0);
        return m;
    }

    /// <summary>The closed form: x(t) = F/(w0² − w²)·(cos(w t) − cos(w0 t)).</summary>
    private static double Exact(double w0, double w, double f, double t) => f / ((w0 * w0) - (w * w)) * (Math.Cos(w * t) - Math.Cos(w0 * t));

    private static SimulationExperiment Experiment(Dynamics model, IntegrationMethod method, double dt, double duration, double transient = 0)
    {
        var exp = new SimulationExperiment(model);
        exp.Integration.Method = method;
        exp.Integration.StepSize = dt;
        exp.Integration.Duration = duration;
        exp.Integration.TransientTime = transient;
        exp.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(0.5, 0.7, 1.3))]);
        return exp;
    }

    private static double MaxError(IntegrationMethod method, double dt)
    {
        var exp = Experiment(Forced(), method, dt, 10.0);
        var r = exp.Run("native").Explorations["sweep"];
        CollectionAssert.AreEqual(new[] { "x", "v" }, r.OutputNames.ToArray(), "time is not an output");
        var error = 0.0;
        for (var c = 0; c < r.ConditionCount; c++)
        {
            var w = r.Grid.Condition(c)[0];
            for (var k = 0; k < r.SampleCount; k++)
            {
                error = Math.Max(error, Math.Abs(r[c, k, 0] - Exact(1.0, w, 0.5, r.Time.Span[k])));
            }
        }

        return error;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler, 1.0)]
    [DataRow(IntegrationMethod.Heun, 2.0)]
    [DataRow(IntegrationMethod.RK4, 4.0)]
    public void ForcedOscillatorConvergesAtTheMethodsOrder(IntegrationMethod method, double order)
    {
        var coarse = MaxError(method, 0.02);
        var fine = MaxError(method, 0.01);
        var measured = Math.Log2(coarse / fine);
        TestContext.WriteLine($"{method}: max error {coarse:E3} at dt=0.02, {fine:E3} at dt=0.01, order {measured:F3}");
        Assert.AreEqual(order, measured, 0.1, $"{method} should converge at order {order} on a forced oscillator (stage times must be t, t+dt/2, t+dt)");
        Assert.IsLessThan(method switch { IntegrationMethod.Euler => 0.1, IntegrationMethod.Heun => 1e-3, _ => 1e-7 }, fine);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    [DataRow(IntegrationMethod.RK4)]
    public void TimeAndTransientAgreeWithTheScalarReferenceClock(IntegrationMethod method)
    {
        // The backends integrate time as a state variable (t + dt·1, accumulated); the reference computes each stage
        // time as t0 + k·dt + offset. They agree to the rounding of the accumulated clock.
        var exp = Experiment(Forced(), method, 0.01, 5.0, transient: 3.0);
        var r = exp.Run("native").Explorations["sweep"];
        Assert.AreEqual(500, r.SampleCount);
        Assert.AreEqual(0.0, r.Time.Span[0]);
        var worst = 0.0;
        for (var c = 0; c < r.ConditionCount; c++)
        {
            var expected = ScalarReference.Integrate(exp.Model, exp.Integration, new Dictionary<string, double> { ["w"] = r.Grid.Condition(c)[0] });
            var actual = r.ConditionSeries(c);
            Assert.AreEqual(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            }
        }

        TestContext.WriteLine($"{method}: max |native - scalar reference| = {worst:E2}");
        Assert.IsLessThan(1e-12, worst);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void TransientIsTheTailOfTheLongerRunBitForBit(IntegrationMethod method)
    {
        var model = ConvergenceOrderTests.DampedOscillator();
        var withTransient = Experiment(model, method, 0.01, 4.0, transient: 2.0);
        withTransient.Explorations.Remove("sweep");
        withTransient.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(0.8, 1.2))]);
        var longer = Experiment(model, method, 0.01, 6.0);
        longer.Explorations.Remove("sweep");
        longer.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(0.8, 1.2))]);
        var a = withTransient.Run("native").Explorations["sweep"];
        var b = longer.Run("native").Explorations["sweep"];
        Assert.AreEqual(400, a.SampleCount);
        for (var c = 0; c < 2; c++)
        {
            for (var k = 0; k < a.SampleCount; k++)
            {
                for (var v = 0; v < 2; v++)
                {
                    Assert.AreEqual(b[c, k + 200, v], a[c, k, v], 0.0, $"condition {c}, sample {k}, variable {v}");
                }
            }
        }

        Assert.AreEqual(0.0, a.Time.Span[0]);
        Assert.AreEqual(0.01, a.Time.Span[1], 1e-15);
    }

    [TestMethod]
    public void DerivedVariablesAndObservationsAreOutputsInSeriesAndSummaries()
    {
        var model = ConvergenceOrderTests.DampedOscillator();
        model.AddDerivedVariable("energy", "0.5*v**2 + 0.5*w**2*x**2");
        model.SetOutputs(["x", "energy"]);
        var exp = Experiment(model, IntegrationMethod.Heun, 0.01, 2.0);
        exp.Explorations.Remove("sweep");
        exp.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(0.8, 1.2))]);
        exp.Observations.Add(new Observation("xv", "x*v + t", model));
        var r = exp.Run("native").Explorations["sweep"];
        CollectionAssert.AreEqual(new[] { "x", "energy", "xv" }, r.OutputNames.ToArray());

        var plain = Experiment(ConvergenceOrderTests.DampedOscillator(), IntegrationMethod.Heun, 0.01, 2.0);
        plain.Explorations.Remove("sweep");
        plain.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(0.8, 1.2))]);
        var states = plain.Run("native").Explorations["sweep"];
        for (var c = 0; c < 2; c++)
        {
            var w = r.Grid.Condition(c)[0];
            for (var k = 0; k < r.SampleCount; k++)
            {
                var x = states[c, k, 0];
                var v = states[c, k, 1];
                Assert.AreEqual(x, r[c, k, 0], 0.0);
                Assert.AreEqual((0.5 * (v * v)) + (0.5 * (w * w) * (x * x)), r[c, k, 1], 1e-15);
                Assert.AreEqual((x * v) + r.Time.Span[k], r[c, k, 2], 1e-12);
            }
        }

        var summary = exp.Run("native", new Tvbo.Backends.RunOptions { Store = ResultStore.Summary }).Explorations["sweep"];
        Assert.IsFalse(summary.HasSeries);
        var expected = r.Summarize();
        CollectionAssert.AreEqual(expected.Mean.ToArray(), summary.Summary!.Mean.ToArray());
        CollectionAssert.AreEqual(expected.Max.ToArray(), summary.Summary.Max.ToArray());
    }

    [TestMethod]
    public void RecordSelectsOutputs()
    {
        var model = ConvergenceOrderTests.DampedOscillator();
        var exp = Experiment(model, IntegrationMethod.Euler, 0.01, 1.0);
        exp.Explorations.Remove("sweep");
        exp.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(1.0))]) { Record = ["v"] };
        var r = exp.Run("native").Explorations["sweep"];
        CollectionAssert.AreEqual(new[] { "v" }, r.OutputNames.ToArray());
        exp.Explorations["sweep"] = new Exploration("sweep", [new ExplorationParameter("w", Domain.Values(1.0))]) { Record = ["nope"] };
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run("native"));
        StringAssert.Contains(ex.Message, "'nope'");
    }

    [TestMethod]
    public void PlainIntegrationRunsAsOneCondition()
    {
        var exp = new SimulationExperiment(ConvergenceOrderTests.DampedOscillator());
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 1.0;
        var result = exp.Run("native");
        var r = result.Explorations[SimulationExperiment.IntegrationName];
        Assert.AreEqual(1, r.ConditionCount);
        Assert.IsEmpty(r.Axes);
        Assert.AreEqual(100, r.SampleCount);
    }

    [TestMethod]
    public void WrapBoundariesKeepAPhaseInItsInterval()
    {
        var m = new Dynamics("Phase");
        m.AddParameter("omega", 1.0);
        m.AddStateVariable("theta", "omega", 0.0, new Tvbo.Model.Boundaries(0.0, 2 * Math.PI, BoundaryMode.Wrap));
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Duration = 20.0;
        exp.Explorations["s"] = new Exploration("s", [new ExplorationParameter("omega", Domain.Values(1.0, -1.0))]);
        var r = exp.Run("native").Explorations["s"];
        var reference = exp.Validate()[0];
        for (var c = 0; c < 2; c++)
        {
            var expected = ScalarReference.Integrate(m, exp.Integration, new Dictionary<string, double> { ["omega"] = reference.Condition(c)[0] });
            for (var k = 0; k < r.SampleCount; k++)
            {
                Assert.IsTrue(r[c, k, 0] >= 0 && r[c, k, 0] < 2 * Math.PI, $"theta = {r[c, k, 0]} at sample {k}");
                Assert.AreEqual(expected[k], r[c, k, 0], 0.0);
            }
        }
    }

    [TestMethod]
    [DataRow(CouplingEvaluation.PerStage)]
    [DataRow(CouplingEvaluation.PerStep)]
    public void ADelayedNoisyNetworkMayUseTime(CouplingEvaluation evaluation)
    {
        // x' = -x + c_glob + sin(t) on a delayed network with noise, against the same system with time as an explicit
        // state s' = 1 of every node.
        ExplorationResult Run(string rhs, bool clock)
        {
            var m = new Dynamics("Clocked");
            m.AddCouplingTerm("c_glob");
            m.AddStateVariable("x", rhs, 1.0).IsCouplingVariable = true;
            if (clock)
            {
                m.AddStateVariable("s", "1", 0.0);
            }

            var exp = new SimulationExperiment(m);
            exp.Integration.Method = IntegrationMethod.Heun;
            exp.Integration.Duration = 2.0;
            exp.Integration.StepSize = 0.01;
            exp.Integration.CouplingEvaluation = evaluation;
            exp.Integration.Noise = new NoiseSettings { Sigma = 0.1, Seed = 3, Targets = { "x" } };
            exp.Network = Tvbo.Networks.Network.FromMatrix(new double[,] { { 0, 1 }, { 0.5, 0 } }, new double[,] { { 0, 0.3 }, { 0.3, 0 } });
            exp.Network.ConductionSpeed = 1.0;
            exp.Network.Coupling["c_glob"] = Tvbo.Networks.Coupling.FromLibrary("Scaling");
            return exp.Run("native").Explorations[SimulationExperiment.IntegrationName];
        }

        var withTime = Run("-x + c_glob + sin(t)", clock: false);
        var explicitClock = Run("-x + c_glob + sin(s)", clock: true);
        foreach (var name in new[] { "x[0]", "x[1]" })
        {
            var a = withTime.Series(0, name);
            var b = explicitClock.Series(0, name);
            for (var k = 0; k < a.Length; k++)
            {
                Assert.AreEqual(b[k], a[k], 1e-12, $"{name}, sample {k}");
            }
        }
    }
}
