using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Yaml;

/// <summary>Reads typed values out of a YAML document, turning every shape or value error into a
/// <see cref="TvboFileException"/> that names the file and line.</summary>
internal sealed class YamlSource
{
    private YamlSource(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    /// <summary>The document's top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Parses YAML text whose top level must be a mapping.</summary>
    public static YamlSource Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new TvboFileException(file, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            throw new TvboFileException(file, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column,
                "the file must hold a YAML mapping (keys such as 'name:', 'parameters:', 'state_variables:').");
        }

        return new YamlSource(file, root);
    }

    /// <summary>Reads and parses a file.</summary>
    public static YamlSource Load(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TvboFileException(path, 0, 0, $"cannot read the file: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>An error located at <paramref name="node"/>.</summary>
    public TvboFileException Error(YamlNode node, string problem, Exception? inner = null) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, problem, inner);

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

    /// <summary>Whether a node is YAML null (<c>~</c>, <c>null</c> or empty).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

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

    /// <summary>The node as text (a scalar).</summary>
    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode s && s.Value is not null ? s.Value : throw Error(node, $"{what} must be a single value, not a list or mapping.");

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
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(node, $"{what} must be a whole number, got '{text}'.");
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
                throw Error(k, $"{what} has an unknown key '{key}'; valid keys are: {string.Join(", ", allowed)}.");
            }
        }
    }
}
