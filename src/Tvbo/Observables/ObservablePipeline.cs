using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Observables;

/// <summary>
/// An observable's pipeline compiled against the experiment: each step's function found (a built-in, one of the
/// experiment's <see cref="SimulationExperiment.Functions"/>, a callable of numpy/scipy or of TVBO's
/// <c>tvboptim.observations.observation</c>) and each argument bound to a number, a named value or the previous step's
/// value. <see cref="Evaluate"/> runs it on one condition's values.
/// </summary>
/// <remarks>
/// The values a step may name: <c>integration.result</c> (the observation's source: [time, node], or
/// [time, state, node] when it keeps a state axis), every earlier step's value (by its <c>output</c> names, by its
/// function's name), every earlier observable (by its name or <c>name.data</c>) and the network's observational
/// measures (<c>network.observations.&lt;measure&gt;</c>). A step without an argument naming a value reads the previous
/// step's value (the first, the source) as its first positional argument.
/// </remarks>
internal sealed class ObservablePipeline
{
    /// <summary>The name of the source's value.</summary>
    public const string Result = "integration.result";

    /// <summary>The name of the source's value over the transient.</summary>
    public const string TransientResult = "integration.transient";

    /// <summary>The prefix of a network's observational measures.</summary>
    public const string NetworkObservations = "network.observations.";

    private readonly Step[] _steps;

    private ObservablePipeline(string name, Step[] steps)
    {
        Name = name;
        _steps = steps;
    }

    /// <summary>The observable's name.</summary>
    public string Name { get; }

    /// <summary>Whether a step reads <c>integration.transient</c> (the source over the transient).</summary>
    public bool ReadsTransient => _steps.Any(s => s.Bindings.Any(b => b.Reference == TransientResult));

    /// <summary>Whether a step runs in Python.</summary>
    public bool NeedsPython => _steps.Any(s => s.Kind is PipelineStepKind.Callable or PipelineStepKind.SourceCode);

    /// <summary>The functions of Python source code it runs (refused unless the run allows code).</summary>
    public IReadOnlyList<string> CodeFunctions => _steps.Where(s => s.Kind == PipelineStepKind.SourceCode).Select(s => s.FunctionName).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether every step is a built-in reading the previous step's series, so that the observable is
    /// computed by <see cref="ObservableEvaluator"/>'s labelled path (channels, frequencies, times as coordinates).</summary>
    public bool IsBuiltInChain { get; private init; }

    /// <summary>The names of its steps' values (outputs and functions), which later observables read as
    /// <c>name.output</c>.</summary>
    public IReadOnlyList<string> StepNames => _steps.SelectMany(s => s.Names).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Compiles an observable.</summary>
    /// <param name="observable">The observable.</param>
    /// <param name="functions">The experiment's functions.</param>
    /// <param name="outside">The names of values from outside the pipeline it may read: earlier observables (as
    /// <c>x</c>, <c>x.data</c>, <c>observations.x.data</c>, <c>x.output</c>) and the network's measures
    /// (<c>network.observations.m</c>).</param>
    /// <param name="sourceIsOutside">Whether its source is one of <paramref name="outside"/> (an observable or a
    /// measure) rather than the run's outputs.</param>
    /// <exception cref="ExperimentException">A function or module is unknown or not allowed, an argument names nothing
    /// or is missing; the message names the observable and the step, and what is valid.</exception>
    public static ObservablePipeline Compile(Observable observable, PipelineFunctionCollection functions, IReadOnlyCollection<string> outside, bool sourceIsOutside)
    {
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(outside);
        var known = new List<string>();
        if (observable.Source.Count > 0)
        {
            known.Add(Result);
            if (!sourceIsOutside)
            {
                known.Add(TransientResult);
            }
        }

        known.AddRange(outside);
        var steps = new List<Step>();
        for (var k = 0; k < observable.Steps.Count; k++)
        {
            var step = observable.Steps[k];
            var label = string.Create(CultureInfo.InvariantCulture, $"Observable '{observable.Name}', step {k + 1} ({(step.Module is { } m ? $"{m}.{step.Function}" : step.Function)})");
            var compiled = CompileStep(step, observable.Name, label, functions, known, hasPrevious: k > 0 || observable.Source.Count > 0, k == 0 ? (observable.Source.Count > 0 ? [Result] : []) : steps[^1].Names);
            steps.Add(compiled);
            known.AddRange(compiled.Names);
        }

        var chain = steps.All(s => s.Kind == PipelineStepKind.BuiltIn && s.Bindings.All(b => b.IsPrevious || b.Number is not null) && s.ApplyAxis is null)
            && observable.Steps.All(s => s.Outputs.Count == 0)
            && observable.Source.Count > 0 && steps.Count > 0 && !sourceIsOutside;
        return new ObservablePipeline(observable.Name, steps.ToArray()) { IsBuiltInChain = chain };
    }

