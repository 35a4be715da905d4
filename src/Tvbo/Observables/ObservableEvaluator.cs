using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Observables;

/// <summary>Computes an experiment's observables from an exploration's stored series, condition by condition (in
/// parallel), the same for every backend's result.</summary>
internal static class ObservableEvaluator
{
    /// <summary>Compiles every observable of an experiment, in order, so that a run is refused before it starts
    /// when one cannot be computed as written.</summary>
    /// <param name="observables">The observables, in order (each may read the ones before it).</param>
    /// <param name="functions">The experiment's functions.</param>
    /// <param name="network">The network (its observational measures), or null.</param>
    /// <param name="allowCode">Whether Python source code may run.</param>
    /// <param name="series">The experiment's observations computed as series (equations, plain monitors), which a
    /// step may read by name as [time, node].</param>
    /// <exception cref="ExperimentException">A pipeline cannot be compiled, or it runs source code that is not
    /// allowed.</exception>
    public static IReadOnlyList<ObservablePipeline> Compile(IReadOnlyList<Observable> observables, PipelineFunctionCollection functions, Network? network, bool allowCode, IReadOnlyCollection<string>? series = null)
    {
        var measures = network?.ObservationalMeasures.Keys.ToArray() ?? [];
        var outside = measures.Select(m => ObservablePipeline.NetworkObservations + m).ToList();
        outside.AddRange((series ?? []).SelectMany(s => PublishedNames(s, [])));
        var compiled = new List<ObservablePipeline>();
        foreach (var observable in observables)
        {
            var sourceIsOutside = observable.Source.Any(outside.Contains);
            var pipeline = ObservablePipeline.Compile(observable, functions, outside, sourceIsOutside);
            if (!allowCode && pipeline.CodeFunctions.Count > 0)
            {
                throw new ExperimentException($"Observable '{observable.Name}' runs Python source code (function {string.Join(", ", pipeline.CodeFunctions.Select(f => $"'{f}'"))}), which runs only when allowed: pass --allow-code (C#: RunOptions.AllowCode = true) if you trust the file, or write the function as an equation or with a built-in ({string.Join(", ", ObservableLibrary.All.Select(f => f.Name))}).");
            }

            compiled.Add(pipeline);
            outside.AddRange(PublishedNames(observable.Name, pipeline.StepNames));
        }

        return compiled;
    }

    /// <summary>Every observable of one exploration's result.</summary>
    /// <param name="observables">The observables, in order.</param>
    /// <param name="functions">The experiment's functions.</param>
    /// <param name="result">The result, with its series.</param>
    /// <param name="sampleInterval">The time between two samples.</param>
    /// <param name="network">The network (its observational measures), or null.</param>
    /// <param name="options">Whether code may run, and where warnings go.</param>
    /// <param name="series">The experiment's observations computed as series, which a step may read by name.</param>
    /// <param name="pipelines">The observables compiled by <see cref="Compile"/>, or null to compile them here.</param>
    /// <param name="cancellationToken">Cancels Python steps waiting for the interpreter.</param>
    /// <exception cref="ExperimentException">A source is not an output of the result, an empirical matrix is unknown,
    /// a pipeline's steps do not fit together, or a pipeline fails in every condition; the message names the
    /// observable and the step.</exception>
    public static Dictionary<string, ObservableResult> Compute(IReadOnlyList<Observable> observables, PipelineFunctionCollection functions, ExplorationResult result, double sampleInterval, Network? network, RunOptions options, IReadOnlyCollection<string>? series = null, IReadOnlyList<ObservablePipeline>? pipelines = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        series ??= [];
        pipelines ??= Compile(observables, functions, network, options.AllowCode, series);
        var computed = new Dictionary<string, ObservableResult>(StringComparer.Ordinal);
        var general = new List<(Observable Observable, ObservablePipeline Pipeline)>();
        for (var k = 0; k < observables.Count; k++)
        {
            if (pipelines[k].IsBuiltInChain)
            {
                computed[observables[k].Name] = Compute(observables[k], result, sampleInterval, network);
            }
            else
            {
                general.Add((observables[k], pipelines[k]));
            }
        }

        if (general.Count > 0)
        {
            foreach (var (name, value) in ComputeGeneral(observables, pipelines, computed, result, sampleInterval, network, options, series, cancellationToken))
            {
                computed[name] = value;
            }
        }

        // In the experiment's order.
        return observables.ToDictionary(o => o.Name, o => computed[o.Name], StringComparer.Ordinal);
    }

