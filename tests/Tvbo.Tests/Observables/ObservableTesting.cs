using System.Globalization;
using Tvbo.Observables;

namespace Tvbo.Tests.Observables;

/// <summary>Contexts, series and comparisons for the observable function tests.</summary>
internal static class ObservableTesting
{
    /// <summary>A context of <paramref name="channels"/> channels <c>V[k]</c>, every documented argument at its
    /// default unless <paramref name="arguments"/> gives it.</summary>
    public static ObservableContext Context(ObservableFunction function, int channels, int samples, double interval, Dictionary<string, double>? arguments = null, Dictionary<string, double[,]>? matrices = null)
    {
        var args = function.Arguments.ToDictionary(a => a.Name, a => a.Default);
        foreach (var (name, value) in arguments ?? [])
        {
            args[name] = value;
        }

        string[] names = [.. Enumerable.Range(0, channels).Select(k => string.Create(CultureInfo.InvariantCulture, $"V[{k}]"))];
        return new ObservableContext(names, samples, interval, args, matrices ?? []);
    }

    /// <summary>The function's value over a series.</summary>
    public static double[] Apply(ObservableFunction function, ObservableContext context, double[] series)
    {
        var value = new double[function.ValueCount(context)];
        function.Compute(context, series, value);
        return value;
    }

    /// <summary>The registered function of a name.</summary>
    public static ObservableFunction Function(string name) => ObservableLibrary.Find(name) ?? throw new AssertFailedException($"no built-in function '{name}'");

    /// <summary>A reproducible random series, [sample, channel] row-major: a random walk (so channels correlate with
    /// themselves over time) plus white noise, offset per channel.</summary>
    public static double[] Series(int samples, int channels, int seed)
    {
        var random = new Random(seed);
        var x = new double[samples * channels];
        for (var k = 0; k < channels; k++)
        {
            double walk = k;
            for (var s = 0; s < samples; s++)
            {
                walk += random.NextDouble() - 0.5;
                x[(s * channels) + k] = walk + (0.3 * (random.NextDouble() - 0.5));
            }
        }

        return x;
    }

    /// <summary>Asserts equal lengths and |actual − expected| ≤ tolerance · scale for every cell (scale:
    /// <paramref name="scale"/> of the cell, |expected| by default); NaN must meet NaN.</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, Func<int, double>? scale = null)
    {
        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.IsTrue(double.IsNaN(actual[i]), $"cell {i}: expected NaN, got {actual[i]}");
                continue;
            }

            var bound = tolerance * (scale?.Invoke(i) ?? Math.Abs(expected[i]));
            Assert.IsTrue(Math.Abs(actual[i] - expected[i]) <= bound, $"cell {i}: expected {expected[i]:R}, got {actual[i]:R} (|difference| {Math.Abs(actual[i] - expected[i]):E3} > {bound:E3})");
        }
    }
}