    /// <summary>Runs the pipeline on one condition.</summary>
    /// <param name="values">The named values it may read: <c>integration.result</c>, earlier observables, the network's
    /// measures; each step's value is added.</param>
    /// <param name="sampleInterval">The time between two samples of the source.</param>
    /// <param name="matrices">The matrices a built-in may compare with (<c>empirical</c>).</param>
    /// <param name="python">Runs Python steps; null when none is available (a Python step then fails, saying so).</param>
    /// <param name="cancellationToken">Cancels a Python step waiting for the interpreter.</param>
    /// <returns>The last step's value (the source's, without steps).</returns>
    /// <exception cref="ObservableException">A step fails; the message names the step.</exception>
    public ArrayValue Evaluate(Dictionary<string, ArrayValue> values, double sampleInterval, IReadOnlyDictionary<string, double[,]> matrices, IPipelinePython? python, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        values.TryGetValue(Result, out var previous);
        foreach (var step in _steps)
        {
            IReadOnlyList<ArrayValue> results;
            try
            {
                results = step.Run(values, previous, sampleInterval, matrices, python, cancellationToken);
            }
            catch (ObservableException ex)
            {
                throw new ObservableException($"{step.Label}: {ex.Message}");
            }

            if (step.Outputs.Length > 1 && results.Count != step.Outputs.Length)
            {
                throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{step.Label} unpacks its value into {step.Outputs.Length} outputs ({string.Join(", ", step.Outputs)}), but it gives {results.Count} value{(results.Count == 1 ? string.Empty : "s")}."));
            }

            if (step.Outputs.Length > 1)
            {
                for (var i = 0; i < results.Count; i++)
                {
                    values[step.Outputs[i]] = results[i];
                }
            }

            var value = results.Count == 1 ? results[0] : step.Outputs.Length > 1 ? results[^1]
                : throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{step.Label} gives {results.Count} values; name them (output: a, b) to unpack them."));
            foreach (var name in step.Names.Where(n => !step.Outputs.Contains(n) || step.Outputs.Length == 1))
            {
                values[name] = value;
            }

            previous = value;
            if (sampleInterval > 0 && step.Kind == PipelineStepKind.BuiltIn && step.BuiltIn!.Dimensions(step.Context(previous!, sampleInterval, matrices)) is [{ Name: "time", Values: { Count: > 1 } times }, ..])
            {
                sampleInterval = times[1] - times[0];
            }
        }

        return previous ?? throw new ObservableException($"Observable '{Name}' has no source and no step.");
    }

    private static Step CompileStep(ObservableStep step, string observable, string label, PipelineFunctionCollection functions, List<string> known, bool hasPrevious, IReadOnlyList<string> previous)
    {
        var apply = step.ApplyOnDimension switch
        {
            null => (int?)null,
            "node" => 1,
            "time" => 0,
            var d => throw new ExperimentException($"{label}: apply_on_dimension is '{d}'; valid: node (the step runs on each series along time: each node's, and each state's) or time (on each sample)."),
        };
        if (step.Module is { } module)
        {
            return Callable(step, label, module, step.Function, null, known, hasPrevious, apply);
        }

        if (functions.Contains(step.Function))
        {
            var f = functions[step.Function];
            return f.Kind == PipelineFunctionKind.Callable
                ? Callable(step, label, f.Module!, f.CallableName!, f, known, hasPrevious, apply)
                : Function(step, label, f, known, hasPrevious, apply);
        }

        if (ObservableLibrary.Find(step.Function) is { } builtIn)
        {
            return BuiltIn(step, observable, label, builtIn, known, hasPrevious, previous, apply);
        }

        var names = ObservableLibrary.All.Select(f => f.Name).Concat(functions.Select(f => f.Name)).ToArray();
        var meant = KeySuggestion.Closest(step.Function, names);
        throw new ExperimentException($"{label}: there is no function '{step.Function}'{(meant is null ? string.Empty : $" (did you mean '{meant}'?)")}. The built-ins: {string.Join(", ", ObservableLibrary.All.Select(f => f.Name))}; the experiment's functions: {(functions.Count == 0 ? "none" : string.Join(", ", functions.Select(f => f.Name)))}; or a callable of {PipelineModules.Allowed}.");
    }

