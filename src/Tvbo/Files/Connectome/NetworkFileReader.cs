using System.Globalization;
using Microsoft.Extensions.Logging;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.Connectome;

/// <summary>
/// Reads one of TVBO's network files into a connectome, in either of TVBO's layouts:
/// <list type="bullet">
/// <item><b>current</b> (<c>tvbo/database/networks/tpl-…_relmat.yaml</c>): <c>data_file</c> names an HDF5 companion beside
/// the file (<see cref="RelmatH5File"/>), <c>edges</c> declares its matrices (<c>label: weight</c>, <c>label: length</c>,
/// …; TVBO takes the weights from <c>weight</c>, <c>weights</c> or <c>sc</c> and the lengths from <c>length</c>,
/// <c>lengths</c> or a tract-length name), <c>nodes</c> gives the labels, <c>number_of_nodes</c> the size;</item>
/// <item><b>older</b> (<c>database/networks/space-…_atlas-&lt;A&gt;_desc-&lt;tractogram&gt;.yaml</c>): <c>weights</c> and
/// <c>lengths</c> are CSV paths from the author's machine, found here by file name in the package's connectome folder
/// (<see cref="NetworkLibrary.ConnectomeFolders"/>); <c>number_of_regions</c> gives the size; the labels come from the
/// atlas file of <c>parcellation.atlas.name</c> (<see cref="AtlasLabels"/>), else the nodes are numbered.</item>
/// </list>
/// As in TVBO, only the matrices, nodes and size are taken from the file: the experiment's coupling, conduction speed and
/// other settings stay the experiment's.
/// </summary>
internal static class NetworkFileReader
{
    /// <summary>The edge names TVBO takes the weights from, in order.</summary>
    private static readonly string[] WeightEdges = ["weight", "weights", "sc"];

    /// <summary>Reads a network file.</summary>
    /// <param name="src">The experiment file, whose loader reads the network file (its errors then name the network file
    /// and line).</param>
    /// <param name="path">The network file.</param>
    /// <param name="reference">The node of the experiment that names it.</param>
    /// <param name="folders">The network folders searched (for the older layout's matrices and atlases).</param>
    /// <param name="observational">Observational measures asked for (matrices of the file other than the weights).</param>
    /// <param name="context">What asked for it, for messages of other files.</param>
    public static ConnectomeData Read(YamlSource src, string path, YamlNode reference, IReadOnlyList<string> folders, IReadOnlyList<string> observational, string context)
    {
        var m = src.LoadMapping(path, reference);
        if (YamlSource.Get(m, "tvbo_class") is YamlScalarNode { Value: { } cls } classNode && cls.Trim() != "tvbo:Network")
        {
            throw src.Error(classNode, $"the file is a {cls.Trim()}, not a network (tvbo_class: tvbo:Network) ({context}).");
        }

        if (YamlSource.Get(m, "data_file") is { } dataFile)
        {
            return Current(src, path, m, dataFile, observational, context);
        }

        if (YamlSource.Get(m, "weights") is { } weights)
        {
            if (observational.Count > 0)
            {
                throw src.Error(weights, $"observational_measures ({string.Join(", ", observational)}): this network file (TVBO's older layout: weights and lengths CSV files) holds no observational measures ({context}).");
            }

            return Older(src, path, m, weights, folders, context);
        }

        throw src.Error(m, $"the file gives no connectome: neither data_file (an .h5 file of matrices, TVBO's current layout) nor weights (a CSV file, TVBO's older layout) ({context}). A network written out node by node belongs in the experiment's network block (nodes, edges).");
    }

