using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Files;
using Tvbo.Files.ModelFile;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Experiment;

/// <summary>
/// Reads experiment files as TVBO writes them (a SimulationExperiment): <c>dynamics</c> (inline, or
/// <c>{iri: tvbo:Name}</c> with sibling keys overriding the library model) or <c>model</c> (inline or a path),
/// <c>integration</c> (TVBO's spellings and defaults, <c>transient_time</c>), <c>explorations</c> (<c>space</c> as a
/// map or a list, or the older <c>parameters</c>), <c>observations</c>, a <c>network</c> with its <c>coupling</c>
/// (ExperimentFileReader.Network.cs), and study files holding <c>simulation_experiments:</c>. Keys that would change the
/// dynamics in ways not supported (noise, events, connectomes by IRI) are errors naming the key; keys that do not change
/// the results are warnings.
/// </summary>
internal static partial class ExperimentFileReader
{
    /// <summary>Top-level keys that would change the dynamics and are not supported yet, with the reason.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["stimulation"] = "events and stimuli are not supported yet",
        ["field_dynamics"] = "field dynamics are not supported",
        ["initial_state"] = "a separate settling run (initial_state) is not supported; use integration.transient_time",
        ["additional_equations"] = "additional equations are not supported",
        ["local_dynamics"] = "local dynamics are not supported",
    };

    /// <summary>Top-level keys that do not change the simulated numbers: read, not applied, warned about.</summary>
    private static readonly string[] NotApplied =
        ["optimizations", "algorithms", "continuations", "inferences", "dataset", "workflow", "environment", "execution", "software", "derived_observations", "functions"];

    public static SimulationExperiment ReadFile(string path, ExperimentLoadOptions? options = null)
    {
        options ??= new ExperimentLoadOptions();
        var src = YamlSource.Load(path, options.Logger);
        return Read(src, src.Root, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", options);
    }

    public static SimulationExperiment ReadText(string yaml, string sourceName, string baseDirectory, ExperimentLoadOptions? options = null)
    {
        options ??= new ExperimentLoadOptions();
        var src = YamlSource.Parse(yaml, sourceName, options.Logger);
        return Read(src, src.Root, baseDirectory, options);
    }

    /// <summary>Whether a YAML file is an experiment or study (a top-level <c>model</c>, <c>dynamics</c>,
    /// <c>explorations</c>, <c>integration</c> or <c>simulation_experiments</c>) rather than a model.</summary>
    public static bool IsExperiment(string path)
    {
        var root = YamlSource.Load(path).Root;
        return !YamlSource.Has(root, "state_variables")
            && new[] { "model", "dynamics", "explorations", "integration", "simulation_experiments" }.Any(k => YamlSource.Has(root, k));
    }

    /// <summary>The experiments of a study file (<c>simulation_experiments:</c>) as (id, label) pairs; empty for a plain
    /// experiment file.</summary>
    public static IReadOnlyList<(string? Id, string? Label)> ListExperiments(string path)
    {
        var src = YamlSource.Load(path);
        return YamlSource.Get(src.Root, "simulation_experiments") is { } list
            ? src.Sequence(list, "'simulation_experiments'").Children.OfType<YamlMappingNode>()
                .Select(m => (YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : null, YamlSource.Get(m, "label") is YamlScalarNode l ? l.Value : null)).ToArray()
            : [];
    }

    private static SimulationExperiment Read(YamlSource src, YamlMappingNode root, string baseDirectory, ExperimentLoadOptions options)
    {
        if (YamlSource.Get(root, "simulation_experiments") is { } study)
        {
            src.SchemaKeys(root, "a study (SimulationStudy)", TvboSchema.Study, unknownIsError: false);
            return Read(src, SelectExperiment(src, study, options.Experiment), baseDirectory, options);
        }

        src.SchemaKeys(root, "an experiment (SimulationExperiment)", TvboSchema.Experiment, unknownIsError: true);
        foreach (var (key, reason) in Unsupported)
        {
            if (YamlSource.Get(root, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"'{key}': {reason} (it changes the dynamics).");
            }
        }

        foreach (var key in NotApplied)
        {
            if (YamlSource.Get(root, key) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(root, key)!, $"'{key}' is read but not applied by Tvbo.PyRates (it does not change the simulated numbers); the run goes on.");
            }
        }

        var model = ReadModel(src, root, baseDirectory, options);
        var network = ReadNetwork(src, root, model, baseDirectory);
        var exp = new SimulationExperiment(model)
        {
            Id = YamlSource.Get(root, "id") is { } id ? src.Text(id, "'id'") : null,
            Label = YamlSource.Get(root, "label") is { } l ? src.Text(l, "'label'") : null,
            Description = YamlSource.Get(root, "description") is { } d ? src.Text(d, "'description'").Trim() : null,
            Network = network.Network,
        };

        if (YamlSource.Get(root, "integration") is { } integ)
        {
            ReadIntegration(src, src.Mapping(integ, "'integration'"), exp.Integration);
        }
        else
        {
            src.Default(root, "the experiment has no 'integration:'; using TVBO's defaults (method euler, step_size 0.01220703125, duration 1000).");
            ReadIntegration(src, new YamlMappingNode(), exp.Integration);
        }

        if (exp.Integration.Noise is not null)
        {
            try
            {
                InputLowering.Validate(exp.Model, exp.Inputs, exp.Integration, null);
                exp.Integration.ValidateNoise();
            }
            catch (ExperimentException ex)
            {
                var im = (YamlMappingNode)YamlSource.Get(root, "integration")!;
                throw src.Error(YamlSource.Get(im, "noise") ?? im, ex.Message, ex);
            }
        }

        if (exp.Network is not null)
        {
            ValidateNetwork(src, exp, network); // before the explorations, whose axes are checked against the network
            if (YamlSource.Get(root, "integration") is YamlMappingNode im && YamlSource.Get(im, "coupling_evaluation") is { } ce
                && src.Text(ce, "integration.coupling_evaluation").Trim() == "per_step" && exp.Integration.Method is not IntegrationMethod.Euler)
            {
                throw src.Error(ce, $"integration.coupling_evaluation 'per_step' (the coupling held over a step's stages, as TVB does) differs from the per-stage coupling both backends integrate for {exp.Integration.Method}; use 'per_stage', or the euler method, for which the two are the same.");
            }
        }

        if (YamlSource.Get(root, "inputs") is { } inputs && !YamlSource.IsEmpty(inputs))
        {
            ReadInputs(src, inputs, exp, baseDirectory);
        }

        if (YamlSource.Get(root, "events") is { } events && !YamlSource.IsEmpty(events))
        {
            ReadEvents(src, events, exp); // before the explorations, whose axes may name an event's parameters
        }

        if (YamlSource.Get(root, "observations") is { } observations)
        {
            ReadObservations(src, observations, exp);
        }

        if (YamlSource.Get(root, "explorations") is { } explorations)
        {
            foreach (var (name, key, body) in src.Collection(explorations, "'explorations'"))
            {
                if (exp.Explorations.Contains(name))
                {
                    throw src.Error(key, $"exploration '{name}' is given twice; exploration names must be unique.");
                }

                exp.Explorations.Add(ReadExploration(src, name, key, body, exp, network.Couplings.Keys));
            }
        }
        else
        {
            src.Default(root, "the experiment has no 'explorations:'; its plain integration runs as one condition (result 'integration').");
        }

        // Each exploration's grid and record were checked where it was read (with its line); the rest here.
        try
        {
            exp.ValidateSettings();
        }
        catch (ExperimentException ex)
        {
            var node = ex.Exploration is not null && YamlSource.Get(root, "explorations") is YamlMappingNode em && YamlSource.KeyNode(em, ex.Exploration) is { } k ? k : root;
            throw src.Error(node, ex.Message, ex);
        }
        catch (ModelException ex)
        {
            throw src.Error(root, ex.Message, ex);
        }

        return exp;
    }

    private static YamlMappingNode SelectExperiment(YamlSource src, YamlNode study, string? choice)
    {
        var items = src.Sequence(study, "'simulation_experiments'").Children.Select(c => src.Mapping(c, "an entry of 'simulation_experiments'")).ToArray();
        if (items.Length == 0)
        {
            throw src.Error(study, "'simulation_experiments' is empty.");
        }

        string Describe(YamlMappingNode m) =>
            $"id {(YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : "(none)")}{(YamlSource.Get(m, "label") is YamlScalarNode l ? $" '{l.Value}'" : string.Empty)}";
        var listing = string.Join("; ", items.Select(Describe));
        if (choice is null)
        {
            return items.Length == 1
                ? items[0]
                : throw src.Error(study, $"the study holds {items.Length} experiments; choose one by id or label (--experiment ID): {listing}.");
        }

        var match = items.Where(m => (YamlSource.Get(m, "id") is YamlScalarNode i && i.Value == choice) || (YamlSource.Get(m, "label") is YamlScalarNode l && l.Value == choice)).ToArray();
        return match.Length switch
        {
            1 => match[0],
            0 => throw src.Error(study, $"the study has no experiment with id or label '{choice}'; experiments: {listing}."),
            _ => throw src.Error(study, $"the study has {match.Length} experiments with id or label '{choice}'; choose by a unique one: {listing}."),
        };
    }

    private static Dynamics ReadModel(YamlSource src, YamlMappingNode root, string baseDirectory, ExperimentLoadOptions options)
    {
        var dynamicsNode = YamlSource.Get(root, "dynamics");
        var modelNode = YamlSource.Get(root, "model");
        if (dynamicsNode is null && modelNode is YamlMappingNode mr && YamlSource.Has(mr, "iri"))
        {
            (dynamicsNode, modelNode) = (modelNode, null); // 'model: {iri: tvbo:Name}' is a Dynamics reference, as under 'dynamics:'
        }

        if (dynamicsNode is not null)
        {
            if (modelNode is not null)
            {
                if (modelNode is YamlMappingNode)
                {
                    throw src.Error(modelNode, "the experiment has both 'dynamics:' and an inline 'model:'; give one.");
                }

                src.Logger.LogDebug("{File}:{Line}: 'model: {Model}' beside 'dynamics:' names the model; the dynamics are read from 'dynamics:'.", src.FileOf(modelNode), modelNode.Start.Line, (modelNode as YamlScalarNode)?.Value);
            }

            var dm = src.Mapping(dynamicsNode, "'dynamics'");
            if (YamlSource.Get(dm, "iri") is { } iriNode)
            {
                var iri = src.Text(iriNode, "the dynamics' iri");
                var searched = ModelLibrary.SearchPath(options.ModelDirectories);
                var file = ModelLibrary.Find(iri, searched);
                if (file is null && options.FallbackModelDirectories is { } fallback)
                {
                    searched = [.. searched, .. fallback()];
                    file = ModelLibrary.Find(iri, searched);
                }

                if (file is null)
                {
                    throw src.Error(iriNode, searched.Count == 0
                        ? $"the model '{iri}' cannot be found: no model folder is configured. Give one with --models DIR (ExperimentLoadOptions.ModelDirectories) or the {ModelLibrary.EnvironmentVariable} environment variable, e.g. the database/models folder of TVBO."
                        : $"the model '{iri}' ({ModelLibrary.NameOf(iri)}.yaml) is not in any model folder searched: {string.Join(", ", searched)}. Add its folder with --models DIR or {ModelLibrary.EnvironmentVariable}.");
                }

                var library = src.LoadMapping(file);
                var merged = Merge(library, dm, skip: "iri");
                return TvboModelReader.Read(src, merged, Path.GetFileNameWithoutExtension(file), strict: false);
            }

            return TvboModelReader.Read(src, dm, null, strict: true);
        }

        if (modelNode is null)
        {
            throw src.Error(root, "the experiment has no 'dynamics:' (or 'model:'); give an inline model, {iri: tvbo:Name}, or the path of a model file.");
        }

        if (modelNode is YamlMappingNode inline)
        {
            return TvboModelReader.Read(src, inline, null, strict: true);
        }

        var rel = src.Text(modelNode, "'model'");
        var path = Path.IsPathRooted(rel) ? rel : Path.Combine(baseDirectory, rel);
        if ((rel.Contains('/', StringComparison.Ordinal) || rel.Contains('\\', StringComparison.Ordinal) || Path.HasExtension(rel)) && !YamlSource.IsYamlFileName(rel))
        {
            // Checked before the file is looked at, so the error says nothing about files that are not models.
            throw src.Error(modelNode, $"'model: {rel}' is not a YAML file name (.yaml or .yml); a model file is read only under such a name.");
        }

        if (Directory.Exists(path))
        {
            throw src.Error(modelNode, $"the model file '{rel}' is a folder ({path}); give a YAML file.");
        }

        if (!File.Exists(path))
        {
            if (ModelLibrary.Find(rel, ModelLibrary.SearchPath(options.ModelDirectories)) is { } libraryFile && !rel.Contains('/', StringComparison.Ordinal) && !rel.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                path = libraryFile;
            }
            else
            {
                throw src.Error(modelNode, $"the model file '{rel}' does not exist (looked for {path}); paths are relative to the experiment file.");
            }
        }

        if (!YamlSource.IsYamlFileName(path))
        {
            throw src.Error(modelNode, $"'model: {rel}' is not a YAML file name (.yaml or .yml); a model file is read only under such a name.");
        }

        return TvboModelReader.Read(src, src.LoadMapping(path), Path.GetFileNameWithoutExtension(path), strict: false);
    }

    /// <summary>The library model with the experiment's sibling keys laid over it: mappings merge key by key (so
    /// <c>parameters: {a: {value: 2}}</c> changes only a's value), anything else replaces.</summary>
    private static YamlMappingNode Merge(YamlMappingNode library, YamlMappingNode over, string? skip = null)
    {
        var result = new YamlMappingNode();
        foreach (var (k, v) in library.Children)
        {
            result.Children.Add(k, v);
        }

        foreach (var (k, v) in over.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            if (key == skip)
            {
                continue;
            }

            var existing = result.Children.Keys.FirstOrDefault(x => x is YamlScalarNode s && s.Value == key);
            if (existing is not null)
            {
                var old = result.Children[existing];
                result.Children.Remove(existing);
                result.Children.Add(k, Keyed(old) is YamlMappingNode om && Keyed(v) is YamlMappingNode vm ? Merge(om, vm) : v);
            }
            else
            {
                result.Children.Add(k, v);
            }
        }

        return result;
    }

    /// <summary>A collection written as a list of mappings with distinct <c>name:</c>s as the equivalent mapping keyed
    /// by name, so a list-form override merges entry by entry; any other node as it is.</summary>
    private static YamlNode Keyed(YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } seq
            || seq.Children.Select(c => c is YamlMappingNode m && YamlSource.Get(m, "name") is YamlScalarNode n ? n.Value : null).ToArray() is var names
            && (names.Any(n => n is null) || names.Distinct(StringComparer.Ordinal).Count() != names.Length))
        {
            return node;
        }

        var keyed = new YamlMappingNode();
        foreach (var item in seq.Children.Cast<YamlMappingNode>())
        {
            keyed.Children.Add(YamlSource.Get(item, "name")!, item);
        }

        return keyed;
    }

    private static void ReadIntegration(YamlSource src, YamlMappingNode m, IntegrationSettings s)
    {
        src.SchemaKeys(m, "'integration'", TvboSchema.Integration, unknownIsError: true);
        if (YamlSource.Get(m, "state_wise_sigma") is { } sws && !YamlSource.IsEmpty(sws) && !(sws is YamlScalarNode && YamlSource.IsNumber(sws) && src.Number(sws, "state_wise_sigma") == 0))
        {
            throw src.Error(sws, "integration.state_wise_sigma is not supported: give one noise.parameters.sigma for the noise's targets.");
        }

        if (YamlSource.Get(m, "noise") is { } noiseNode && !YamlSource.IsEmpty(noiseNode) && !(noiseNode is YamlScalarNode && YamlSource.IsNumber(noiseNode) && src.Number(noiseNode, "noise") == 0))
        {
            s.Noise = ReadNoise(src, noiseNode);
        }

        foreach (var key in new[] { "intermediate_expressions", "update_expression" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"integration.{key}: user-defined integration schemes are not supported; use method euler, heun, rk4 or rk45.");
            }
        }

        foreach (var key in new[] { "steps", "number_of_stages", "scipy_ode_base", "differentiation", "parameters", "transient" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, key)!, $"integration.{key} is not applied (the method, step size and duration decide the integration).");
            }
        }

        if (YamlSource.Get(m, "method") is { } method)
        {
            var text = src.Text(method, "integration.method").Trim();
            s.Method = text.ToLowerInvariant().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal) switch
            {
                "euler" or "eulerdeterministic" => IntegrationMethod.Euler,
                "heun" or "heundeterministic" => IntegrationMethod.Heun,
                "rk4" or "rungekutta4" or "rungekutta4thorder" or "rungekutta" => IntegrationMethod.RK4,
                "rk45" or "dopri5" or "dormandprince" or "scipy" => IntegrationMethod.RK45,
                "eulerstochastic" or "eulermaruyama" => IntegrationMethod.Euler,
                "heunstochastic" => IntegrationMethod.Heun,
                _ => throw src.Error(method, $"integration.method '{text}' is not known; valid (any case): euler, heun, rk4, rk45 (also EulerDeterministic, HeunDeterministic, RungeKutta4)."),
            };
        }
        else
        {
            s.Method = IntegrationMethod.Euler;
            src.Default(m, "integration.method not given; using TVBO's default 'euler'.");
        }

        if (YamlSource.Get(m, "duration") is { } dur)
        {
            s.Duration = src.FiniteNumber(dur, "integration.duration");
        }
        else
        {
            s.Duration = 1000.0;
            src.Default(m, "integration.duration not given; using TVBO's default 1000.");
        }

        var stepNode = YamlSource.Get(m, "step_size");
        if (YamlSource.Get(m, "dt") is { } dtNode)
        {
            if (stepNode is not null)
            {
                src.Warn(dtNode, "integration has both 'step_size' and 'dt'; 'step_size' is used.");
            }

            stepNode ??= dtNode;
        }

        if (stepNode is not null)
        {
            s.StepSize = src.FiniteNumber(stepNode, "integration.step_size");
        }
        else
        {
            s.StepSize = 0.01220703125;
            src.Default(m, "integration.step_size not given; using TVBO's default 0.01220703125 (2^-13 * 100).");
        }

        if (YamlSource.Get(m, "sampling_step_size") is { } dts)
        {
            s.SamplingStepSize = src.FiniteNumber(dts, "integration.sampling_step_size");
        }

        if (YamlSource.Get(m, "transient_time") is { } tt)
        {
            s.TransientTime = src.FiniteNumber(tt, "integration.transient_time");
        }

        s.RelativeTolerance = Tolerance("rel_tol", "rtol", s.RelativeTolerance);
        s.AbsoluteTolerance = Tolerance("abs_tol", "atol", s.AbsoluteTolerance);

        if (YamlSource.Get(m, "delayed") is { } delayed)
        {
            _ = src.Boolean(delayed, "integration.delayed");
        }

        if (YamlSource.Get(m, "coupling_evaluation") is { } ce && src.Text(ce, "integration.coupling_evaluation").Trim() is var ceText && ceText is not ("per_step" or "per_stage"))
        {
            throw src.Error(ce, $"integration.coupling_evaluation '{ceText}' is not known; valid: per_step, per_stage.");
        }

        foreach (var key in new[] { "time_scale", "time_unit", "unit" })
        {
            if (YamlSource.Get(m, key) is { } tu && src.Text(tu, $"integration.{key}").Trim() is var unit && unit is not ("ms" or "s" or "us" or "millisecond" or "second"))
            {
                throw src.Error(tu, $"integration.{key} '{unit}' is not known; valid: ms, s, us. (Times are in the model's own unit; the unit is recorded, not converted.)");
            }
        }

        try
        {
            s.Validate();
        }
        catch (ExperimentException ex)
        {
            throw src.Error(m, ex.Message, ex);
        }

        double Tolerance(string key, string alias, double fallback)
        {
            var node = YamlSource.Get(m, key) ?? YamlSource.Get(m, alias);
            if (node is not null)
            {
                return src.FiniteNumber(node, $"integration.{key}");
            }

            if (s.Method == IntegrationMethod.RK45)
            {
                src.Default(m, $"integration.{key} not given; using TVBO's default 1e-10.");
                return 1e-10;
            }

            return fallback;
        }
    }

    private static void ReadObservations(YamlSource src, YamlNode node, SimulationExperiment exp)
    {
        foreach (var (name, key, body) in src.Collection(node, "'observations'"))
        {
            var what = $"observation '{name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Observation, unknownIsError: true);
            foreach (var k in new[] { "pipeline", "function", "callable", "downsample", "imaging_modality" })
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

            var eq = YamlSource.Get(m, "equation");
            string text;
            YamlNode at;
            if (eq is null)
            {
                // A plain monitor of one source variable: the variable itself.
                var source = YamlSource.Get(m, "source") ?? throw src.Error(key, $"{what} has neither 'equation:' nor 'source:'.");
                var sources = source is YamlSequenceNode sq ? sq.Children.Select(c => src.Text(c, $"a source of {what}")).ToArray() : [src.Text(source, $"the source of {what}")];
                if (sources.Length != 1)
                {
                    throw src.Error(source, $"{what} has {sources.Length} sources and no equation; give 'equation: {{rhs: ...}}' combining them.");
                }

                text = sources[0];
                at = source;
            }
            else if (eq is YamlMappingNode em)
            {
                src.SchemaKeys(em, $"the equation of {what}", TvboSchema.Equation, unknownIsError: true);
                var rhs = YamlSource.Get(em, "rhs") ?? throw src.Error(eq, $"the equation of {what} has no 'rhs:'.");
                text = src.Text(rhs, $"the rhs of {what}");
                at = rhs;
            }
            else
            {
                text = src.Text(eq, $"the equation of {what}");
                at = eq;
            }

            try
            {
                var obs = new Observation(name, text, exp.Model);
                if (YamlSource.Get(m, "source") is { } declared)
                {
                    var listed = declared is YamlSequenceNode sq2 ? sq2.Children.Select(c => src.Text(c, "source")).ToHashSet(StringComparer.Ordinal) : [src.Text(declared, "source")];
                    foreach (var unknown in listed.Where(v => exp.Model.Resolve(v) is not (SymbolKind.StateVariable or SymbolKind.DerivedVariable)))
                    {
                        throw src.Error(declared, $"{what}: source '{unknown}' is not a state or derived variable of model '{exp.Model.Name}'.");
                    }
                }

                exp.Observations.Add(obs);
            }
            catch (TvboException ex) when (ex is not TvboFileException)
            {
                throw src.Error(at, ex.Message, ex);
            }
        }
    }

    private static Exploration ReadExploration(YamlSource src, string name, YamlNode key, YamlNode? body, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys)
    {
        var model = exp.Model;
        try
        {
            Exploration.CheckName(name);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(key, ex.Message, ex);
        }

        var what = $"exploration '{name}'";
        var m = body is null ? throw src.Error(key, $"{what} is empty; give its 'space:'.") : src.Mapping(body, what);
        src.SchemaKeys(m, what, TvboSchema.Exploration, unknownIsError: true);
        var mode = ExplorationMode.Product;
        if (YamlSource.Get(m, "mode") is { } modeNode)
        {
            var text = src.Text(modeNode, $"the mode of {what}").Trim();
            mode = text.ToLowerInvariant() switch
            {
                "product" or "grid" => ExplorationMode.Product,
                "zip" => ExplorationMode.Zip,
                _ => throw src.Error(modeNode, $"the mode of {what} is '{text}'; valid: product, zip."),
            };
        }

        var trialCount = YamlSource.Get(m, "n_trials") is { } trials ? src.Integer(trials, $"n_trials of {what}") : 1;
        if (trialCount < 1)
        {
            throw src.Error(YamlSource.Get(m, "n_trials")!, $"{what}: n_trials is {trialCount}; give at least 1.");
        }

        if (trialCount > 1 && exp.Integration.Noise is null)
        {
            src.Warn(YamlSource.KeyNode(m, "n_trials")!, $"{what}: n_trials {trialCount} without integration.noise repeats identical conditions.");
        }

        foreach (var k in new[] { "observable", "average", "objectives", "algorithms", "reduce", "strategy", "sweep_seeding", "sweep_direction" })
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' is not applied; the full results are returned.");
            }
        }

        YamlNode axesNode;
        if (YamlSource.Get(m, "space") is { } space)
        {
            axesNode = space;
            if (YamlSource.Get(m, "parameters") is { } hyper && !YamlSource.IsEmpty(hyper))
            {
                src.Warn(YamlSource.KeyNode(m, "parameters")!, $"{what}: beside 'space', 'parameters' holds the exploration's own settings, which are not applied.");
            }
        }
        else
        {
            axesNode = YamlSource.Get(m, "parameters") ?? throw src.Error(key, $"{what} has no 'space:' (or older 'parameters:') giving the axes.");
        }

        var parameters = new List<ExplorationParameter>();
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        IEnumerable<(string Ref, YamlNode Key, YamlNode? Body)> axes = axesNode is YamlSequenceNode list
            ? list.Children.Select(c =>
            {
                var cm = src.Mapping(c, $"an axis of {what}");
                var p = YamlSource.Get(cm, "parameter") ?? throw src.Error(c, $"an axis of {what} has no 'parameter:'.");
                return (src.Text(p, $"the parameter of an axis of {what}"), p, (YamlNode?)cm);
            })
            : src.Entries(axesNode, $"the space of {what}");
        foreach (var (reference, pkey, pbody) in axes)
        {
            var pname = ResolveAxis(src, reference, pkey, what, exp, couplingKeys);
            var pwhat = $"axis '{reference}' of {what}";
            var pm = pbody is null ? throw src.Error(pkey, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.") : src.Mapping(pbody, pwhat);
            src.SchemaKeys(pm, pwhat, TvboSchema.Axis, unknownIsError: true);
            foreach (var k in new[] { "transform", "builder", "element_domains" })
            {
                if (YamlSource.Get(pm, k) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(n, $"{pwhat}: '{k}' is not supported; give the values with 'domain' or 'explored_values'.");
                }
            }

            if (YamlSource.Get(pm, "reduce") is { } reduce)
            {
                src.Warn(reduce, $"{pwhat}: 'reduce' is not applied; results keep this axis.");
            }

            nodes[pname] = pkey;
            parameters.Add(new ExplorationParameter(pname, ReadDomain(src, pm, pwhat, model)));
        }

        var record = YamlSource.Get(m, "record") is { } rn
            ? (rn is YamlSequenceNode rs ? rs.Children.Select(c => src.Text(c, $"an entry of the record of {what}")).ToArray() : [src.Text(rn, $"the record of {what}")])
            : [];
        var exploration = new Exploration(name, parameters, mode)
        {
            Trials = trialCount,
            Label = YamlSource.Get(m, "label") is { } l ? src.Text(l, $"the label of {what}") : null,
            Description = YamlSource.Get(m, "description") is { } d ? src.Text(d, $"the description of {what}").Trim() : null,
            Record = record,
        };

        try
        {
            exploration.CreateGrid(exp);
            exp.CheckRecord(exploration);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(ex.Parameter is not null && nodes.TryGetValue(ex.Parameter, out var n) ? n : YamlSource.Get(m, "record") is { } r && ex.Parameter is null ? r : key, ex.Message, ex);
        }

        return exploration;
    }

    /// <summary>The parameter an axis reference names: <c>name</c> or <c>&lt;dynamics name&gt;.name</c> (the model
    /// parameter); with a network also <c>c_glob.G</c>, <c>&lt;node label&gt;.p</c>, <c>network.conduction_speed</c> and
    /// <c>network.edges[s->t].weight</c>, returned as written and checked when the grid is made
    /// (<see cref="Networks.NetworkAxis.Resolve"/>). References to things this project does not simulate are errors
    /// naming the missing capability.</summary>
    private static string ResolveAxis(YamlSource src, string reference, YamlNode node, string what, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys)
    {
        var model = exp.Model;
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return reference;
        }

        var scope = reference[..dot];
        var member = reference[(dot + 1)..];
        if (scope == model.Name)
        {
            return member;
        }

        if (reference == InputLowering.SigmaAddress && exp.Integration.Noise is not null)
        {
            return reference;
        }

        if (exp.Stimuli.ContainsKey(scope))
        {
            return reference; // checked against the stimulus's parameters when the grid is made
        }

        var network = exp.Network;
        if (network is not null && (scope == "network" || network.Coupling.ContainsKey(scope) || network.IndexOf(scope) >= 0
            || (scope is not ("noise" or "integration" or "stimulus" or "stimulation" or "events") && exp.Observations.All(o => o.Name != scope))))
        {
            return reference;
        }

        var problem = scope switch
        {
            "network" => "network parameters (conduction speed, edge weights) need a network: give 'network:' with more than one node, or with weights or edges",
            "noise" => exp.Integration.Noise is null ? "noise parameters need integration.noise" : $"the noise's explorable parameter is {InputLowering.SigmaAddress}",
            "integration" => "integration settings cannot be explored; run one experiment per setting",
            _ when model.Resolve(scope) == SymbolKind.CouplingTerm || couplingKeys.Contains(scope) =>
                $"coupling parameters ('{scope}' is a coupling {(model.Resolve(scope) == SymbolKind.CouplingTerm ? $"input of model '{model.Name}'" : "of the file")}) need a network: give 'network:' with more than one node, or with weights or edges, and 'coupling: {{{scope}: ...}}'",
            _ when scope is "stimulus" or "stimulation" or "events" => $"there is no event named '{scope}'; events: {(exp.Stimuli.Count == 0 ? "none" : string.Join(", ", exp.Stimuli.Keys))}",
            _ when exp.Stimuli.Count > 0 && model.Resolve(scope) is null => $"'{scope}' is neither the model's name ('{model.Name}'), an event ({string.Join(", ", exp.Stimuli.Keys)}) nor another known scope (network, a coupling input)",
            _ when exp.Observations.Any(o => o.Name == scope) => $"'{scope}' is an observation; observations have no parameters to explore",
            _ => $"'{scope}' is neither the model's name ('{model.Name}') nor a known scope (network, noise, a coupling input, an event); address model parameters as 'name' or '{model.Name}.name'",
        };
        throw src.Error(node, $"{what}: axis '{reference}': {problem}.");
    }

    private static Domain ReadDomain(YamlSource src, YamlMappingNode pm, string pwhat, Dynamics model)
    {
        var log = YamlSource.Get(pm, "log_scale") is { } lg && src.Boolean(lg, $"log_scale of {pwhat}");
        var ev = YamlSource.Get(pm, "explored_values");
        var dn = YamlSource.Get(pm, "domain");
        if (ev is null && dn is YamlMappingNode inner && YamlSource.Get(inner, "explored_values") is { } iev)
        {
            ev = iev;
            dn = null;
        }

        if (ev is not null)
        {
            if (log)
            {
                throw src.Error(YamlSource.Get(pm, "log_scale")!, $"{pwhat}: log_scale applies to a domain {{lo, hi, n}}, not to explored_values, which are used as given.");
            }

            if (dn is not null)
            {
                src.Warn(dn, $"{pwhat} has both 'domain' and 'explored_values'; as in TVBO, the explored_values are used.");
            }

            return Domain.Values(src.Sequence(ev, $"explored_values of {pwhat}").Children.Select(n => src.Number(n, $"a value of {pwhat}")).ToArray());
        }

        if (dn is null)
        {
            throw src.Error(pm, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.");
        }

        var dm = src.Mapping(dn, $"the domain of {pwhat}");
        src.SchemaKeys(dm, $"the domain of {pwhat}", TvboSchema.Range, unknownIsError: true);
        var lo = YamlSource.Get(dm, "lo") is { } lon ? Bound(lon, "lo") : 0.0;
        var hi = YamlSource.Get(dm, "hi") is { } hin ? Bound(hin, "hi") : throw src.Error(dm, $"the domain of {pwhat} has no 'hi:'.");
        log |= YamlSource.Get(dm, "log_scale") is { } dlg && src.Boolean(dlg, $"domain.log_scale of {pwhat}");
        int n;
        if (YamlSource.Get(dm, "n") is { } nn)
        {
            n = src.Integer(nn, $"domain.n of {pwhat}");
        }
        else if (YamlSource.Get(dm, "step") is { } sn)
        {
            var step = src.FiniteNumber(sn, $"domain.step of {pwhat}");
            if (log)
            {
                throw src.Error(sn, $"the domain of {pwhat}: 'step' with log_scale is ambiguous; give 'n' (the number of values).");
            }

            var count = (hi - lo) / step;
            var whole = Math.Round(count);
            if (!(step > 0) || !double.IsFinite(count) || Math.Abs(count - whole) > 1e-9 * Math.Max(1, whole))
            {
                throw src.Error(sn, string.Create(CultureInfo.InvariantCulture, $"the domain of {pwhat}: step {step} does not divide hi - lo = {hi - lo} into whole steps; give 'n' (the number of values) or a step that does."));
            }

            n = checked((int)whole + 1);
        }
        else
        {
            throw src.Error(dm, $"the domain of {pwhat} has neither 'n:' (the number of values) nor 'step:'.");
        }

        return Domain.Range(lo, hi, n, log);

        double Bound(YamlNode b, string which)
        {
            if (!YamlSource.IsNumber(b) && b is YamlScalarNode { Value: { } text } && model.FindParameter(text.Trim()) is { } p)
            {
                return p.Value; // TVBO allows a parameter's name as a bound
            }

            return src.Number(b, $"domain.{which} of {pwhat}");
        }
    }
}
