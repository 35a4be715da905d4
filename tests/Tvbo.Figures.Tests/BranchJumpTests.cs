namespace Tvbo.Figures.Tests;

/// <summary>The bifurcation-like diagram breaks its lines where the branch jumps between neighbouring conditions.</summary>
[TestClass]
public sealed class BranchJumpTests
{
    [TestMethod]
    public void AStepInTheMeanBreaksTheLineThereOnly()
    {
        // A smooth rise with a jump of 2 between x = 4 and x = 5 (the QIF sweep's shape), sampled unevenly.
        double[] x = [0, 1, 2, 3, 3.5, 4, 5, 6, 7, 8];
        var mean = x.Select(v => (0.1 * v) + (v >= 5 ? 2 : 0)).ToArray();
        var jumps = BifurcationFigure.Jumps(x, [mean]);
        CollectionAssert.AreEqual(new[] { false, false, false, false, false, true, false, false, false }, jumps);

        var segments = BifurcationFigure.Segments(x, (mean, mean, mean), jumps);
        Assert.AreEqual(2, segments.Count);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5 }, segments[0]);
        CollectionAssert.AreEqual(new[] { 6, 7, 8, 9 }, segments[1]);
    }

    [TestMethod]
    public void SmoothCurvesAndSteepButContinuousOnesAreNotBroken()
    {
        double[] x = [.. Enumerable.Range(0, 15).Select(i => -10 + (i * 15.0 / 14))];
        var cubic = x.Select(v => v * v * v / 100).ToArray();
        var tanh = x.Select(v => Math.Tanh(v / 4)).ToArray();
        Assert.IsFalse(BifurcationFigure.Jumps(x, [cubic, tanh]).Any(j => j));
    }

    [TestMethod]
    public void AJumpInOneOutputBreaksEveryOutputAndFailedConditionsAreSkipped()
    {
        double[] x = [0, 1, 2, 3, 4, 5];
        double[] r = [0.1, 0.11, 0.12, double.NaN, 1.5, 1.52];
        double[] v = [1, 1.1, 1.2, double.NaN, 1.4, 1.5];
        var jumps = BifurcationFigure.Jumps(x, [r, v]);
        Assert.IsTrue(jumps[2], "the jump from x = 2 to the next finite condition (x = 4) is flagged at x = 2");
        Assert.AreEqual(1, jumps.Count(j => j));
        var segments = BifurcationFigure.Segments(x, (v, v, v), jumps);
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, segments[0]);
        CollectionAssert.AreEqual(new[] { 4, 5 }, segments[1]);
    }

    [TestMethod]
    public void TheQifSweepBreaksBetweenItsTwoBranches()
    {
        var result = Results.Qif;
        var summary = result.Summarize(0.2);
        var nv = result.OutputNames.Count;
        var order = Enumerable.Range(0, result.ConditionCount).OrderBy(c => result.ParameterValues(c)[0]).ToArray();
        var x = order.Select(c => result.ParameterValues(c)[0]).ToArray();
        var means = Enumerable.Range(0, nv).Select(v => order.Select(c => summary.Mean.Span[(c * nv) + v]).ToArray()).ToArray();
        var jumps = BifurcationFigure.Jumps(x, means);
        var at = Enumerable.Range(0, jumps.Length).Where(i => jumps[i]).ToArray();
        Assert.AreEqual(1, at.Length, string.Join(", ", at.Select(i => x[i])));
        Assert.IsTrue(x[at[0]] is > -4 and < -3 && x[at[0] + 1] is > -3 and < -2, $"jump at η = {x[at[0]]}");
    }
}
