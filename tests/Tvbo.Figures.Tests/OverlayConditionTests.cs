using Tvbo.Results;

namespace Tvbo.Figures.Tests;

/// <summary>Which condition a backend check's overlay shows.</summary>
[TestClass]
public sealed class OverlayConditionTests
{
    // The QIF sweep with r (output 0) of some conditions shifted by an absolute amount from the given sample on.
    private static ExplorationResult Shifted(params (int Condition, double By)[] shifts)
    {
        var r = Results.Qif;
        var data = r.Results.ToArray();
        var nv = r.OutputNames.Count;
        var block = r.SampleCount * nv;
        foreach (var (c, by) in shifts)
        {
            for (var t = r.SampleCount / 2; t < r.SampleCount; t++)
            {
                data[(c * block) + (t * nv)] += by;
            }
        }

        return new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, data, null, r.Failures, "other");
    }

    [TestMethod]
    public void TheLargestDifferenceRelativeToTheConditionsScaleIsShown()
    {
        // Condition 0 (r ≈ 0.05) off by 1e-3 is 2 % of its scale; condition 14 (r up to 3) off by 2e-3 is 0.07 %.
        var b = Shifted((0, 1e-3), (14, 2e-3));
        Assert.AreEqual(0, CheckFigures.OverlayCondition(Results.Qif, b, 0));
        Assert.AreEqual(14, CheckFigures.OverlayCondition(Results.Qif, Shifted((0, 1e-6), (14, 2e-3)), 0));
        Assert.IsFalse(CheckFigures.EqualEverywhere(Results.Qif, b, 0));
    }

    [TestMethod]
    public void WhenEverythingIsEqualTheWidestRangingConditionIsShownNotAFixedPoint()
    {
        var a = Results.Qif;
        var b = Shifted();
        Assert.IsTrue(CheckFigures.EqualEverywhere(a, b, 0));
        var nv = a.OutputNames.Count;
        double Range(int c)
        {
            var s = a.ConditionSeries(c).ToArray();
            var values = Enumerable.Range(0, a.SampleCount).Select(t => s[(t * nv) + 1]).ToArray();
            return values.Max() - values.Min();
        }

        var widest = Enumerable.Range(0, a.ConditionCount).MaxBy(Range);
        Assert.AreEqual(widest, CheckFigures.OverlayCondition(a, b, 1));
        Assert.AreNotEqual(0, widest, "condition 0 is the flat fixed point the old choice showed");
        PngImage.AssertFigure(CheckFigures.WriteOverlay(a, b, widest, 1, Path.Combine(Results.TempDirectory(), "equal.png")), 800, 600);
    }
}
