using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Files.Connectome;
using Tvbo.Model;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>
/// A network block that takes its connectome from TVBO's files: <c>iri: tvbo:&lt;Atlas or network&gt;</c> (a network file
/// found as models are, <see cref="NetworkLibrary"/>), <c>data_file</c> (a network file, or an <c>.h5</c> with its YAML
/// sidecar, relative to the experiment) or <c>bids_dir</c> (a BIDS connectivity folder relative to the experiment, with
/// <c>structural_measures</c> and <c>observational_measures</c>, <see cref="BidsConnectivityFolder"/>). The connectome
/// gives the weights, lengths, size and node labels; the block's <c>nodes</c>, <c>edges</c>, <c>coupling</c> and conduction
/// speed apply on top of it, as for matrices given inline.
/// </summary>
internal static class ConnectomeSection
{
    /// <summary>The keys that give a connectome.</summary>
    private static readonly string[] SourceKeys = ["iri", "data_file", "bids_dir"];

    /// <summary>Whether the block gives its connectome by one of <see cref="SourceKeys"/>.</summary>
    /// <param name="m">The network's mapping.</param>
    public static bool Gives(YamlMappingNode m) => SourceKeys.Any(k => !YamlSource.IsEmpty(YamlSource.Get(m, k)));

    /// <summary>Reads the connectome the block names, if any: its matrices go into <paramref name="matrices"/> (located at
    /// the key that names them) and its size into <paramref name="size"/>.</summary>
    /// <param name="src">The experiment file.</param>
    /// <param name="m">The network's mapping.</param>
    /// <param name="baseDirectory">The folder relative paths start from.</param>
    /// <param name="options">Where network files are searched.</param>
    /// <param name="size">The network's size so far.</param>
    /// <param name="matrices">The matrices the block gives itself (none may be given beside a connectome).</param>
    /// <returns>The connectome, or <see langword="null"/> when the block names none.</returns>
    public static ConnectomeData? Read(YamlSource src, YamlMappingNode m, string baseDirectory, ExperimentLoadOptions options, NetworkSize size, NetworkMatrices matrices)
    {
        var given = SourceKeys.Where(k => !YamlSource.IsEmpty(YamlSource.Get(m, k))).ToArray();
        var observational = Names(src, m, "observational_measures");
        var structural = YamlSource.Get(m, "structural_measures") is { } sn && !YamlSource.IsEmpty(sn) ? Names(src, m, "structural_measures") : null;
        if (given.Length == 0)
        {
            foreach (var orphanKey in new[] { "structural_measures", "observational_measures" })
            {
                if (YamlSource.Get(m, orphanKey) is { } orphan && !YamlSource.IsEmpty(orphan))
                {
                    throw src.Error(orphan, $"network.{orphanKey} selects matrices of a connectome: give network.bids_dir (or, for observational_measures, network.iri or network.data_file) beside it.");
                }
            }

            return null;
        }

        if (given.Length > 1)
        {
            throw src.Error(YamlSource.Get(m, given[1])!, $"network.{given[0]} and network.{given[1]} both give the connectome; give one.");
        }

        var key = given[0];
        var node = YamlSource.Get(m, key)!;
        foreach (var own in new[] { matrices.Weights?.Node, matrices.Lengths?.Node, matrices.Delays?.Node })
        {
            if (own is not null)
            {
                var ownKey = m.Children.First(kv => ReferenceEquals(kv.Value, own)).Key;
                throw src.Error(own, $"network.{((YamlScalarNode)ownKey).Value} and network.{key} both give the network's matrices; give the connectome or the matrices, not both.");
            }
        }

        if (structural is not null && key != "bids_dir")
        {
            throw src.Error(YamlSource.Get(m, "structural_measures")!, $"network.structural_measures selects the weights and lengths of a bids_dir; a network file (network.{key}) declares its own.");
        }

        var context = string.Create(CultureInfo.InvariantCulture, $"network.{key} in {src.FileOf(node)}:{node.Start.Line}");
        var data = key switch
        {
            "iri" => FromIri(src, m, node, options, observational, context),
            "data_file" => FromDataFile(src, m, node, baseDirectory, options, observational, context),
            _ => FromBids(src, m, node, baseDirectory, structural, observational, context),
        };

        var n = data.NodeCount;
        size.Agree(node, n, string.Create(CultureInfo.InvariantCulture, $"network.{key} gives {n} nodes ({data.Source})"));
        matrices.Weights = (node, data.Weights);
        if (data.Lengths is { } lengths)
        {
            matrices.Lengths = (node, lengths);
        }

        WarnSpeed(src, m, data);
        return data;
    }

