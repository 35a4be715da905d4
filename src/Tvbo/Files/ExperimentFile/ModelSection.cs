using Microsoft.Extensions.Logging;
using Tvbo.Files.ModelFile;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's model: <c>dynamics:</c> (inline, or <c>{iri: tvbo:Name}</c> with sibling keys laid over
/// the library model) or <c>model:</c> (inline, a library IRI, or the path of a model file).</summary>
internal static class ModelSection
{
    /// <summary>How deep models may derive from one another (<c>derived_from_model</c>, a library model completing a
    /// model named after it) before the chain is refused.</summary>
    private const int MaxDerivation = 8;

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
        if (dynamicsNode is YamlSequenceNode labels && labels.Children.All(c => c is YamlScalarNode))
        {
            // TVBO's older schema (SimulationExperiment.dynamics: multivalued string): the labels of the dynamical
            // regimes the experiment shows, documentation; the model is 'model:'.
            var text = string.Join(", ", labels.Children.Select(c => $"'{((YamlScalarNode)c).Value}'"));
            if (modelNode is null)
            {
                throw src.Error(YamlSource.KeyNode(root, "model") ?? dynamicsNode, $"'dynamics: [{text}]' lists labels of dynamical regimes (TVBO's older schema), not a model, and the experiment has {(YamlSource.Has(root, "model") ? "an empty 'model:'" : "no 'model:'")}; give the model under 'model:' (inline, a library model by name or {{iri: tvbo:Name}}, or the path of a model file).");
            }

            src.Default(dynamicsNode, $"'dynamics: [{text}]' lists labels of dynamical regimes (TVBO's older schema: documentation); the model is read from 'model:'.");
            dynamicsNode = null;
        }

        if (dynamicsNode is null && modelNode is YamlMappingNode mr && YamlSource.Has(mr, "iri"))
        {
            (dynamicsNode, modelNode) = (modelNode, null); // 'model: {iri: tvbo:Name}' is a Dynamics reference, as under 'dynamics:'
        }

        if (dynamicsNode is not null)
        {
            return FromDynamics(src, root, dynamicsNode, modelNode, options, eventSymbols);
        }

        if (modelNode is null)
        {
            throw YamlSource.KeyNode(root, "model") is { } empty
                ? src.Error(empty, "the experiment's 'model:' is empty (nor does a study's top-level 'model:' give one to inherit); give the model: inline (name, parameters, state_variables), a library model by name (model: {name: JansenRit} or {iri: tvbo:JansenRit}, found with --models DIR (ExperimentLoadOptions.ModelDirectories)), or the path of a model file.")
                : src.Error(root, "the experiment has no 'dynamics:' (or 'model:'); give an inline model, {iri: tvbo:Name}, or the path of a model file.");
        }

