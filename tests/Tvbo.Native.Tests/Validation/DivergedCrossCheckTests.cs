using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Validation;

namespace Tvbo.Native.Tests.Validation;

/// <summary>Conditions the native backend reports as diverged are judged as diverged, never as huge errors.</summary>
[TestClass]
public sealed class DivergedCrossCheckTests
{
    private static SimulationExperiment Blowup(double x0)
    {
        var m = new Dynamics("Blowup");
        m.AddParameter("a", 1.0);
        m.AddStateVariable("x", "a*x**2", x0);
        m.AddStateVariable("y", "-y", 1.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 3.0;
        exp.Integration.StepSize = 0.01;
        exp.Explorations.Add(new Exploration("sweep", [new ExplorationParameter("a", Domain.Values(-1.0, 0.2, 2.0))]));
        return exp;
    }

    [TestMethod]
    public void ADivergenceInBothRunsAtTheSameTimePassesAndOneInOneRunFails()
    {
        var backend = new NativeBackend();
        var a = Blowup(1.0).Run(backend).Explorations["sweep"];
        var same = CrossCheck.Compare(a, Blowup(1.0).Run(backend).Explorations["sweep"], null, "run 1", "run 2");
        Assert.AreEqual(CheckVerdict.Diverged, same.Conditions[2].Verdict);
        Assert.AreEqual(CheckSides.Both, same.Conditions[2].DivergedIn);
        Assert.IsTrue(same.Passed, same.ToMarkdown());

        // x0 = 0.4: x = 0.4/(1 - 0.4 a t) diverges at t = 1.25 for a = 2 instead of t = 0.5; with a = 0.2 nowhere.
        var b = Blowup(0.4).Run(backend).Explorations["sweep"];
        var check = CrossCheck.Compare(a, b, null, "x0 = 1", "x0 = 0.4");
        var c2 = check.Conditions[2];
        Assert.AreEqual(CheckVerdict.Diverged, c2.Verdict);
        Assert.IsTrue(c2.IsDisagreement);
        Assert.IsTrue(double.IsFinite(c2.MaxAbsoluteError));
        StringAssert.Contains(c2.Describe(), "diverged in both x0 = 1 and x0 = 0.4");
        Assert.AreEqual(CheckVerdict.Systematic, check.Conditions[0].Verdict);
        Assert.IsFalse(check.Passed);
        Assert.DoesNotContain("NaN", check.ToMarkdown());
    }
}
