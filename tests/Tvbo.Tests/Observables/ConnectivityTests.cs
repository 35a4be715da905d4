using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary><c>fc</c> and <c>fc_correlation</c> against <c>numpy.corrcoef</c>. Correlations are compared within
/// 1e-12 absolute (they lie in [−1, 1]; a near-zero correlation has no meaningful relative error).</summary>
[TestClass]
public sealed class ConnectivityTests
{
    [TestMethod]
    public void FcEqualsNumpyCorrcoefWithAConstantChannelNaN()
    {
        const int samples = 800, channels = 5;
        var x = Series(samples, channels, 4);
        for (var s = 0; s < samples; s++)
        {
            x[(s * channels) + 2] = 3.25;
        }

        var f = Function("fc");
        var context = Context(f, channels, samples, 0.1, new() { ["window"] = 0.7 });
        CollectionAssert.AreEqual(new[] { "channel", "channel_2" }, f.Dimensions(context).Select(d => d.Name).ToArray());
        var count = (int)Math.Ceiling(0.7 * samples);
        var expected = NumpyReference.Run(string.Create(CultureInfo.InvariantCulture, $"out = np.corrcoef(X[-{count}:].T)"), ("X", x, [samples, channels]));
        Assert.IsTrue(double.IsNaN(expected[(2 * channels) + 2]) && double.IsNaN(expected[2]), "numpy gives NaN in a constant channel's row and column");
        var actual = Apply(f, context, x);
        Close(expected, actual, 1e-12, _ => 1);
        Assert.IsTrue(actual.Count(double.IsNaN) == (2 * channels) - 1);
    }

    [TestMethod]
    public void AnAffineCopyCorrelatesFullyAndANegatedCopyAntiCorrelates()
    {
        const int samples = 300;
        var walk = Series(samples, 1, 2);
        var x = new double[samples * 3];
        for (var s = 0; s < samples; s++)
        {
            x[s * 3] = walk[s];
            x[(s * 3) + 1] = (2 * walk[s]) + 1;
            x[(s * 3) + 2] = -3 * walk[s];
        }

        var f = Function("fc");
        var fc = Apply(f, Context(f, 3, samples, 0.1), x);
        Assert.AreEqual(1.0, fc[1], 1e-15);
        Assert.AreEqual(1.0, fc[3], 1e-15);
        Assert.AreEqual(-1.0, fc[2], 1e-15);
        Assert.AreEqual(-1.0, fc[5], 1e-15);
        Assert.IsTrue(fc.All(v => v is >= -1 and <= 1));
    }

    [TestMethod]
    public void FcCorrelationEqualsNumpy()
    {
        const int samples = 600, channels = 6;
        var x = Series(samples, channels, 17);
        var random = new Random(3);
        var empirical = new double[channels, channels];
        var flat = new double[channels * channels];
        for (var a = 0; a < channels; a++)
        {
            for (var b = a; b < channels; b++)
            {
                var v = a == b ? 1 : (2 * random.NextDouble()) - 1;
                empirical[a, b] = empirical[b, a] = v;
                flat[(a * channels) + b] = flat[(b * channels) + a] = v;
            }
        }

        // The lower triangle must not matter: spoil it in the copy the function sees.
        empirical[3, 1] = 99;
        var f = Function("fc_correlation");
        var context = Context(f, channels, samples, 0.1, new() { ["window"] = 0.5 }, new() { ["empirical"] = empirical });
        Assert.IsEmpty(f.Dimensions(context));
        var count = (int)Math.Ceiling(0.5 * samples);
        var expected = NumpyReference.Run(
            string.Create(CultureInfo.InvariantCulture, $"fc = np.corrcoef(X[-{count}:].T)\niu = np.triu_indices({channels}, 1)\nout = [np.corrcoef(fc[iu], E[iu])[0, 1]]"),
            ("X", x, [samples, channels]),
            ("E", flat, [channels, channels]));
        Close(expected, Apply(f, context, x), 1e-12, _ => 1);

        // Against its own fc: exactly correlated.
        var fc = Function("fc");
        var own = Apply(fc, Context(fc, channels, samples, 0.1, new() { ["window"] = 0.5 }), x);
        var self = new double[channels, channels];
        Buffer.BlockCopy(own, 0, self, 0, own.Length * sizeof(double));
        Assert.AreEqual(1.0, Apply(f, Context(f, channels, samples, 0.1, new() { ["window"] = 0.5 }, new() { ["empirical"] = self }), x)[0], 1e-15);
    }

    [TestMethod]
    public void FcCorrelationWithoutOrWithAWrongSizedMatrixIsRefused()
    {
        var f = Function("fc_correlation");
        var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 4, 100, 0.1)));
        StringAssert.Contains(ex.Message, "fc_correlation: needs an empirical matrix: give the observation's 'empirical' the name of one of the network's observational_measures");
        ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 4, 100, 0.1, null, new() { ["empirical"] = new double[5, 5] })));
        StringAssert.Contains(ex.Message, "5 × 5");
        StringAssert.Contains(ex.Message, "4 × 4");
    }
}
