using System.Globalization;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary><c>order_parameter</c> and <c>phase_locking</c>.</summary>
[TestClass]
public sealed class PhaseTests
{
    private static double[] Phases(int samples, int channels, int seed)
    {
        // Phases that drift at different speeds and wrap beyond 2π, with noise: partly locked channels.
        var random = new Random(seed);
        var x = new double[samples * channels];
        for (var k = 0; k < channels; k++)
        {
            var speed = 0.05 + (0.01 * (k % 3));
            for (var s = 0; s < samples; s++)
            {
                x[(s * channels) + k] = (speed * s) + k + (0.8 * (random.NextDouble() - 0.5));
            }
        }

        return x;
    }

    [TestMethod]
    public void OrderParameterEqualsNumpy()
    {
        const int samples = 1500, channels = 7;
        var x = Phases(samples, channels, 3);
        var f = Function("order_parameter");
        var context = Context(f, channels, samples, 0.1, new() { ["window"] = 0.5 });
        Assert.IsEmpty(f.Dimensions(context));
        var count = (int)Math.Ceiling(0.5 * samples);
        var expected = NumpyReference.Run(string.Create(CultureInfo.InvariantCulture, $"w = X[-{count}:]\nout = [np.mean(np.abs(np.mean(np.exp(1j * w), axis=1)))]"), ("X", x, [samples, channels]));
        var actual = Apply(f, context, x);
        Assert.IsTrue(actual[0] is > 0.05 and < 0.95, $"R = {actual[0]}: the test series should be partly synchronised");
        Close(expected, actual, 1e-12);
    }

    [TestMethod]
    public void IdenticalPhasesGiveOneAndUniformlySpreadPhasesGiveZero()
    {
        const int samples = 400, channels = 6;
        var random = new Random(5);
        var same = new double[samples * channels];
        var spread = new double[samples * channels];
        for (var s = 0; s < samples; s++)
        {
            var theta = 20 * (random.NextDouble() - 0.5);
            for (var k = 0; k < channels; k++)
            {
                same[(s * channels) + k] = theta;
                spread[(s * channels) + k] = theta + (2 * Math.PI * k / channels);
            }
        }

        var f = Function("order_parameter");
        var context = Context(f, channels, samples, 0.1);
        Assert.AreEqual(1.0, Apply(f, context, same)[0], 1e-15);
        Assert.AreEqual(0.0, Apply(f, context, spread)[0], 1e-14);
    }

    [TestMethod]
    public void PhaseLockingEqualsNumpy()
    {
        const int samples = 1200, channels = 5;
        var x = Phases(samples, channels, 8);
        var f = Function("phase_locking");
        var context = Context(f, channels, samples, 0.1, new() { ["window"] = 0.8 });
        var dims = f.Dimensions(context);
        CollectionAssert.AreEqual(new[] { "channel", "channel_2" }, dims.Select(d => d.Name).ToArray());
        CollectionAssert.AreEqual(context.Channels.ToArray(), dims[1].Labels!.ToArray());
        var count = (int)Math.Ceiling(0.8 * samples);
        var expected = NumpyReference.Run(
            string.Create(CultureInfo.InvariantCulture, $"w = X[-{count}:]\nC = w.shape[1]\nout = [[abs(np.mean(np.exp(1j * (w[:, a] - w[:, b])))) for b in range(C)] for a in range(C)]"),
            ("X", x, [samples, channels]));
        var actual = Apply(f, context, x);
        Assert.IsTrue(actual.Any(v => v < 0.9), "the test series should not all be locked");
        Close(expected, actual, 1e-12);
    }

    [TestMethod]
    public void AConstantPhaseDifferenceIsFullyLockedAndIndependentPhasesAreNot()
    {
        const int samples = 5000;
        var random = new Random(9);
        var x = new double[samples * 3];
        for (var s = 0; s < samples; s++)
        {
            var theta = 0.37 * s;
            x[s * 3] = theta;
            x[(s * 3) + 1] = theta - 1.2;
            x[(s * 3) + 2] = 2 * Math.PI * random.NextDouble();
        }

        var f = Function("phase_locking");
        var plv = Apply(f, Context(f, 3, samples, 0.1), x);
        Assert.AreEqual(1.0, plv[1], 1e-13);
        Assert.AreEqual(1.0, plv[3], 1e-13);
        Assert.IsLessThan(0.05, plv[2]);
        Assert.IsLessThan(0.05, plv[5]);
    }
}
