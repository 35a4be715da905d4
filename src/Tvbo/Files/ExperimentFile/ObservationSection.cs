using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Observables;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>observations:</c>: an equation of the model's variables, or a plain monitor of one
/// <c>source</c> variable. Post-processing keys (pipelines, downsampling, periods) are warnings.</summary>
internal static class ObservationSection
{
    /// <summary>Reads <c>observations:</c> (or <c>derived_observations:</c>) into the experiment; the observables
    /// read are compiled against the experiment's functions, each error pointing at its observation.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="exp">The experiment, its model and <c>functions:</c> read.</param>
    /// <param name="measures">The network's observational measures.</param>
    /// <param name="at">Where each observable was written, for errors found later.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp, IReadOnlyCollection<string> measures, Dictionary<string, YamlNode> at)
    {
        foreach (var (name, key, body) in src.Collection(node, "'observations'"))
        {
            var what = $"observation '{name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Observation, unknownIsError: true);
            var hasPipeline = YamlSource.Get(m, "pipeline") is { } pipeline && !YamlSource.IsEmpty(pipeline);
            var source = Sources(src, m, what);
            var readsValue = source is { } sv && sv.Names.Any(s => s.StartsWith(ObservablePipeline.NetworkObservations, StringComparison.Ordinal) || exp.Observables.Any(o => o.Name == s));
            if (YamlSource.Get(m, "equation") is null && (hasPipeline || readsValue))
            {
                WarnNotApplied(src, m, what, pipelineWarned: true);
                ReadPipeline(src, m, key, name, source, exp, measures);
                at[name] = key;
                continue;
            }

            WarnNotApplied(src, m, what, pipelineWarned: false);
            var (text, eqAt) = Equation(src, m, key, what);
            try
            {
                var obs = new Observation(name, text, exp.Model);
                CheckSources(src, m, what, exp.Model);
                exp.Observations.Add(obs);
            }
            catch (TvboException ex) when (ex is not TvboFileException)
            {
                throw src.Error(eqAt, ex.Message, ex);
            }
        }
    }

    /// <summary>Compiles the experiment's observables (their functions, modules and argument names), each error
    /// pointing at the observation (or exploration) that wrote it.</summary>
    /// <param name="src">The file.</param>
    /// <param name="exp">The experiment, its observables read.</param>
    /// <param name="at">Where each observable was written.</param>
    public static void Compile(YamlSource src, SimulationExperiment exp, IReadOnlyDictionary<string, YamlNode> at)
    {
        var done = new List<Observable>();
        foreach (var observable in exp.Observables)
        {
            done.Add(observable);
            try
            {
                _ = Observables.ObservableEvaluator.Compile(done, exp.Functions, exp.Network, allowCode: true, exp.Observations.Select(o => o.Name).ToArray());
            }
            catch (ExperimentException ex)
            {
                throw src.Error(at.TryGetValue(observable.Name, out var node) ? node : src.Root, ex.Message, ex);
            }
        }
    }

    /// <summary>The observation's <c>source</c> (or <c>source_observations</c>): its names, and whether it was written
    /// as a list (which keeps a state axis).</summary>
    private static (string[] Names, bool IsList, YamlNode Node)? Sources(YamlSource src, YamlMappingNode m, string what)
    {
        var source = YamlSource.Get(m, "source") ?? YamlSource.Get(m, "source_observations");
        if (source is null || YamlSource.IsEmpty(source))
        {
            return null;
        }

        return source is YamlSequenceNode sq
            ? (sq.Children.Select(c => src.Text(c, $"a source of {what}")).ToArray(), true, source)
            : ([src.Text(source, $"the source of {what}")], false, source);
    }

