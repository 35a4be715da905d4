using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Networks;

/// <summary>Runs a network natively both ways — as data (the default) and as its lowered system compiled whole — and
/// asserts the two give the same bits, failures and summaries; returns the run as data.</summary>
internal static class LoweredComparison
{
    /// <summary>Runs <paramref name="experiment"/> both ways and compares every exploration.</summary>
    /// <param name="experiment">A network experiment.</param>
    /// <param name="options">The run's options.</param>
    public static ExperimentResult RunBothWays(this SimulationExperiment experiment, RunOptions? options = null)
    {
        var data = experiment.Run(new NativeBackend(), options);
        var lowered = new NativeBackend(new NativeBackendOptions { LoweredNetworks = true });
        var explorations = experiment.Explorations.ToList();
        try
        {
            Clear(experiment);
            foreach (var e in explorations.Where(e => !e.Parameters.Any(IsSpeed)))
            {
                experiment.Explorations.Add(e);
            }

            if (experiment.Explorations.Count > 0 || explorations.Count == 0)
            {
                var whole = experiment.Run(lowered, options);
                foreach (var (name, r) in whole.Explorations)
                {
                    AssertSame(r, data.Explorations[name], $"exploration '{name}'");
                }
            }

            // The lowered system has one conduction speed: each speed is its own lowered run, compared with the data
            // run's conditions at that speed (lanes of several speeds, as data, read their own delays).
            foreach (var e in explorations.Where(e => e.Parameters.Any(IsSpeed) && e.Mode == ExplorationMode.Product))
            {
                var speed = e.Parameters.Single(IsSpeed);
                var all = data.Explorations[e.Name];
                foreach (var s in all.Axes.Single(a => a.Name == speed.Name).ExploredValues)
                {
                    Clear(experiment);
                    experiment.Explorations.Add(new Exploration(e.Name, e.Parameters.Select(p => IsSpeed(p) ? new ExplorationParameter(p.Name, Domain.Values(s)) : p), e.Mode) { Record = e.Record, Trials = e.Trials });
                    var one = experiment.Run(lowered, options).Explorations[e.Name];
                    for (var c = 0; c < one.ConditionCount; c++)
                    {
                        var values = one.ParameterValues(c).ToArray();
                        var match = Enumerable.Range(0, all.ConditionCount).Single(k => all.ParameterValues(k).SequenceEqual(values));
                        var what = $"exploration '{e.Name}', speed {s}, condition {match}";
                        var expected = one.Failures.Where(f => f.Condition == c).Select(f => $"{f.Reason} at t = {f.Time:R} ({f.Variable})").ToArray();
                        var actual = all.Failures.Where(f => f.Condition == match).Select(f => $"{f.Reason} at t = {f.Time:R} ({f.Variable})").ToArray();
                        CollectionAssert.AreEqual(expected, actual, $"{what}: failures lowered [{string.Join("; ", expected)}], as data [{string.Join("; ", actual)}]");
                        Bits(one.Store == ResultStore.Series ? one.ConditionSeries(c).ToArray() : [], all.Store == ResultStore.Series ? all.ConditionSeries(match).ToArray() : [], what);
                    }
                }
            }
        }
        finally
        {
            Clear(experiment);
            foreach (var e in explorations)
            {
                experiment.Explorations.Add(e);
            }
        }

        return data;
    }

    private static void Clear(SimulationExperiment experiment)
    {
        foreach (var name in experiment.Explorations.Select(e => e.Name).ToList())
        {
            experiment.Explorations.Remove(name);
        }
    }

    private static bool IsSpeed(ExplorationParameter p) => p.Name == "network.conduction_speed";

    private static void Bits(double[] a, double[] b, string what)
    {
        Assert.AreEqual(a.Length, b.Length, what);
        for (var k = 0; k < a.Length; k++)
        {
            if (BitConverter.DoubleToInt64Bits(a[k]) != BitConverter.DoubleToInt64Bits(b[k]))
            {
                Assert.Fail($"{what}: value {k} is {b[k]:R} as data and {a[k]:R} lowered.");
            }
        }
    }

    /// <summary>Asserts two results hold the same bits (NaN and signed zeros included), failures and summaries.</summary>
    public static void AssertSame(ExplorationResult expected, ExplorationResult actual, string what)
    {
        CollectionAssert.AreEqual(expected.OutputNames.ToArray(), actual.OutputNames.ToArray(), what);
        Assert.AreEqual(expected.ConditionCount, actual.ConditionCount, what);
        CollectionAssert.AreEqual(expected.Failures.Select(f => f.ToString()).ToArray(), actual.Failures.Select(f => f.ToString()).ToArray(), $"{what}: failures");
        Assert.AreEqual(expected.Store, actual.Store, what);
        var a = expected.Store == ResultStore.Series ? expected.Results.ToArray() : Summaries(expected);
        var b = actual.Store == ResultStore.Series ? actual.Results.ToArray() : Summaries(actual);
        Bits(a, b, what);
    }

    private static double[] Summaries(ExplorationResult r)
    {
        var s = r.Summary ?? throw new AssertFailedException("a summary result without its summaries");
        return [.. s.First.ToArray(), .. s.Final.ToArray(), .. s.Min.ToArray(), .. s.Max.ToArray(), .. s.Mean.ToArray()];
    }
}
