using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files;

/// <summary>Reads typed values out of a YAML document, turning every shape or value error into a
/// <see cref="TvboFileException"/> that names the file and line.</summary>
/// <remarks>
/// The document is read as TVBO's loader reads it: anchors and aliases, merge keys (<c>&lt;&lt;: *base</c>, shallow,
/// explicit keys win), <c>!include path</c> (relative to the including file), duplicate keys an error, and exactly one
/// YAML document per file (<see cref="YamlLoader"/>). Nodes keep the file they come from, so errors inside included or
/// library files name them.
/// </remarks>
internal sealed class YamlSource
{
    private readonly Dictionary<YamlNode, string> _origin = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<YamlNode, YamlNode> _copiedFrom = new(ReferenceEqualityComparer.Instance);
    private readonly YamlLoader _loader;

    private YamlSource(string file, ILogger logger)
    {
        File = file;
        Logger = logger;
        Root = new YamlMappingNode();
        _loader = new YamlLoader(_origin);
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    /// <summary>The document's top-level mapping.</summary>
    public YamlMappingNode Root { get; private set; }

    /// <summary>Where warnings and defaults are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>Parses YAML text whose top level must be a mapping.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The name used in messages; relative includes are resolved against its folder.</param>
    /// <param name="logger">Receives warnings; <see langword="null"/> for none.</param>
    public static YamlSource Parse(string text, string file, ILogger? logger = null)
    {
        var src = new YamlSource(file, logger ?? NullLogger.Instance);
        var root = src._loader.LoadDocument(text, file, [Path.GetFullPath(file)]);
        if (root is not YamlMappingNode map)
        {
            throw new TvboFileException(file, root is null ? 0 : (int)root.Start.Line, root is null ? 0 : (int)root.Start.Column,
                "the file must hold a YAML mapping (keys such as 'name:', 'parameters:', 'state_variables:').");
        }

        src.Root = map;
        return src;
    }

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="logger">Receives warnings; <see langword="null"/> for none.</param>
    public static YamlSource Load(string path, ILogger? logger = null) => Parse(YamlLoader.ReadText(path, path, 0, 0), path, logger);

    /// <summary>Loads another file's top-level mapping into this source (e.g. a library model), keeping its nodes'
    /// origin for messages.</summary>
    /// <param name="path">The file.</param>
    /// <param name="reference">The node that names the file: a file that cannot be read (missing, a pipe, too large) is
    /// reported there; <see langword="null"/> to report it at the file itself.</param>
    public YamlMappingNode LoadMapping(string path, YamlNode? reference = null)
    {
        var text = reference is null
            ? YamlLoader.ReadText(path, path, 0, 0)
            : YamlLoader.ReadText(path, FileOf(reference), (int)reference.Start.Line, (int)reference.Start.Column);
        var node = _loader.LoadDocument(text, path, [Path.GetFullPath(path)]);
        return node as YamlMappingNode ?? throw new TvboFileException(path, 0, 0, "the file must hold a YAML mapping.");
    }

    /// <summary>The file a node was read from.</summary>
    /// <param name="node">A node of this source.</param>
    public string FileOf(YamlNode node) => _origin.TryGetValue(At(node), out var f) ? f : File;

    /// <summary>The line a node was read from (a copy's: its original's).</summary>
    /// <param name="node">A node of this source.</param>
    public long LineOf(YamlNode node) => At(node).Start.Line;

    /// <summary>An error located at <paramref name="node"/>.</summary>
    public TvboFileException Error(YamlNode node, string problem, Exception? inner = null) =>
        new(FileOf(node), (int)At(node).Start.Line, (int)At(node).Start.Column, problem, inner);

    /// <summary>Logs a warning located at <paramref name="node"/>.</summary>
    public void Warn(YamlNode node, string message) =>
        Logger.LogWarning("{File}:{Line}: {Message}", FileOf(node), LineOf(node), message);

    /// <summary>Logs, at information level, a default TVBO applies where a key is absent.</summary>
    public void Default(YamlNode node, string message) =>
        Logger.LogInformation("{File}:{Line}: {Message}", FileOf(node), LineOf(node), message);

    /// <summary>A deep copy of <paramref name="node"/> whose nodes report their originals' file and line, so that
    /// messages about a rewritten document (a multi-mode model's per-mode copies) point at what the user wrote.</summary>
    /// <param name="node">A node of this source.</param>
    /// <param name="text">Rewrites each scalar's text (<see langword="null"/>: keep it); its argument is the scalar's
    /// key in the nearest enclosing mapping (<see langword="null"/> in a sequence or for a key itself).</param>
    public YamlNode Copy(YamlNode node, Func<string?, string, string>? text = null) => CopyNode(node, null, text);

    /// <summary>A new scalar that reports <paramref name="original"/>'s file and line.</summary>
    /// <param name="value">Its text.</param>
    /// <param name="original">Where it was written.</param>
    public YamlScalarNode Scalar(string value, YamlNode original) => Located(new YamlScalarNode(value), original);

    private YamlNode CopyNode(YamlNode node, string? key, Func<string?, string, string>? text)
    {
        switch (node)
        {
            case YamlScalarNode s:
                var copy = new YamlScalarNode(s.Value is null || text is null ? s.Value : text(key, s.Value)) { Style = s.Style, Tag = s.Tag };
                return Located(copy, node);
            case YamlSequenceNode seq:
                var list = new YamlSequenceNode();
                foreach (var child in seq.Children)
                {
                    list.Add(CopyNode(child, null, text));
                }

                return Located(list, node);
            case YamlMappingNode map:
                var mapping = new YamlMappingNode();
                foreach (var (k, v) in map.Children)
                {
                    mapping.Add(CopyNode(k, null, null), CopyNode(v, (k as YamlScalarNode)?.Value, text));
                }

                return Located(mapping, node);
            default:
                return node;
        }
    }

    private T Located<T>(T copy, YamlNode original)
        where T : YamlNode
    {
        _copiedFrom[copy] = At(original);
        return copy;
    }

    private YamlNode At(YamlNode node) => _copiedFrom.TryGetValue(node, out var original) ? original : node;

    /// <summary>The value under <paramref name="key"/>, or <see langword="null"/> when absent or YAML null.</summary>
    public static YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    /// <summary>The key node of <paramref name="key"/>, or <see langword="null"/> when absent.</summary>
    public static YamlNode? KeyNode(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);

    /// <summary>Whether a mapping has <paramref name="key"/> (with any value, null included).</summary>
    public static bool Has(YamlMappingNode map, string key) => KeyNode(map, key) is not null;

    /// <summary>Whether a node is YAML null (<c>~</c>, <c>null</c> or empty).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    /// <summary>Whether a node is null, an empty mapping or an empty list.</summary>
    public static bool IsEmpty(YamlNode? node) =>
        node is null || IsNull(node) || node is YamlMappingNode { Children.Count: 0 } || node is YamlSequenceNode { Children.Count: 0 };

    /// <summary>The node as a mapping.</summary>
    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines).");

