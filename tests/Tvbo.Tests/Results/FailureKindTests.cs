using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;
using Tvbo.Tests.IO;

namespace Tvbo.Tests.Results;

/// <summary>The failure kinds: one wording each, told apart again when a result file is read back.</summary>
[TestClass]
public sealed class FailureKindTests
{
    private static readonly ConditionFailure[] OneOfEach =
    [
        ConditionFailure.Diverged(0, 0.5, "x"),
        ConditionFailure.LeftBounds(1, 0.25, "y", -1, double.PositiveInfinity),
        ConditionFailure.StepSizeUnderflow(2, 0.75, 1e-15, 0.7071),
        ConditionFailure.CallFailed(3, "PyRates failed on the grid_search call of conditions 3..3: ValueError: boom"),
        ConditionFailure.Cancelled(4),
    ];

    [TestMethod]
    public void EachKindHasItsWording()
    {
        CollectionAssert.AreEqual(
            new[] { FailureKind.Diverged, FailureKind.LeftBounds, FailureKind.StepSizeUnderflow, FailureKind.BackendCallFailed, FailureKind.Cancelled },
            OneOfEach.Select(f => f.Kind).ToArray());
        Assert.AreEqual("condition 0: diverged (state not finite) at t = 0.5 (x)", OneOfEach[0].ToString());
        Assert.AreEqual("condition 1: left its boundaries [-1, Infinity] at t = 0.25 (y)", OneOfEach[1].ToString());
        Assert.AreEqual("condition 2: diverged (step size fell below the minimum 1E-15 at t = 0.7071) at t = 0.75", OneOfEach[2].ToString());
        Assert.AreEqual("condition 4: not finished: the run was cancelled", OneOfEach[4].ToString());
        Assert.IsTrue(OneOfEach[4].IsCancelled);
        Assert.IsFalse(OneOfEach.Take(4).Any(f => f.IsCancelled));
    }

    [TestMethod]
    public void KindsAreReadFromTheWordingAlsoOfOlderFiles()
    {
        foreach (var f in OneOfEach)
        {
            Assert.AreEqual(f.Kind, ConditionFailure.KindOf(f.Reason), f.Reason);
            if (!f.IsCancelled)
            {
                // A failure during the transient keeps its kind (the plan adds this to the reason).
                Assert.AreEqual(f.Kind, ConditionFailure.KindOf(f.Reason + " (during the transient)"), f.Reason);
            }
        }

        Assert.AreEqual(FailureKind.Diverged, ConditionFailure.KindOf("diverged (state became NaN)"));
        Assert.AreEqual(FailureKind.Diverged, ConditionFailure.KindOf("diverged (state became infinite)"));
        Assert.AreEqual(FailureKind.BackendCallFailed, ConditionFailure.KindOf("Python raised ValueError: bad"));
    }

    [TestMethod]
    [DataRow(ResultFormat.Csv)]
    [DataRow(ResultFormat.NetCdf)]
    public void EveryKindSurvivesAResultFile(ResultFormat format)
    {
        var r = TestResults.Make(ExplorationMode.Product, [("a", [1, 2, 3, 4, 5])]);
        var data = r.Results.ToArray();
        foreach (var f in OneOfEach)
        {
            data.AsSpan(f.Condition * r.SampleCount * 2, r.SampleCount * 2).Fill(double.NaN);
        }

        var failed = new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, data, null, OneOfEach, "native");
        var dir = TestResults.TempDir();
        var written = ResultWriters.Create(format).Write(failed, dir, ResultMetadata.Empty);
        var back = ExplorationResult.Load(format == ResultFormat.Csv ? Path.Combine(dir, failed.Name) : written[0]);
        CollectionAssert.AreEqual(OneOfEach, back.Failures.ToArray());
    }
}
