using System.Text.Json;
using Tvbo.Results;
using Tvbo.Validation;

namespace Tvbo.Tests.Validation;

[TestClass]
public sealed class CrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void IdenticalResultsAgree()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var b = CheckData.Result(CheckData.Wave, backend: "pyrates");
        var check = CrossCheck.Compare(a, b);
        Assert.IsTrue(check.Passed);
        Assert.AreEqual(3, check.Count(CheckVerdict.Agree));
        Assert.IsFalse(check.Disagreements.Any());
        foreach (var c in check.Conditions)
        {
            Assert.IsNull(c.AgreesUntil);
            Assert.AreEqual(0.0, c.MaxAbsoluteError);
            Assert.IsTrue(c.Variables.All(v => v.Verdict == CheckVerdict.Agree && v.Growth is null && v.ComparedSamples == 1000));
        }

        var md = check.ToMarkdown();
        TestContext.WriteLine(md);
        StringAssert.Contains(md, "## Cross-check: native vs pyrates");
        StringAssert.Contains(md, "**PASSED**: 3 conditions in 1 exploration: 3 agree.");
        StringAssert.Contains(md, "| sweep | x | 3 | 3 | 0 | 0 | 0 |");
        Assert.DoesNotContain("do not agree", md);
    }

    [TestMethod]
    public void ObservablesAreComparedAndADifferenceFailsTheCheck()
    {
        // The window mean of x from each result: equal series give equal observables; a condition changed late in
        // the window changes its observable, and the check fails on it alone.
        var mean = new Tvbo.Experiment.Observable("late", ["x"], [new Tvbo.Experiment.ObservableStep("mean", new Dictionary<string, double> { ["window"] = 0.1 })]);
        ExplorationResult Observed(ExplorationResult r) => r.WithObservables(Tvbo.Observables.ObservableEvaluator.Compute([mean], new Tvbo.Experiment.PipelineFunctionCollection(), r, 0.01, null, new Tvbo.Backends.RunOptions()), null);
        var a = Observed(CheckData.Result(CheckData.Wave, backend: "native"));
        var same = CrossCheck.Compare(a, Observed(CheckData.Result(CheckData.Wave, backend: "pyrates")));
        Assert.IsTrue(same.Passed);
        Assert.AreEqual(3, same.Observables.Single().Agree);
        StringAssert.Contains(same.ToMarkdown(), "3 agree; 1 observable agrees.");

        var shifted = Observed(CheckData.Result((c, t, v) => CheckData.Wave(c, t, v) + (c == 1 && v == 0 ? 1e-6 : 0), backend: "pyrates"));
        var check = CrossCheck.Compare(a, shifted);
        var o = check.Observables.Single();
        Assert.IsFalse(check.Passed);
        Assert.AreEqual(2, o.Agree);
        Assert.AreEqual(1, o.WorstCondition);
        Assert.AreEqual(1e-6, o.MaxAbsoluteError, 1e-12);
        var md = check.ToMarkdown();
        StringAssert.Contains(md, "1 of 1 observables disagree");
        StringAssert.Contains(md, "| sweep | late | 3 | **2** | #1 |");
        StringAssert.Contains(check.ToJson(), "\"observables\"");
    }

    [TestMethod]
    public void RoundOffDifferencesAgreeAndAreMeasured()
    {
        var a = CheckData.Result(CheckData.Wave);
        var b = CheckData.Result((c, t, v) => CheckData.Wave(c, t, v) * (1 + 1e-13));
        var check = CrossCheck.Compare(a, b);
        Assert.IsTrue(check.Passed);
        var v0 = check.Conditions[2].Variables[0];
        Assert.AreEqual(3.0, v0.Scale, 1e-3);
        Assert.AreEqual(3e-13, v0.MaxAbsoluteError, 1e-15);
        Assert.AreEqual(1e-13, v0.MaxRelativeError, 1e-15);
        Assert.IsTrue(v0.RmsError is > 1e-13 and < 3e-13, $"{v0.RmsError}");
        Assert.AreEqual(1e-9 + (1e-9 * v0.Scale), v0.Threshold, 1e-20);
    }

    [TestMethod]
    public void OneSamplePerturbedBy1e6FailsAndTheReportNamesConditionVariableAndTime()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var b = CheckData.With(CheckData.Result(CheckData.Wave), condition: 1, sample: 437, variable: 1, x => x + 1e-6, backend: "pyrates");
        var check = CrossCheck.Compare(a, b);
        Assert.IsFalse(check.Passed);
        var bad = check.Disagreements.Single();
        Assert.AreEqual(1, bad.Condition);
        Assert.AreEqual(CheckVerdict.Systematic, bad.Verdict);
        var y = bad.Variables[1];
        Assert.AreEqual("y", y.Variable);
        Assert.AreEqual(CheckVerdict.Systematic, y.Verdict);
        Assert.AreEqual(4.37, y.FirstExceedTime!.Value, 1e-12);
        Assert.AreEqual(4.37, y.TimeOfMaxError, 1e-12);
        Assert.AreEqual(1e-6, y.MaxAbsoluteError, 1e-12);
        Assert.AreEqual(CheckVerdict.Agree, bad.Variables[0].Verdict);
        Assert.AreEqual(4.37, bad.AgreesUntil!.Value, 1e-12);

        var md = check.ToMarkdown();
        TestContext.WriteLine(md);
        StringAssert.Contains(md, "**FAILED**: 1 of 3 conditions in 1 exploration disagree (2 agree, 1 systematic).");
        StringAssert.Contains(md, "| sweep | y | 3 | 2 | 0 | **1** | 0 | #1 (p = 2) | 1e-6 |");
        StringAssert.Contains(md, "**sweep #1 (p = 2)**: systematic difference in y: y differs by 1e-6 at t = 4.37");
    }

    [TestMethod]
    public void ADifferenceFromTheFirstSamplesIsSystematic()
    {
        // A constant offset of 1e-6: above the tolerance from sample 0, not a growth from round-off.
        var a = CheckData.Result(CheckData.Wave);
        var b = CheckData.Result((c, t, v) => CheckData.Wave(c, t, v) + (c == 0 ? 1e-6 : 0));
        var check = CrossCheck.Compare(a, b);
        var c0 = check.Conditions[0];
        Assert.AreEqual(CheckVerdict.Systematic, c0.Verdict);
        Assert.AreEqual(0.0, c0.FirstExceedTime);
        Assert.AreEqual(1e-6, c0.Variables[0].InitialDifference, 1e-12);
        StringAssert.Contains(c0.Describe(), "above the tolerance already in the first samples");
        Assert.AreEqual(CheckVerdict.Agree, check.Conditions[1].Verdict);
    }

    [TestMethod]
    public void ALinearDriftFromRoundOffIsSystematicNotSensitive()
    {
        // Grows from 1e-15 like t: passes the tolerance, but as a power of time, not exponentially.
        var a = CheckData.Result(CheckData.Wave, samples: 5000);
        var b = CheckData.Result((c, t, v) => CheckData.Wave(c, t, v) + (c == 2 ? 1e-15 + (1e-10 * t) : 0), samples: 5000);
        var c2 = CrossCheck.Compare(a, b).Conditions[2];
        Assert.AreEqual(CheckVerdict.Systematic, c2.Verdict, c2.Describe());
        TestContext.WriteLine(c2.Describe());
    }

    [TestMethod]
    public void ExponentialGrowthFromRoundOffIsSensitiveDependenceWithItsRate()
    {
        // |a - b| = 1e-15 exp(0.8 t) |cos(5t)|: an oscillating difference growing at λ = 0.8 from round-off.
        var a = CheckData.Result(CheckData.Wave, samples: 5000);
        var b = CheckData.Result((c, t, v) => CheckData.Wave(c, t, v) + (c == 1 ? 1e-15 * Math.Exp(0.8 * t) * Math.Cos(5 * t) : 0), samples: 5000);
        var check = CrossCheck.Compare(a, b, null, "native", "pyrates");
        var c1 = check.Conditions[1];
        TestContext.WriteLine(check.ToJson());
        Assert.AreEqual(CheckVerdict.SensitiveDependence, c1.Verdict, c1.Describe());
        Assert.IsFalse(c1.IsDisagreement);
        Assert.IsTrue(check.Passed);
        var g = c1.Growth!;
        Assert.AreEqual(0.8, g.Rate, 0.05);
        Assert.IsGreaterThan(0.9, g.RSquared);
        // The threshold for scale ~ 2.3 is ~3.3e-9: 1e-15 e^{0.8t} passes it near t = ln(3.3e6)/0.8 = 18.8.
        Assert.AreEqual(18.8, c1.AgreesUntil!.Value, 0.5);
        var md = check.ToMarkdown();
        TestContext.WriteLine(md);
        StringAssert.Contains(md, "**PASSED**");
        StringAssert.Contains(md, "1 sensitive dependence");
        StringAssert.Contains(md, "native and pyrates agree up to t = 18.");
        StringAssert.Contains(md, "λ = 0.8");
    }

    [TestMethod]
    public void DivergenceInOneResultIsReportedAsDivergedNamingIt()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var b = CheckData.Diverge(CheckData.Result(CheckData.Wave), condition: 2, sample: 600, backend: "pyrates");
        var check = CrossCheck.Compare(a, b);
        var c2 = check.Conditions[2];
        Assert.AreEqual(CheckVerdict.Diverged, c2.Verdict);
        Assert.AreEqual(CheckSides.B, c2.DivergedIn);
        Assert.IsTrue(c2.IsDisagreement);
        Assert.AreEqual("pyrates", c2.Divergences.Single().Label);
        Assert.AreEqual(6.0, c2.Divergences.Single().Time, 1e-12);
        Assert.AreEqual(6.0, c2.AgreesUntil!.Value, 1e-12);
        // Not a huge or NaN error: the samples from the divergence on are not compared.
        Assert.AreEqual(0.0, c2.MaxAbsoluteError);
        Assert.AreEqual(600, c2.Variables[0].ComparedSamples);
        Assert.IsTrue(c2.Variables.All(v => v.Verdict == CheckVerdict.Diverged));
        StringAssert.Contains(c2.Describe(), "diverged in pyrates only: pyrates: diverged (state not finite) at t = 6 (x)");
        Assert.IsFalse(check.Passed);
        var md = check.ToMarkdown();
        TestContext.WriteLine(md);
        StringAssert.Contains(md, "| sweep | x | 3 | 2 | 0 | 0 | **1** | #2 (p = 3) | 0 | 0 |");
        Assert.DoesNotContain("NaN", md);
        Assert.DoesNotContain("∞", md);
    }

    [TestMethod]
    public void NonFiniteSamplesWithoutARecordedFailureAreADivergenceToo()
    {
        var a = CheckData.Diverge(CheckData.Result(CheckData.Wave), condition: 0, sample: 10, backend: "a", recordFailure: false);
        var b = CheckData.Result(CheckData.Wave, backend: "b");
        var c0 = CrossCheck.Compare(a, b).Conditions[0];
        Assert.AreEqual(CheckSides.A, c0.DivergedIn);
        Assert.AreEqual(ConditionFailure.DivergedReason, c0.Divergences[0].Reason);
        Assert.AreEqual(0.1, c0.Divergences[0].Time, 1e-12);
    }

    [TestMethod]
    public void DivergenceInBothAtTheSameSampleAfterAgreeingPasses()
    {
        var a = CheckData.Diverge(CheckData.Result(CheckData.Wave), 0, 300, "native");
        var b = CheckData.Diverge(CheckData.Result(CheckData.Wave), 0, 300, "pyrates");
        var check = CrossCheck.Compare(a, b);
        var c0 = check.Conditions[0];
        Assert.AreEqual(CheckVerdict.Diverged, c0.Verdict);
        Assert.AreEqual(CheckSides.Both, c0.DivergedIn);
        Assert.IsFalse(c0.IsDisagreement);
        Assert.IsTrue(check.Passed);
        StringAssert.Contains(c0.Describe(), "diverged in both native and pyrates at the same time");

        var later = CheckData.Diverge(CheckData.Result(CheckData.Wave), 0, 301, "pyrates");
        var c0Later = CrossCheck.Compare(a, later).Conditions[0];
        Assert.IsTrue(c0Later.IsDisagreement, "diverging at different samples is a disagreement");
    }

    [TestMethod]
    public void ABackendFailureOnAConditionIsADivergenceWithItsReason()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var b = CheckData.Diverge(CheckData.Result(CheckData.Wave), 1, 0, "pyrates", recordFailure: false);
        b = new ExplorationResult(b.Grid, b.OutputNames, b.Time.ToArray(), b.Dt, b.Results.ToArray(), null, [ConditionFailure.CallFailed(1, "PyRates failed on the grid_search call of conditions 0..2: ValueError: boom")], "pyrates");
        var c1 = CrossCheck.Compare(a, b).Conditions[1];
        Assert.AreEqual(CheckVerdict.Diverged, c1.Verdict);
        Assert.AreEqual(0, c1.Variables[0].ComparedSamples);
        StringAssert.Contains(c1.Describe(), "ValueError: boom at t = 0");
        StringAssert.Contains(c1.Describe(), "no sample before it could be compared");
    }

    [TestMethod]
    public void OutputsAreMatchedByName()
    {
        var a = CheckData.Result(CheckData.Wave);
        var b = CheckData.Result((c, t, v) => CheckData.Wave(c, t, 1 - v), outputs: ["y", "x"]);
        Assert.IsTrue(CrossCheck.Compare(a, b).Passed);
    }

    [TestMethod]
    public void MismatchedGridsAreErrorsNamingTheMismatch()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, axis: [1.0, 2.0], backend: "pyrates")));
        StringAssert.Contains(ex.Message, "native has 3 conditions (shape 3), pyrates has 2 (shape 2)");
        ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, axis: [1.0, 2.5, 3.0], backend: "pyrates")));
        StringAssert.Contains(ex.Message, "condition 1 has p = 2 in native and 2.5 in pyrates");
        ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, parameter: "q", backend: "pyrates")));
        StringAssert.Contains(ex.Message, "native varies (p), pyrates varies (q)");
    }

    [TestMethod]
    public void MismatchedOutputsAreErrorsNamingThem()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, outputs: ["x", "z"], backend: "pyrates")));
        StringAssert.Contains(ex.Message, "the outputs differ: native has (x, y), pyrates has (x, z); missing in pyrates: y; missing in native: z");
    }

    [TestMethod]
    public void MismatchedTimeGridsAreErrorsComparingTimesNotOnlyCounts()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, samples: 500, dt: 0.02, backend: "pyrates")));
        StringAssert.Contains(ex.Message, "the time grids differ: native has 1000 samples from t = 0 to 9.99 (step 0.01), pyrates has 500 samples from t = 0 to 9.98 (step 0.02)");

        // Same number of samples, shifted by one step (e.g. a transient handled differently).
        var shifted = Enumerable.Range(1, 1000).Select(k => k * 0.01).ToArray();
        ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, CheckData.Result(CheckData.Wave, time: shifted, backend: "pyrates")));
        StringAssert.Contains(ex.Message, "the time grids differ at sample 0: t = 0 in native, t = 0.01 in pyrates");
    }

    [TestMethod]
    public void SummaryOnlyResultsAreRejected()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var summary = new ExplorationResult(a.Grid, a.OutputNames, a.Time.ToArray(), a.Dt, null, a.Summarize(), [], "pyrates");
        var ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, summary));
        StringAssert.Contains(ex.Message, "the result of pyrates holds a summary only");
    }

    [TestMethod]
    public void ExperimentsMustHoldTheSameExplorations()
    {
        var a = new ExperimentResult("native", [CheckData.Result(CheckData.Wave)]);
        var b = new ExperimentResult("pyrates", []);
        var ex = Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, b));
        StringAssert.Contains(ex.Message, "missing in pyrates: sweep");
    }

    [TestMethod]
    public void TheSameBackendOnBothSidesIsLabelledAAndB()
    {
        var check = CrossCheck.Compare(new ExperimentResult("native", [CheckData.Result(CheckData.Wave)]), new ExperimentResult("native", [CheckData.Result(CheckData.Wave)]));
        Assert.AreEqual("native (A)", check.LabelA);
        Assert.AreEqual("native (B)", check.LabelB);
        Assert.IsTrue(check.Passed);
        Assert.AreSame(check.Explorations[0], check["sweep"]);
    }

    [TestMethod]
    public void InvalidTolerancesAreRejected()
    {
        var a = CheckData.Result(CheckData.Wave);
        Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, a, new CheckTolerance(-1, 0)));
        Assert.IsTrue(CrossCheck.Compare(a, a, new CheckTolerance(0, 0)).Passed, "0 asks for bit-identical results");
        Assert.ThrowsExactly<CrossCheckException>(() => CrossCheck.Compare(a, a, new CheckTolerance(double.NaN, 1e-9)));
    }

    [TestMethod]
    public void ToleranceDefaultsFollowTheMethod()
    {
        var s = new Tvbo.Experiment.IntegrationSettings { Method = Tvbo.Experiment.IntegrationMethod.Euler };
        Assert.AreEqual(CheckTolerance.Default, CheckTolerance.For(s));
        s.Method = Tvbo.Experiment.IntegrationMethod.RK45;
        s.AbsoluteTolerance = 1e-8;
        s.RelativeTolerance = 1e-6;
        Assert.AreEqual(1e-5, CheckTolerance.For(s).Absolute, 1e-20);
        Assert.AreEqual(1e-3, CheckTolerance.For(s).Relative, 1e-18);
        s.AbsoluteTolerance = 1e-14;
        s.RelativeTolerance = 1e-15;
        Assert.AreEqual(CheckTolerance.Default, CheckTolerance.For(s));
    }

    [TestMethod]
    public void TheJsonReportHoldsEverything()
    {
        var a = CheckData.Result(CheckData.Wave, backend: "native");
        var b = CheckData.With(CheckData.Result(CheckData.Wave), 1, 437, 1, x => x + 1e-6, backend: "pyrates");
        var json = CrossCheck.Compare(new ExperimentResult("native", [a]), new ExperimentResult("pyrates", [b])).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.AreEqual("native", root.GetProperty("a").GetString());
        Assert.IsFalse(root.GetProperty("passed").GetBoolean());
        Assert.AreEqual(1e-9, root.GetProperty("tolerance").GetProperty("absolute").GetDouble());
        Assert.AreEqual(1, root.GetProperty("counts").GetProperty("systematic").GetInt32());
        var e = root.GetProperty("explorations")[0];
        Assert.AreEqual("sweep", e.GetProperty("name").GetString());
        Assert.AreEqual(1000, e.GetProperty("time").GetProperty("samples").GetInt32());
        var c1 = e.GetProperty("conditions")[1];
        Assert.AreEqual(2.0, c1.GetProperty("parameters").GetProperty("p").GetDouble());
        Assert.AreEqual("systematic", c1.GetProperty("verdict").GetString());
        Assert.IsTrue(c1.GetProperty("disagreement").GetBoolean());
        var y = c1.GetProperty("variables")[1];
        Assert.AreEqual("y", y.GetProperty("variable").GetString());
        Assert.AreEqual(4.37, y.GetProperty("first_exceed_time").GetDouble(), 1e-12);
        Assert.AreEqual(JsonValueKind.Null, e.GetProperty("conditions")[0].GetProperty("agrees_until").ValueKind);
        Assert.AreEqual(1, e.GetProperty("variables")[1].GetProperty("worst_condition").GetInt32());
    }
}
