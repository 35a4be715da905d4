using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.Validation;

namespace Tvbo.Native.Tests.Validation;

/// <summary>The cross-check's verdicts on two native runs of the Lorenz system (sigma 10, rho 28, beta 8/3; largest
/// Lyapunov exponent 0.906).</summary>
[TestClass]
public sealed class LorenzCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SimulationExperiment Lorenz(double x0 = -8.0, double rho = 28.0)
    {
        var m = new Dynamics("Lorenz");
        m.AddParameter("sigma", 10.0);
        m.AddParameter("rho", rho);
        m.AddParameter("beta", 8.0 / 3.0);
        m.AddStateVariable("x", "sigma*(y - x)", x0);
        m.AddStateVariable("y", "x*(rho - z) - y", 8.0);
        m.AddStateVariable("z", "x*y - beta*z", 27.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Integration.Duration = 50.0;
        exp.Integration.StepSize = 0.005;
        exp.Explorations.Add(new Exploration("sigma_sweep", [new ExplorationParameter("sigma", Domain.Values(10.0))]));
        return exp;
    }

    private static ExplorationCheck Check(SimulationExperiment a, SimulationExperiment b)
    {
        var backend = new NativeBackend();
        var ra = a.Run(backend).Explorations["sigma_sweep"];
        var rb = b.Run(backend).Explorations["sigma_sweep"];
        return CrossCheck.Compare(ra, rb, CheckTolerance.For(a.Integration), "native", "native, x0 + 1e-12");
    }

    [TestMethod]
    public void APerturbationOf1e12IsSensitiveDependenceGrowingAtTheLyapunovExponent()
    {
        var check = Check(Lorenz(), Lorenz(x0: -8.0 + 1e-12));
        var c = check.Conditions.Single();
        TestContext.WriteLine(check.ToMarkdown());
        Assert.AreEqual(CheckVerdict.SensitiveDependence, c.Verdict, c.Describe());
        Assert.IsTrue(check.Passed);
        foreach (var v in c.Variables)
        {
            Assert.AreEqual(CheckVerdict.SensitiveDependence, v.Verdict, $"{v.Variable}: {c.Describe()}");
            var g = v.Growth!;
            TestContext.WriteLine($"{v.Variable}: λ = {g.Rate:F3}, R² = {g.RSquared:F3} (power law {g.PowerLawRSquared:F3}), fit {g.StartTime:F2}..{g.EndTime:F2} over {g.Points} slices, from {g.StartDifference:E2} to {g.EndDifference:E2}; passes the tolerance at t = {v.FirstExceedTime:F2}");
            Assert.IsTrue(g.Rate is >= 0.7 and <= 1.1, $"{v.Variable}: λ = {g.Rate}");
            Assert.IsGreaterThanOrEqualTo(0.9, g.RSquared);
        }

        // From 1e-12 to the tolerance (~1e-9 × 20..48) at λ ≈ 0.9: about 11 time units.
        Assert.IsTrue(c.AgreesUntil is > 5 and < 20, $"{c.AgreesUntil}");
        StringAssert.Contains(check.ToMarkdown(), $"native and native, x0 + 1e-12 agree up to t = {CheckMarkdownWriterNum(c.AgreesUntil!.Value)}");
    }

    [TestMethod]
    public void ARhoChangedBy1e3IsSystematicFromTheFirstSamples()
    {
        var check = Check(Lorenz(), Lorenz(rho: 28.0 + 1e-3));
        var c = check.Conditions.Single();
        TestContext.WriteLine(c.Describe());
        Assert.AreEqual(CheckVerdict.Systematic, c.Verdict, c.Describe());
        Assert.IsTrue(c.IsDisagreement);
        Assert.IsLessThanOrEqualTo(0.05, c.FirstExceedTime!.Value);
        Assert.IsFalse(check.Passed);
    }

    [TestMethod]
    public void TwoRunsOfTheSameExperimentAgree()
    {
        var check = Lorenz().CrossCheck(new NativeBackend(), new NativeBackend());
        Assert.IsTrue(check.Passed);
        Assert.AreEqual("native (A)", check.LabelA);
        Assert.AreEqual(1, check.Count(CheckVerdict.Agree));
        Assert.AreEqual(0.0, check.Conditions.Single().MaxAbsoluteError);
        Assert.IsNotNull(check.Results);
    }

    private static string CheckMarkdownWriterNum(double v) => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
