using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>
/// Reads experiment files as TVBO writes them (a SimulationExperiment), one section at a time: the model
/// (<see cref="ModelSection"/>), the network and its couplings (<see cref="NetworkSection"/>), <c>integration</c>
/// (<see cref="IntegrationSection"/>), <c>inputs</c>, <c>events</c>, <c>observations</c>, <c>explorations</c> and
/// <c>continuations</c> (<see cref="ContinuationSection"/>), and
/// study files holding <c>simulation_experiments:</c> (<see cref="StudySection"/>). Keys that would change the
/// dynamics in ways not supported are errors naming the key; keys that do not change the results are warnings.
/// </summary>
internal static class ExperimentFileReader
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
        ["optimizations", "algorithms", "inferences", "dataset", "workflow", "environment", "execution", "software", "modelfitting"];

    /// <summary>Reads an experiment or study file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Where models are searched, which experiment of a study, where warnings go.</param>
    public static SimulationExperiment ReadFile(string path, ExperimentLoadOptions? options = null)
    {
        options ??= new ExperimentLoadOptions();
        var src = YamlSource.Load(path, options.Logger);
        return Read(src, src.Root, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", options);
    }

    /// <summary>Reads experiment YAML text.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="baseDirectory">The folder relative paths start from.</param>
    /// <param name="options">Where models are searched, which experiment of a study, where warnings go.</param>
    public static SimulationExperiment ReadText(string yaml, string sourceName, string baseDirectory, ExperimentLoadOptions? options = null)
    {
        options ??= new ExperimentLoadOptions();
        var src = YamlSource.Parse(yaml, sourceName, options.Logger);
        return Read(src, src.Root, baseDirectory, options);
    }

    /// <summary>Whether a YAML file is an experiment or study (a top-level <c>model</c>, <c>dynamics</c>,
    /// <c>explorations</c>, <c>integration</c> or <c>simulation_experiments</c>) rather than a model.</summary>
    /// <param name="path">The file.</param>
    public static bool IsExperiment(string path)
    {
        var root = YamlSource.Load(path).Root;
        return !YamlSource.Has(root, "state_variables")
            && (StudySection.IsStudy(root) || new[] { "model", "dynamics", "explorations", "integration" }.Any(k => YamlSource.Has(root, k)));
    }

    /// <summary>The experiments of a study file (<c>simulation_experiments:</c>) as (id, label) pairs; empty for a plain
    /// experiment file.</summary>
    /// <param name="path">The file.</param>
    public static IReadOnlyList<(string? Id, string? Label)> ListExperiments(string path) => StudySection.List(YamlSource.Load(path));

    /// <summary>The top-level model of a study file without experiments (what its experiments would inherit), or
    /// <see langword="null"/> when the file is not such a study.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Where models are searched, where warnings go.</param>
    public static Model.Dynamics? ReadStudyModel(string path, ExperimentLoadOptions options)
    {
        var src = YamlSource.Load(path, options.Logger);
        if (!StudySection.IsStudy(src.Root) || StudySection.List(src).Count > 0 || StudySection.Model(src.Root) is null)
        {
            return null;
        }

        src.SchemaKeys(src.Root, "a study (SimulationStudy)", TvboSchema.Study, unknownIsError: false);
        var holder = new YamlMappingNode { { YamlSource.KeyNode(src.Root, "model")!, StudySection.Model(src.Root)! } };
        return ModelSection.Read(src, holder, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", options, []);
    }

    private static SimulationExperiment Read(YamlSource src, YamlMappingNode root, string baseDirectory, ExperimentLoadOptions options)
    {
        if (!StudySection.IsStudy(root))
        {
            return ReadExperiment(src, root, baseDirectory, options);
        }

        src.SchemaKeys(root, "a study (SimulationStudy)", TvboSchema.Study, unknownIsError: false);
        var (experiment, name) = StudySection.Select(src, root, options.Experiment);
        try
        {
            return ReadExperiment(src, experiment, baseDirectory, options);
        }
        catch (TvboFileException ex)
        {
            // Every error inside a study's experiment names the experiment, after the file and line.
            throw new TvboFileException(ex.File, ex.Line, ex.Column, $"experiment {name}: {ex.Problem}", ex);
        }
    }

    private static SimulationExperiment ReadExperiment(YamlSource src, YamlMappingNode root, string baseDirectory, ExperimentLoadOptions options)
    {
        src.SchemaKeys(root, "an experiment (SimulationExperiment)", TvboSchema.Experiment, unknownIsError: true);
        CheckTopLevelKeys(src, root);
        var model = ModelSection.Read(src, root, baseDirectory, options, EventSection.Symbols(root));
        var network = NetworkSection.Read(src, root, model, baseDirectory, options);
        var exp = new SimulationExperiment(model)
        {
            Id = YamlSource.Get(root, "id") is { } id ? src.Text(id, "'id'") : null,
            Label = YamlSource.Get(root, "label") is { } l ? src.Text(l, "'label'") : null,
            Description = YamlSource.Get(root, "description") is { } d ? src.Text(d, "'description'").Trim() : null,
            Network = network.Network,
        };

        ReadIntegration(src, root, exp);
        if (exp.Network is not null)
        {
            CheckCouplingEvaluation(src, root, exp);
            NetworkValidation.Validate(src, exp, network); // before the explorations, whose axes are checked against the network
        }

        ReadSections(src, root, exp);
        ReadExplorations(src, root, exp, network);
        if (YamlSource.Get(root, "continuations") is { } continuations && !YamlSource.IsEmpty(continuations))
        {
            ContinuationSection.Read(src, continuations, exp);
        }

        if (YamlSource.Get(root, "inputs") is { } inputs && !YamlSource.IsEmpty(inputs))
        {
            // After the explorations: a series per condition is checked against their grids before its rows are read.
            InputSection.Read(src, inputs, exp, baseDirectory);
        }

        ValidateSettings(src, root, exp);
        return exp;
    }

    /// <summary>Refuses top-level keys that would change the dynamics; warns about keys that are not applied.</summary>
    private static void CheckTopLevelKeys(YamlSource src, YamlMappingNode root)
    {
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
    }

    /// <summary>Reads <c>integration:</c> (TVBO's defaults when absent) and checks the noise against the model.</summary>
    private static void ReadIntegration(YamlSource src, YamlMappingNode root, SimulationExperiment exp)
    {
        if (YamlSource.Get(root, "integration") is { } integ)
        {
            IntegrationSection.Read(src, src.Mapping(integ, "'integration'"), exp.Integration, exp.Model.IsDiscrete);
            exp.IntegrationInFile = true;
        }
        else
        {
            src.Default(root, exp.Model.IsDiscrete
                ? "the experiment has no 'integration:'; the model is a discrete map: 1000 iterates, one per unit of time (step_size 1, duration 1000)."
                : "the experiment has no 'integration:'; using TVBO's defaults (method euler, step_size 0.01220703125, duration 1000).");
            IntegrationSection.Read(src, new YamlMappingNode(), exp.Integration, exp.Model.IsDiscrete);
        }

        exp.ApplyStateNoise();
        if (exp.Integration.Noise is null)
        {
            return;
        }

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

    /// <summary>Refuses <c>coupling_evaluation: per_step</c> for a network integrated by RK45, at the setting; notes the
    /// default where it differs from TVBO's (a coupled network under Heun or RK4 without the key).</summary>
    private static void CheckCouplingEvaluation(YamlSource src, YamlMappingNode root, SimulationExperiment exp)
    {
        if (exp.Network!.Coupling.Count == 0)
        {
            return;
        }

        var im = YamlSource.Get(root, "integration") as YamlMappingNode;
        var ce = im is null ? null : YamlSource.Get(im, "coupling_evaluation");
        if (exp.Integration.CouplingEvaluation == CouplingEvaluation.PerStep && exp.Integration.Method == IntegrationMethod.RK45 && ce is not null)
        {
            throw src.Error(ce, NetworkLowering.PerStepRK45);
        }

        if (ce is null && exp.Integration.Method is IntegrationMethod.Heun or IntegrationMethod.RK4)
        {
            src.Default((YamlNode?)im ?? root, "integration.coupling_evaluation not given; using per_stage (the coupling evaluated at every stage, as PyRates does). TVBO's schema default is per_step (computed at each step's start and held over its stages, as TVB does): write it to integrate TVB's way (native backend).");
        }
    }

    /// <summary>Reads <c>events</c>, <c>observations</c> and the older <c>monitors</c>, before the explorations, whose axes may name an event's
    /// parameters.</summary>
    private static void ReadSections(YamlSource src, YamlMappingNode root, SimulationExperiment exp)
    {
        if (YamlSource.Get(root, "events") is { } events && !YamlSource.IsEmpty(events))
        {
            EventSection.Read(src, events, exp);
        }

        if (YamlSource.Get(root, "functions") is { } functions && !YamlSource.IsEmpty(functions))
        {
            FunctionSection.Read(src, functions, exp);
        }

        var measures = exp.Network?.ObservationalMeasures.Keys.ToArray() ?? [];
        var at = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var section in new[] { "observations", "derived_observations" })
        {
            if (YamlSource.Get(root, section) is { } observations && !YamlSource.IsEmpty(observations))
            {
                ObservationSection.Read(src, observations, exp, measures, at);
            }
        }

        if (YamlSource.Get(root, "monitors") is { } monitors && !YamlSource.IsEmpty(monitors))
        {
            MonitorSection.Read(src, monitors, exp, at);
        }

        ObservationSection.Compile(src, exp, at);
    }

    /// <summary>Reads <c>explorations:</c>, each with unique name; without it, the plain integration is one condition.</summary>
    private static void ReadExplorations(YamlSource src, YamlMappingNode root, SimulationExperiment exp, NetworkBlock network)
    {
        if (YamlSource.Get(root, "explorations") is not { } explorations)
        {
            src.Default(root, "the experiment has no 'explorations:'; its plain integration runs as one condition (result 'integration').");
            return;
        }

        foreach (var (name, key, body) in src.Collection(explorations, "'explorations'"))
        {
            if (exp.Explorations.Contains(name))
            {
                throw src.Error(key, $"exploration '{name}' is given twice; exploration names must be unique.");
            }

            exp.Explorations.Add(ExplorationSection.Read(src, name, key, body, exp, network.Couplings.Keys));
        }
    }

    /// <summary>Validates the settings as a whole (each exploration's grid and record were checked where it was read,
    /// with its line); a problem of one exploration points at its key.</summary>
    private static void ValidateSettings(YamlSource src, YamlMappingNode root, SimulationExperiment exp)
    {
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
    }
}