    /// <summary>Gives the network the connectome's node labels (as node labels: <see cref="NodeLabels"/>) and its
    /// observational measures.</summary>
    /// <param name="src">The experiment file.</param>
    /// <param name="m">The network's mapping.</param>
    /// <param name="data">The connectome.</param>
    /// <param name="network">The network built from its matrices.</param>
    public static void Apply(YamlSource src, YamlMappingNode m, ConnectomeData data, Network network)
    {
        network.Source = data.Source;
        foreach (var (name, values) in data.Observational)
        {
            network.ObservationalMeasures[name] = values;
        }

        if (data.Labels is not { } raw)
        {
            return;
        }

        var labels = NodeLabels.From(raw, out var reason);
        if (labels is null)
        {
            src.Warn(m, $"the node labels of {data.Source} cannot name the nodes ({reason}); the nodes are numbered 0 … {network.NodeCount - 1}.");
            return;
        }

        var renamed = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            renamed += labels[i] == raw[i].Trim() ? 0 : 1;
            network.Nodes[i].Label = labels[i];
        }

        if (renamed > 0)
        {
            var k = Array.FindIndex(labels, l => !raw.Contains(l));
            src.Logger.LogInformation("{File}: {Count} node labels of {Source} are written as names (letters, digits, underscores), e.g. '{From}' as '{To}'.",
                src.FileOf(m), renamed, data.Source, raw[k].Trim(), labels[k]);
        }
    }

    /// <summary><c>iri: tvbo:Name</c>: a network file found by name.</summary>
    private static ConnectomeData FromIri(YamlSource src, YamlMappingNode m, YamlNode node, ExperimentLoadOptions options, IReadOnlyList<string> observational, string context)
    {
        WarnIgnored(src, m, "iri");
        var iri = src.Text(node, "network.iri").Trim();
        var name = ModelLibrary.NameOf(iri);
        var given = ModelLibrary.SearchPath(options.ModelDirectories);
        var folders = NetworkLibrary.Folders(given);
        var file = NetworkLibrary.Find(name, folders);
        if (file is null && options.FallbackModelDirectories is { } fallback)
        {
            folders = NetworkLibrary.Folders([.. given, .. fallback()]);
            file = NetworkLibrary.Find(name, folders);
        }

        if (file is null)
        {
            var atlases = NetworkLibrary.Atlases(folders);
            throw src.Error(node, folders.Count == 0
                ? $"the network '{iri}' cannot be found: no network folder is configured. Give TVBO's database (a checkout, its database/models folder, or a folder of network files) with --models DIR (ExperimentLoadOptions.ModelDirectories) or the {ModelLibrary.EnvironmentVariable} environment variable."
                : $"the network '{iri}' is not in the network folders searched ({string.Join(", ", folders)}): no file {name}.yaml, none named '{name}', none whose file name has atlas-{name}. Atlases available: {(atlases.Count == 0 ? "none" : string.Join(", ", atlases))}.");
        }

        src.Logger.LogInformation("{File}:{Line}: network.iri '{Iri}' is {Network}.", src.FileOf(node), node.Start.Line, iri, file);
        return NetworkFileReader.Read(src, file, node, folders, observational, context);
    }

    /// <summary><c>data_file: x.yaml</c> or <c>x.h5</c> (then its sidecar <c>x.yaml</c>), relative to the experiment.</summary>
    private static ConnectomeData FromDataFile(YamlSource src, YamlMappingNode m, YamlNode node, string baseDirectory, ExperimentLoadOptions options, IReadOnlyList<string> observational, string context)
    {
        WarnIgnored(src, m, "data_file");
        var rel = src.Text(node, "network.data_file").Trim();
        var path = Resolve(src, node, rel, baseDirectory);
        var ext = Path.GetExtension(path);
        if (ext.Equals(".h5", StringComparison.OrdinalIgnoreCase) || ext.Equals(".hdf5", StringComparison.OrdinalIgnoreCase))
        {
            var sidecar = Path.ChangeExtension(path, ".yaml");
            if (!File.Exists(sidecar))
            {
                throw src.Error(node, $"network.data_file '{rel}': its YAML sidecar {sidecar} does not exist; TVBO reads an .h5 network through the .yaml file of the same name (its nodes and matrices).");
            }

            path = sidecar;
        }
        else if (!YamlSource.IsYamlFileName(path))
        {
            throw src.Error(node, $"network.data_file '{rel}' is not a network file read here; give TVBO's network file (.yaml) or its .h5 file (with the .yaml beside it).");
        }

        var folders = NetworkLibrary.Folders(ModelLibrary.SearchPath(options.ModelDirectories));
        return NetworkFileReader.Read(src, path, node, folders, observational, context);
    }

    /// <summary><c>bids_dir: ../networks/bids/dk_average</c>, relative to the experiment.</summary>
    private static ConnectomeData FromBids(YamlSource src, YamlMappingNode m, YamlNode node, string baseDirectory, IReadOnlyList<string>? structural, IReadOnlyList<string> observational, string context)
    {
        if (YamlSource.Get(m, "tractogram") is { } t && !YamlSource.IsEmpty(t))
        {
            src.Warn(t, "network.tractogram has no effect beside network.bids_dir (the folder's matrices are the connectome); it is ignored, as TVBO does.");
        }

        var rel = src.Text(node, "network.bids_dir").Trim();
        var folder = Resolve(src, node, rel, baseDirectory);
        if (!Directory.Exists(folder))
        {
            throw src.Error(node, File.Exists(folder)
                ? $"network.bids_dir '{rel}' is a file ({folder}); give the BIDS connectivity folder."
                : $"network.bids_dir '{rel}' does not exist (looked for {folder}); paths are relative to the experiment file.");
        }

        string? atlas = null;
        if (YamlSource.Get(m, "parcellation") is { } p && !YamlSource.IsEmpty(p))
        {
            var pm = src.Mapping(p, "network.parcellation");
            var an = YamlSource.Get(pm, "atlas") is { } a ? src.Mapping(a, "network.parcellation.atlas") : throw src.Error(p, "network.parcellation beside bids_dir chooses the folder's atlas: give parcellation: {atlas: {name: <Atlas>}}.");
            var nameNode = YamlSource.Get(an, "name") ?? YamlSource.Get(an, "iri") ?? throw src.Error(an, "network.parcellation.atlas needs a name (the atlas-<A> of the folder's files).");
            atlas = ModelLibrary.NameOf(src.Text(nameNode, "network.parcellation.atlas.name").Trim());
        }

        return BidsConnectivityFolder.Read(folder, atlas, structural, observational, context, message => src.Logger.LogWarning("{Message}", message));
    }

    /// <summary>Warns about <c>parcellation</c> and <c>tractogram</c> beside a network file: TVBO takes the connectome
    /// from the file and ignores them.</summary>
    private static void WarnIgnored(YamlSource src, YamlMappingNode m, string key)
    {
        foreach (var other in new[] { "parcellation", "tractogram" })
        {
            if (YamlSource.Get(m, other) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(n, $"network.{other} has no effect beside network.{key} (the network file gives the connectome); it is ignored, as TVBO does.");
            }
        }
    }

    /// <summary>A path relative to the file the node is in.</summary>
    private static string Resolve(YamlSource src, YamlNode node, string rel, string baseDirectory)
    {
        var origin = src.FileOf(node);
        var dir = origin == src.File ? baseDirectory : Path.GetDirectoryName(Path.GetFullPath(origin)) ?? baseDirectory;
        return Path.GetFullPath(Path.IsPathRooted(rel) ? rel : Path.Combine(dir, rel));
    }

    /// <summary>A list of measure names (<c>[a, b]</c>, or one name).</summary>
    private static IReadOnlyList<string> Names(YamlSource src, YamlMappingNode m, string key)
    {
        if (YamlSource.Get(m, key) is not { } node || YamlSource.IsEmpty(node))
        {
            return [];
        }

        var items = node is YamlSequenceNode seq ? seq.Children.ToArray() : [node];
        var names = new List<string>();
        foreach (var item in items)
        {
            var name = src.Text(item, $"an entry of network.{key}").Trim();
            if (name.Length == 0 || names.Contains(name))
            {
                throw src.Error(item, $"network.{key} lists '{name}' {(name.Length == 0 ? "(empty)" : "twice")}; give each measure once.");
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>TVBO keeps the experiment's conduction speed (default 3 mm/ms) and ignores a network file's; a file whose
    /// speed differs from what the experiment uses gets a warning.</summary>
    private static void WarnSpeed(YamlSource src, YamlMappingNode m, ConnectomeData data)
    {
        if (data.ConductionSpeed is not { } fileSpeed || YamlSource.Get(m, "conduction_speed") is not null
            || (YamlSource.Get(m, "parameters") is YamlMappingNode pm && YamlSource.Get(pm, "conduction_speed") is not null))
        {
            return;
        }

        if (fileSpeed != 3.0)
        {
            src.Warn(m, string.Create(CultureInfo.InvariantCulture,
                $"{data.Source} gives the conduction speed {fileSpeed}; as in TVBO, a network file's speed is not taken: the experiment's is used (3 mm/ms, TVBO's default). Set network.conduction_speed to use another."));
        }
    }
}
