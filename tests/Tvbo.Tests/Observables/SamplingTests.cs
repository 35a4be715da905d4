using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary><c>temporal_average</c> and <c>subsample</c> against numpy.</summary>
[TestClass]
public sealed class SamplingTests
{
    [TestMethod]
    [DataRow(1003, 0.1, 0.5)]
    [DataRow(1000, 0.1, 0.1)]
    [DataRow(999, 0.05, 1.0)]
    public void TemporalAverageAndSubsampleEqualNumpy(int samples, double interval, double period)
    {
        const int channels = 3;
        var x = Series(samples, channels, samples);
        var k = (int)Math.Round(period / interval);
        var blocks = samples / k;
        var average = Function("temporal_average");
        var sub = Function("subsample");
        var args = new Dictionary<string, double> { ["period"] = period };
        var context = Context(average, channels, samples, interval, args);
        var dims = average.Dimensions(context);
        Assert.AreEqual("time", dims[0].Name);
        Assert.AreEqual(blocks, dims[0].Length);
        for (var b = 0; b < blocks; b++)
        {
            Assert.AreEqual((((b + 1) * k) - 1) * interval, dims[0].Values![b], 1e-12 * samples * interval);
        }

        CollectionAssert.AreEqual(dims[0].Values!.ToArray(), sub.Dimensions(context).First().Values!.ToArray());
        var code = string.Create(CultureInfo.InvariantCulture, $"k = {k}\nn = X.shape[0] // k\nout = np.concatenate([X[:n * k].reshape(n, k, X.shape[1]).mean(axis=1).ravel(), X[k - 1::k][:n].ravel()])");
        var expected = NumpyReference.Run(code, ("X", x, [samples, channels]));
        Assert.HasCount(2 * blocks * channels, expected);
        Close(expected[..(blocks * channels)], Apply(average, context, x), 1e-12);
        var subsampled = Apply(sub, context, x);
        CollectionAssert.AreEqual(expected[(blocks * channels)..], subsampled);
    }

    [TestMethod]
    [DataRow(0.25)]
    [DataRow(0.0)]
    [DataRow(-0.2)]
    [DataRow(double.NaN)]
    public void APeriodThatIsNotAPositiveMultipleOfTheIntervalIsRefused(double period)
    {
        foreach (var name in new[] { "temporal_average", "subsample" })
        {
            var f = Function(name);
            var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 100, 0.1, new() { ["period"] = period })));
            StringAssert.Contains(ex.Message, $"{name}: argument 'period' is");
            StringAssert.Contains(ex.Message, "positive multiple of the sample interval 0.1");
        }
    }

    [TestMethod]
    public void APeriodLongerThanTheRunIsRefused()
    {
        var f = Function("subsample");
        var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 100, 0.1, new() { ["period"] = 20 })));
        StringAssert.Contains(ex.Message, "200 samples, but the run has only 100");
    }
}
