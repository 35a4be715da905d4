using Tvbo.TestSupport;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Tests.Experiment;

[TestClass]
public sealed class ValidationTests
{
    private static SimulationExperiment Vdp()
    {
        var exp = new SimulationExperiment(GuideModels.VdP());
        exp.Integration.Duration = 50.0;
        exp.Integration.StepSize = 1e-2;
        return exp;
    }

    private static ExperimentException Fails(Exploration e)
    {
        var exp = Vdp();
        exp.Explorations[e.Name] = e;
        return Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
    }

    [TestMethod]
    public void GuideExperimentIsValid()
    {
        var exp = Vdp();
        exp.Explorations["mu_sweep"] = new Exploration("mu_sweep", [new ExplorationParameter("mu", Domain.Range(lo: 0.1, hi: 10.0, n: 6))]) { Label = "μ sweep" };
        var grids = exp.Validate();
        Assert.AreEqual(6, grids.Single().ConditionCount);
        Assert.AreEqual(5000, exp.Integration.SampleCount);
    }

    [TestMethod]
    public void UnknownParameterListsTheParameters()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("nu", Domain.Values(1))]));
        StringAssert.Contains(ex.Message, "'nu' is not a parameter");
        StringAssert.Contains(ex.Message, "Parameters: mu");
        Assert.AreEqual("s", ex.Exploration);
        Assert.AreEqual("nu", ex.Parameter);
    }

    [TestMethod]
    public void StateVariableIsNotExplorable()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("x", Domain.Values(1))]));
        StringAssert.Contains(ex.Message, "'x' is a state variable, not a parameter");
    }

    [TestMethod]
    public void NLessThanOne()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Range(0, 1, 0))]));
        StringAssert.Contains(ex.Message, "n >= 1");
        StringAssert.Contains(ex.Message, "parameter 'mu'");
    }

    [TestMethod]
    public void LogRangeWithNonPositiveEnd()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Range(0, 1, 3, logScale: true))]));
        StringAssert.Contains(ex.Message, "log-scale range needs positive ends");
    }

    [TestMethod]
    public void ZipLengthsDiffer()
    {
        var exp = new SimulationExperiment(GuideModels.Qif());
        exp.Integration.Duration = 1;
        exp.Integration.StepSize = 0.1;
        exp.Explorations["z"] = new Exploration("z", [new ExplorationParameter("eta", Domain.Values(1, 2)), new ExplorationParameter("J", Domain.Values(1, 2, 3))], ExplorationMode.Zip);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "eta: 2, J: 3");
    }

    [TestMethod]
    public void DuplicateParameter()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Values(1)), new ExplorationParameter("mu", Domain.Values(2))]));
        StringAssert.Contains(ex.Message, "twice");
    }

    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void NonFiniteValue(double bad)
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Values(1, bad))]));
        StringAssert.Contains(ex.Message, "value #1");
        var ex2 = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Range(0, bad, 3))]));
        StringAssert.Contains(ex2.Message, "finite");
    }

    [TestMethod]
    public void EmptyValueList()
    {
        var ex = Fails(new Exploration("s", [new ExplorationParameter("mu", Domain.Values())]));
        StringAssert.Contains(ex.Message, "empty");
    }

    [TestMethod]
    public void NoParameters()
    {
        var ex = Fails(new Exploration("s", []));
        StringAssert.Contains(ex.Message, "varies no parameters");
    }

    [TestMethod]
    [DataRow(0.0, 50.0, null, "StepSize")]
    [DataRow(-1.0, 50.0, null, "StepSize")]
    [DataRow(60.0, 50.0, null, "larger than Integration.Duration")]
    [DataRow(0.01, 0.0, null, "Duration")]
    [DataRow(double.NaN, 50.0, null, "is not set")]
    [DataRow(0.01, 50.0, 0.015, "not a whole multiple")]
    [DataRow(0.01, 50.0, 0.005, "not a whole multiple")]
    [DataRow(0.01, 50.0, 100.0, "larger than Integration.Duration")]
    [DataRow(0.01, 1.0, 0.03, "use a duration of 0.99 or 1.02")]
    [DataRow(0.3, 1.0, null, "not a whole multiple of integration.step_size (Integration.StepSize) = 0.3")]
    public void IntegrationErrors(double dt, double duration, double? dts, string expected)
    {
        var exp = Vdp();
        exp.Integration.StepSize = dt;
        exp.Integration.Duration = duration;
        exp.Integration.SamplingStepSize = dts;
        exp.Explorations["s"] = new Exploration("s", [new ExplorationParameter("mu", Domain.Values(1))]);
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void NoExplorationsPlanThePlainIntegration()
    {
        var grid = Vdp().Validate().Single();
        Assert.AreEqual(SimulationExperiment.IntegrationName, grid.Exploration);
        Assert.AreEqual(1, grid.ConditionCount);
        Assert.IsEmpty(grid.Axes);
    }

    [TestMethod]
    public void ExplorationKeyMustMatchName()
    {
        var exp = Vdp();
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Explorations["a"] = new Exploration("b", [new ExplorationParameter("mu", Domain.Values(1))]));
        StringAssert.Contains(ex.Message, "must be the exploration's name");
    }

    [TestMethod]
    public void SamplingGridFollowsPyRates()
    {
        var s = new IntegrationSettings { Duration = 0.9, StepSize = 0.1, SamplingStepSize = 0.3 };
        s.Validate();
        Assert.AreEqual(9, s.StepCount);
        Assert.AreEqual(3, s.StepsPerSample);
        Assert.AreEqual(3, s.SampleCount);
        var t3 = s.CreateTimeGrid();
        Assert.AreEqual(3, t3.Length);
        Assert.AreEqual(0.0, t3[0]);
        Assert.AreEqual(0.3, t3[1], 1e-15);
        Assert.AreEqual(0.6, t3[2], 1e-15);
        var plain = new IntegrationSettings { Duration = 50.0, StepSize = 0.01 };
        var t = plain.CreateTimeGrid();
        Assert.AreEqual(5000, t.Length);
        Assert.AreEqual(0.01, t[1]);
        Assert.AreEqual(49.99, t[^1], 1e-12);
    }

    [TestMethod]
    public void TooLargeResultSuggestsSummary()
    {
        var exp = Vdp();
        exp.Explorations["big"] = new Exploration("big", [new ExplorationParameter("mu", Domain.Range(0, 1, 1000))]);
        var grid = exp.Validate()[0];
        var options = new RunOptions { MaxResultBytes = 1 << 20 };
        var ex = Assert.ThrowsExactly<ExperimentException>(() => options.Validate(grid, exp.Integration, 2));
        StringAssert.Contains(ex.Message, "76.3 MiB");
        StringAssert.Contains(ex.Message, "Store = Summary");
        new RunOptions { MaxResultBytes = 1 << 20, Store = ResultStore.Summary }.Validate(grid, exp.Integration, 2);
    }
}
