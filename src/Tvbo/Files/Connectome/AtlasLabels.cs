using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.Connectome;

/// <summary>
/// The region labels of an atlas from TVBO's atlas files (<c>tvbo/data/tvbo_data/atlas/*_atlas-&lt;A&gt;_*_dseg.yaml</c>:
/// <c>terminology.entities</c>, each with a <c>lookupLabel</c> 1 … N), as TVBO's older <c>Connectome</c> orders its regions:
/// by <c>lookupLabel</c>. Used for TVBO's older network files, whose matrices carry no labels.
/// </summary>
internal static class AtlasLabels
{
    /// <summary>The labels of <paramref name="atlas"/> for a network of <paramref name="count"/> nodes, or
    /// <see langword="null"/> (with the reason) when no single atlas file of that name gives exactly that many regions
    /// numbered 1 … N.</summary>
    /// <param name="src">The experiment file, whose loader reads the atlas file.</param>
    /// <param name="atlas">The atlas name (<c>parcellation.atlas.name</c> of the network file).</param>
    /// <param name="count">The number of nodes.</param>
    /// <param name="folders">The atlas folders (see <see cref="NetworkLibrary.AtlasFolders"/>).</param>
    /// <param name="reason">Why there are none, for the log.</param>
    public static string[]? Find(YamlSource src, string atlas, int count, IReadOnlyList<string> folders, out string reason)
    {
        foreach (var folder in folders)
        {
            var files = Directory.EnumerateFiles(folder, "*_dseg.yaml", new EnumerationOptions { IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive })
                .Where(f => NetworkLibrary.Entities(Path.GetFileNameWithoutExtension(f)).TryGetValue("atlas", out var a) && a == atlas)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                continue;
            }

            if (files.Length > 1)
            {
                reason = $"several atlas files name the atlas '{atlas}' ({string.Join(", ", files)})";
                return null;
            }

            return FromFile(src, files[0], count, out reason);
        }

        reason = folders.Count == 0 ? "no atlas folder was found" : $"no atlas file names the atlas '{atlas}' in {string.Join(", ", folders)}";
        return null;
    }

    private static string[]? FromFile(YamlSource src, string file, int count, out string reason)
    {
        var root = src.LoadMapping(file);
        var entities = YamlSource.Get(root, "terminology") is YamlMappingNode terminology ? YamlSource.Get(terminology, "entities") : null;
        if (entities is not (YamlMappingNode or YamlSequenceNode))
        {
            reason = $"{file} has no terminology.entities";
            return null;
        }

        // TVBO writes the entities keyed by name or as a list of {name, lookupLabel}.
        var entries = entities is YamlMappingNode byName
            ? byName.Children.Select(kv => (Key: (kv.Key as YamlScalarNode)?.Value, Body: kv.Value as YamlMappingNode))
            : ((YamlSequenceNode)entities).Children.Select(e => (Key: (string?)null, Body: e as YamlMappingNode));
        var byLookup = new SortedDictionary<long, string>();
        foreach (var (key, entity) in entries)
        {
            var name = entity is null ? null : YamlSource.Get(entity, "name") is YamlScalarNode { Value: { Length: > 0 } n } ? n : key;
            if (entity is null || name is null
                || YamlSource.Get(entity, "lookupLabel") is not YamlScalarNode { Value: { } lookupText }
                || !long.TryParse(lookupText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lookup)
                || !byLookup.TryAdd(lookup, name))
            {
                reason = $"{file}: an entity has no name or no whole-number lookupLabel, or two share one";
                return null;
            }
        }

        if (byLookup.Count != count || byLookup.Keys.First() != 1 || byLookup.Keys.Last() != count)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{file} lists {byLookup.Count} regions (lookupLabel {(byLookup.Count == 0 ? "none" : $"{byLookup.Keys.First()} to {byLookup.Keys.Last()}")}); the network has {count} nodes");
            return null;
        }

        reason = string.Empty;
        return byLookup.Values.ToArray();
    }
}
