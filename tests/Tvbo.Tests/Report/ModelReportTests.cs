using Tvbo.TestSupport;
using Tvbo.Model;
using Tvbo.Report;

namespace Tvbo.Tests.Report;

[TestClass]
public sealed class ModelReportTests
{
    [TestMethod]
    public void VdPReportMatchesTheGuide()
    {
        var report = GuideModels.VdP().GenerateReport(ReportFormat.Markdown);
        StringAssert.StartsWith(report, "# VdP\n");
        StringAssert.Contains(report, "## State Equations");
        StringAssert.Contains(report, "$$\\dot{x} = z$$");
        StringAssert.Contains(report, "$$\\dot{z} = \\mu \\left(1 - x^{2}\\right) z - x$$");
        StringAssert.Contains(report, "| Parameter | Value | Unit | Description |");
        StringAssert.Contains(report, "| $\\mu$ | 1.0 | N/A | Damping parameter |");
    }

    [TestMethod]
    public void AMapReportsNextValues()
    {
        var henon = new Dynamics("Henon") { SystemType = SystemType.Discrete };
        henon.AddParameter("a", 1.4);
        henon.AddParameter("b", 0.3);
        henon.AddStateVariable("x", "1 - a*x**2 + y", 0.0);
        henon.AddStateVariable("y", "b*x", 0.0);
        var report = henon.GenerateReport();
        StringAssert.Contains(report, "A discrete map (system_type: discrete)");
        StringAssert.Contains(report, "$${x}_{n+1} = ");
        StringAssert.Contains(report, "$${y}_{n+1} = b x$$");
        Assert.IsFalse(report.Contains("\\dot", StringComparison.Ordinal), report);
    }

    [TestMethod]
    public void QifReportMatchesTheGuide()
    {
        var report = GuideModels.Qif().GenerateReport();
        StringAssert.Contains(report, "$$\\dot{r} = \\frac{\\Delta}{\\tau \\pi} + 2 r v$$");
        StringAssert.Contains(report, "$$\\dot{v} = v^{2} + \\eta + J r \\tau - \\left(\\pi r \\tau\\right)^{2}$$");
        StringAssert.Contains(report, "| $\\eta$ | -5.0 | N/A |  |");
        StringAssert.Contains(report, "| $\\Delta$ | 1.0 | N/A |  |");
    }

    [TestMethod]
    public void DerivedVariablesCouplingAndUnitsAppear()
    {
        var m = new Dynamics("M", "A test model.");
        m.AddParameter("tau_s", 100.0, unit: "ms", description: "Decay | time");
        m.AddCouplingTerm("c_pop0");
        m.AddDerivedVariable("H", "S/tau_s + c_pop0");
        m.AddStateVariable("S", "-H", 0.1);
        var report = m.GenerateReport();
        StringAssert.Contains(report, "A test model.");
        StringAssert.Contains(report, "## Derived Variables");
        StringAssert.Contains(report, "$$H = \\frac{S}{\\tau_{s}} + c_{pop0}$$");
        StringAssert.Contains(report, "## Coupling Terms");
        StringAssert.Contains(report, "| $\\tau_{s}$ | 100.0 | ms | Decay \\| time |");
    }

    [TestMethod]
    [DataRow(1.0, "1.0")]
    [DataRow(0.22, "0.22")]
    [DataRow(1e-05, "1e-05")]
    [DataRow(-5.0, "-5.0")]
    [DataRow(135.0, "135.0")]
    public void ValuesPrintLikePython(double value, string expected) => Assert.AreEqual(expected, ModelReport.FormatValue(value));

    [TestMethod]
    public void InvalidModelHasNoReport()
    {
        var m = new Dynamics("M");
        m.AddStateVariable("x", "k", 0.0);
        Assert.ThrowsExactly<ModelException>(() => m.GenerateReport());
    }
}