    /// <summary>The names later observables read an observable's values by.</summary>
    private static IEnumerable<string> PublishedNames(string name, IReadOnlyList<string> steps) =>
        new[] { name, name + ".data" }.Concat(steps.Select(s => $"{name}.{s}")).SelectMany(n => new[] { n, "observations." + n });

    /// <summary>The observables whose pipelines are not a chain of built-ins, condition by condition: each condition's
    /// values named for the pipelines (the source, earlier observables, the network's measures).</summary>
    private static IEnumerable<(string Name, ObservableResult Value)> ComputeGeneral(
        IReadOnlyList<Observable> observables, IReadOnlyList<ObservablePipeline> pipelines, Dictionary<string, ObservableResult> chained,
        ExplorationResult result, double sampleInterval, Network? network, RunOptions options, IReadOnlyCollection<string> series, CancellationToken cancellationToken)
    {
        var conditions = result.ConditionCount;
        var measures = (network?.ObservationalMeasures ?? new Dictionary<string, double[,]>()).ToDictionary(
            m => ObservablePipeline.NetworkObservations + m.Key, m => new ArrayValue([m.Value.GetLength(0), m.Value.GetLength(1)], m.Value.Cast<double>().ToArray()), StringComparer.Ordinal);
        var sources = observables.Select(o => SourceColumns(o, result, measures.Keys, observables)).ToArray();

        // The observations computed as series that a step names: read from the result's columns as [time, node].
        var named = observables.SelectMany(o => o.Steps.SelectMany(s => s.Texts.Values)).ToHashSet(StringComparer.Ordinal);
        var monitors = series.Where(s => PublishedNames(s, []).Any(named.Contains))
            .Select(s => (Name: s, Source: ((int[][]?)[Columns(s, s, result.OutputNames, result.Name)], (string?)null))).ToArray();
        var python = pipelines.Any(p => p.NeedsPython) ? FindPython() : null;
        var values = new ArrayValue?[observables.Count, conditions];
        var failures = new string?[observables.Count, conditions];
        var matrices = new Dictionary<string, double[,]>(StringComparer.Ordinal);
        var stored = result.Results;
        var stride = result.OutputNames.Count;
        var samples = result.SampleCount;
        Parallel.For(0, conditions, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var shared = new Dictionary<string, ArrayValue>(measures, StringComparer.Ordinal);
            foreach (var (name, monitor) in monitors)
            {
                var value = Source(monitor, stored.Span.Slice(c * samples * stride, samples * stride), samples, stride, shared, observables[0])!;
                foreach (var n in PublishedNames(name, []))
                {
                    shared[n] = value;
                }
            }

            for (var k = 0; k < observables.Count; k++)
            {
                var observable = observables[k];
                var local = new Dictionary<string, ArrayValue>(shared, StringComparer.Ordinal);
                ArrayValue? value = null;
                if (pipelines[k].IsBuiltInChain)
                {
                    var r = chained[observable.Name];
                    value = new ArrayValue(r.Dimensions.Select(d => d.Length).ToArray(), r.Condition(c).ToArray());
                }
                else
                {
                    try
                    {
                        if (Source(sources[k], stored.Span.Slice(c * samples * stride, samples * stride), samples, stride, shared, observable) is { } source)
                        {
                            local[ObservablePipeline.Result] = source;
                            if (pipelines[k].ReadsTransient)
                            {
                                // The same columns over the transient's samples (none without a transient).
                                var before = result.Transient;
                                var count = before?.SampleCount ?? 0;
                                local[ObservablePipeline.TransientResult] = before is null
                                    ? new ArrayValue([0, .. source.Shape[1..]], [])
                                    : Source(sources[k], before.Results.Span.Slice(c * count * stride, count * stride), count, stride, shared, observable)!;
                            }
                        }

                        value = pipelines[k].Evaluate(local, sampleInterval, observable.Empirical is { } e && network?.ObservationalMeasures.TryGetValue(e, out var m) == true ? new Dictionary<string, double[,]> { ["empirical"] = m } : matrices, python, cancellationToken);
                    }
                    catch (ObservableException ex)
                    {
                        failures[k, c] = ex.Message;
                    }
                }

                values[k, c] = value;
                if (value is null)
                {
                    continue;
                }

                var steps = pipelines[k].StepNames;
                foreach (var name in PublishedNames(observable.Name, []))
                {
                    shared[name] = value;
                }

                foreach (var step in steps.Where(local.ContainsKey))
                {
                    shared[$"{observable.Name}.{step}"] = local[step];
                    shared[$"observations.{observable.Name}.{step}"] = local[step];
                }
            }
        });

