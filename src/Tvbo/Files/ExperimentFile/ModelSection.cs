using Microsoft.Extensions.Logging;
using Tvbo.Files.ModelFile;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's model: <c>dynamics:</c> (inline, or <c>{iri: tvbo:Name}</c> with sibling keys laid over
/// the library model) or <c>model:</c> (inline, a library IRI, or the path of a model file).</summary>
internal static class ModelSection
{
    /// <summary>Reads the experiment's model.</summary>
    /// <param name="src">The file.</param>
    /// <param name="root">The experiment's mapping.</param>
    /// <param name="baseDirectory">The folder relative model paths start from.</param>
    /// <param name="options">Where library models are searched.</param>
    /// <param name="eventSymbols">The symbols the experiment's events drive (declared when used but undeclared).</param>
    public static Dynamics Read(YamlSource src, YamlMappingNode root, string baseDirectory, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
    {
        var dynamicsNode = YamlSource.Get(root, "dynamics");
        var modelNode = YamlSource.Get(root, "model");
        if (dynamicsNode is null && modelNode is YamlMappingNode mr && YamlSource.Has(mr, "iri"))
        {
            (dynamicsNode, modelNode) = (modelNode, null); // 'model: {iri: tvbo:Name}' is a Dynamics reference, as under 'dynamics:'
        }

        if (dynamicsNode is not null)
        {
            return FromDynamics(src, dynamicsNode, modelNode, options, eventSymbols);
        }

        if (modelNode is null)
        {
            throw src.Error(root, "the experiment has no 'dynamics:' (or 'model:'); give an inline model, {iri: tvbo:Name}, or the path of a model file.");
        }

        return modelNode is YamlMappingNode inline
            ? TvboModelReader.Read(src, inline, null, strict: true, eventSymbols)
            : FromPath(src, modelNode, baseDirectory, options, eventSymbols);
    }

    /// <summary>The model under <c>dynamics:</c>; a <c>model:</c> beside it may only name it.</summary>
    private static Dynamics FromDynamics(YamlSource src, YamlNode dynamicsNode, YamlNode? modelNode, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
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
        return YamlSource.Get(dm, "iri") is { } iriNode
            ? FromLibrary(src, dm, iriNode, options, eventSymbols)
            : TvboModelReader.Read(src, dm, null, strict: true, eventSymbols);
    }

    /// <summary>The library model an IRI names, with the sibling keys of <paramref name="dm"/> laid over it.</summary>
    private static Dynamics FromLibrary(YamlSource src, YamlMappingNode dm, YamlNode iriNode, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
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

        var library = src.LoadMapping(file, iriNode);
        var merged = ModelOverlay.Apply(library, dm, skip: "iri");
        return TvboModelReader.Read(src, merged, Path.GetFileNameWithoutExtension(file), strict: false, eventSymbols);
    }

    /// <summary>The model file <c>model: path</c> names (relative to the experiment file), or a library model by name.</summary>
    private static Dynamics FromPath(YamlSource src, YamlNode modelNode, string baseDirectory, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
    {
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

        return TvboModelReader.Read(src, src.LoadMapping(path, modelNode), Path.GetFileNameWithoutExtension(path), strict: false, eventSymbols);
    }
}
