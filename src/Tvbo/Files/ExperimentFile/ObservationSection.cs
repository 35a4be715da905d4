using Tvbo.Experiment;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>observations:</c>: an equation of the model's variables, or a plain monitor of one
/// <c>source</c> variable. Post-processing keys (pipelines, downsampling, periods) are warnings.</summary>
internal static class ObservationSection
{
    /// <summary>Reads <c>observations:</c> into the experiment.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>observations:</c> value.</param>
    /// <param name="exp">The experiment, its model read.</param>
    /// <param name="fileFunctions">The names the file's <c>functions:</c> defines.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp, IReadOnlySet<string> fileFunctions)
    {
        foreach (var (name, key, body) in src.Collection(node, "'observations'"))
        {
            var what = $"observation '{name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Observation, unknownIsError: true);
            var hasPipeline = YamlSource.Get(m, "pipeline") is { } pipeline && !YamlSource.IsEmpty(pipeline);
            if (hasPipeline && YamlSource.Get(m, "equation") is null && ReadPipeline(src, m, key, YamlSource.Get(m, "pipeline")!, name, exp, fileFunctions))
            {
                continue;
            }

            WarnNotApplied(src, m, what, pipelineWarned: hasPipeline && YamlSource.Get(m, "equation") is null);
            var (text, at) = Equation(src, m, key, what);
            try
            {
                var obs = new Observation(name, text, exp.Model);
                CheckSources(src, m, what, exp.Model);
                exp.Observations.Add(obs);
            }
            catch (TvboException ex) when (ex is not TvboFileException)
            {
                throw src.Error(at, ex.Message, ex);
            }
        }
    }

    /// <summary>An observation with a pipeline of built-in functions: an <see cref="Observable"/> (returns true). A
    /// step the library does not have (a function of the file's own <c>functions:</c>, a <c>callable:</c>) is not run:
    /// a warning names the step, and the observation is its source alone, as without a pipeline (returns false).</summary>
    private static bool ReadPipeline(YamlSource src, YamlMappingNode m, YamlNode key, YamlNode pipeline, string name, SimulationExperiment exp, IReadOnlySet<string> fileFunctions)
    {
        var what = $"observation '{name}'";
        var source = YamlSource.Get(m, "source") ?? throw src.Error(key, $"{what} has a pipeline but no 'source:'; give the outputs it reads (source: [V]).");
        var sources = source is YamlSequenceNode sq ? sq.Children.Select(c => src.Text(c, $"a source of {what}")).ToArray() : [src.Text(source, $"the source of {what}")];
        foreach (var s in sources)
        {
            if (exp.Model.Resolve(s) is not (SymbolKind.StateVariable or SymbolKind.DerivedVariable) && !exp.Observations.Any(o => o.Name == s))
            {
                throw src.Error(source, $"{what}: source '{s}' is not a state or derived variable of model '{exp.Model.Name}' or an observation with an equation.");
            }
        }

        var steps = new List<ObservableStep>();
        string? empirical = null;
        var outputs = new List<string> { "integration.result" };
        var list = pipeline as YamlSequenceNode ?? throw src.Error(pipeline, $"{what}: 'pipeline' is a list of steps (- function: order_parameter).");
        for (var k = 0; k < list.Children.Count; k++)
        {
            var stepWhat = $"{what}, pipeline step {k + 1}";
            var step = src.Mapping(list.Children[k], stepWhat);
            if (YamlSource.Get(step, "callable") is { } callable)
            {
                src.Warn(callable, $"{stepWhat}: 'callable' steps (numpy/scipy in Python) are not run yet, so the pipeline of {what} is not applied; the built-in functions are: {string.Join(", ", Observables.ObservableLibrary.All.Select(f => f.Name))}.");
                return false;
            }

            var functionNode = YamlSource.Get(step, "function") ?? throw src.Error(list.Children[k], $"{stepWhat} has no 'function:'.");
            var function = src.Text(functionNode, $"the function of {stepWhat}");
            if (fileFunctions.Contains(function))
            {
                // The file's own definition wins over a built-in of the same name (TVBO's temporal_average).
                src.Warn(functionNode, $"{stepWhat}: '{function}' is a function of the file's own 'functions:', which is not run yet, so the pipeline of {what} is not applied; the built-in functions are: {string.Join(", ", Observables.ObservableLibrary.All.Select(f => f.Name))}.");
                return false;
            }

            if (Observables.ObservableLibrary.Find(function) is null
                && KeySuggestion.Closest(function, Observables.ObservableLibrary.All.Select(f => f.Name)) is { } meant)
            {
                throw src.Error(functionNode, $"{stepWhat}: '{function}' is neither a built-in function nor one of the file's 'functions:'; did you mean '{meant}'?");
            }

            if (Observables.ObservableLibrary.Find(function) is null)
            {
                src.Warn(functionNode, $"{stepWhat}: '{function}' is not a built-in function (nor one of the file's 'functions:'), so the pipeline of {what} is not applied; the built-in functions are: {string.Join(", ", Observables.ObservableLibrary.All.Select(f => f.Name))}.");
                return false;
            }

            var arguments = new Dictionary<string, double>(StringComparer.Ordinal);
            if (YamlSource.Get(step, "arguments") is { } args && !YamlSource.IsEmpty(args))
            {
                foreach (var (argName, argKey, argBody) in src.Collection(args, $"the arguments of {stepWhat}"))
                {
                    var value = argBody is YamlMappingNode am ? YamlSource.Get(am, "value") : argBody;
                    if (value is null)
                    {
                        throw src.Error(argKey, $"{stepWhat}: argument '{argName}' has no value.");
                    }

                    if (YamlSource.IsNumber(value) || (value is YamlScalarNode { Value: { } inf } && inf.Contains("inf", StringComparison.OrdinalIgnoreCase)))
                    {
                        arguments[argName] = src.Number(value, $"argument '{argName}' of {stepWhat}");
                        continue;
                    }

                    var text = src.Text(value, $"argument '{argName}' of {stepWhat}");
                    if (argName == "empirical")
                    {
                        empirical = text;
                    }
                    else if (!outputs.Contains(text))
                    {
                        throw src.Error(value, $"{stepWhat}: argument '{argName}' is '{text}', which names nothing; a step's input is 'integration.result' or an earlier step's output ({string.Join(", ", outputs)}), other arguments are numbers.");
                    }
                }
            }

            if (YamlSource.Get(step, "output") is { } output)
            {
                outputs.AddRange(src.Text(output, $"the output of {stepWhat}").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }

            steps.Add(new ObservableStep(function, arguments));
        }

        try
        {
            var dims = YamlSource.Get(m, "dims") is { } dimsNode && !YamlSource.IsEmpty(dimsNode)
                ? (dimsNode as YamlSequenceNode ?? throw src.Error(dimsNode, $"{what}: 'dims' is a list of dimension names ([node]).")).Children.Select(c => src.Text(c, $"a dimension of {what}")).ToArray()
                : null;
            exp.Observables.Add(new Observable(name, sources, steps) { Empirical = empirical, DimensionNames = dims });
            return true;
        }
        catch (ExperimentException ex)
        {
            throw src.Error(pipeline, ex.Message, ex);
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
            src.Warn(period, $"{what}: 'period' is not applied; the observation is computed at every returned sample (set integration.sampling_step_size to sample less often).");
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
