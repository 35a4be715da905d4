using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's name, description and <c>system_type</c> (continuous or a discrete map), and the whole-model
/// keys that would make it a system this project does not simulate (a <c>modes:</c> section, a stimulus; NeuroML
/// components are rewritten before, by <see cref="NeuroMLComponents"/>).</summary>
internal static class ModelHeader
{
    /// <summary>The empty model the header names, after refusing unsupported kinds of system.</summary>
    /// <param name="src">The file.</param>
    /// <param name="map">The model's mapping.</param>
    /// <param name="fallbackName">The name when the model has no <c>name:</c> (<see langword="null"/>: TVBO's default).</param>
    public static Dynamics Read(YamlSource src, YamlMappingNode map, string? fallbackName)
    {
        var nameNode = YamlSource.Get(map, "name");
        var name = Name(src, map, nameNode, fallbackName);
        RefuseUnsupported(src, map, name);
        var descriptionNode = YamlSource.Get(map, "description");
        try
        {
            return new Dynamics(name, descriptionNode is null ? null : src.Text(descriptionNode, "'description'").Trim()) { SystemType = SystemTypeOf(src, map) };
        }
        catch (ModelException ex)
        {
            throw src.Error(nameNode ?? map, ex.Message, ex);
        }
    }

    private static string Name(YamlSource src, YamlMappingNode map, YamlNode? nameNode, string? fallbackName)
    {
        if (nameNode is not null)
        {
            return src.Text(nameNode, "the model's 'name'");
        }

        if (fallbackName is not null)
        {
            return fallbackName;
        }

        src.Default(map, $"the model has no 'name:'; using TVBO's default '{TvboModelReader.DefaultName}'.");
        return TvboModelReader.DefaultName;
    }

    /// <summary>The model's <c>system_type</c> (any case): continuous (TVBO's default when absent) or discrete.</summary>
    private static SystemType SystemTypeOf(YamlSource src, YamlMappingNode map)
    {
        if (YamlSource.Get(map, "system_type") is not { } st || YamlSource.IsEmpty(st))
        {
            return SystemType.Continuous;
        }

        return src.Text(st, "system_type").Trim().ToLowerInvariant() switch
        {
            "continuous" => SystemType.Continuous,
            "discrete" => SystemType.Discrete,
            var type => throw src.Error(st, $"system_type '{type}' is not known; valid: continuous, discrete."),
        };
    }

    /// <summary>Refuses a <c>modes:</c> section and a stimulus declared in the model (its spike-and-reset <c>events</c> are read by
    /// <see cref="ModelEventSection"/>).</summary>
    private static void RefuseUnsupported(YamlSource src, YamlMappingNode map, string name)
    {
        if (YamlSource.Get(map, "modes") is { } modes && !YamlSource.IsEmpty(modes))
        {
            throw src.Error(modes, $"model '{name}' declares 'modes:'; give the number of modes as number_of_modes: M, with per-mode parameter values as lists of M numbers.");
        }

        if (YamlSource.Get(map, "stimulus") is { } ev && !YamlSource.IsEmpty(ev))
        {
            throw src.Error(ev, $"model '{name}' declares 'stimulus'; a stimulus in a model is not supported (declare it in the experiment's 'events').");
        }
    }
}