    /// <summary>TVBO's current layout: an HDF5 companion with the matrices, the nodes in the YAML file.</summary>
    private static ConnectomeData Current(YamlSource src, string path, YamlMappingNode m, YamlNode dataFile, IReadOnlyList<string> observational, string context)
    {
        var rel = src.Text(dataFile, "data_file").Trim();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var companion = Path.GetFullPath(Path.IsPathRooted(rel) ? rel : Path.Combine(dir, rel));
        var ext = Path.GetExtension(companion);
        if (!ext.Equals(".h5", StringComparison.OrdinalIgnoreCase) && !ext.Equals(".hdf5", StringComparison.OrdinalIgnoreCase))
        {
            throw src.Error(dataFile, $"data_file '{rel}' is not an HDF5 file (.h5, .hdf5); TVBO's Zarr and CSV companions are not read here ({context}).");
        }

        if (InputFile.Check(companion, InputFile.MaxDataBytes, allowEmpty: false) is { Finding: InputFile.Finding.Missing })
        {
            throw src.Error(dataFile, $"data_file '{rel}' does not exist (looked for {companion}); the .h5 file belongs beside the network file ({context}).");
        }

        var edges = TemplateEdges(src, m, context);
        using var h5 = RelmatH5File.Open(companion, $"{context}, named by {path}");
        var names = edges.Count > 0 ? edges.Keys.ToList() : [.. h5.EdgeNames()];
        var weightName = WeightEdges.FirstOrDefault(names.Contains)
            ?? throw src.Error(YamlSource.Get(m, "edges") ?? m, $"the network has no weight matrix: TVBO takes it from an edge 'weight', 'weights' or 'sc'; the file declares {Show(names)} ({context}).");
        var lengthName = new[] { "length", "lengths" }.FirstOrDefault(names.Contains)
            ?? names.FirstOrDefault(x => ConnectomeMatrix.LengthNames.Contains(x.ToLowerInvariant()));
        var weights = h5.Read(weightName);
        var n = weights.GetLength(0);
        var where = $"/edges/{weightName} of {companion}";
        ConnectomeMatrix.Check(weights, companion, $"/edges/{weightName}", nonNegative: false, finite: true, context, i => $"row {i}", _ => 0);
        double[,]? lengths = null;
        if (lengthName is not null)
        {
            lengths = h5.Read(lengthName);
            ConnectomeMatrix.Check(lengths, companion, $"/edges/{lengthName}", nonNegative: true, finite: true, context, i => $"row {i}", _ => 0);
            Agree(companion, $"/edges/{lengthName}", lengths, n, where, context);
            LengthUnit(src, m, edges.GetValueOrDefault(lengthName), context);
        }

        WarnUndirected(src, edges, weightName, weights, companion);
        if (lengthName is not null)
        {
            WarnUndirected(src, edges, lengthName, lengths!, companion);
        }

        var data = new ConnectomeData { Source = path, Weights = weights, Lengths = lengths, Labels = Labels(src, m, n, where, context), ConductionSpeed = Speed(m) };
        foreach (var measure in observational)
        {
            if (!names.Contains(measure))
            {
                throw src.Error(YamlSource.Get(m, "edges") ?? m, $"the observational measure '{measure}' is not a matrix of this network; it declares {Show(names)} ({context}).");
            }

            var values = h5.Read(measure);
            ConnectomeMatrix.Check(values, companion, $"/edges/{measure}", nonNegative: false, finite: false, context, i => $"row {i}", _ => 0);
            Agree(companion, $"/edges/{measure}", values, n, where, context);
            data.Observational[measure] = values;
        }

        Count(src, m, n, where, context);
        return data;
    }