    /// <summary>An observation computed by a pipeline (or reading an earlier observable or a network's measure): an
    /// <see cref="Observable"/>.</summary>
    private static void ReadPipeline(YamlSource src, YamlMappingNode m, YamlNode key, string name, (string[] Names, bool IsList, YamlNode Node)? source, SimulationExperiment exp, IReadOnlyCollection<string> measures)
    {
        var what = $"observation '{name}'";
        var sources = source?.Names ?? [];
        foreach (var s in sources)
        {
            var known = exp.Model.Resolve(s) is SymbolKind.StateVariable or SymbolKind.DerivedVariable
                || exp.Observations.Any(o => o.Name == s) || exp.Observables.Any(o => o.Name == s)
                || (s.StartsWith(ObservablePipeline.NetworkObservations, StringComparison.Ordinal) && measures.Contains(s[ObservablePipeline.NetworkObservations.Length..]));
            if (!known)
            {
                var measure = s.StartsWith(ObservablePipeline.NetworkObservations, StringComparison.Ordinal)
                    ? $" The network's observational measures: {(measures.Count == 0 ? "none" : string.Join(", ", measures.Select(x => ObservablePipeline.NetworkObservations + x)))}."
                    : string.Empty;
                throw src.Error(source!.Value.Node, $"{what}: source '{s}' is not a state or derived variable of model '{exp.Model.Name}', an observation, an earlier observation with a pipeline, or a measure of the network.{measure}");
            }
        }

        var steps = new List<ObservableStep>();
        string? empirical = null;
        if (YamlSource.Get(m, "pipeline") is { } pipeline && !YamlSource.IsEmpty(pipeline))
        {
            var list = pipeline as YamlSequenceNode ?? throw src.Error(pipeline, $"{what}: 'pipeline' is a list of steps (- function: order_parameter).");
            for (var k = 0; k < list.Children.Count; k++)
            {
                var (step, stepEmpirical) = Step(src, list.Children[k], $"{what}, pipeline step {k + 1}", exp);
                empirical ??= stepEmpirical;
                steps.Add(step);
            }
        }

        try
        {
            var dims = YamlSource.Get(m, "dims") is { } dimsNode && !YamlSource.IsEmpty(dimsNode)
                ? (dimsNode as YamlSequenceNode ?? throw src.Error(dimsNode, $"{what}: 'dims' is a list of dimension names ([node]).")).Children.Select(c => src.Text(c, $"a dimension of {what}")).ToArray()
                : null;
            exp.Observables.Add(new Observable(name, sources, steps) { Empirical = empirical, DimensionNames = dims, SourceHasStateAxis = source?.IsList == true });
        }
        catch (ExperimentException ex)
        {
            throw src.Error(key, ex.Message, ex);
        }
    }

    /// <summary>One pipeline step (TVBO's FunctionCall): <c>function</c> or <c>callable: {module, name}</c>, its
    /// <c>arguments</c> (numbers, and texts naming values or literal), <c>output</c> and <c>apply_on_dimension</c>. A
    /// misspelt function is refused here, with the suggestion.</summary>
    public static (ObservableStep Step, string? Empirical) Step(YamlSource src, YamlNode node, string what, SimulationExperiment exp)
    {
        var step = src.Mapping(node, what);
        src.SchemaKeys(step, what, TvboSchema.PipelineStep, unknownIsError: false);
        string function;
        string? module = null;
        if (YamlSource.Get(step, "callable") is { } callable && !YamlSource.IsEmpty(callable))
        {
            var cm = src.Mapping(callable, $"the callable of {what}");
            module = YamlSource.Get(cm, "module") is { } mod ? src.Text(mod, $"the module of {what}") : throw src.Error(callable, $"the callable of {what} has no 'module:' (e.g. scipy.signal).");
            function = YamlSource.Get(cm, "name") is { } cn ? src.Text(cn, $"the callable's name of {what}") : throw src.Error(callable, $"the callable of {what} has no 'name:' (e.g. welch).");
        }
        else
        {
            var functionNode = YamlSource.Get(step, "function") ?? throw src.Error(node, $"{what} has neither 'function:' nor 'callable:'.");
            function = src.Text(functionNode, $"the function of {what}");
            if (!exp.Functions.Contains(function) && Observables.ObservableLibrary.Find(function) is null)
            {
                var valid = Observables.ObservableLibrary.All.Select(f => f.Name).Concat(exp.Functions.Select(f => f.Name)).ToArray();
                var meant = KeySuggestion.Closest(function, valid);
                throw src.Error(functionNode, $"{what}: '{function}' is neither a built-in function nor one of the file's 'functions:'{(meant is null ? string.Empty : $"; did you mean '{meant}'?")} The built-ins: {string.Join(", ", Observables.ObservableLibrary.All.Select(f => f.Name))}; the file's functions: {(exp.Functions.Count == 0 ? "none" : string.Join(", ", exp.Functions.Select(f => f.Name)))}.");
            }
        }

        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? empirical = null;
        foreach (var argument in FunctionSection.Arguments(src, YamlSource.Get(step, "arguments"), what))
        {
            if (argument.Number is { } n)
            {
                numbers[argument.Name] = n;
            }
            else if (argument.Text is { } t && argument.Name == "empirical" && module is null && !exp.Functions.Contains(function))
            {
                empirical = t;
            }
            else if (argument.Text is { } text)
            {
                texts[argument.Name] = text;
            }
        }

        var outputs = YamlSource.Get(step, "output") is { } output
            ? src.Text(output, $"the output of {what}").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        var apply = YamlSource.Get(step, "apply_on_dimension") is { } a ? src.Text(a, $"apply_on_dimension of {what}") : null;
        if (YamlSource.Get(step, "input") is { } input)
        {
            texts.TryAdd("data", src.Text(input, $"the input of {what}"));
        }

        try
        {
            return (new ObservableStep(function, numbers) { Texts = texts, Outputs = outputs, Module = module, ApplyOnDimension = apply }, empirical);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(node, ex.Message, ex);
        }
    }

