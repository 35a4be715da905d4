using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary><c>psd</c>, <c>peak_frequency</c> and <c>peak_power</c> against <c>scipy.signal.welch</c>. The densities
/// are compared within 1e-12 of each channel's largest density rather than of each bin: bins far below the peak carry
/// the FFT's rounding of the whole segment (about 1e-16 of its energy), which differs between pocketfft and ours and is
/// a larger fraction of a tiny bin.</summary>
[TestClass]
public sealed class SpectrumTests
{
    [TestMethod]
    [DataRow(1, 2, 8, 1)]
    [DataRow(2, 3, 5, 7, 12)]
    [DataRow(100, 127, 128, 255, 256)]
    [DataRow(300, 1000, 1024, 1031, 4099)]
    public void TheRealDftEqualsNumpysRfft(int first, int second, int third, int fourth, int fifth = 0)
    {
        foreach (var n in new[] { first, second, third, fourth, fifth }.Where(n => n > 0))
        {
            var x = Series(n, 1, n);
            var dft = new RealDft(n);
            var re = new double[dft.Bins];
            var im = new double[dft.Bins];
            dft.Transform(x, re, im);
            var expected = NumpyReference.Run("X = np.fft.rfft(x)\nout = np.concatenate([X.real, X.imag])", ("x", x, [n]));
            var scale = expected.Max(Math.Abs);
            Close(expected, [.. re, .. im], 1e-12, _ => scale);
        }
    }

    [TestMethod]
    [DataRow(2000, 3, 0.1, 1.0, 256.0)]
    [DataRow(2000, 2, 0.1, 0.6, 300.0)]
    [DataRow(1501, 2, 0.5, 1.0, 255.0)]
    [DataRow(1001, 2, 1.0, 1.0, 5000.0)]
    [DataRow(500, 1, 0.05, 0.5, 1.0)]
    public void PsdEqualsScipyWelch(int samples, int channels, double interval, double window, double segment)
    {
        var x = Series(samples, channels, samples + channels);
        var f = Function("psd");
        var context = Context(f, channels, samples, interval, new() { ["window"] = window, ["segment"] = segment });
        var count = (int)Math.Ceiling(window * samples);
        var reference = NumpyReference.Run(
            string.Create(CultureInfo.InvariantCulture, $"f, P = signal.welch(X[-{count}:].T, fs=1000 / {interval:R}, nperseg={(int)segment})\nout = np.concatenate([f, P.ravel()])"),
            ("X", x, [samples, channels]));
        var dims = f.Dimensions(context);
        Assert.AreEqual("frequency", dims[1].Name);
        Assert.AreEqual("Hz", dims[1].Unit);
        var bins = dims[1].Length;
        Assert.AreEqual(reference.Length, bins * (channels + 1), "the number of frequencies differs from scipy's");
        Close(reference[..bins], [.. dims[1].Values!], 1e-12, _ => reference[bins - 1]);
        var expected = reference[bins..];
        var actual = Apply(f, context, x);
        Assert.IsTrue(actual.All(double.IsFinite));
        Close(expected, actual, 1e-12, i => expected.Skip(i / bins * bins).Take(bins).Max());
    }

    [TestMethod]
    [DataRow(256.0, 0.0, double.PositiveInfinity)]
    [DataRow(200.0, 30.0, 120.0)]
    [DataRow(333.0, 5.0, 5.0 + (1000.0 / 333))]
    public void PeakFrequencyAndPowerEqualScipy(double segment, double fmin, double fmax)
    {
        const int samples = 3000, channels = 3;
        const double interval = 1.0;
        var x = Series(samples, channels, 21);
        for (var s = 0; s < samples; s++)
        {
            // Oscillations of 10, 45 and 80 Hz on the random walks.
            for (var k = 0; k < channels; k++)
            {
                x[(s * channels) + k] += Math.Sin(2 * Math.PI * (10 + (35 * k)) * s / 1000.0);
            }
        }

        var args = new Dictionary<string, double> { ["segment"] = segment, ["fmin"] = fmin, ["fmax"] = fmax };
        var freq = Function("peak_frequency");
        var power = Function("peak_power");
        var expected = NumpyReference.Run(
            string.Create(CultureInfo.InvariantCulture, $"f, P = signal.welch(X.T, fs=1000.0, nperseg={(int)segment})\nband = (f >= {fmin:R}) & (f <= {(double.IsInfinity(fmax) ? "np.inf" : fmax.ToString("R", CultureInfo.InvariantCulture))}) & (f > 0)\ni = np.argmax(np.where(band, P, -np.inf), axis=1)\nout = np.concatenate([f[i], P[np.arange(P.shape[0]), i]])"),
            ("X", x, [samples, channels]));
        var context = Context(freq, channels, samples, interval, args);
        Assert.AreEqual("channel", freq.Dimensions(context).Single().Name);
        var f = Apply(freq, context, x);
        var p = Apply(power, Context(power, channels, samples, interval, args), x);
        Close(expected[..channels], f, 1e-12);
        Close(expected[channels..], p, 1e-12);
        Assert.IsTrue(f.All(v => v >= fmin && v <= fmax && v > 0), string.Join(", ", f));
    }

    [TestMethod]
    public void APureTenHertzSineHasItsPeakWithinOneBinOfTenHertz()
    {
        const int samples = 4000;
        var x = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            x[s] = Math.Sin(2 * Math.PI * 10 * s / 1000.0);
        }

        var f = Function("peak_frequency");
        Assert.AreEqual(10, Apply(f, Context(f, 1, samples, 1.0), x)[0], 1000.0 / 256);
        Assert.AreEqual(10, Apply(f, Context(f, 1, samples, 1.0, new() { ["segment"] = 1000 }), x)[0], 1e-12);
        var power = Function("peak_power");
        var psd = Function("psd");
        var density = Apply(psd, Context(psd, 1, samples, 1.0, new() { ["segment"] = 1000 }), x);
        Assert.AreEqual(density.Max(), Apply(power, Context(power, 1, samples, 1.0, new() { ["segment"] = 1000 }), x)[0]);
        Assert.AreEqual(10, Array.IndexOf(density, density.Max()));
    }

    [TestMethod]
    public void BadSegmentsAndBandsAreRefused()
    {
        var f = Function("peak_frequency");
        var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 1, 1000, 1.0, new() { ["segment"] = 10.5 })));
        StringAssert.Contains(ex.Message, "peak_frequency: argument 'segment' is 10.5");
        StringAssert.Contains(ex.Message, "positive integer");
        ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 1, 1000, 1.0, new() { ["fmin"] = 50, ["fmax"] = 20 })));
        StringAssert.Contains(ex.Message, "'fmin' = 50 and 'fmax' = 20");
        ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 1, 1000, 1.0, new() { ["fmin"] = 600 })));
        StringAssert.Contains(ex.Message, "holds no frequency");
        var psd = Function("psd");
        ex = Assert.Throws<ObservableException>(() => psd.Dimensions(Context(psd, 1, 1000, 1.0, new() { ["window"] = 2 })));
        StringAssert.Contains(ex.Message, "psd: argument 'window' is 2");
    }
}
