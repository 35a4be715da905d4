using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

[TestClass]
public sealed class WindowStatisticTests
{
    [TestMethod]
    [DataRow("mean", "np.mean(w, axis=0)")]
    [DataRow("var", "np.var(w, axis=0)")]
    [DataRow("std", "np.std(w, axis=0)")]
    [DataRow("min", "np.min(w, axis=0)")]
    [DataRow("max", "np.max(w, axis=0)")]
    [DataRow("ptp", "np.ptp(w, axis=0)")]
    public void EachStatisticEqualsNumpyOverTheWindow(string name, string numpy)
    {
        const int samples = 997, channels = 4;
        var x = Series(samples, channels, 11);
        var f = Function(name);
        var context = Context(f, channels, samples, 0.1, new() { ["window"] = 0.3 });
        Assert.AreEqual("channel", f.Dimensions(context).Single().Name);
        var count = (int)Math.Ceiling(0.3 * samples);
        var expected = NumpyReference.Run(string.Create(CultureInfo.InvariantCulture, $"w = X[-{count}:]\nout = {numpy}"), ("X", x, [samples, channels]));
        Close(expected, Apply(f, context, x), 1e-12);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(-0.5)]
    [DataRow(1.5)]
    [DataRow(double.NaN)]
    public void AWindowOutsideZeroToOneIsRefused(double window)
    {
        var f = Function("std");
        var ex = Assert.Throws<ObservableException>(() => f.Dimensions(Context(f, 2, 100, 0.1, new() { ["window"] = window })));
        StringAssert.Contains(ex.Message, "std: argument 'window' is");
        StringAssert.Contains(ex.Message, "0 < window ≤ 1");
    }
}