    /// <summary>The node as a sequence.</summary>
    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list ([a, b, c] or '- item' lines).");

    /// <summary>The entries of a mapping whose keys are names, in file order.</summary>
    public IEnumerable<(string Name, YamlNode KeyNode, YamlNode? Value)> Entries(YamlNode node, string what)
    {
        foreach (var (k, v) in Mapping(node, what).Children)
        {
            var name = k is YamlScalarNode s && !string.IsNullOrEmpty(s.Value) ? s.Value : throw Error(k, $"{what}: every key must be a plain name.");
            yield return (name, k, IsNull(v) ? null : v);
        }
    }

    /// <summary>The entries of a TVBO keyed collection, written either as a mapping keyed by name, as a list of
    /// mappings with a <c>name:</c> each, or as a list of one-key mappings (<c>- a: {value: 1}</c>, as LinkML reads
    /// them). An inner <c>name:</c> that disagrees with the key is an error.</summary>
    public IEnumerable<(string Name, YamlNode KeyNode, YamlNode? Value)> Collection(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode)
                {
                    yield return (Text(item, $"an entry of {what}"), item, null);
                    continue;
                }

                var m = Mapping(item, $"an entry of {what}");
                if (Get(m, "name") is null && m.Children.Count == 1 && m.Children.Single() is var (onlyKey, onlyValue) && onlyKey is YamlScalarNode { Value: { Length: > 0 } keyName } && keyName != "name" && onlyValue is YamlMappingNode)
                {
                    // '- a_E: {value: 310}': an entry keyed by its name, one per list item (LinkML reads it as the mapping form).
                    yield return (keyName, onlyKey, onlyValue);
                    continue;
                }

