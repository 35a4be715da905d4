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

        if (Array.IndexOf(covered, false) is var missing and >= 0)
        {
            throw new ArgumentException($"Condition {missing} of exploration '{grid.Exploration}' is in no shard.", nameof(shards));
        }

        var failures = shards.SelectMany(s => s.Result.Failures.Select(f => f with { Condition = s.Conditions[f.Condition] })).OrderBy(f => f.Condition).ToArray();
        if (first.HasSeries)
        {
            var row = (long)samples * nv;
            var series = GC.AllocateUninitializedArray<double>(checked((int)(n * row)));
            foreach (var (conditions, result) in shards)
            {
                for (var k = 0; k < conditions.Length; k++)
                {
                    Array.Copy(result.Results, k * row, series, conditions[k] * row, row);
                }
            }

            return new ExplorationResult(grid, outputNames, first.Time, first.Dt, series, null, failures, first.Backend);
        }

        var window = first.Summary!.WindowStart;
        var parts = new double[5][];
        for (var p = 0; p < parts.Length; p++)
        {
            parts[p] = new double[n * nv];
        }

        foreach (var (conditions, result) in shards)
        {
            var s = result.Summary!;
            var from = new[] { s.First, s.Final, s.Min, s.Max, s.Mean };
            for (var k = 0; k < conditions.Length; k++)
            {
                for (var p = 0; p < parts.Length; p++)
                {
                    Array.Copy(from[p], k * nv, parts[p], conditions[k] * nv, nv);
                }
            }
        }

        var summary = new SummaryStatistics(n, nv, window, parts[0], parts[1], parts[2], parts[3], parts[4]);
        return new ExplorationResult(grid, outputNames, first.Time, first.Dt, null, summary, failures, first.Backend);
    }
}
