using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary><c>bold</c> against TVB's own Bold monitor (tvb-library's source at /tmp/tvb-root, run by numpy's Python)
/// fed the same states step by step. Values are compared within 1e-12 of the largest |BOLD| + k_1·V_0: the value is
/// (Σ − 1)·k_1·V_0 and the sum's rounding (BLAS's order against ours) is relative to its terms, not to the difference.</summary>
[TestClass]
public sealed class BoldTests
{
    private const string TvbLibrary = "/tmp/tvb-root/tvb_library";

    [TestMethod]
    [DataRow(20000, 0.5, 500.0, 2000.0)]
    [DataRow(12000, 0.3, 150.0, 3000.0)]
    [DataRow(46000, 1.0, 2000.0, 20000.0)]
    public void BoldEqualsTvbsBoldMonitor(int samples, double interval, double period, double hrfLength)
    {
        if (!File.Exists(Path.Combine(TvbLibrary, "tvb", "simulator", "monitors.py")))
        {
            Assert.Inconclusive($"TVB's source is not at {TvbLibrary}.");
        }

        const int channels = 3;
        var x = Series(samples, channels, 31);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Tanh(x[i] / 4);
        }

        var f = Function("bold");
        var context = Context(f, channels, samples, interval, new() { ["period"] = period, ["hrf_length"] = hrfLength });
        var code = string.Create(CultureInfo.InvariantCulture, $"""
            sys.path.insert(0, '{TvbLibrary}')
            from types import SimpleNamespace as NS
            import tvb.simulator.monitors as monitors
            mon = monitors.Bold(period={period:R}, hrf_length={hrfLength:R})
            mon.voi = np.array([0])
            mon._config_time(NS(integrator=NS(dt={interval:R}), number_of_nodes=X.shape[1], model=NS(number_of_modes=1)))
            times, values = [], []
            for step in range(1, X.shape[0] + 1):
                r = mon.sample(step, X[step - 1][np.newaxis, :, np.newaxis])
                if r is not None:
                    times.append(r[0]); values.append(r[1].ravel())
            out = np.concatenate([times, np.ravel(values)])
            """);
        var expected = NumpyReference.Run(code, ("X", x, [samples, channels]));
        var dims = f.Dimensions(context);
        var n = dims[0].Length;
        Assert.IsGreaterThan(2, n);
        Assert.HasCount(n * (channels + 1), expected, "TVB gives another number of BOLD samples");
        for (var b = 0; b < n; b++)
        {
            Assert.AreEqual(expected[b], dims[0].Values![b] + interval, 1e-9, "TVB's time is one sample interval after the block's last sample");
        }

        var bold = expected[n..];
        var actual = Apply(f, context, x);
        Assert.IsTrue(bold.Distinct().Count() > n, "the reference should vary");
        var scale = bold.Max(Math.Abs) + (5.6 * 0.02);
        Close(bold, actual, 1e-12, _ => scale);
    }

    [TestMethod]
    public void BadBoldArgumentsAreRefused()
    {
        var f = Function("bold");
        var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 10000, 0.1, new() { ["period"] = 1000.05 })));
        StringAssert.Contains(ex.Message, "bold: argument 'period' is 1000.05");
        ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 30000, 0.1, new() { ["hrf_length"] = -1 })));
        StringAssert.Contains(ex.Message, "bold: argument 'hrf_length' is -1");
        ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 10000, 10, new() { ["period"] = 2000 })));
        StringAssert.Contains(ex.Message, "sample interval below 8 ms");
    }
}