    /// <summary>TVBO's older layout: weights and lengths CSV files named by paths from the author's machine.</summary>
    private static ConnectomeData Older(YamlSource src, string path, YamlMappingNode m, YamlNode weightsNode, IReadOnlyList<string> folders, string context)
    {
        var lookIn = NetworkLibrary.ConnectomeFolders(path, folders);
        var weightsFile = Locate(src, path, weightsNode, "weights", lookIn, context);
        var weights = ConnectomeMatrix.ReadText(weightsFile, "the weights", nonNegative: false, finite: true, $"{context}, named by {path}");
        var n = weights.GetLength(0);
        double[,]? lengths = null;
        if (YamlSource.Get(m, "lengths") is { } lengthsNode)
        {
            var lengthsFile = Locate(src, path, lengthsNode, "lengths", lookIn, context);
            lengths = ConnectomeMatrix.ReadText(lengthsFile, "the lengths", nonNegative: true, finite: true, $"{context}, named by {path}");
            Agree(lengthsFile, "the lengths", lengths, n, $"the weights ({weightsFile})", context);
        }

        Count(src, m, n, $"the weights ({weightsFile})", context);
        string[]? labels = null;
        if (Atlas(m) is { } atlas)
        {
            labels = AtlasLabels.Find(src, atlas, n, NetworkLibrary.AtlasFolders(path, folders), out var reason);
            if (labels is null)
            {
                src.Logger.LogInformation("{File}: the nodes of atlas '{Atlas}' are numbered 0 … {Last}: {Reason}.", path, atlas, n - 1, reason);
            }
        }

        return new ConnectomeData { Source = path, Weights = weights, Lengths = lengths, Labels = labels, ConductionSpeed = Speed(m) };
    }

