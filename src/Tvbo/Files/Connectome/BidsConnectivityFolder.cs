using System.Globalization;
using System.Text.Json;

namespace Tvbo.Files.Connectome;

/// <summary>
/// Reads a BIDS connectivity folder (BEP017 relationship matrices, as TVBO's <c>tvbo/database/networks/bids/&lt;name&gt;</c>):
/// <c>[…_]atlas-&lt;A&gt;_meas-&lt;M&gt;_relmat.dense.tsv</c> (tab-separated rows, no header; <c>_relmat.tsv</c> too) with a
/// <c>.json</c> sidecar (<c>RelationshipMeasure</c>, <c>Directed</c>, <c>MeasureUnits</c>, <c>Axes[].Size</c>,
/// <c>Axes[].NodeFile</c>), and <c>atlas-&lt;A&gt;_nodeindices.tsv</c> (a header, then one row per node:
/// <c>matrix_index</c>, <c>label</c>, …).
/// </summary>
/// <remarks>
/// <para><b>Weights and lengths</b>, as TVBO's <c>Network.from_bids</c>: of <c>structural_measures</c>, the first is the
/// weights and the second (if any) the lengths. Without <c>structural_measures</c> the folder's measures are classified by
/// TVBO's names: <c>streamlineCount</c>, <c>streamlineDensity</c>, <c>weight(s)</c> are weights; <c>tractLength(s)</c>,
/// <c>length(s)</c>, <c>tract_length(s)</c> lengths. Stricter than TVBO: a list that names a length measure first or a
/// weight measure second is refused (TVBO would use tract lengths as weights), and so are a measure that is not in the
/// folder (TVBO skips it) and, without the list, a folder with no or several weight measures (TVBO would take one in
/// file-system order).</para>
/// <para><b>Observational measures</b> (e.g. <c>BoldCorrelation</c>) are read into
/// <see cref="ConnectomeData.Observational"/>, never used as weights.</para>
/// <para><b><c>Directed: false</c></b> declares the relation symmetric (BEP017). TVBO reads the matrix as written and never
/// looks at <c>Directed</c>; so does this reader, warning when the values are not symmetric.</para>
/// </remarks>
internal static class BidsConnectivityFolder
{
    /// <summary>Reads the folder.</summary>
    /// <param name="folder">The folder (checked to exist by the caller).</param>
    /// <param name="atlas">The atlas to take (<c>parcellation.atlas.name</c>), or <see langword="null"/>: the folder's one atlas.</param>
    /// <param name="structural">The structural measures (weights, then lengths), or <see langword="null"/> for TVBO's classification.</param>
    /// <param name="observational">The observational measures to read.</param>
    /// <param name="context">What asked for it, for messages (e.g. <c>network.bids_dir in exp.yaml:5</c>).</param>
    /// <param name="warn">Receives warnings.</param>
    public static ConnectomeData Read(string folder, string? atlas, IReadOnlyList<string>? structural, IReadOnlyList<string> observational, string context, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(observational);
        ArgumentNullException.ThrowIfNull(warn);
        var files = Relmats(folder);
        if (files.Count == 0)
        {
            throw new TvboFileException(folder, 0, 0, $"the folder holds no BEP017 relationship matrices (*_relmat.dense.tsv or *_relmat.tsv) ({context}); give a BIDS connectivity folder such as TVBO's tvbo/database/networks/bids/dk_average.");
        }

        var atlases = files.Select(f => f.Atlas).Distinct().ToArray();
        if (atlas is null && atlases.Length > 1)
        {
            throw new TvboFileException(folder, 0, 0, $"the folder holds the matrices of several atlases ({string.Join(", ", atlases.Select(a => a ?? "(none)"))}) ({context}); choose one with network.parcellation.atlas.name.");
        }

        atlas ??= atlases[0];
        var measures = files.Where(f => f.Atlas == atlas).GroupBy(f => f.Measure, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (measures.Count == 0)
        {
            throw new TvboFileException(folder, 0, 0, $"the folder holds no matrices of the atlas '{atlas}'; atlases: {string.Join(", ", atlases.Select(a => a ?? "(none)"))} ({context}).");
        }

        var (weightMeasure, lengthMeasure) = Structural(folder, structural, measures.Keys, context);
        var weight = Load(folder, measures, weightMeasure, "the weights", nonNegative: false, finite: true, context, warn);
        var n = weight.Values.GetLength(0);
        var loaded = new List<Measure> { weight };
        Measure? length = null;
        if (lengthMeasure is not null)
        {
            length = Load(folder, measures, lengthMeasure, "the lengths", nonNegative: true, finite: true, context, warn);
            if (length.Sidecar?.Units is { } unit && ConnectomeMatrix.LengthUnitProblem(unit.Value, out var isError) is { } problem)
            {
                if (isError)
                {
                    throw new TvboFileException(length.Sidecar.File, unit.Line, 0, $"MeasureUnits: {problem} ({context}).");
                }

                warn($"{length.Sidecar.File}:{unit.Line}: MeasureUnits: {problem}.");
            }

            loaded.Add(length);
        }

        var observed = new Dictionary<string, double[,]>(StringComparer.Ordinal);
        foreach (var name in observational)
        {
            if (name == weightMeasure || name == lengthMeasure)
            {
                throw new TvboFileException(folder, 0, 0, $"'{name}' is both a structural and an observational measure ({context}); an observational measure is never a weight or a length.");
            }

            var measure = Load(folder, measures, name, $"the measure '{name}'", nonNegative: false, finite: false, context, warn);
            loaded.Add(measure);
            observed[name] = measure.Values;
        }

        foreach (var m in loaded)
        {
            if (m.Values.GetLength(0) != n)
            {
                throw new TvboFileException(m.File, 0, 0, string.Create(CultureInfo.InvariantCulture,
                    $"the measure '{m.Name}' is {m.Values.GetLength(0)}×{m.Values.GetLength(0)}, but the weights ({Path.GetFileName(weight.File)}) are {n}×{n}; every matrix of a network has its N×N ({context})."));
            }
        }

        var data = new ConnectomeData
        {
            Source = folder,
            Weights = weight.Values,
            Lengths = length?.Values,
            Labels = NodeFileLabels(folder, atlas, loaded, n, context),
        };
        foreach (var (k, v) in observed)
        {
            data.Observational[k] = v;
        }

        return data;
    }

    /// <summary>A relationship matrix file of the folder.</summary>
    private sealed record Relmat(string File, string? Atlas, string Measure);

    /// <summary>A measure read: its matrix and its sidecar.</summary>
    private sealed record Measure(string Name, string File, double[,] Values, Sidecar? Sidecar);

    /// <summary>A value of a sidecar with its line.</summary>
    private readonly record struct At<T>(T Value, int Line);

    /// <summary>What a BEP017 sidecar says.</summary>
    private sealed record Sidecar(string File, At<string>? Units, At<bool>? Directed, At<string>? NodeFile, At<long>[] Sizes);

    private static List<Relmat> Relmats(string folder)
    {
        var result = new List<Relmat>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive }).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var stem = name.EndsWith("_relmat.dense.tsv", StringComparison.Ordinal) ? name[..^".dense.tsv".Length]
                : name.EndsWith("_relmat.tsv", StringComparison.Ordinal) ? name[..^".tsv".Length]
                : null;
            if (stem is null)
            {
                continue;
            }

