using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Reference;

/// <summary>Euler, float64: the native backend reproduces PyRates 1.2.3's own results on every given sample.</summary>
[TestClass]
public sealed class PyRatesReferenceTests
{
    private const double Tolerance = 1e-9;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void VdpMuSweepMatchesPyRates()
    {
        var exp = TestExperiments.Experiment(GuideModels.VdP(), 50, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("mu", Domain.Range(0.1, 10, 6))));
        Check(exp, "vdp_mu6_euler_f64_series.csv", "summary_vdp_mu6_euler_f64.csv");
    }

    [TestMethod]
    public void QifEtaSweepMatchesPyRates()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 200, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 15))));
        Check(exp, "qif_eta15_f64_series_every10.csv", "summary_qif_eta15_f64.csv");
    }

    [TestMethod]
    public void QifEtaJProductMatchesPyRates()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 50, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 4)), ("J", Domain.Range(5, 25, 3))));
        Check(exp, "qif_eta4xJ3_product_f64_series_every10.csv", "summary_qif_eta4xJ3_product_f64.csv");
    }

    [TestMethod]
    public void QifEtaJZipMatchesPyRates()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 50, 0.005, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Zip, ("eta", Domain.Range(-10, 5, 4)), ("J", Domain.Range(5, 25, 4))));
        Check(exp, "qif_eta4_J4_zip_f64_series_every10.csv", "summary_qif_eta4_J4_zip_f64.csv");
    }

    private void Check(SimulationExperiment exp, string seriesFile, string summaryFile)
    {
        var result = exp.Run("native").Explorations["sweep"];
        Assert.IsEmpty(result.Failures);
        var reference = ReferenceData.Load(seriesFile);
        var summary = ReferenceData.LoadSummary(summaryFile);
        var map = ReferenceData.MapConditions(summary, result.Grid);
        var dt = exp.Integration.StepSize;
        var maxError = 0.0;
        var compared = 0L;
        foreach (var (column, values) in reference.Series)
        {
            var parts = column.Split('|');
            var condition = map[parts[1]];
            var v = result.VariableIndex(parts[0]);
            for (var row = 0; row < values.Length; row++)
            {
                var sample = (int)Math.Round(reference.Time[row] / dt);
                Assert.AreEqual(reference.Time[row], result.Time.Span[sample], 1e-12, "time grid");
                var error = Math.Abs(result[condition, sample, v] - values[row]);
                Assert.IsLessThanOrEqualTo(Tolerance, error, $"{column} at t = {reference.Time[row]}: native {result[condition, sample, v]:R}, PyRates {values[row]:R}");
                maxError = Math.Max(maxError, error);
                compared++;
            }
        }

        // The summaries PyRates' side computed over all samples (same window convention).
        var stats = result.Summarize();
        var summaryError = 0.0;
        foreach (var (name, row) in summary)
        {
            var c = map[name];
            for (var v = 0; v < result.OutputNames.Count; v++)
            {
                var o = result.OutputNames[v];
                var i = (c * result.OutputNames.Count) + v;
                foreach (var (key, actual) in new[] { ("first", stats.First.Span[i]), ("final", stats.Final.Span[i]), ("last20_min", stats.Min.Span[i]), ("last20_max", stats.Max.Span[i]), ("last20_mean", stats.Mean.Span[i]) })
                {
                    var error = Math.Abs(actual - row[$"{o}_{key}"]);
                    Assert.IsLessThanOrEqualTo(Tolerance, error, $"{name} {o}_{key}");
                    summaryError = Math.Max(summaryError, error);
                }
            }
        }

        Assert.AreEqual(reference.Series.Count * reference.Time.Length, compared);
        TestContext.WriteLine($"{seriesFile}: {compared} samples, max |native - PyRates| = {maxError:E3}; summaries max error {summaryError:E3}");
    }
}
