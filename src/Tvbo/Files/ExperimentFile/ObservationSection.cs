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
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp)
    {
        foreach (var (name, key, body) in src.Collection(node, "'observations'"))
        {
            var what = $"observation '{name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Observation, unknownIsError: true);
            WarnNotApplied(src, m, what);
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

    private static void WarnNotApplied(YamlSource src, YamlMappingNode m, string what)
    {
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