    /// <summary>The file a path of an older network file names: as written (relative to the network file) if it exists,
    /// else by its file name in the connectome folders.</summary>
    private static string Locate(YamlSource src, string networkFile, YamlNode node, string key, IReadOnlyList<string> lookIn, string context)
    {
        var written = src.Text(node, key).Trim();
        var name = Path.GetFileName(written.Replace('\\', '/').TrimEnd('/'));
        var asWritten = Path.GetFullPath(Path.IsPathRooted(written) ? written : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(networkFile)) ?? ".", written));
        if (File.Exists(asWritten))
        {
            return asWritten;
        }

        foreach (var folder in lookIn)
        {
            var candidate = Path.Combine(folder, name);
            if (name.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw src.Error(node, $"the {key} file '{name}' cannot be found: not at {asWritten}, nor by its name in {(lookIn.Count == 0 ? "any connectome folder (none was found)" : string.Join(", ", lookIn))} ({context}). TVBO's files name the author's paths; the CSV files are in the tvbo package's tvbo/data/tvbo_data/connectome folder: give the tvbo checkout or package with --models DIR (ExperimentLoadOptions.ModelDirectories) or TVBO_MODELS_DIR.");
    }

    /// <summary>The template edges (matrices) a current network file declares, by name: entries of <c>edges</c> without
    /// <c>source</c>/<c>target</c>.</summary>
    private static Dictionary<string, YamlMappingNode> TemplateEdges(YamlSource src, YamlMappingNode m, string context)
    {
        var result = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        if (YamlSource.Get(m, "edges") is not { } edgesNode || YamlSource.IsEmpty(edgesNode))
        {
            return result;
        }

        foreach (var entry in src.Sequence(edgesNode, "edges").Children)
        {
            var em = src.Mapping(entry, "an entry of edges");
            if (YamlSource.Get(em, "source") is not null || YamlSource.Get(em, "target") is not null)
            {
                throw src.Error(entry, $"edges with source and target are not read from a network file with a data_file; give such edges in the experiment's network.edges ({context}).");
            }

            var name = YamlSource.Get(em, "name") ?? YamlSource.Get(em, "label");
            var text = name is null ? "weight" : src.Text(name, "the edge's name").Trim();
            if (!result.TryAdd(text, em))
            {
                throw src.Error(entry, $"edges declares '{text}' twice ({context}).");
            }
        }

        return result;
    }

    /// <summary>Node labels from <c>nodes</c> (one entry per node, <c>label</c> else <c>id</c>), or none.</summary>
    private static string[]? Labels(YamlSource src, YamlMappingNode m, int n, string where, string context)
    {
        if (YamlSource.Get(m, "nodes") is not { } nodesNode || YamlSource.IsEmpty(nodesNode))
        {
            return null;
        }

        var nodes = src.Sequence(nodesNode, "nodes").Children;
        if (nodes.Count != n)
        {
            throw src.Error(nodesNode, string.Create(CultureInfo.InvariantCulture, $"nodes lists {nodes.Count} nodes, but the matrix of {where} is {n}×{n}; they must agree ({context})."));
        }

        var labels = new string[n];
        for (var i = 0; i < n; i++)
        {
            var node = nodes[i];
            labels[i] = node is YamlMappingNode nm
                ? (YamlSource.Get(nm, "label") ?? YamlSource.Get(nm, "id")) is YamlScalarNode { Value: { } v } ? v : i.ToString(CultureInfo.InvariantCulture)
                : src.Text(node, $"nodes[{i}]");
        }

        return labels;
    }

    /// <summary>Checks <c>number_of_nodes</c> / <c>number_of_regions</c> against the matrices.</summary>
    private static void Count(YamlSource src, YamlMappingNode m, int n, string where, string context)
    {
        foreach (var key in new[] { "number_of_nodes", "number_of_regions" })
        {
            if (YamlSource.Get(m, key) is { } node && src.Integer(node, key) != n)
            {
                throw src.Error(node, string.Create(CultureInfo.InvariantCulture, $"{key} is {src.Integer(node, key)}, but the matrix of {where} is {n}×{n}; they must agree ({context})."));
            }
        }
    }

    private static void Agree(string file, string what, double[,] values, int n, string where, string context)
    {
        if (values.GetLength(0) != n)
        {
            throw new TvboFileException(file, 0, 0, string.Create(CultureInfo.InvariantCulture,
                $"the matrix of {what} is {values.GetLength(0)}×{values.GetLength(1)}, but that of {where} is {n}×{n}; the matrices of a network are all N×N ({context})."));
        }
    }

    /// <summary>The units of the lengths (the edge's <c>unit</c>, the network's <c>distance_unit</c>): millimetres, else an
    /// error (another length unit) or a warning (no length unit).</summary>
    private static void LengthUnit(YamlSource src, YamlMappingNode m, YamlMappingNode? edge, string context)
    {
        foreach (var node in new[] { edge is null ? null : YamlSource.Get(edge, "unit"), YamlSource.Get(m, "distance_unit") })
        {
            if (node is YamlScalarNode { Value: { } unit } && ConnectomeMatrix.LengthUnitProblem(unit, out var isError) is { } problem)
            {
                if (isError)
                {
                    throw src.Error(node, $"{problem} ({context}).");
                }

                src.Warn(node, $"{problem}.");
            }
        }
    }

    private static void WarnUndirected(YamlSource src, Dictionary<string, YamlMappingNode> edges, string name, double[,] values, string companion)
    {
        if (edges.TryGetValue(name, out var edge) && YamlSource.Get(edge, "directed") is { } d && !src.Boolean(d, "directed")
            && ConnectomeMatrix.UndirectedButAsymmetric(values, $"the values of /edges/{name} in {companion}", "directed: false") is { } warning)
        {
            src.Warn(d, warning);
        }
    }

    /// <summary>The file's <c>parameters.conduction_speed</c> (a value or <c>{value: v}</c>), if it is a number.</summary>
    private static double? Speed(YamlMappingNode m)
    {
        var node = YamlSource.Get(m, "parameters") is YamlMappingNode p ? YamlSource.Get(p, "conduction_speed") : YamlSource.Get(m, "conduction_speed");
        if (node is YamlMappingNode vm)
        {
            node = YamlSource.Get(vm, "value");
        }

        return node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string? Atlas(YamlMappingNode m) =>
        YamlSource.Get(m, "parcellation") is YamlMappingNode p && YamlSource.Get(p, "atlas") is YamlMappingNode a
            && (YamlSource.Get(a, "name") ?? YamlSource.Get(a, "iri")) is YamlScalarNode { Value: { Length: > 0 } name }
            ? Tvbo.Model.ModelLibrary.NameOf(name)
            : null;

    private static string Show(IReadOnlyCollection<string> names) => names.Count == 0 ? "no matrices" : string.Join(", ", names);
}