        for (var k = 0; k < observables.Count; k++)
        {
            if (pipelines[k].IsBuiltInChain)
            {
                continue;
            }

            yield return (observables[k].Name, Gather(observables[k], k, values, failures, conditions, options));
        }
    }

    /// <summary>One observable's values of every condition as a result: one shape for all, a failed condition NaN
    /// (and a warning naming it), every condition failed an error.</summary>
    private static ObservableResult Gather(Observable observable, int k, ArrayValue?[,] values, string?[,] failures, int conditions, RunOptions options)
    {
        var failed = Enumerable.Range(0, conditions).Where(c => values[k, c] is null).ToArray();
        if (failed.Length == conditions)
        {
            throw new ExperimentException(conditions == 0 ? $"Observable '{observable.Name}' has no condition to compute." : failures[k, 0] ?? $"Observable '{observable.Name}' could not be computed.");
        }

        var first = Enumerable.Range(0, conditions).First(c => values[k, c] is not null);
        var shape = values[k, first]!.Shape;
        var size = values[k, first]!.Data.Length;
        foreach (var c in Enumerable.Range(0, conditions).Where(c => values[k, c] is { } v && !v.Shape.SequenceEqual(shape)))
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"Observable '{observable.Name}' gives {values[k, first]!.ShapeText} in condition {first} but {values[k, c]!.ShapeText} in condition {c}; an observable has one shape in every condition (cut its series to a fixed length)."));
        }

        if (failed.Length > 0)
        {
            options.Logger.LogWarning("Observable '{Observable}' failed in {Failed} of {Conditions} conditions ({List}); their values are NaN. First failure (condition {First}): {Message}",
                observable.Name, failed.Length, conditions, string.Join(", ", failed.Take(20)) + (failed.Length > 20 ? ", …" : string.Empty), failed[0], failures[k, failed[0]]);
        }

        var data = new double[(long)conditions * size];
        for (var c = 0; c < conditions; c++)
        {
            if (values[k, c] is { } v)
            {
                v.Data.CopyTo(data, (long)c * size);
            }
            else
            {
                data.AsSpan(c * size, size).Fill(double.NaN);
            }
        }

        var names = observable.DimensionNames;
        if (names is not null && (names.Count != shape.Length || names.Distinct(StringComparer.Ordinal).Count() != names.Count))
        {
            throw new ExperimentException($"Observable '{observable.Name}' names its dimensions [{string.Join(", ", names)}], but its value has shape {values[k, first]!.ShapeText}; give one distinct name per dimension, or leave 'dims' out.");
        }

        var dimensions = shape.Select((n, d) => new ObservableDimension(names?[d] ?? string.Create(CultureInfo.InvariantCulture, $"dim_{d}"), null, Enumerable.Range(0, n).Select(i => (double)i).ToArray())).ToArray();
        return new ObservableResult(observable.Name, dimensions, conditions, data);
    }

    /// <summary>Where an observable's source comes from: the result's columns of each source output, or a named value
    /// (an earlier observable, a network's measure) when it reads one.</summary>
    private static (int[][]? Columns, string? Named) SourceColumns(Observable observable, ExplorationResult result, IEnumerable<string> measures, IReadOnlyList<Observable> observables)
    {
        if (observable.Source.Count == 0)
        {
            return (null, null);
        }

        var outside = measures.Concat(observables.TakeWhile(o => o != observable).Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        if (observable.Source.Any(outside.Contains))
        {
            // One named value is the source; several (fc and fc_target) are read by name by the steps.
            return (null, observable.Source.Count == 1 ? observable.Source[0] : null);
        }

        var outputs = result.OutputNames;
        var columns = observable.Source.Select(s => Columns(observable.Name, s, outputs, result.Name)).ToArray();
        if (columns.Any(c => c.Length != columns[0].Length))
        {
            throw new ExperimentException($"Observable '{observable.Name}' reads {string.Join(" and ", observable.Source)}, which have different numbers of nodes ({string.Join(", ", columns.Select(c => c.Length))}); give sources of one network.");
        }

        return (columns, null);
    }

    /// <summary>One condition's <c>integration.result</c>: [time, node], or [time, state, node].</summary>
    private static ArrayValue? Source((int[][]? Columns, string? Named) source, ReadOnlySpan<double> all, int samples, int stride, Dictionary<string, ArrayValue> shared, Observable observable)
    {
        if (source.Named is { } named)
        {
            return shared.TryGetValue(named, out var v) ? v : throw new ObservableException($"Observable '{observable.Name}': its source '{named}' has no value in this condition.");
        }

        if (source.Columns is not { } columns)
        {
            return null;
        }

        var nodes = columns[0].Length;
        var data = new double[samples * columns.Length * nodes];
        for (var s = 0; s < samples; s++)
        {
            for (var v = 0; v < columns.Length; v++)
            {
                for (var j = 0; j < nodes; j++)
                {
                    data[(((s * columns.Length) + v) * nodes) + j] = all[(s * stride) + columns[v][j]];
                }
            }
        }

        return observable.SourceHasStateAxis || columns.Length > 1 ? new ArrayValue([samples, columns.Length, nodes], data) : new ArrayValue([samples, nodes], data);
    }

    /// <summary>The registered backend that runs Python steps, or null.</summary>
    private static IPipelinePython? FindPython() => BackendRegistry.All.OfType<IPipelinePython>().FirstOrDefault();

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

    // The result's columns of every source of an observable, in order.
    private static int[] Channels(Observable observable, IReadOnlyList<string> outputs, string exploration) =>
        observable.Source.SelectMany(source => Columns(observable.Name, source, outputs, exploration)).ToArray();

    // The result's columns a source names: an output itself, or every node's output of a network's variable (V[0], …).
    private static int[] Columns(string observable, string source, IReadOnlyList<string> outputs, string exploration)
    {
        var exact = outputs.ToList().IndexOf(source);
        if (exact >= 0)
        {
            return [exact];
        }

        var nodes = Enumerable.Range(0, outputs.Count).Where(i => outputs[i].StartsWith(source + "[", StringComparison.Ordinal)).ToArray();
        return nodes.Length > 0
            ? nodes
            : throw new ExperimentException($"Observable '{observable}' reads '{source}', which exploration '{exploration}' does not record. Recorded: {string.Join(", ", outputs.Select(o => o.Split('[')[0]).Distinct(StringComparer.Ordinal))}; add it to the exploration's record: or pick one of these.");
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
