using Tvbo.Expressions;
using Tvbo.Files;
using Tvbo.Model;

namespace Tvbo.Tests.Model;

/// <summary>Spike-and-reset events of a model: built in code, read from TVBO model files (the NeuroML models' form),
/// validated with errors that name the model, the event and the symbol, and listed by the model report.</summary>
[TestClass]
public sealed class ModelEventTests
{
    private const string Izhikevich = """
        name: Izhikevich2007
        parameters:
          a: {value: 0.03}
          b: {value: -2.0}
          c: {value: -50.0}
          d: {value: 100.0}
          vpeak: {value: 35.0}
        state_variables:
          v:
            equation: {rhs: 0.04*v**2 + 5*v + 140 - u}
            initial_value: -60.0
          u:
            equation: {rhs: a*(b*v - u)}
            initial_value: 0.0
        events:
          spike:
            condition:
              rhs: v > vpeak
            affect:
              rhs: v = c; u = u + d
        """;

    private static TvboFileException Fails(string yaml)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "model.yaml"));
        StringAssert.StartsWith(ex.Message, $"model.yaml:{ex.Line}:");
        return ex;
    }

    private static string WithEvent(string eventBlock) =>
        "name: IaF\nparameters:\n  thresh: {value: -55.0}\n  reset: {value: -70.0}\nstate_variables:\n  v: {equation: '(-70 - v)/10 + 2', initial_value: -70}\nevents:\n" + eventBlock;

    [TestMethod]
    public void TheNeuromlFormIsRead()
    {
        var m = Dynamics.FromYaml(Izhikevich);
        var ev = m.Events.Single();
        Assert.AreEqual("spike", ev.Name);
        Assert.AreEqual("v > vpeak", ev.ConditionText);
        Assert.AreEqual(new ComparisonExpr(ComparisonOperator.Greater, new SymbolExpr("v"), new SymbolExpr("vpeak")), ev.Condition);
        CollectionAssert.AreEqual(new[] { "v", "u" }, ev.Assignments.Select(a => a.Target).ToArray());
        CollectionAssert.AreEqual(new[] { "c", "u + d" }, ev.Assignments.Select(a => a.ValueText).ToArray());
        Assert.AreEqual("spike: when v > vpeak: v = c; u = u + d", ev.ToString());
    }

    [TestMethod]
    public void AffectAsAListOfLhsRhsAndNeuromlOperatorsAreRead()
    {
        var m = Dynamics.FromYaml(WithEvent("  spike:\n    condition: {rhs: v .gt. thresh}\n    affect:\n    - {lhs: v, rhs: reset}\n"));
        var ev = m.Events.Single();
        Assert.IsInstanceOfType<ComparisonExpr>(ev.Condition);
        Assert.AreEqual("v = reset", ev.Assignments.Single().ToString());
    }

    [TestMethod]
    public void AnEventWithoutAffectOnlyMarksTheCondition()
    {
        var m = Dynamics.FromYaml(WithEvent("  spike:\n    condition: {rhs: v .gt. thresh}\n"));
        Assert.AreEqual(0, m.Events.Single().Assignments.Count);
    }

    [TestMethod]
    public void SeveralEventsKeepFileOrder()
    {
        var m = Dynamics.FromYaml(WithEvent("  spike: {condition: {rhs: v > thresh}, affect: {rhs: v = reset}}\n  floor: {condition: {rhs: v < -80 | v > 100}, affect: {rhs: v = -80}}\n"));
        CollectionAssert.AreEqual(new[] { "spike", "floor" }, m.Events.Select(e => e.Name).ToArray());
    }

    [TestMethod]
    public void AssigningAParameterIsAnErrorAtTheEvent()
    {
        var ex = Fails(WithEvent("  spike:\n    condition: {rhs: v > thresh}\n    affect: {rhs: thresh = reset}\n"));
        Assert.AreEqual(8, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "Model 'IaF': event 'spike' assigns 'thresh', which is a parameter; an event may only assign state variables: v.");
    }

    [TestMethod]
    public void AssigningAnUnknownNameIsAnError()
    {
        var ex = Fails(WithEvent("  spike:\n    condition: {rhs: v > thresh}\n    affect: {rhs: v = reset; w = w + 1}\n"));
        Assert.AreEqual(8, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "event 'spike' assigns 'w', which is not declared");
    }

    [TestMethod]
    public void ReadingAnUnknownNameIsAnError()
    {
        var ex = Fails(WithEvent("  spike:\n    condition: {rhs: v > theta}\n    affect: {rhs: v = reset}\n"));
        Assert.AreEqual(8, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "Model 'IaF': the condition of event 'spike' ('v > theta') uses 'theta', which is not a parameter");
    }

    [TestMethod]
    public void AConditionThatIsNotAComparisonIsAnError()
    {
        var ex = Fails(WithEvent("  spike:\n    condition: {rhs: v - thresh}\n    affect: {rhs: v = reset}\n"));
        Assert.AreEqual(8, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "the condition of event 'spike' of model 'IaF': unexpected end of expression at column 11; expected an operator or a comparison; write a comparison such as x < 0");

        var always = Fails(WithEvent("  spike:\n    condition: {rhs: 'True'}\n    affect: {rhs: v = reset}\n"));
        StringAssert.Contains(always.Problem, "Model 'IaF': the condition of event 'spike' ('True') is not a comparison; write one such as 'v > thresh'");
    }

    [TestMethod]
    public void AMissingConditionIsAnError()
    {
        var ex = Fails(WithEvent("  spike:\n    affect: {rhs: v = reset}\n"));
        Assert.AreEqual(8, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "event 'spike' of model 'IaF' has no 'condition'");
    }

    [TestMethod]
    public void AMalformedAssignmentIsAnError()
    {
        var ex = Fails(WithEvent("  spike:\n    condition: {rhs: v > thresh}\n    affect: {rhs: v == reset}\n"));
        StringAssert.Contains(ex.Problem, "event 'spike' has the assignment 'v == reset'; write assignments as 'x = expression'");
    }

    [TestMethod]
    public void EventsInCodeAreValidated()
    {
        var m = new Dynamics("M");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "-x", 1.0);
        m.AddDerivedVariable("h", "2*x");
        m.AddEvent("reset", "x < 0.5", "x = 1");
        m.Validate();
        Assert.AreEqual("reset: when x < 0.5: x = 1", m.Events.Single().ToString());

        m.AddEvent("bad", "h > 1", "x = 0");
        var ex = Assert.ThrowsExactly<ModelException>(m.Validate);
        Assert.AreEqual("bad", ex.Element);
        StringAssert.Contains(ex.Message, "uses the derived variable 'h'; an event may read only state variables, parameters, time (t) and constants.");

        Assert.ThrowsExactly<ModelException>(() => m.AddEvent("reset", "x > 2", "x = 0"), "a name is used once");
        var twice = new Dynamics("N");
        twice.AddStateVariable("x", "1", 0.0);
        twice.AddEvent("e", "x > 1", "x = 0; x = 1");
        StringAssert.Contains(Assert.ThrowsExactly<ModelException>(twice.Validate).Message, "assigns 'x' twice");
    }

    [TestMethod]
    public void TheReportListsTheEvents()
    {
        var report = Dynamics.FromYaml(Izhikevich).GenerateReport();
        StringAssert.Contains(report, "## Events");
        StringAssert.Contains(report, "- **spike**: when $v > vpeak$: $v \\leftarrow c$, $u \\leftarrow u + d$");
    }
}
