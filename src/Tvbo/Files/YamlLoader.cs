using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files;

/// <summary>Loads a YAML document as TVBO's loader does: exactly one document per file, duplicate keys an error,
/// <c>!include path</c> resolved (relative to the including file, cycles refused), merge keys applied (shallow,
/// explicit keys win), and the file of every node recorded for messages.</summary>
internal sealed class YamlLoader
{
    private const string IncludeTag = "!include";

    /// <summary>The message for text YamlDotNet's parser stops on inside an unclosed flow collection.</summary>
    private const string UnclosedFlow = "not valid YAML: the file ends inside an unclosed '{' or '[' (a flow mapping or list); close it.";

    private readonly Dictionary<YamlNode, string> _origin;

    /// <summary>A loader recording the file of each node in <paramref name="origin"/>.</summary>
    /// <param name="origin">Receives each node's file.</param>
    public YamlLoader(Dictionary<YamlNode, string> origin) => _origin = origin;

    /// <summary>The text of a YAML file, checked with the file-access policy (<see cref="InputFile"/>) before it is
    /// opened: a regular file (not a folder, pipe, device or socket; a link is followed to its target) of at most
    /// <see cref="YamlSource.MaxFileBytes"/>. Problems are reported at <paramref name="from"/> (the file itself, or the
    /// file that names it, at its line).</summary>
    /// <param name="path">The file.</param>
    /// <param name="from">The file problems are reported in.</param>
    /// <param name="line">The line in <paramref name="from"/>, or 0.</param>
    /// <param name="column">The column in <paramref name="from"/>, or 0.</param>
    public static string ReadText(string path, string from, int line, int column)
    {
        var self = from == path;
        try
        {
            var verdict = InputFile.Check(path, YamlSource.MaxFileBytes, allowEmpty: true);
            switch (verdict.Finding)
            {
                case InputFile.Finding.Readable:
                    return InputFile.ReadAllText(path, YamlSource.MaxFileBytes);
                case InputFile.Finding.Missing:
                    throw new TvboFileException(from, line, column, $"{(self ? "the file" : $"'{path}'")} does not exist{(self ? string.Empty : $" (looked for {Path.GetFullPath(path)})")}.");
                case InputFile.Finding.TooLarge:
                    throw new TvboFileException(from, line, column, string.Create(CultureInfo.InvariantCulture, $"{(self ? "the file" : $"'{path}'")} is {verdict.Length >> 20} MiB; model and experiment files are at most {YamlSource.MaxFileBytes >> 20} MiB (give large matrices as .npy or .csv files)."));
                default:
                    throw new TvboFileException(from, line, column, $"{(self ? "the path" : $"'{path}'")} {verdict.Problem}; give a YAML file.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TvboFileException(from, line, column, $"cannot read the file{(self ? string.Empty : $" '{path}'")}: {ex.Message}", ex);
        }
    }

    /// <summary>The one document of a file's text, with includes and merge keys resolved; <see langword="null"/> for
    /// an empty file.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file it comes from (relative includes start from its folder).</param>
    /// <param name="including">The files being included, outermost first (to refuse cycles).</param>
    public YamlNode? LoadDocument(string text, string file, List<string> including)
    {
        var stream = ParseStream(text, file);
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new TvboFileException(file, (int)second.Start.Line, (int)second.Start.Column,
                $"the file holds {stream.Documents.Count} YAML documents ('---' separators); a TVBO file is one document.");
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        return Resolve(stream.Documents[0].RootNode, file, including, new Dictionary<YamlNode, YamlNode>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>The text parsed as YAML; a syntax error (a duplicate key included) names the file and line.</summary>
    private static YamlStream ParseStream(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.Message.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"duplicate key '{ex.Message["Duplicate key ".Length..]}': it is given twice in one mapping; give each key once"
                : $"not valid YAML: {ex.Message}";
            throw new TvboFileException(file, (int)ex.Start.Line, (int)ex.Start.Column, message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's parser stops this way on some unclosed flow collections (an opening brace, 'a: 1', then a new line).
            throw new TvboFileException(file, 0, 0, UnclosedFlow, ex);
        }

        return stream;
    }

    /// <summary>Resolves <c>!include</c> and merge keys, recording every node's file.</summary>
    private YamlNode Resolve(YamlNode node, string file, List<string> including, Dictionary<YamlNode, YamlNode> done)
    {
        if (done.TryGetValue(node, out var resolved))
        {
            return resolved;
        }

        var result = node switch
        {
            YamlScalarNode s when !s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value == IncludeTag => Include(s, file, including),
            YamlMappingNode m => ResolveMapping(m, file, including, done),
            YamlSequenceNode q => ResolveSequence(q, file, including, done),
            _ => node,
        };
        _origin.TryAdd(result, file);
        done[node] = result;
        return result;
    }

    /// <summary>The document an <c>!include path</c> names (relative to the including file), resolved in turn.</summary>
    private YamlNode Include(YamlScalarNode s, string file, List<string> including)
    {
        var rel = s.Value ?? string.Empty;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var path = Path.GetFullPath(Path.IsPathRooted(rel) ? rel : Path.Combine(dir, rel));
        if (including.Contains(path))
        {
            throw new TvboFileException(file, (int)s.Start.Line, (int)s.Start.Column, $"'!include {rel}' includes a file that is already being included ({string.Join(" -> ", including.Append(path))}).");
        }

        if (!YamlSource.IsYamlFileName(path))
        {
            throw new TvboFileException(file, (int)s.Start.Line, (int)s.Start.Column, $"'!include {rel}' is not a YAML file name (.yaml or .yml); only YAML files are included.");
        }

        if (!System.IO.File.Exists(path) && !Directory.Exists(path))
        {
            throw new TvboFileException(file, (int)s.Start.Line, (int)s.Start.Column, $"'!include {rel}': the file does not exist (looked for {path}); paths are relative to the including file.");
        }

        return LoadDocument(ReadText(path, file, (int)s.Start.Line, (int)s.Start.Column), path, [.. including, path])
            ?? throw new TvboFileException(path, 0, 0, "the included file is empty.");
    }

    /// <summary>A mapping with its merge keys applied and its values resolved, in place (so nodes keep their
    /// positions). Explicit keys win over merged ones.</summary>
    private YamlMappingNode ResolveMapping(YamlMappingNode m, string file, List<string> including, Dictionary<YamlNode, YamlNode> done)
    {
        done[m] = m;
        var entries = m.Children.ToList();
        m.Children.Clear();
        var explicitKeys = new HashSet<string>(entries.Select(kv => kv.Key).OfType<YamlScalarNode>().Where(k => k.Value != "<<").Select(k => k.Value!), StringComparer.Ordinal);
        foreach (var (k, v) in entries)
        {
            if (k is YamlScalarNode { Value: "<<" })
            {
                Merge(m, v, explicitKeys, file, including, done);
            }
        }

        foreach (var (k, v) in entries)
        {
            if (k is YamlScalarNode { Value: "<<" })
            {
                continue;
            }

            _origin.TryAdd(k, file);
            m.Children.Add(k, Resolve(v, file, including, done));
        }

        return m;
    }

    /// <summary>Adds to <paramref name="m"/> the keys of the mapping (or list of mappings) a merge key refers to,
    /// except keys already present.</summary>
    private void Merge(YamlMappingNode m, YamlNode value, HashSet<string> present, string file, List<string> including, Dictionary<YamlNode, YamlNode> done)
    {
        var sources = value is YamlSequenceNode list ? list.Children.ToList() : [value];
        foreach (var source in sources)
        {
            if (Resolve(source, file, including, done) is not YamlMappingNode sm)
            {
                throw new TvboFileException(file, (int)source.Start.Line, (int)source.Start.Column, "a merge key '<<:' must refer to a mapping (or a list of mappings), e.g. '<<: *defaults'.");
            }

            foreach (var (mk, mv) in sm.Children)
            {
                if (mk is YamlScalarNode { Value: { } key } && present.Add(key))
                {
                    m.Children.Add(mk, mv);
                }
            }
        }
    }

    /// <summary>A list with its items resolved, in place.</summary>
    private YamlSequenceNode ResolveSequence(YamlSequenceNode q, string file, List<string> including, Dictionary<YamlNode, YamlNode> done)
    {
        done[q] = q;
        for (var i = 0; i < q.Children.Count; i++)
        {
            q.Children[i] = Resolve(q.Children[i], file, including, done);
        }

        return q;
    }
}
