using Tvbo.Results;

namespace Tvbo.Native.Tests.Summaries;

/// <summary>The one summary rule (SummaryAccumulator) on series with NaN, ±inf and ties: equal, bit for bit, to the
/// rule written out directly (a NaN in the window makes min, max and mean NaN; ±inf flow through min, max and the
/// sum), whether the samples come one at a time or as whole series.</summary>
[TestClass]
public sealed class SummaryRuleTests
{
    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, 2.5];

    [TestMethod]
    public void NaNInTheWindowMakesMinMaxAndMeanNaN()
    {
        var s = Summarise([1, 2, double.NaN, 3, 4], window: 0.6);
        Assert.IsTrue(double.IsNaN(s.Min.Span[0]) && double.IsNaN(s.Max.Span[0]) && double.IsNaN(s.Mean.Span[0]));
        Assert.AreEqual(1.0, s.First.Span[0]);
        Assert.AreEqual(4.0, s.Final.Span[0]);
    }

    [TestMethod]
    public void NaNBeforeTheWindowIsOnlyInFirst()
    {
        var s = Summarise([double.NaN, 2, 3, 4, 5], window: 0.4);
        Assert.IsTrue(double.IsNaN(s.First.Span[0]));
        Assert.AreEqual(4.0, s.Min.Span[0]);
        Assert.AreEqual(5.0, s.Max.Span[0]);
        Assert.AreEqual(4.5, s.Mean.Span[0]);
    }

    [TestMethod]
    public void InfinitiesFlowThroughMinMaxAndTheSum()
    {
        var plus = Summarise([0, 1, double.PositiveInfinity, 3], window: 1.0);
        Assert.AreEqual(0.0, plus.Min.Span[0]);
        Assert.AreEqual(double.PositiveInfinity, plus.Max.Span[0]);
        Assert.AreEqual(double.PositiveInfinity, plus.Mean.Span[0]);
        var minus = Summarise([0, double.NegativeInfinity, 1, 3], window: 1.0);
        Assert.AreEqual(double.NegativeInfinity, minus.Min.Span[0]);
        Assert.AreEqual(3.0, minus.Max.Span[0]);
        Assert.AreEqual(double.NegativeInfinity, minus.Mean.Span[0]);
    }

    [TestMethod]
    public void BothInfinitiesMakeTheSumAndSoMinAndMaxNaN()
    {
        var s = Summarise([0, double.NegativeInfinity, 1, double.PositiveInfinity], window: 1.0);
        Assert.IsTrue(double.IsNaN(s.Min.Span[0]) && double.IsNaN(s.Max.Span[0]) && double.IsNaN(s.Mean.Span[0]));
    }

    [TestMethod]
    public void OfTiedSamplesTheFirstIsKept()
    {
        var s = Summarise([5, 0.0, -0.0, 7, -0.0, 0.0], window: 1.0);
        Assert.IsTrue(double.IsPositive(s.Min.Span[0]) && s.Min.Span[0] == 0, "0.0 came before -0.0");
        var t = Summarise([5, -0.0, 0.0, -3, 5], window: 0.8);
        Assert.AreEqual(-3.0, t.Min.Span[0]);
        Assert.AreEqual(5.0, t.Max.Span[0]);
        var u = Summarise([1, -0.0, 0.0], window: 1.0);
        Assert.IsTrue(double.IsNegative(u.Min.Span[0]), "-0.0 came before 0.0");
    }

    [TestMethod]
    public void EveryPathEqualsTheRuleWrittenOut()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 400; trial++)
        {
            int conditions = random.Next(1, 4), samples = random.Next(1, 12), variables = random.Next(1, 3);
            var series = new double[conditions * samples * variables];
            for (var i = 0; i < series.Length; i++)
            {
                series[i] = random.NextDouble() < 0.3 ? Specials[random.Next(Specials.Length)] : Math.Round(random.NextDouble() * 4, 1) - 2;
            }

            var window = random.Next(1, 11) / 10.0;
            var expected = WrittenOut(series, conditions, samples, variables, window);
            AssertBitwiseEqual(expected, SummaryStatistics.FromSeries(series, conditions, samples, variables, window));
            AssertBitwiseEqual(expected, SampleBySample(series, conditions, samples, variables, window));
        }
    }

    /// <summary>The rule as SummaryStatistics.FromSeries wrote it before it used SummaryAccumulator.</summary>
    internal static SummaryStatistics WrittenOut(double[] series, int conditions, int samples, int variables, double window)
    {
        var n = conditions * variables;
        double[] first = new double[n], final = new double[n], min = new double[n], max = new double[n], mean = new double[n];
        var start = SummaryStatistics.WindowStartFor(samples, window);
        for (var c = 0; c < conditions; c++)
        {
            for (var v = 0; v < variables; v++)
            {
                var at = (c * samples * variables) + v;
                var i = (c * variables) + v;
                first[i] = series[at];
                final[i] = series[at + ((samples - 1) * variables)];
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity, sum = 0;
                for (var t = start; t < samples; t++)
                {
                    var x = series[at + (t * variables)];
                    lo = x < lo || double.IsNaN(x) ? x : lo;
                    hi = x > hi || double.IsNaN(x) ? x : hi;
                    sum += x;
                }

                min[i] = double.IsNaN(sum) ? double.NaN : lo;
                max[i] = double.IsNaN(sum) ? double.NaN : hi;
                mean[i] = sum / (samples - start);
            }
        }

        return new SummaryStatistics(conditions, variables, start, first, final, min, max, mean);
    }

    internal static void AssertBitwiseEqual(SummaryStatistics expected, SummaryStatistics actual, string context = "")
    {
        Assert.AreEqual(expected.WindowStart, actual.WindowStart, context);
        foreach (var (name, e, a) in new[] { ("first", expected.First, actual.First), ("final", expected.Final, actual.Final), ("min", expected.Min, actual.Min), ("max", expected.Max, actual.Max), ("mean", expected.Mean, actual.Mean) })
        {
            Assert.AreEqual(e.Length, a.Length, $"{context} {name}");
            ReadOnlySpan<double> es = e.Span, acts = a.Span;
            for (var i = 0; i < es.Length; i++)
            {
                Assert.IsTrue(Same(es[i], acts[i]), $"{context} {name}[{i}]: {acts[i]:R} vs {es[i]:R}");
            }
        }
    }

    /// <summary>The same bits, or both NaN (the payload of a NaN is not part of the rule).</summary>
    private static bool Same(double e, double a) =>
        (double.IsNaN(e) && double.IsNaN(a)) || BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a);

    private static SummaryStatistics SampleBySample(double[] series, int conditions, int samples, int variables, double window)
    {
        var accumulator = new SummaryAccumulator(conditions, variables, samples, SummaryStatistics.WindowStartFor(samples, window));
        for (var c = 0; c < conditions; c++)
        {
            for (var t = 0; t < samples; t++)
            {
                accumulator.Add(c, t, series.AsSpan(((c * samples) + t) * variables, variables));
            }
        }

        return accumulator.ToStatistics();
    }

    private static SummaryStatistics Summarise(double[] series, double window) =>
        SummaryStatistics.FromSeries(series, 1, series.Length, 1, window);
}
