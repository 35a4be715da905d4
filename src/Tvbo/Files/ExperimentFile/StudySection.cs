using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>A study file (TVBO's SimulationStudy): <c>simulation_experiments:</c>, a list of experiments, one of which
/// is read, chosen by id or label.</summary>
internal static class StudySection
{
    /// <summary>The experiments of a study as (id, label) pairs; empty for a plain experiment file.</summary>
    /// <param name="src">The file.</param>
    public static IReadOnlyList<(string? Id, string? Label)> List(YamlSource src) =>
        YamlSource.Get(src.Root, "simulation_experiments") is { } list
            ? src.Sequence(list, "'simulation_experiments'").Children.OfType<YamlMappingNode>()
                .Select(m => (YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : null, YamlSource.Get(m, "label") is YamlScalarNode l ? l.Value : null)).ToArray()
            : [];

    /// <summary>The experiment of the study to read: the one named by <paramref name="choice"/> (id or label), or the
    /// only one.</summary>
    /// <param name="src">The file.</param>
    /// <param name="study">The <c>simulation_experiments:</c> value.</param>
    /// <param name="choice">The id or label asked for, if any.</param>
    public static YamlMappingNode Select(YamlSource src, YamlNode study, string? choice)
    {
        var items = src.Sequence(study, "'simulation_experiments'").Children.Select(c => src.Mapping(c, "an entry of 'simulation_experiments'")).ToArray();
        if (items.Length == 0)
        {
            throw src.Error(study, "'simulation_experiments' is empty.");
        }

        var listing = string.Join("; ", items.Select(Describe));
        if (choice is null)
        {
            return items.Length == 1
                ? items[0]
                : throw src.Error(study, $"the study holds {items.Length} experiments; choose one by id or label (ExperimentLoadOptions.Experiment; in the CLI --experiment ID): {listing}.");
        }

        var match = items.Where(m => (YamlSource.Get(m, "id") is YamlScalarNode i && i.Value == choice) || (YamlSource.Get(m, "label") is YamlScalarNode l && l.Value == choice)).ToArray();
        return match.Length switch
        {
            1 => match[0],
            0 => throw src.Error(study, $"the study has no experiment with id or label '{choice}'; experiments: {listing}."),
            _ => throw src.Error(study, $"the study has {match.Length} experiments with id or label '{choice}'; choose by a unique one: {listing}."),
        };
    }

    private static string Describe(YamlMappingNode m) =>
        $"id {(YamlSource.Get(m, "id") is YamlScalarNode i ? i.Value : "(none)")}{(YamlSource.Get(m, "label") is YamlScalarNode l ? $" '{l.Value}'" : string.Empty)}";
}