            var entities = NetworkLibrary.Entities(stem);
            if (entities.TryGetValue("meas", out var measure))
            {
                result.Add(new Relmat(path, entities.GetValueOrDefault("atlas"), measure));
            }
        }

        return result;
    }

    /// <summary>The weight and length measures: <paramref name="given"/> (first weights, second lengths), else TVBO's
    /// classification of the folder's measures.</summary>
    private static (string Weight, string? Length) Structural(string folder, IReadOnlyList<string>? given, IEnumerable<string> available, string context)
    {
        var names = available.Order(StringComparer.Ordinal).ToArray();
        static bool IsWeight(string m) => ConnectomeMatrix.WeightNames.Contains(m.ToLowerInvariant());
        static bool IsLength(string m) => ConnectomeMatrix.LengthNames.Contains(m.ToLowerInvariant());
        if (given is not null)
        {
            if (given.Count is < 1 or > 2)
            {
                throw new TvboFileException(folder, 0, 0, $"structural_measures lists {given.Count} measures; give the weights' measure and, optionally, the lengths' ([streamlineCount, tractLength]); the folder's measures: {string.Join(", ", names)} ({context}).");
            }

            if (IsLength(given[0]) || (given.Count == 2 && IsWeight(given[1])))
            {
                throw new TvboFileException(folder, 0, 0, $"structural_measures [{string.Join(", ", given)}]: the first is the weights and the second the lengths (TVBO's order); '{(IsLength(given[0]) ? given[0] : given[1])}' is a {(IsLength(given[0]) ? "length" : "weight")} measure: write [{(given.Count == 2 ? $"{given[1]}, {given[0]}" : $"<weights>, {given[0]}")}] ({context}).");
            }

            return (given[0], given.Count == 2 ? given[1] : null);
        }

        var weights = names.Where(IsWeight).ToArray();
        var lengths = names.Where(IsLength).ToArray();
        if (weights.Length != 1 || lengths.Length > 1)
        {
            throw new TvboFileException(folder, 0, 0,
                $"which measures are the weights and the lengths is not clear from the folder's measures ({string.Join(", ", names)}); name them with network.structural_measures: [<weights>, <lengths>] ({context}).");
        }

        return (weights[0], lengths.FirstOrDefault());
    }

    private static Measure Load(string folder, Dictionary<string, List<Relmat>> measures, string name, string what, bool nonNegative, bool finite, string context, Action<string> warn)
    {
        if (!measures.TryGetValue(name, out var files))
        {
            throw new TvboFileException(folder, 0, 0, $"the measure '{name}' is not in the folder (no *meas-{name}_relmat.dense.tsv); its measures: {string.Join(", ", measures.Keys.Order(StringComparer.Ordinal))} ({context}).");
        }

        if (files.Count > 1)
        {
            throw new TvboFileException(folder, 0, 0, $"the measure '{name}' is in several files ({string.Join(", ", files.Select(f => Path.GetFileName(f.File)))}) ({context}); keep one per measure and atlas.");
        }

        var file = files[0].File;
        var values = ConnectomeMatrix.ReadText(file, what, nonNegative, finite, context);
        var sidecar = ReadSidecar(file, name, context);
        if (sidecar?.Directed is { Value: false } directed && ConnectomeMatrix.UndirectedButAsymmetric(values, $"the values of {Path.GetFileName(file)}", $"\"Directed\": false in {Path.GetFileName(sidecar.File)}") is { } warning)
        {
            warn($"{sidecar.File}:{directed.Line}: {warning}");
        }

        if (sidecar is not null)
        {
            foreach (var size in sidecar.Sizes)
            {
                if (size.Value != values.GetLength(0))
                {
                    throw new TvboFileException(sidecar.File, size.Line, 0, string.Create(CultureInfo.InvariantCulture,
                        $"Axes: Size is {size.Value}, but {Path.GetFileName(file)} is {values.GetLength(0)}×{values.GetLength(1)}; they must agree ({context})."));
                }
            }
        }

        return new Measure(name, file, values, sidecar);
    }

    /// <summary>The JSON sidecar of a matrix file (same name, <c>.json</c>), or <see langword="null"/> when there is none.</summary>
    private static Sidecar? ReadSidecar(string matrixFile, string measure, string context)
    {
        var name = Path.GetFileName(matrixFile);
        var stem = name.EndsWith(".dense.tsv", StringComparison.Ordinal) ? name[..^".dense.tsv".Length] : name[..^".tsv".Length];
        var path = Path.Combine(Path.GetDirectoryName(matrixFile) ?? ".", stem + ".json");
        var verdict = InputFile.Check(path, YamlSource.MaxFileBytes, allowEmpty: false);
        if (verdict.Finding == InputFile.Finding.Missing)
        {
            return null;
        }

        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw new TvboFileException(path, 0, 0, $"the sidecar {verdict.Problem} ({context}); give the BEP017 JSON sidecar of {name}.");
        }

        string text;
        JsonDocument doc;
        try
        {
            text = InputFile.ReadAllText(path, YamlSource.MaxFileBytes);
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new TvboFileException(path, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, $"the sidecar is not valid JSON ({context}); give the BEP017 JSON sidecar of {name}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TvboFileException(path, 0, 0, $"the sidecar cannot be read: {ex.Message} ({context}).", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TvboFileException(path, 1, 1, $"the sidecar must be a JSON object with RelationshipMeasure, Directed, Axes, … ({context}).");
            }

            var relation = Text(root, "RelationshipMeasure", path, text, context);
            if (relation is { } r && r.Value != measure)
            {
                throw new TvboFileException(path, r.Line, 0, $"RelationshipMeasure is '{r.Value}', but the file name says meas-{measure}; they must agree ({context}).");
            }

            At<bool>? directed = null;
            if (root.TryGetProperty("Directed", out var d))
            {
                directed = d.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? new At<bool>(d.GetBoolean(), LineOf(text, "Directed"))
                    : throw new TvboFileException(path, LineOf(text, "Directed"), 0, $"Directed must be true or false ({context}).");
            }

            var (nodeFile, sizes) = Axes(root, path, text, context);
            return new Sidecar(path, Text(root, "MeasureUnits", path, text, context), directed, nodeFile, sizes);
        }
    }

    /// <summary>The sidecar's <c>Axes</c>: two entries (rows, columns) naming the same <c>NodeFile</c>, with their sizes.</summary>
    private static (At<string>? NodeFile, At<long>[] Sizes) Axes(JsonElement root, string path, string text, string context)
    {
        if (!root.TryGetProperty("Axes", out var axes))
        {
            return (null, []);
        }

        var line = LineOf(text, "Axes");
        if (axes.ValueKind != JsonValueKind.Array || axes.GetArrayLength() != 2)
        {
            throw new TvboFileException(path, line, 0, $"Axes must list the two axes of the matrix (rows, then columns) ({context}).");
        }

        var sizes = new List<At<long>>();
        var nodeFiles = new List<string?>();
        var k = 0;
        foreach (var axis in axes.EnumerateArray())
        {
            k++;
            if (axis.ValueKind != JsonValueKind.Object)
            {
                throw new TvboFileException(path, line, 0, $"each entry of Axes must be an object (Name, Size, NodeFile) ({context}).");
            }

            if (axis.TryGetProperty("Size", out var size))
            {
                sizes.Add(size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var s) && s >= 0
                    ? new At<long>(s, LineOf(text, "Size", k))
                    : throw new TvboFileException(path, LineOf(text, "Size", k), 0, $"Axes: Size must be a whole number ({context})."));
            }

            nodeFiles.Add(axis.TryGetProperty("NodeFile", out var nf)
                ? nf.ValueKind == JsonValueKind.String ? nf.GetString() : throw new TvboFileException(path, LineOf(text, "NodeFile", k), 0, $"Axes: NodeFile must be a file name ({context}).")
                : null);
        }

        if (nodeFiles[0] != nodeFiles[1])
        {
            throw new TvboFileException(path, LineOf(text, "NodeFile", 2), 0, $"Axes name different nodes for rows and columns ({nodeFiles[0] ?? "none"}, {nodeFiles[1] ?? "none"}); a network's matrix relates its nodes to themselves ({context}).");
        }

        return (nodeFiles[0] is { } f ? new At<string>(f, LineOf(text, "NodeFile")) : null, [.. sizes]);
    }

    private static At<string>? Text(JsonElement root, string key, string path, string text, string context)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String
            ? new At<string>(v.GetString() ?? string.Empty, LineOf(text, key))
            : throw new TvboFileException(path, LineOf(text, key), 0, $"{key} must be a text ({context}).");
    }

    /// <summary>The line of the <paramref name="occurrence"/>-th <c>"key"</c> in a JSON text (1-based), or 0.</summary>
    private static int LineOf(string text, string key, int occurrence = 1)
    {
        var at = -1;
        for (var k = 0; k < occurrence; k++)
        {
            at = text.IndexOf($"\"{key}\"", at + 1, StringComparison.Ordinal);
            if (at < 0)
            {
                return 0;
            }
        }

        return text.AsSpan(0, at).Count('\n') + 1;
    }

    /// <summary>The node labels: from the node file the sidecars name (all the same), else TVBO's
    /// <c>*atlas-&lt;A&gt;*_nodeindices.tsv</c>; <see langword="null"/> when there is none or it has no <c>label</c> column.</summary>
    private static string[]? NodeFileLabels(string folder, string? atlas, List<Measure> loaded, int n, string context)
    {
        var named = loaded.Where(m => m.Sidecar?.NodeFile is not null).ToArray();
        string? path = null;
        if (named.Length > 0)
        {
            var first = named[0];
            if (named.FirstOrDefault(m => m.Sidecar!.NodeFile!.Value.Value != first.Sidecar!.NodeFile!.Value.Value) is { } other)
            {
                throw new TvboFileException(other.Sidecar!.File, other.Sidecar.NodeFile!.Value.Line, 0,
                    $"NodeFile is '{other.Sidecar.NodeFile.Value.Value}', but {Path.GetFileName(first.Sidecar!.File)} names '{first.Sidecar.NodeFile!.Value.Value}'; the matrices of one network share their nodes ({context}).");
            }

            var nodeFile = first.Sidecar!.NodeFile!.Value;
            path = Path.Combine(folder, nodeFile.Value);
            if (!File.Exists(path))
            {
                throw new TvboFileException(first.Sidecar.File, nodeFile.Line, 0, $"NodeFile '{nodeFile.Value}' does not exist (looked for {Path.GetFullPath(path)}) ({context}).");
            }
        }
        else
        {
            var pattern = atlas is null ? "*_nodeindices.tsv" : $"*atlas-{atlas}*_nodeindices.tsv";
            var found = Directory.EnumerateFiles(folder, pattern, new EnumerationOptions { IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive }).Order(StringComparer.Ordinal).ToArray();
            if (found.Length > 1)
            {
                throw new TvboFileException(folder, 0, 0, $"several node files match {pattern} ({string.Join(", ", found.Select(Path.GetFileName))}) and no sidecar names one (Axes[].NodeFile) ({context}).");
            }

            path = found.FirstOrDefault();
        }

        return path is null ? null : NodeIndices.Labels(path, n, context);
    }
}
