using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>A base model (a library model, the model another derives from, a study's model) with a file's keys laid
/// over it: mappings merge key by key (so <c>parameters: {a: {value: 2}}</c> changes only a's value), anything else
/// replaces; an empty value (<c>key:</c> with nothing, <c>{}</c>, <c>[]</c>) keeps the base's, as TVBO's study merge
/// fills what an experiment's model leaves empty. Keys keep the base's order; new keys follow in the overlay's.</summary>
internal static class ModelOverlay
{
    /// <summary>The base model with <paramref name="over"/> laid over it.</summary>
    /// <param name="library">The base model's mapping.</param>
    /// <param name="over">The keys laid over it.</param>
    /// <param name="skip">Keys of <paramref name="over"/> not laid over (the reference itself).</param>
    public static YamlMappingNode Apply(YamlMappingNode library, YamlMappingNode over, params string[] skip)
    {
        var overByKey = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        var others = new List<(YamlNode Key, YamlNode Value)>();
        foreach (var (k, v) in over.Children)
        {
            if (k is YamlScalarNode { Value: { } key })
            {
                if (!skip.Contains(key, StringComparer.Ordinal))
                {
                    overByKey[key] = (k, v);
                }
            }
            else
            {
                others.Add((k, v));
            }
        }

        var result = new YamlMappingNode();
        foreach (var (k, v) in library.Children)
        {
            if (k is YamlScalarNode { Value: { } key } && overByKey.Remove(key, out var o) && !YamlSource.IsEmpty(o.Value))
            {
                result.Children.Add(o.Key, Keyed(v) is YamlMappingNode om && Keyed(o.Value) is YamlMappingNode vm ? Apply(om, vm) : o.Value);
            }
            else
            {
                result.Children.Add(k, v);
            }
        }

        foreach (var (k, v) in over.Children.Where(c => c.Key is YamlScalarNode { Value: { } key } && overByKey.ContainsKey(key)))
        {
            result.Children.Add(k, v);
        }

        foreach (var (k, v) in others)
        {
            result.Children.Add(k, v);
        }

        return result;
    }

    /// <summary>The entries of <paramref name="over"/>'s <paramref name="collection"/> (e.g. <c>parameters</c>) that
    /// <paramref name="library"/> does not declare, with their key nodes.</summary>
    /// <param name="library">The base model's mapping.</param>
    /// <param name="over">The keys laid over it.</param>
    /// <param name="collection">The collection's key.</param>
    public static IReadOnlyList<(string Name, YamlNode Key)> Added(YamlMappingNode library, YamlMappingNode over, string collection)
    {
        if (YamlSource.Get(over, collection) is not { } o || Keyed(o) is not YamlMappingNode om)
        {
            return [];
        }

        var declared = YamlSource.Get(library, collection) is { } l && Keyed(l) is YamlMappingNode lm
            ? lm.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal)
            : [];
        return om.Children.Where(c => c.Key is YamlScalarNode { Value: { } n } && !declared.Contains(n))
            .Select(c => (((YamlScalarNode)c.Key).Value!, c.Key)).ToArray();
    }

    /// <summary>The names a model's collection (e.g. <c>parameters</c>) declares, in order.</summary>
    /// <param name="map">The model's mapping.</param>
    /// <param name="collection">The collection's key.</param>
    public static IReadOnlyList<string> Names(YamlMappingNode map, string collection) =>
        YamlSource.Get(map, collection) is { } c && Keyed(c) is YamlMappingNode m
            ? m.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value!).ToArray()
            : [];

    /// <summary>A collection written as a list of mappings with distinct <c>name:</c>s (or of one-key mappings,
    /// <c>- a: {value: 1}</c>) as the equivalent mapping keyed by name, so a list-form override merges entry by entry;
    /// any other node as it is.</summary>
    private static YamlNode Keyed(YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } seq)
        {
            return node;
        }

        var entries = seq.Children.Select(Entry).ToArray();
        if (entries.Any(e => e is null) || entries.Select(e => e!.Value.Name).Distinct(StringComparer.Ordinal).Count() != entries.Length)
        {
            return node;
        }

        var keyed = new YamlMappingNode();
        foreach (var (name, key, value) in entries.Select(e => e!.Value))
        {
            keyed.Children.Add(key, value);
        }

        return keyed;
    }

    private static (string Name, YamlNode Key, YamlNode Value)? Entry(YamlNode item)
    {
        if (item is not YamlMappingNode m)
        {
            return null;
        }

        if (YamlSource.Get(m, "name") is YamlScalarNode { Value: { } n })
        {
            return (n, YamlSource.Get(m, "name")!, m);
        }

        return m.Children.Count == 1 && m.Children.Single() is var (k, v) && k is YamlScalarNode { Value: { Length: > 0 } kn } && v is YamlMappingNode
            ? (kn, k, v)
            : null;
    }
}