    private static void WarnNotApplied(YamlSource src, YamlMappingNode m, string what, bool pipelineWarned)
    {
        foreach (var k in pipelineWarned ? ["downsample", "imaging_modality"] : new[] { "pipeline", "function", "callable", "downsample", "imaging_modality" })
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' is not applied (only the equation is computed).");
            }
        }

        if (YamlSource.Get(m, "period") is { } period)
        {
            src.Warn(period, pipelineWarned
                ? $"{what}: 'period' is not applied; the pipeline's own steps set the sampling (the source is every returned sample)."
                : $"{what}: 'period' is not applied; the observation is computed at every returned sample (set integration.sampling_step_size to sample less often).");
        }

        foreach (var k in new[] { "aggregation", "tail_samples", "voi", "analysis" })
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' is not applied{(pipelineWarned ? string.Empty : " (only the equation or source is computed)")}; write the reduction as a pipeline step (e.g. function: mean).");
            }
        }
    }

    /// <summary>The observation's expression and its node: the equation's rhs, or the one source variable itself.</summary>
    private static (string Text, YamlNode At) Equation(YamlSource src, YamlMappingNode m, YamlNode key, string what)
    {
        var eq = YamlSource.Get(m, "equation");
        if (eq is null)
        {
            // A plain monitor of one source variable: the variable itself.
            var source = YamlSource.Get(m, "source") ?? throw src.Error(key, $"{what} has neither 'equation:' nor 'source:'.");
            var sources = source is YamlSequenceNode sq ? sq.Children.Select(c => src.Text(c, $"a source of {what}")).ToArray() : [src.Text(source, $"the source of {what}")];
            if (sources.Length != 1)
            {
                throw src.Error(source, $"{what} has {sources.Length} sources and no equation; give 'equation: {{rhs: ...}}' combining them.");
            }

            return (sources[0], source);
        }

        if (eq is YamlMappingNode em)
        {
            src.SchemaKeys(em, $"the equation of {what}", TvboSchema.Equation, unknownIsError: true);
            var rhs = YamlSource.Get(em, "rhs") ?? throw src.Error(eq, $"the equation of {what} has no 'rhs:'.");
            return (src.Text(rhs, $"the rhs of {what}"), rhs);
        }

        return (src.Text(eq, $"the equation of {what}"), eq);
    }

    /// <summary>Checks that the declared sources are state or derived variables of the model.</summary>
    private static void CheckSources(YamlSource src, YamlMappingNode m, string what, Dynamics model)
    {
        if (YamlSource.Get(m, "source") is not { } declared)
        {
            return;
        }

        var listed = declared is YamlSequenceNode sq2 ? sq2.Children.Select(c => src.Text(c, "source")).ToHashSet(StringComparer.Ordinal) : [src.Text(declared, "source")];
        foreach (var unknown in listed.Where(v => model.Resolve(v) is not (SymbolKind.StateVariable or SymbolKind.DerivedVariable)))
        {
            throw src.Error(declared, $"{what}: source '{unknown}' is not a state or derived variable of model '{model.Name}'.");
        }
    }
}
