using Tvbo.Experiment;

namespace Tvbo.Results;

/// <summary>Puts results computed for parts of a grid (shards: any subsets of its conditions) into one result in grid
/// order: series or summaries row by row, failures with their conditions renumbered.</summary>
internal static class ShardAssembly
{
    /// <summary>Assembles the shards of a grid; together they must cover every condition exactly once.</summary>
    /// <param name="grid">The whole grid.</param>
    /// <param name="outputNames">The outputs (the same in every shard).</param>
    /// <param name="shards">Each shard's conditions (indices into <paramref name="grid"/>) and its result, whose
    /// condition <c>k</c> is <c>Conditions[k]</c>.</param>
    /// <exception cref="ArgumentException">The shards do not cover the grid exactly once or differ in shape.</exception>
    public static ExplorationResult Assemble(ExplorationGrid grid, IReadOnlyList<string> outputNames, IReadOnlyList<(int[] Conditions, ExplorationResult Result)> shards)
    {
        var (assembler, covered) = Place(grid, outputNames, shards);
        if (Array.IndexOf(covered, false) is var missing and >= 0)
        {
            throw new ArgumentException($"Condition {missing} of exploration '{grid.Exploration}' is in no shard.", nameof(shards));
        }

        var first = shards[0].Result;
        return WithEvents(WithObservables(assembler.Build(first.Time.ToArray(), first.Dt, first.Backend), grid, shards), grid, shards);
    }

    /// <summary>The shards a cancelled run finished: conditions in no shard, and those a shard lists as cancelled, are
    /// NaN with <see cref="ConditionFailure.Cancelled"/> failures.</summary>
    /// <param name="grid">The whole grid.</param>
    /// <param name="outputNames">The outputs.</param>
    /// <param name="shards">The shards that ran (at least one).</param>
    public static ExplorationResult AssemblePartial(ExplorationGrid grid, IReadOnlyList<string> outputNames, IReadOnlyList<(int[] Conditions, ExplorationResult Result)> shards)
    {
        var (assembler, covered) = Place(grid, outputNames, shards);
        foreach (var f in assembler.Failures.Where(f => f.IsCancelled).ToArray())
        {
            covered[f.Condition] = false;
        }

        var first = shards[0].Result;
        return WithEvents(WithObservables(assembler.BuildCancelled(covered, first.Time.ToArray(), first.Dt, first.Backend), grid, shards), grid, shards);
    }

    // The shards' event times placed by condition (none where no shard has the condition).
    private static ExplorationResult WithEvents(ExplorationResult result, ExplorationGrid grid, IReadOnlyList<(int[] Conditions, ExplorationResult Result)> shards) =>
        shards.All(s => s.Result.EventTimes is null)
            ? result
            : result.WithEventTimes(EventTimes.Place(grid.ConditionCount, shards.Select(s => (s.Conditions, s.Result.EventTimes)).ToArray()));

    // The shards' observables placed by condition (NaN where no shard has the condition); every shard must have the same
    // observables with the same dimensions.
    private static ExplorationResult WithObservables(ExplorationResult result, ExplorationGrid grid, IReadOnlyList<(int[] Conditions, ExplorationResult Result)> shards)
    {
        var first = shards[0].Result.Observables;
        if (first.Count == 0 && shards.All(s => s.Result.Observables.Count == 0))
        {
            return result;
        }

        var merged = new Dictionary<string, ObservableResult>(StringComparer.Ordinal);
        foreach (var (name, o) in first)
        {
            var per = o.ValuesPerCondition;
            var values = new double[(long)grid.ConditionCount * per];
            Array.Fill(values, double.NaN);
            foreach (var (conditions, shard) in shards)
            {
                if (!shard.Observables.TryGetValue(name, out var s) || s.ValuesPerCondition != per || !s.Dimensions.Select(d => (d.Name, d.Length)).SequenceEqual(o.Dimensions.Select(d => (d.Name, d.Length))))
                {
                    throw new ArgumentException($"A shard of exploration '{grid.Exploration}' has no observable '{name}' like the others' ([{string.Join(", ", o.Dimensions.Select(d => $"{d.Name} {d.Length}"))}]).", nameof(shards));
                }

                for (var k = 0; k < conditions.Length; k++)
                {
                    s.Condition(k).CopyTo(values.AsSpan(conditions[k] * per, per));
                }
            }

            merged[name] = new ObservableResult(name, o.Dimensions, grid.ConditionCount, values);
        }

        if (shards.Any(s => s.Result.Observables.Count != merged.Count))
        {
            throw new ArgumentException($"The shards of exploration '{grid.Exploration}' have different observables.", nameof(shards));
        }

        return result.WithObservables(merged, null);
    }

    private static (ResultAssembler Assembler, bool[] Covered) Place(ExplorationGrid grid, IReadOnlyList<string> outputNames, IReadOnlyList<(int[] Conditions, ExplorationResult Result)> shards)
    {
        var n = grid.ConditionCount;
        var nv = outputNames.Count;
        var first = shards[0].Result;
        var samples = first.SampleCount;
        var covered = new bool[n];
        foreach (var (conditions, result) in shards)
        {
            if (result.ConditionCount != conditions.Length || result.OutputNames.Count != nv || result.SampleCount != samples || result.HasSeries != first.HasSeries)
            {
                throw new ArgumentException($"A shard of exploration '{grid.Exploration}' does not match the others (conditions, outputs, samples or storage).", nameof(shards));
            }

            foreach (var c in conditions)
            {
                if ((uint)c >= (uint)n || covered[c])
                {
                    throw new ArgumentException($"Condition {c} of exploration '{grid.Exploration}' is outside the grid or in two shards.", nameof(shards));
                }

                covered[c] = true;
            }
        }

        var assembler = new ResultAssembler(grid, outputNames, samples, first.HasSeries ? ResultStore.Series : ResultStore.Summary, first.Summary?.WindowStart ?? 0);
        var row = (long)samples * nv;
        foreach (var (conditions, result) in shards)
        {
            for (var k = 0; k < conditions.Length; k++)
            {
                if (first.HasSeries)
                {
                    assembler.PlaceSeries(conditions[k], result.Results.Span.Slice((int)(k * row), (int)row));
                }
                else
                {
                    var s = result.Summary!;
                    for (var v = 0; v < nv; v++)
                    {
                        var o = (k * nv) + v;
                        assembler.SetSummary(conditions[k], v, s.First.Span[o], s.Final.Span[o], s.Min.Span[o], s.Max.Span[o], s.Mean.Span[o]);
                    }
                }
            }

            foreach (var f in result.Failures)
            {
                assembler.AddFailure(f with { Condition = conditions[f.Condition] });
            }
        }

        return (assembler, covered);
    }
}
