using Tvbo.Results;

namespace Tvbo.PyRates.Tests.Support;

internal static class Compare
{
    /// <summary>Largest relative difference between a result's condition and a reference series [time, variable];
    /// NaN samples of the result (after a reported failure) are skipped.</summary>
    public static double MaxRelativeError(ExplorationResult result, int condition, double[] reference)
    {
        var block = result.ConditionSeries(condition);
        Assert.HasCount(reference.Length, block.ToArray());
        var worst = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            if (double.IsNaN(block[i]) && result.Failures.Any(f => f.Condition == condition))
            {
                continue;
            }

            var e = Math.Abs(block[i] - reference[i]) / Math.Max(1.0, Math.Abs(reference[i]));
            worst = double.IsNaN(e) ? double.PositiveInfinity : Math.Max(worst, e);
        }

        return worst;
    }
}