    private static Step BuiltIn(ObservableStep step, string observable, string label, ObservableFunction function, List<string> known, bool hasPrevious, IReadOnlyList<string> previous, int? apply)
    {
        if (apply is not null)
        {
            throw new ExperimentException($"{label}: the built-in '{function.Name}' reads every channel itself; leave apply_on_dimension out.");
        }

        // A built-in reads one series: the previous step's value, or the one value a text argument names (data: integration.result).
        var inputs = step.Texts.Where(t => t.Key != "empirical").ToArray();
        if (inputs.Length > 1)
        {
            throw new ExperimentException($"{label}: the built-in '{function.Name}' reads one series, but {string.Join(" and ", inputs.Select(t => $"'{t.Key}: {t.Value}'"))} name several; its other arguments are numbers ({string.Join(", ", function.Arguments.Select(a => a.Name))}).");
        }

        var input = inputs.Length == 1 ? Text(label, inputs[0].Key, inputs[0].Value, known, python: false) : null;
        var binding = input is null || previous.Contains(input.Reference!, StringComparer.Ordinal)
            ? new PipelineBinding(null, null, PipelineBinding.Previous, null)
            : input with { Name = null };
        if (binding.IsPrevious && !hasPrevious)
        {
            throw new ExperimentException($"{label}: the built-in '{function.Name}' has nothing to read: the observable has no source. Give source: [V].");
        }

        var (_, arguments) = step.Resolve(observable);
        return new Step(label, PipelineStepKind.BuiltIn, step.Function, [binding], Names(step, step.Function), apply)
        {
            BuiltIn = function,
            BuiltInArguments = arguments,
        };
    }

