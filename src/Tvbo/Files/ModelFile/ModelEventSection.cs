using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>events:</c>, spike-and-reset events (<see cref="Model.ModelEvent"/>): each with a
/// <c>condition</c> (<c>{rhs: v &gt; thresh}</c> or the text; NeuroML's <c>.gt.</c>, <c>.lt.</c>, <c>.geq.</c>,
/// <c>.leq.</c>, <c>.eq.</c>, <c>.neq.</c>, <c>.and.</c>, <c>.or.</c> read as the operators) and an optional
/// <c>affect</c>: <c>{rhs: v = reset; w = w + b}</c>, the text, <c>{lhs: v, rhs: reset}</c>, or a list of such
/// <c>{lhs, rhs}</c> mappings.</summary>
internal static partial class ModelEventSection
{
    /// <summary>The keys a model event may have.</summary>
    private static readonly IReadOnlySet<string> Keys = new HashSet<string>(TvboSchema.Event.Concat(["condition", "affect", "condition_states"]), StringComparer.Ordinal);

    /// <summary>Reads <c>events:</c>, if present, into the model.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        var src = b.Source;
        if (YamlSource.Get(map, "events") is not { } events || YamlSource.IsEmpty(events))
        {
            return;
        }

        foreach (var (name, key, body) in src.Collection(events, "'events'"))
        {
            var what = $"event '{name}' of model '{b.Model.Name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty; a model event needs a 'condition' (and an 'affect').") : src.Mapping(body, what);
            b.SchemaKeys(m, what, Keys);
            if (YamlSource.Get(m, "condition") is not { } condNode)
            {
                throw src.Error(key, $"{what} has no 'condition'; a model's events are spike-and-reset events (condition: {{rhs: v > thresh}}, affect: {{rhs: v = reset}}). A stimulus belongs in the experiment's 'events'.");
            }

            var condition = Neuroml(Rhs(src, condNode, $"the condition of {what}"));
            var affect = YamlSource.Get(m, "affect") is { } affectNode && !YamlSource.IsEmpty(affectNode) ? Affect(src, affectNode, what) : null;
            b.Add(key, name, () => b.Model.AddEvent(name, condition, affect));
        }
    }

    /// <summary>The text of an equation node: its <c>rhs</c>, or the scalar itself.</summary>
    private static string Rhs(YamlSource src, YamlNode node, string what) =>
        node is YamlMappingNode m
            ? src.Text(YamlSource.Get(m, "rhs") ?? throw src.Error(node, $"{what} has no 'rhs'."), $"the rhs of {what}")
            : src.Text(node, what);

    /// <summary>The assignments as <c>x = e; y = f</c> text.</summary>
    private static string Affect(YamlSource src, YamlNode node, string what)
    {
        string One(YamlNode n)
        {
            if (n is YamlMappingNode m && YamlSource.Get(m, "lhs") is { } lhs && !YamlSource.IsEmpty(lhs))
            {
                return $"{src.Text(lhs, $"the lhs of the affect of {what}").Trim()} = {Rhs(src, m, $"the affect of {what}")}";
            }

            return Rhs(src, n, $"the affect of {what}");
        }

        return node is YamlSequenceNode seq ? string.Join("; ", seq.Children.Select(One)) : One(node);
    }

    /// <summary>NeuroML's dotted operators as the expression language's.</summary>
    private static string Neuroml(string text) =>
        DottedOperator().Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "gt" => " > ",
            "lt" => " < ",
            "geq" => " >= ",
            "leq" => " <= ",
            "eq" => " == ",
            "neq" => " != ",
            "and" => " & ",
            _ => " | ",
        });

    [GeneratedRegex(@"\.(gt|lt|geq|leq|eq|neq|and|or)\.", RegexOptions.IgnoreCase)]
    private static partial Regex DottedOperator();
}
