using Tvbo.Experiment;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Validation;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>The cross-check (what <c>tvbo check</c> runs) of PyRates against the native backend on the guide's three
/// examples and the TVBO-format forced oscillator: every condition agrees within the default tolerance.</summary>
[TestClass]
public sealed class CrossCheckExamplesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("vdp_mu_sweep.yaml")]
    [DataRow("fhn_sweep.yaml")]
    [DataRow("qif_eta_sweep.yaml")]
    [DataRow("tvbo/forced_oscillator.yaml")]
    public void PyRatesAndNativeAgreeOnTheExample(string example)
    {
        PythonFixture.PyRates();
        var exp = SimulationExperiment.Load(Path.Combine(AppContext.BaseDirectory, "examples", example));
        var check = exp.CrossCheck(new PyRatesBackend(), new NativeBackend());
        TestContext.WriteLine(check.ToMarkdown());
        Assert.AreEqual("pyrates", check.LabelA);
        Assert.AreEqual("native", check.LabelB);
        Assert.AreEqual(CheckTolerance.Default, check.Tolerance);
        Assert.IsTrue(check.Passed, check.ToMarkdown());
        Assert.AreEqual(check.Conditions.Count(), check.Count(CheckVerdict.Agree), check.ToMarkdown());
        var worstAbs = check.Conditions.Max(c => c.MaxAbsoluteError);
        var worstRel = check.Conditions.Max(c => c.MaxRelativeError);
        TestContext.WriteLine($"{example}: {check.Conditions.Count()} conditions, max abs error {worstAbs:E2}, max rel error {worstRel:E2}");
    }
}
