using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>output:</c> (the variables it reports; one name or a list) and the older
/// <c>output_transforms</c>, which are not applied.</summary>
internal static class OutputSection
{
    /// <summary>Reads <c>output:</c> into the model and warns about <c>output_transforms</c>.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        var src = b.Source;
        if (YamlSource.Get(map, "output") is { } output)
        {
            var names = output is YamlScalarNode
                ? [src.Text(output, "'output'")]
                : src.Sequence(output, "'output'").Children.Select(n => src.Text(n, "an entry of 'output'")).ToList();
            b.Model.SetOutputs(names);
            b.OutputsAt(output);
        }

        if (YamlSource.Get(map, "output_transforms") is { } transforms)
        {
            src.Warn(transforms, "'output_transforms' (TVBO's older post-processing) is not applied; declare derived outputs with 'output:' or experiment 'observations:'.");
        }
    }
}