                var nameNode = Get(m, "name") ?? throw Error(item, $"an entry of {what} written as a list needs a 'name:'. (An entry may also be its name over its mapping: '- a: {{value: 1}}'.)");
                yield return (Text(nameNode, $"the name of an entry of {what}"), nameNode, m);
            }

            yield break;
        }

        foreach (var (name, key, value) in Entries(node, what))
        {
            if (value is YamlMappingNode m && Get(m, "name") is { } inner && Text(inner, $"the name of '{name}' in {what}") is var innerName && innerName != name)
            {
                throw Error(inner, $"'{name}' in {what} has 'name: {innerName}'; the key is the name, so they must agree (or leave 'name:' out).");
            }

            yield return (name, key, value);
        }
    }

    /// <summary>The node as text (a scalar).</summary>
    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode s && s.Value is not null ? s.Value : throw Error(node, $"{what} must be a single value, not a list or mapping.");

    /// <summary>Whether the node is a scalar that reads as a number.</summary>
    public static bool IsNumber(YamlNode node) =>
        node is YamlScalarNode { Value: { } v } && double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The node as a finite or infinite number (YAML <c>.inf</c> and <c>-.inf</c> are accepted; NaN is not).</summary>
    public double Number(YamlNode node, string what)
    {
        var text = Text(node, what).Trim();
        var value = text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "inf" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" or "-inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v)
                ? v
                : throw Error(node, $"{what} must be a number, got '{text}'."),
        };
        if (value == 0 && text.TrimStart('+', '-').TrimStart('0', '.').Length > 0 && char.IsAsciiDigit(text.TrimStart('+', '-').TrimStart('0', '.')[0]))
        {
            throw Error(node, $"{what} is {text}, which is below the smallest float64 (about 4.9e-324) and would become 0; write 0, or a value float64 can hold.");
        }

        if (double.IsInfinity(value) && !text.Contains("inf", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(node, $"{what} is {text}, which is beyond the largest float64 (about 1.8e308).");
        }

        return value;
    }

    /// <summary>The node as a finite number.</summary>
    public double FiniteNumber(YamlNode node, string what)
    {
        var v = Number(node, what);
        return double.IsFinite(v) ? v : throw Error(node, $"{what} must be a finite number, got {Text(node, what)}.");
    }

    /// <summary>The node as an integer.</summary>
    public int Integer(YamlNode node, string what)
    {
        var text = Text(node, what).Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw Error(node, long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) || System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? $"{what} is {text}, more than a count can be here (at most {int.MaxValue})."
            : $"{what} must be a whole number, got '{text}'.");
    }

    /// <summary>The node as a boolean (<c>true</c>/<c>false</c>).</summary>
    public bool Boolean(YamlNode node, string what) => Text(node, what).Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var t => throw Error(node, $"{what} must be true or false, got '{t}'."),
    };

    /// <summary>Fails on any key of <paramref name="map"/> not in <paramref name="allowed"/>.</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var (k, _) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, key) < 0)
            {
                var close = KeySuggestion.Closest(key, allowed);
                var hint = close is null ? string.Empty : $" Did you mean '{close}'?";
                throw Error(k, $"{what} has an unknown key '{key}';{hint} valid keys are: {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>Checks the keys of a mapping against a TVBO schema class: keys of the schema pass; a key within a
    /// small edit distance of one is an error with the suggestion; any other key is a warning
    /// (<paramref name="unknownIsError"/> false) or an error.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="what">What it is, e.g. "state variable 'x'".</param>
    /// <param name="schema">Every key TVBO's schema defines for it.</param>
    /// <param name="unknownIsError">Whether a key that resembles no schema key is an error.</param>
    public void SchemaKeys(YamlMappingNode map, string what, IReadOnlyCollection<string> schema, bool unknownIsError)
    {
        foreach (var (k, _) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (schema.Contains(key))
            {
                continue;
            }

            var close = KeySuggestion.Closest(key, schema);
            if (close is not null)
            {
                throw Error(k, $"'{key}' is not a key of {what}; did you mean '{close}'?");
            }

            if (unknownIsError)
            {
                throw Error(k, $"'{key}' is not a key of {what}; valid keys are: {string.Join(", ", schema.Order(StringComparer.Ordinal))}.");
            }

            Warn(k, $"'{key}' is not a key of {what} in TVBO's schema; it is ignored.");
        }
    }

    /// <summary>Whether a path names a YAML file (<c>.yaml</c> or <c>.yml</c>): files that other files point to (models,
    /// <c>!include</c>s) are read only under such names.</summary>
    /// <param name="path">The path.</param>
    public static bool IsYamlFileName(string path) =>
        Path.GetExtension(path).Equals(".yaml", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(path).Equals(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The largest model or experiment file read.</summary>
    public const long MaxFileBytes = 16L << 20;
}
