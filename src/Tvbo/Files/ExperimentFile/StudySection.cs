using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>A study file (TVBO's SimulationStudy): a <c>key</c>, a top-level <c>model</c> shared by its experiments,
/// and <c>simulation_experiments:</c>, a list of experiments, one of which is read, chosen by id or label.</summary>
/// <remarks>As TVBO's <c>SimulationStudy.update_experiment_model</c>: an experiment without a model (no
/// <c>model:</c>, an empty one, or only <c>dynamics:</c> labels of the older schema) takes the study's model; an
/// experiment's own model is completed from it, key by key (its own values win; what it leaves out or empty comes from
/// the study's). An experiment with its own <c>dynamics:</c> model inherits nothing.</remarks>
internal static class StudySection
{
    /// <summary>Whether a file's top level is a study: <c>simulation_experiments:</c>, or a study <c>key:</c> (a key
    /// of TVBO's SimulationStudy, not of an experiment).</summary>
    /// <param name="root">The top-level mapping.</param>
    public static bool IsStudy(YamlMappingNode root) => YamlSource.Has(root, "simulation_experiments") || YamlSource.Has(root, "key");

    /// <summary>The experiments of a study as (id, label) pairs; empty for a plain experiment file or a study without
    /// experiments.</summary>
    /// <param name="src">The file.</param>
    public static IReadOnlyList<(string? Id, string? Label)> List(YamlSource src) =>
        YamlSource.Get(src.Root, "simulation_experiments") is { } list
            ? src.Sequence(list, "'simulation_experiments'").Children.OfType<YamlMappingNode>()
                .Select(m => (YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : null, YamlSource.Get(m, "label") is YamlScalarNode l ? l.Value : null)).ToArray()
            : [];

    /// <summary>The study's top-level model, when it gives one.</summary>
    /// <param name="root">The top-level mapping.</param>
    public static YamlNode? Model(YamlMappingNode root) => YamlSource.Get(root, "model") is { } m && !YamlSource.IsEmpty(m) ? m : null;

    /// <summary>The experiment of the study to read (the one named by <paramref name="choice"/>, id or label, or the
    /// only one), with the study's model inherited, and how messages name it.</summary>
    /// <param name="src">The file.</param>
    /// <param name="root">The study's top-level mapping.</param>
    /// <param name="choice">The id or label asked for, if any.</param>
    public static (YamlMappingNode Experiment, string Name) Select(YamlSource src, YamlMappingNode root, string? choice)
    {
        var study = YamlSource.Get(root, "simulation_experiments");
        var items = study is null ? [] : src.Sequence(study, "'simulation_experiments'").Children.Select(c => src.Mapping(c, "an entry of 'simulation_experiments'")).ToArray();
        if (items.Length == 0)
        {
            throw NoExperiments(src, root, study);
        }

        var listing = string.Join("; ", items.Select(Describe));
        YamlMappingNode chosen;
        if (choice is null)
        {
            chosen = items.Length == 1
                ? items[0]
                : throw src.Error(study!, $"the study holds {items.Length} experiments; choose one by id or label (ExperimentLoadOptions.Experiment; in the CLI --experiment ID): {listing}.");
        }
        else
        {
            var match = items.Where(m => (YamlSource.Get(m, "id") is YamlScalarNode i && i.Value == choice) || (YamlSource.Get(m, "label") is YamlScalarNode l && l.Value == choice)).ToArray();
            chosen = match.Length switch
            {
                1 => match[0],
                0 => throw src.Error(study!, $"the study has no experiment with id or label '{choice}'; experiments: {listing}."),
                _ => throw src.Error(study!, $"the study has {match.Length} experiments with id or label '{choice}'; choose by a unique one: {listing}."),
            };
        }

        var position = Array.IndexOf(items, chosen) + 1;
        var name = YamlSource.Get(chosen, "id") is YamlScalarNode { Value: { } id } ? id
            : YamlSource.Get(chosen, "label") is YamlScalarNode { Value: { } label } ? label
            : position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (Inherit(src, root, chosen, name), name);
    }

    /// <summary>The refusal of a study without experiments, naming its model and what to write.</summary>
    private static TvboFileException NoExperiments(YamlSource src, YamlMappingNode root, YamlNode? study)
    {
        var key = YamlSource.Get(root, "key") is YamlScalarNode { Value: { } k } ? $" '{k}'" : string.Empty;
        var at = study ?? YamlSource.KeyNode(root, "key") ?? root;
        var model = Model(root) is { } m
            ? $" Its top-level 'model:'{(m is YamlMappingNode mm && YamlSource.Get(mm, "name") is YamlScalarNode { Value: { } n } ? $" ({n})" : string.Empty)} is what its experiments inherit ('tvbo report' shows it); to run it, add 'simulation_experiments: [{{id: 1, integration: {{step_size: 0.1, duration: 1000}}}}]'."
            : " Add 'simulation_experiments:', a list of experiments (each with its model, integration and explorations).";
        return src.Error(at, $"the study{key} has {(study is null ? "no 'simulation_experiments:'" : "an empty 'simulation_experiments:'")}, so nothing runs.{model}");
    }

    /// <summary>The experiment with the study's model inherited (see the remarks on <see cref="StudySection"/>).</summary>
    private static YamlMappingNode Inherit(YamlSource src, YamlMappingNode root, YamlMappingNode experiment, string name)
    {
        if (Model(root) is not { } studyModel)
        {
            return experiment;
        }

        var dynamics = YamlSource.Get(experiment, "dynamics");
        var ownDynamics = dynamics is not null && !(dynamics is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode));
        var own = YamlSource.Get(experiment, "model");
        if (ownDynamics || (own is not null && !YamlSource.IsEmpty(own) && (own is not YamlMappingNode || studyModel is not YamlMappingNode)))
        {
            return experiment; // its own model: a 'dynamics:' model, a name or path, or beside a study model given by path
        }

        YamlNode model;
        if (own is YamlMappingNode om && !YamlSource.IsEmpty(om))
        {
            var sm = (YamlMappingNode)studyModel;
            var parent = YamlSource.Get(om, "derived_from_model");
            var studyName = YamlSource.Get(sm, "name") is YamlScalarNode { Value: { } sn } ? sn.Trim() : null;
            var skip = parent is not null && studyName is not null && ParentName(parent) == studyName;
            if (skip)
            {
                src.Default(parent!, $"experiment {name}: the model derives from the study's model '{studyName}' (derived_from_model), which it inherits key by key.");
            }
            else
            {
                src.Default(om, $"experiment {name}: its model is completed from the study's top-level model{(studyName is null ? string.Empty : $" '{studyName}'")} (what it leaves out or empty is inherited; its own keys win).");
            }

            model = ModelOverlay.Apply(sm, om, skip ? ["derived_from_model"] : []);
        }
        else
        {
            src.Default(YamlSource.KeyNode(experiment, "model") ?? experiment, $"experiment {name} gives no model; it inherits the study's top-level model.");
            model = studyModel;
        }

        var copy = new YamlMappingNode();
        foreach (var (k, v) in experiment.Children.Where(c => c.Key is not YamlScalarNode { Value: "model" }))
        {
            copy.Children.Add(k, v);
        }

        copy.Children.Add(YamlSource.KeyNode(experiment, "model") ?? YamlSource.KeyNode(root, "model")!, model);
        return copy;
    }

    private static string? ParentName(YamlNode derived) =>
        (derived is YamlMappingNode dm ? YamlSource.Get(dm, "name") ?? YamlSource.Get(dm, "iri") : derived) is YamlScalarNode { Value: { } v } ? v.Trim() : null;

    private static string Describe(YamlMappingNode m) =>
        $"id {(YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : "(none)")}{(YamlSource.Get(m, "label") is YamlScalarNode l ? $" '{l.Value}'" : string.Empty)}";
}
