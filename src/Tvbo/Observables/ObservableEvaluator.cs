using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Observables;

/// <summary>Computes an experiment's observables from an exploration's stored series, condition by condition (in
/// parallel), the same for every backend's result.</summary>
internal static class ObservableEvaluator
{
    /// <summary>Every observable of one exploration's result.</summary>
    /// <param name="observables">The observables.</param>
    /// <param name="result">The result, with its series.</param>
    /// <param name="sampleInterval">The time between two samples.</param>
    /// <param name="network">The network (its observational measures), or null.</param>
    /// <exception cref="ExperimentException">A source is not an output of the result, an empirical matrix is unknown,
    /// or a pipeline's steps do not fit together; the message names the observable and the step.</exception>
    public static Dictionary<string, ObservableResult> Compute(IReadOnlyList<Observable> observables, ExplorationResult result, double sampleInterval, Network? network)
    {
        var computed = new Dictionary<string, ObservableResult>(StringComparer.Ordinal);
        foreach (var observable in observables)
        {
            computed[observable.Name] = Compute(observable, result, sampleInterval, network);
        }

        return computed;
    }

    private static ObservableResult Compute(Observable observable, ExplorationResult result, double sampleInterval, Network? network)
    {
        var outputs = result.OutputNames;
        var columns = Channels(observable, outputs, result.Name);
        var matrices = Matrices(observable, network);
        var steps = new List<(ObservableFunction Function, ObservableContext Context, int Size)>();
        var context = new ObservableContext(columns.Select(c => outputs[c]).ToArray(), result.SampleCount, sampleInterval, new Dictionary<string, double>(), matrices);
        IReadOnlyList<ObservableDimension> dimensions = [];
        for (var k = 0; k < observable.Steps.Count; k++)
        {
            var step = observable.Steps[k];
            var (function, arguments) = step.Resolve(observable.Name);
            context = context with { Arguments = arguments };
            try
            {
                dimensions = function.Dimensions(context);
            }
            catch (ObservableException ex)
            {
                throw new ExperimentException($"Observable '{observable.Name}', step {k + 1} ({step.Function}), exploration '{result.Name}': {ex.Message}");
            }

            steps.Add((function, context, dimensions.Aggregate(1, (n, d) => checked(n * d.Length))));
            if (k + 1 < observable.Steps.Count)
            {
                if (dimensions is not [{ Name: "time", Values: { Count: > 1 } times }, { Labels: { } channels }])
                {
                    throw new ExperimentException($"Observable '{observable.Name}': step {k + 1} ({step.Function}) gives [{string.Join(", ", dimensions.Select(d => d.Name))}], not a series [time, channel], so step {k + 2} ({observable.Steps[k + 1].Function}) has nothing to read. Only temporal_average and subsample give series; put the others last.");
                }

                context = context with { Channels = channels, Samples = times.Count, SampleInterval = times[1] - times[0] };
            }
        }

        if (observable.DimensionNames is { } names)
        {
            if (names.Count != dimensions.Count || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            {
                throw new ExperimentException($"Observable '{observable.Name}' names its dimensions [{string.Join(", ", names)}], but its last step ({observable.Steps[^1].Function}) gives [{string.Join(", ", dimensions.Select(d => d.Name))}]; give one distinct name per dimension, or leave 'dims' out.");
            }

            dimensions = dimensions.Select((d, k) => d with { Name = names[k] }).ToArray();
        }

        var conditions = result.ConditionCount;
        var valueCount = steps[^1].Size;
        var values = new double[(long)conditions * valueCount];
        var series = result.Results;
        var stride = outputs.Count;
        var samples = result.SampleCount;
        Parallel.For(0, conditions, c =>
        {
            var all = series.Span.Slice(c * samples * stride, samples * stride);
            var input = new double[samples * columns.Length];
            for (var s = 0; s < samples; s++)
            {
                for (var j = 0; j < columns.Length; j++)
                {
                    input[(s * columns.Length) + j] = all[(s * stride) + columns[j]];
                }
            }

            for (var k = 0; k < steps.Count; k++)
            {
                var output = k + 1 == steps.Count ? values.AsSpan(c * valueCount, valueCount) : new double[steps[k].Size];
                steps[k].Function.Compute(steps[k].Context, input, output);
                if (k + 1 < steps.Count)
                {
                    input = output.ToArray();
                }
            }
        });

        return new ObservableResult(observable.Name, dimensions, conditions, values);
    }

    // The result's columns a source names: an output itself, or every node's output of a network's variable (V[0], …).
    private static int[] Channels(Observable observable, IReadOnlyList<string> outputs, string exploration)
    {
        var columns = new List<int>();
        foreach (var source in observable.Source)
        {
            var exact = outputs.ToList().IndexOf(source);
            if (exact >= 0)
            {
                columns.Add(exact);
                continue;
            }

            var nodes = Enumerable.Range(0, outputs.Count).Where(i => outputs[i].StartsWith(source + "[", StringComparison.Ordinal)).ToArray();
            if (nodes.Length == 0)
            {
                throw new ExperimentException($"Observable '{observable.Name}' reads '{source}', which exploration '{exploration}' does not record. Recorded: {string.Join(", ", outputs.Select(o => o.Split('[')[0]).Distinct(StringComparer.Ordinal))}; add it to the exploration's record: or pick one of these.");
            }

            columns.AddRange(nodes);
        }

        return columns.ToArray();
    }

    private static Dictionary<string, double[,]> Matrices(Observable observable, Network? network)
    {
        var matrices = new Dictionary<string, double[,]>(StringComparer.Ordinal);
        if (observable.Empirical is not { } name)
        {
            return matrices;
        }

        if (network is null || !network.ObservationalMeasures.TryGetValue(name, out var matrix))
        {
            var known = network is null || network.ObservationalMeasures.Count == 0 ? "none" : string.Join(", ", network.ObservationalMeasures.Keys);
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"Observable '{observable.Name}' compares with the empirical matrix '{name}', which the network does not have. Its observational measures: {known}."));
        }

        matrices["empirical"] = matrix;
        return matrices;
    }
}
