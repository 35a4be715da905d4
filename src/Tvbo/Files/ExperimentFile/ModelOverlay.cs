using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>A library model with an experiment's sibling keys laid over it: mappings merge key by key (so
/// <c>parameters: {a: {value: 2}}</c> changes only a's value), anything else replaces.</summary>
internal static class ModelOverlay
{
    /// <summary>The library model with <paramref name="over"/> laid over it.</summary>
    /// <param name="library">The library model's mapping.</param>
    /// <param name="over">The keys laid over it.</param>
    /// <param name="skip">A key of <paramref name="over"/> not laid over (the reference itself).</param>
    public static YamlMappingNode Apply(YamlMappingNode library, YamlMappingNode over, string? skip = null)
    {
        var result = new YamlMappingNode();
        foreach (var (k, v) in library.Children)
        {
            result.Children.Add(k, v);
        }

        foreach (var (k, v) in over.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            if (key == skip)
            {
                continue;
            }

            var existing = result.Children.Keys.FirstOrDefault(x => x is YamlScalarNode s && s.Value == key);
            if (existing is not null)
            {
                var old = result.Children[existing];
                result.Children.Remove(existing);
                result.Children.Add(k, Keyed(old) is YamlMappingNode om && Keyed(v) is YamlMappingNode vm ? Apply(om, vm) : v);
            }
            else
            {
                result.Children.Add(k, v);
            }
        }

        return result;
    }

    /// <summary>A collection written as a list of mappings with distinct <c>name:</c>s as the equivalent mapping keyed
    /// by name, so a list-form override merges entry by entry; any other node as it is.</summary>
    private static YamlNode Keyed(YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } seq
            || seq.Children.Select(c => c is YamlMappingNode m && YamlSource.Get(m, "name") is YamlScalarNode n ? n.Value : null).ToArray() is var names
            && (names.Any(n => n is null) || names.Distinct(StringComparer.Ordinal).Count() != names.Length))
        {
            return node;
        }

        var keyed = new YamlMappingNode();
        foreach (var item in seq.Children.Cast<YamlMappingNode>())
        {
            keyed.Children.Add(YamlSource.Get(item, "name")!, item);
        }

        return keyed;
    }
}