        return modelNode is YamlMappingNode inline
            ? FromInline(src, inline, null, strict: true, options, eventSymbols, [])
            : FromPath(src, modelNode, baseDirectory, options, eventSymbols);
    }

    /// <summary>The model under <c>dynamics:</c>; a <c>model:</c> beside it may only name it.</summary>
    private static Dynamics FromDynamics(YamlSource src, YamlMappingNode root, YamlNode dynamicsNode, YamlNode? modelNode, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
    {
        if (modelNode is not null)
        {
            if (modelNode is YamlMappingNode)
            {
                throw src.Error(YamlSource.KeyNode(root, "model") ?? modelNode, $"the experiment gives two models: 'dynamics:' (line {(YamlSource.KeyNode(root, "dynamics") ?? dynamicsNode).Start.Line}) and an inline 'model:' (line {modelNode.Start.Line}). TVBO reads the model from 'dynamics:', and 'model:' beside it may only name it (model: QIF); keep one of them (in TVBO's older study files 'dynamics:' is a list of regime labels: dynamics: [\"label\"]).");
            }

            src.Logger.LogDebug("{File}:{Line}: 'model: {Model}' beside 'dynamics:' names the model; the dynamics are read from 'dynamics:'.", src.FileOf(modelNode), modelNode.Start.Line, (modelNode as YamlScalarNode)?.Value);
        }

        var dm = src.Mapping(dynamicsNode, "'dynamics'");
        return YamlSource.Get(dm, "iri") is { } iriNode
            ? FromLibrary(src, dm, iriNode, options, eventSymbols)
            : FromInline(src, dm, null, strict: true, options, eventSymbols, []);
    }

    /// <summary>The library model an IRI names, with the sibling keys of <paramref name="dm"/> laid over it.</summary>
    private static Dynamics FromLibrary(YamlSource src, YamlMappingNode dm, YamlNode iriNode, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols)
    {
        var iri = src.Text(iriNode, "the dynamics' iri");
        var (file, searched) = FindLibrary(iri, options);
        if (file is null)
        {
            throw src.Error(iriNode, searched.Count == 0
                ? $"the model '{iri}' cannot be found: no model folder is configured. Give one with --models DIR (ExperimentLoadOptions.ModelDirectories) or the {ModelLibrary.EnvironmentVariable} environment variable, e.g. the database/models folder of TVBO."
                : $"the model '{iri}' ({ModelLibrary.NameOf(iri)}.yaml) is not in any model folder searched: {string.Join(", ", searched)}. Add its folder with --models DIR (ExperimentLoadOptions.ModelDirectories) or {ModelLibrary.EnvironmentVariable}.");
        }

        return FromBase(src, src.LoadMapping(file, iriNode), dm, file, options, eventSymbols, [file]);
    }

    /// <summary>A model written in the file (inline, or a model file's mapping), completed as TVBO completes it: a
    /// model without state variables named after a library model is that model with the file's keys laid over it
    /// (TVBO fills a model named after a known one from it); a model with <c>derived_from_model: {name: P}</c> is the
    /// library model P with the model's own keys laid over it (its name, parameters, initial values, equations, new
    /// variables). Otherwise the model is read as written.</summary>
    private static Dynamics FromInline(YamlSource src, YamlMappingNode map, string? fallbackName, bool strict, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols, IReadOnlyCollection<string> visited)
    {
        var nameNode = YamlSource.Get(map, "name");
        var name = nameNode is YamlScalarNode { Value: { } n } && n.Trim().Length > 0 ? n.Trim() : fallbackName;
        var derived = YamlSource.Get(map, "derived_from_model");
        var hasStates = !YamlSource.IsEmpty(YamlSource.Get(map, "state_variables")) || NeuroMLComponents.Has(map); // components are its equations
        if (visited.Count >= MaxDerivation)
        {
            throw src.Error(derived ?? nameNode ?? map, $"model '{name}': models derive from one another more than {MaxDerivation} deep ({string.Join(" → ", visited.Select(Path.GetFileNameWithoutExtension))}); a model file may not derive from itself.");
        }

        if (!hasStates && name is not null)
        {
            var (own, searched) = FindLibrary(name, options);
            if (own is not null && !visited.Contains(own, StringComparer.Ordinal))
            {
                src.Default(nameNode ?? map, $"model '{name}' gives no state_variables: it is the library model {name} ({own}) with this file's keys laid over it, as TVBO completes a model named after a known one.");
                if (derived is not null)
                {
                    src.Default(derived, $"model '{name}': derived_from_model '{ParentName(src, derived)}' is its lineage; the equations are those of the library model {name}.");
                }

                return FromBase(src, src.LoadMapping(own, nameNode), map, own, options, eventSymbols, [.. visited, own]);
            }

            if (derived is null)
            {
                throw src.Error(nameNode ?? map, $"model '{name}' has no 'state_variables:', and {(searched.Count == 0 ? "no model folder is configured" : $"no model folder searched ({string.Join(", ", searched)}) holds {ModelLibrary.NameOf(name)}.yaml")} to complete it from (TVBO completes a model named after a library model from it). Give its state_variables, or add the folder of the library model {name} with --models DIR (ExperimentLoadOptions.ModelDirectories) or {ModelLibrary.EnvironmentVariable}.");
            }
        }

        if (derived is not null)
        {
            var parent = ParentName(src, derived);
            var (file, searched) = FindLibrary(parent, options);
            if (file is not null && !visited.Contains(file, StringComparer.Ordinal))
            {
                src.Default(derived, $"model '{name}' derives from '{parent}': the library model {parent} ({file}) with this model's keys laid over it.");
                return FromBase(src, src.LoadMapping(file, derived), map, file, options, eventSymbols, [.. visited, file]);
            }

            if (!hasStates)
            {
                throw src.Error(derived, $"model '{name}' derives from '{parent}' (derived_from_model) and gives no state_variables of its own, but {(searched.Count == 0 ? "no model folder is configured" : $"no model folder searched ({string.Join(", ", searched)}) holds {ModelLibrary.NameOf(parent)}.yaml")}. Add the folder of the library model {parent} with --models DIR (ExperimentLoadOptions.ModelDirectories) or {ModelLibrary.EnvironmentVariable} (in a study, a model deriving from the study's top-level model inherits it), or give the model's state_variables.");
            }

            src.Warn(derived, $"model '{name}': derived_from_model '{parent}' is not in any model folder searched ({(searched.Count == 0 ? "none configured" : string.Join(", ", searched))}); the model is read from its own equations. Add the folder of {parent} with --models DIR (ExperimentLoadOptions.ModelDirectories) to take its equations where this model gives none.");
            map = Without(map, "derived_from_model");
        }

        return TvboModelReader.Read(src, map, fallbackName, strict, eventSymbols);
    }

    /// <summary>A base model (a library file) with <paramref name="over"/> laid over it; a parameter the overlay adds
    /// that no equation uses is warned about (TVBO keeps it, without effect).</summary>
    private static Dynamics FromBase(YamlSource src, YamlMappingNode baseMap, YamlMappingNode over, string file, ExperimentLoadOptions options, IReadOnlyCollection<string> eventSymbols, IReadOnlyCollection<string> visited)
    {
        var merged = ModelOverlay.Apply(baseMap, over, "iri", "derived_from_model");
        if (YamlSource.Get(baseMap, "derived_from_model") is { } lineage)
        {
            merged.Children.Add(new YamlScalarNode("derived_from_model"), lineage); // the base's own parent, resolved next
        }

        var model = FromInline(src, merged, Path.GetFileNameWithoutExtension(file), strict: false, options, eventSymbols, visited);
        var baseName = YamlSource.Get(baseMap, "name") is YamlScalarNode { Value: { } bn } ? bn : Path.GetFileNameWithoutExtension(file);
        var unused = ModelOverlay.Added(baseMap, over, "parameters").Where(a => !model.Uses(a.Name)).ToArray();
        if (unused.Length > 0)
        {
            var declared = ModelOverlay.Names(baseMap, "parameters");
            var names = string.Join(", ", unused.Select(u => $"'{u.Name}'"));
            src.Warn(unused[0].Key, $"{(unused.Length == 1 ? $"parameter {names} is not a parameter" : $"parameters {names} are not parameters")} of the library model {baseName} ({file}) and no equation uses {(unused.Length == 1 ? "it: its value has" : "them: their values have")} no effect. {baseName}'s parameters: {(declared.Count == 0 ? "none" : string.Join(", ", declared))}.");
        }

        return model;
    }

    /// <summary>The library file of a model name or IRI: the given folders, <c>TVBO_MODELS_DIR</c>, then the fallback
    /// (the tvbo package's database); with the folders searched.</summary>
    private static (string? File, IReadOnlyList<string> Searched) FindLibrary(string nameOrIri, ExperimentLoadOptions options)
    {
        var searched = ModelLibrary.SearchPath(options.ModelDirectories);
        var file = ModelLibrary.Find(nameOrIri, searched);
        if (file is null && options.FallbackModelDirectories is { } fallback)
        {
            searched = [.. searched, .. fallback()];
            file = ModelLibrary.Find(nameOrIri, searched);
        }

        return (file is null ? null : Path.GetFullPath(file), searched);
    }

    /// <summary>The model <c>derived_from_model</c> names: <c>{name: P}</c>, <c>{iri: tvbo:P}</c> or <c>P</c>.</summary>
    private static string ParentName(YamlSource src, YamlNode derived)
    {
        var node = derived is YamlMappingNode dm ? YamlSource.Get(dm, "name") ?? YamlSource.Get(dm, "iri") ?? YamlSource.Get(dm, "label") : derived;
        return node is null
            ? throw src.Error(derived, "derived_from_model names no model; write derived_from_model: {name: ModelName} (a library model, found with --models DIR (ExperimentLoadOptions.ModelDirectories)).")
            : src.Text(node, "the name of derived_from_model").Trim();
    }

    /// <summary>A copy of a mapping without one key.</summary>
    private static YamlMappingNode Without(YamlMappingNode map, string key)
    {
        var copy = new YamlMappingNode();
        foreach (var (k, v) in map.Children.Where(c => c.Key is not YamlScalarNode s || s.Value != key))
        {
            copy.Children.Add(k, v);
        }

        return copy;
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

        return FromInline(src, src.LoadMapping(path, modelNode), Path.GetFileNameWithoutExtension(path), strict: false, options, eventSymbols, [Path.GetFullPath(path)]);
    }
}
