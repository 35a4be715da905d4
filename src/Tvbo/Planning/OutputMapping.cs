using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>How a backend's result becomes the user's: the plan's outputs (state variables picked, derived variables and
/// observations computed from the stored state), the transient dropped and the time grid starting at 0, failures named
/// by the user's variables and shifted by the transient, the grid as the user addresses it, and the summary taken after
/// all that where the user asked for one.</summary>
internal sealed class OutputMapping(SimulationExperiment experiment, ExplorationGrid grid, int skip, string[] outputNames)
{
    /// <summary>A part's result in the user's terms.</summary>
    /// <param name="part">The part that ran.</param>
    /// <param name="raw">What the backend returned for it.</param>
    /// <param name="options">The user's options (the store and summary window asked for).</param>
    public ExplorationResult Finish(PlanPart part, ExplorationResult raw, RunOptions options)
    {
        var result = Map(part, raw, options);
        return raw.EventTimes is null ? result : result.WithEventTimes(raw.EventTimes);
    }

    /// <summary>The series or summary and failures of <see cref="Finish"/> (the event times are the backend's: it
    /// records them from the transient's end, at the user's times).</summary>
    private ExplorationResult Map(PlanPart part, ExplorationResult raw, RunOptions options)
    {
        var resultGrid = part.Conditions is null ? grid : part.Job.Grid;
        var failures = Failures(part, raw);
        var outputs = part.Outputs;
        var rawVariables = part.Job.StateCount;
        if (skip == 0 && outputs.Length == rawVariables && outputs.Select((o, i) => o.StateIndex == i).All(x => x))
        {
            // A backend may have run a grid without axes as a one-value axis: the result keeps the plan's grid.
            return raw.Relabel(resultGrid, outputNames, failures);
        }

        var time = experiment.Integration.CreateTimeGrid();
        if (!raw.HasSeries)
        {
            // Only state variables, no transient: select the summary's columns.
            return new ExplorationResult(resultGrid, outputNames, time, raw.Dt, null, Pick(raw.Summary!, outputs, rawVariables), failures, raw.Backend);
        }

        var n = part.Job.Grid.ConditionCount;
        var series = new OutputEvaluator(experiment.Integration, part, raw, skip).Compute(time.Length);
        var result = options.Store == ResultStore.Summary
            ? new ExplorationResult(resultGrid, outputNames, time, raw.Dt, null, SummaryStatistics.FromSeries(series, n, time.Length, outputs.Length, options.SummaryWindow), failures, raw.Backend)
            : new ExplorationResult(resultGrid, outputNames, time, raw.Dt, series, null, failures, raw.Backend);
        if (options.KeepTransient && skip > 0)
        {
            // The same outputs over the transient's samples, at times −transient_time … −interval.
            var interval = experiment.Integration.SampleInterval;
            var transientTime = Enumerable.Range(0, skip).Select(k => (k - skip) * interval).ToArray();
            result.Transient = new ExplorationResult(resultGrid, outputNames, transientTime, raw.Dt, new OutputEvaluator(experiment.Integration, part, raw, 0).Compute(skip), null, [], raw.Backend);
        }

        return result;
    }

    /// <summary>The failures under the user's variable names; with a transient, at times from its end, and marked when
    /// they happened during it.</summary>
    private ConditionFailure[] Failures(PlanPart part, ExplorationResult raw)
    {
        var transient = experiment.Integration.TransientTime;
        return raw.Failures
            .Select(f => f with { Variable = f.Variable is { } v && part.VariableNames.TryGetValue(v, out var user) ? user : f.Variable })
            .Select(f => skip > 0 ? f with { Time = Math.Max(0, f.Time - transient), Reason = f.Time < transient && !f.IsCancelled ? $"{f.Reason} (during the transient)" : f.Reason } : f)
            .ToArray();
    }

    /// <summary>The summary's columns of the outputs (all state variables).</summary>
    private static SummaryStatistics Pick(SummaryStatistics s, PlanOutput[] outputs, int rawVariables)
    {
        var n = s.ConditionCount;
        var nv = outputs.Length;
        double[] Columns(ReadOnlyMemory<double> memory)
        {
            var a = memory.Span;
            var r = new double[n * nv];
            for (var c = 0; c < n; c++)
            {
                for (var v = 0; v < nv; v++)
                {
                    r[(c * nv) + v] = a[(c * rawVariables) + outputs[v].StateIndex];
                }
            }

            return r;
        }

        return new SummaryStatistics(n, nv, s.WindowStart, Columns(s.First), Columns(s.Final), Columns(s.Min), Columns(s.Max), Columns(s.Mean));
    }
}
