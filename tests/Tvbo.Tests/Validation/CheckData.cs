using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Tests.Validation;

/// <summary>Builds exploration results from functions of (condition, time, variable) for the cross-check tests.</summary>
internal static class CheckData
{
    public static ExplorationResult Result(
        Func<int, double, int, double> value,
        double[]? axis = null,
        string[]? outputs = null,
        int samples = 1000,
        double dt = 0.01,
        string backend = "a",
        string parameter = "p",
        IReadOnlyList<ConditionFailure>? failures = null,
        double[]? time = null)
    {
        axis ??= [1.0, 2.0, 3.0];
        outputs ??= ["x", "y"];
        var m = new Dynamics("M");
        m.AddParameter(parameter, 0);
        foreach (var o in outputs)
        {
            m.AddStateVariable(o, "0", 0);
        }

        var grid = new Exploration("sweep", [new ExplorationParameter(parameter, Domain.Values(axis))]).CreateGrid(m);
        time ??= Enumerable.Range(0, samples).Select(k => k * dt).ToArray();
        var nv = outputs.Length;
        var data = new double[grid.ConditionCount * time.Length * nv];
        for (var c = 0; c < grid.ConditionCount; c++)
        {
            for (var k = 0; k < time.Length; k++)
            {
                for (var v = 0; v < nv; v++)
                {
                    data[(((c * time.Length) + k) * nv) + v] = value(c, time[k], v);
                }
            }
        }

        return new ExplorationResult(grid, outputs, time, dt, data, null, failures ?? [], backend);
    }

    /// <summary>A smooth oscillation per condition and variable.</summary>
    public static double Wave(int c, double t, int v) => (1 + c) * Math.Sin(t * (1 + (0.3 * v))) + (0.5 * v);

    /// <summary>The same result with one value replaced.</summary>
    public static ExplorationResult With(ExplorationResult r, int condition, int sample, int variable, Func<double, double> change, string backend = "b")
    {
        var data = r.Results.ToArray();
        var i = (((condition * r.SampleCount) + sample) * r.OutputNames.Count) + variable;
        data[i] = change(data[i]);
        return new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, data, null, r.Failures, backend);
    }

    /// <summary>The same result with a condition made NaN from a sample on, and the failure recorded.</summary>
    public static ExplorationResult Diverge(ExplorationResult r, int condition, int sample, string backend, bool recordFailure = true)
    {
        var data = r.Results.ToArray();
        var nv = r.OutputNames.Count;
        for (var k = sample; k < r.SampleCount; k++)
        {
            for (var v = 0; v < nv; v++)
            {
                data[(((condition * r.SampleCount) + k) * nv) + v] = k == sample && v == 0 ? double.PositiveInfinity : double.NaN;
            }
        }

        IReadOnlyList<ConditionFailure> failures = recordFailure
            ? [.. r.Failures, ConditionFailure.Diverged(condition, r.Time.Span[sample], r.OutputNames[0])]
            : r.Failures;
        return new ExplorationResult(r.Grid, r.OutputNames, r.Time.ToArray(), r.Dt, data, null, failures, backend);
    }
}