    private static Step Function(ObservableStep step, string label, PipelineFunction function, List<string> known, bool hasPrevious, int? apply)
    {
        var valid = function.Arguments.Select(a => a.Name).Concat(function.Parameters.Keys).ToArray();
        foreach (var given in step.Arguments.Keys.Concat(step.Texts.Keys))
        {
            if (!valid.Contains(given, StringComparer.Ordinal))
            {
                throw new ExperimentException($"{label}: function '{function.Name}' has no argument '{given}'; its arguments: {(valid.Length == 0 ? "none" : string.Join(", ", valid))}.");
            }
        }

        var bindings = new List<PipelineBinding>();
        var previousUsed = false;
        foreach (var argument in function.Arguments)
        {
            if (step.Arguments.TryGetValue(argument.Name, out var n))
            {
                bindings.Add(new PipelineBinding(argument.Name, n, null, null));
            }
            else if (step.Texts.TryGetValue(argument.Name, out var t) || (t = argument.Text) is not null)
            {
                bindings.Add(Text(label, argument.Name, t, known, python: function.Kind == PipelineFunctionKind.SourceCode));
            }
            else if (argument.Number is { } d)
            {
                bindings.Add(new PipelineBinding(argument.Name, d, null, null));
            }
            else if (!previousUsed && hasPrevious)
            {
                previousUsed = true;
                bindings.Add(new PipelineBinding(argument.Name, null, PipelineBinding.Previous, null));
            }
            else
            {
                throw new ExperimentException($"{label}: argument '{argument.Name}' of function '{function.Name}' has no value{(hasPrevious ? " (the previous step's value goes to its first argument without one)" : string.Empty)}; give it in the step's arguments: a number, or a value's name ({string.Join(", ", known)}).");
            }
        }

        foreach (var (name, value) in function.Parameters)
        {
            bindings.Add(step.Arguments.TryGetValue(name, out var n) ? new PipelineBinding(name, n, null, null)
                : step.Texts.TryGetValue(name, out var t) ? Text(label, name, t, known, python: false)
                : new PipelineBinding(name, value, null, null));
        }

        var kind = function.Kind switch
        {
            PipelineFunctionKind.Equation => PipelineStepKind.Equation,
            PipelineFunctionKind.TimeRange => PipelineStepKind.TimeRange,
            _ => PipelineStepKind.SourceCode,
        };
        var result = new Step(label, kind, function.Name, bindings.ToArray(), Names(step, function.Name), apply) { Function = function };
        if (kind != PipelineStepKind.SourceCode)
        {
            result.Parse();
        }

        return result;
    }

    private static Step Callable(ObservableStep step, string label, string module, string name, PipelineFunction? function, List<string> known, bool hasPrevious, int? apply)
    {
        var bindings = new List<PipelineBinding>();
        var given = step.Arguments.Keys.Concat(step.Texts.Keys).ToHashSet(StringComparer.Ordinal);
        if (module == TvboptimFunctions.Module)
        {
            if (!TvboptimFunctions.Signatures.TryGetValue(name, out var signature))
            {
                throw new ExperimentException($"{label}: {module}.{name} is TVBO's Python code, which this project does not run; of that module it computes {string.Join(", ", TvboptimFunctions.Signatures.Keys)} natively, and callables may come from {PipelineModules.Allowed}.");
            }

            foreach (var g in given.Where(g => !signature.Contains(g, StringComparer.Ordinal)))
            {
                throw new ExperimentException($"{label}: {module}.{name} has no argument '{g}'; its arguments: {string.Join(", ", signature)}.");
            }

            if (!given.Contains(signature[0]))
            {
                bindings.Add(hasPrevious ? new PipelineBinding(signature[0], null, PipelineBinding.Previous, null)
                    : throw new ExperimentException($"{label}: {module}.{name} needs '{signature[0]}'; give it in the step's arguments ({string.Join(", ", known)})."));
            }
        }
        else if (PipelineModules.Resolve(module) is null)
        {
            throw new ExperimentException($"{label}: module '{module}' is not allowed; a callable may come from {PipelineModules.Allowed}. The built-ins ({string.Join(", ", ObservableLibrary.All.Select(f => f.Name))}) and the experiment's equation functions need no Python.");
        }

        foreach (var (argument, n) in step.Arguments)
        {
            bindings.Add(new PipelineBinding(argument, n, null, null));
        }

        foreach (var (argument, t) in step.Texts)
        {
            bindings.Add(Text(label, argument, t, known, python: module != TvboptimFunctions.Module));
        }

        foreach (var argument in function?.Arguments ?? [])
        {
            if (!given.Contains(argument.Name) && !argument.IsPositional)
            {
                bindings.Add(argument.Number is { } d ? new PipelineBinding(argument.Name, d, null, null) : Text(label, argument.Name, argument.Text!, known, python: true));
            }
        }

        if (module != TvboptimFunctions.Module && !bindings.Any(b => b.Reference is not null))
        {
            bindings.Insert(0, hasPrevious ? new PipelineBinding(null, null, PipelineBinding.Previous, null)
                : throw new ExperimentException($"{label}: {module}.{name} reads nothing: the observable has no source and no argument names a value ({string.Join(", ", known)})."));
        }

        var kind = module == TvboptimFunctions.Module ? PipelineStepKind.Tvboptim : PipelineStepKind.Callable;
        return new Step(label, kind, function?.Name ?? name, bindings.ToArray(), Names(step, function?.Name ?? name), apply) { Module = module, CallableName = name };
    }

    /// <summary>A text argument: a value's name, or (for Python) a literal text.</summary>
    private static PipelineBinding Text(string label, string argument, string text, List<string> known, bool python)
    {
        if (known.Contains(text, StringComparer.Ordinal))
        {
            return new PipelineBinding(argument, null, text, null);
        }

        if (text == TransientResult)
        {
            throw new ExperimentException($"{label}: argument '{argument}' reads integration.transient, the source over the transient, which an observation reads only when its source is the run's variables; this one reads another observation or a network's measure.");
        }


        var meant = KeySuggestion.Closest(text, known);
        if (meant is not null || !python || text.Contains('.', StringComparison.Ordinal))
        {
            throw new ExperimentException($"{label}: argument '{argument}' is '{text}', which names no value{(meant is null ? string.Empty : $" (did you mean '{meant}'?)")}; the values it may read: {(known.Count == 0 ? "none" : string.Join(", ", known))}{(python ? ", or a literal text for a Python step" : string.Empty)}.");
        }

        return new PipelineBinding(argument, null, null, text);
    }

    private static string[] Names(ObservableStep step, string function) =>
        step.Outputs.Append(function).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>One compiled step.</summary>
    private sealed class Step(string label, PipelineStepKind kind, string functionName, PipelineBinding[] bindings, string[] names, int? applyAxis)
    {
        private ArrayExpressionTree? _expression;
        private ArrayExpressionTree? _low;
        private ArrayExpressionTree? _high;
        private ArrayExpressionTree? _step;

        public string Label { get; } = label;

        public PipelineStepKind Kind { get; } = kind;

        public string FunctionName { get; } = functionName;

        public PipelineBinding[] Bindings { get; } = bindings;

        /// <summary>The names its value is known by: its outputs, then its function's name.</summary>
        public string[] Names { get; } = names;

        /// <summary>Its <c>output</c> names.</summary>
        public string[] Outputs => Names[..^1];

        public int? ApplyAxis { get; } = applyAxis;

        public ObservableFunction? BuiltIn { get; init; }

        public Dictionary<string, double>? BuiltInArguments { get; init; }

        public PipelineFunction? Function { get; init; }

        public string? Module { get; init; }

        public string? CallableName { get; init; }

        /// <summary>Parses an equation (and a time range's bounds) once.</summary>
        public void Parse()
        {
            try
            {
                _expression = ArrayExpression.Parse(Function!.Body);
                if (Function.TimeRange is { } range)
                {
                    _low = ArrayExpression.Parse(range.Low);
                    _high = ArrayExpression.Parse(range.High);
                    _step = range.Step is { } s ? ArrayExpression.Parse(s) : null;
                }
            }
            catch (ObservableException ex)
            {
                throw new ExperimentException($"{Label}: {ex.Message}");
            }
        }

        /// <summary>The context a built-in computes in, for an input array.</summary>
        public ObservableContext Context(ArrayValue input, double sampleInterval, IReadOnlyDictionary<string, double[,]> matrices)
        {
            var (samples, channels) = input.Rank switch
            {
                1 => (input.Shape[0], 1),
                >= 2 => (input.Shape[0], input.Data.Length / Math.Max(input.Shape[0], 1)),
                _ => throw new ObservableException($"the built-in '{FunctionName}' reads a series [time, channel], not one number."),
            };
            var labels = Enumerable.Range(0, channels).Select(j => j.ToString(CultureInfo.InvariantCulture)).ToArray();
            return new ObservableContext(labels, samples, sampleInterval, BuiltInArguments!, matrices);
        }

        public IReadOnlyList<ArrayValue> Run(Dictionary<string, ArrayValue> values, ArrayValue? previous, double sampleInterval, IReadOnlyDictionary<string, double[,]> matrices, IPipelinePython? python, CancellationToken cancellationToken)
        {
            ArrayValue Read(PipelineBinding b) => b.IsPrevious
                ? previous ?? throw new ObservableException("it has no previous value to read (the observable has no source).")
                : values.TryGetValue(b.Reference!, out var v) ? v : throw new ObservableException($"'{b.Reference}' has no value yet.");

            switch (Kind)
            {
                case PipelineStepKind.Callable:
                case PipelineStepKind.SourceCode:
                {
                    if (python is null)
                    {
                        throw new ObservableException("it runs in Python (numpy/scipy), which needs the pyrates backend's embedded CPython (Tvbo.PyRates); none is registered in this process.");
                    }

                    var arguments = Bindings.Select(b => new PythonArgument(b.Name, b.Number is { } n ? n : b.Text is { } t ? t : Read(b))).ToArray();
                    if (Kind == PipelineStepKind.SourceCode)
                    {
                        return ApplyAxis is null ? python.Evaluate(Function!.Body, arguments, cancellationToken)
                            : throw new ObservableException("apply_on_dimension is not applied to source code; write the loop over nodes in the code.");
                    }

                    if (ApplyAxis != 1)
                    {
                        return python.Call(Module!, CallableName!, arguments, ApplyAxis, cancellationToken);
                    }

                    // Each series along time: the first array as [time, series], the results given its shape back.
                    var at = Array.FindIndex(arguments, a => a.Value is ArrayValue);
                    var input = at >= 0 ? (ArrayValue)arguments[at].Value : throw new ObservableException("apply_on_dimension needs an array argument to split.");
                    arguments[at] = arguments[at] with { Value = ArrayAxis.AsSeries(input) };
                    return python.Call(Module!, CallableName!, arguments, 1, cancellationToken).Select(r => ArrayAxis.FromSeries(r, input.Shape)).ToArray();
                }

                default:
                {
                    var named = new Dictionary<string, ArrayValue>(StringComparer.Ordinal);
                    foreach (var b in Bindings)
                    {
                        named[b.Name ?? string.Empty] = b.Number is { } n ? ArrayValue.Scalar(n) : Read(b);
                    }

                    if (ApplyAxis is not { } axis)
                    {
                        return [Compute(named, sampleInterval, matrices)];
                    }

                    var first = Bindings.FirstOrDefault(b => b.Reference is not null) ?? throw new ObservableException("apply_on_dimension needs an array argument to split.");
                    var key = first.Name ?? string.Empty;
                    var whole = named[key];
                    var applied = ArrayAxis.Apply(axis == 1 ? ArrayAxis.AsSeries(whole) : whole, axis, slice =>
                    {
                        var copy = new Dictionary<string, ArrayValue>(named, StringComparer.Ordinal) { [key] = slice };
                        return Compute(copy, sampleInterval, matrices);
                    });
                    return [axis == 1 ? ArrayAxis.FromSeries(applied, whole.Shape) : applied];
                }
            }
        }

        private ArrayValue Compute(Dictionary<string, ArrayValue> named, double sampleInterval, IReadOnlyDictionary<string, double[,]> matrices)
        {
            switch (Kind)
            {
                case PipelineStepKind.BuiltIn:
                {
                    var input = named[string.Empty];
                    var context = Context(input, sampleInterval, matrices);
                    var dimensions = BuiltIn!.Dimensions(context);
                    var output = new double[dimensions.Aggregate(1, (n, d) => checked(n * d.Length))];
                    BuiltIn.Compute(context, input.Data, output);
                    return new ArrayValue(dimensions.Select(d => d.Length).ToArray(), output);
                }

                case PipelineStepKind.Tvboptim:
                    return TvboptimFunctions.Call(CallableName!, named);

                case PipelineStepKind.TimeRange:
                {
                    var range = Function!.TimeRange!;
                    var low = Number(ArrayExpression.Evaluate(_low!, named), "lo");
                    var high = Number(ArrayExpression.Evaluate(_high!, named), "hi");
                    double[] t;
                    if (range.Count is { } count)
                    {
                        t = new double[count];
                        var delta = count > 1 ? (high - low) / (count - 1) : 0;
                        for (var i = 0; i < count; i++)
                        {
                            t[i] = low + (i * delta);
                        }

                        if (count > 1)
                        {
                            t[^1] = high;
                        }
                    }
                    else
                    {
                        var step = Number(ArrayExpression.Evaluate(_step!, named), "step");
                        var times = step > 0 ? Math.Max(0, Math.Ceiling((high - low) / step)) : double.NaN;
                        if (!(times <= PipelineTimeRange.MaxTimes))
                        {
                            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"its time_range from {low} to {high} by {step} gives {(double.IsNaN(times) ? "no number of" : times.ToString("R", CultureInfo.InvariantCulture))} times; give a step > 0 that gives at most {PipelineTimeRange.MaxTimes}."));
                        }

                        t = Enumerable.Range(0, (int)times).Select(i => low + (i * step)).ToArray();
                    }

                    var withTime = new Dictionary<string, ArrayValue>(named, StringComparer.Ordinal) { ["t"] = new ArrayValue([t.Length], t) };
                    return ArrayExpression.Evaluate(_expression!, withTime);
                }

                default:
                    return ArrayExpression.Evaluate(_expression!, named);
            }
        }

        private static double Number(ArrayValue v, string what) =>
            v.IsScalar && double.IsFinite(v.Data[0]) ? v.Data[0] : throw new ObservableException($"its time_range's '{what}' is {v}, not one finite number.");
    }
}
