using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>Values several sections write the same way: a number as a scalar or <c>{value: x}</c>, and an
/// expression as a string or <c>{rhs: "..."}</c>.</summary>
internal static class SectionValue
{
    /// <summary>A finite number written as a scalar or as a mapping with one of <paramref name="valueKeys"/>.</summary>
    /// <param name="src">The file.</param>
    /// <param name="body">The value's node (<see langword="null"/> when the key has no value).</param>
    /// <param name="at">Where an absent value is reported.</param>
    /// <param name="what">What it is, for messages.</param>
    /// <param name="schema">The keys the mapping form may have.</param>
    /// <param name="valueKeys">The keys that hold the number, the first one preferred.</param>
    public static double Number(YamlSource src, YamlNode? body, YamlNode at, string what, IReadOnlyCollection<string> schema, params string[] valueKeys)
    {
        switch (body)
        {
            case null:
                throw src.Error(at, $"{what} has no value; give a number or {{value: x}}.");
            case YamlScalarNode:
                return src.FiniteNumber(body, what);
            case YamlMappingNode vm:
                src.SchemaKeys(vm, what, schema, unknownIsError: true);
                var v = valueKeys.Select(k => YamlSource.Get(vm, k)).FirstOrDefault(x => x is not null)
                    ?? throw src.Error(body, $"{what} has no '{valueKeys[0]}:'.");
                return src.FiniteNumber(v, $"{what}.{valueKeys[0]}");
            default:
                throw src.Error(body, $"{what} must be a number or {{value: x}}, not a list.");
        }
    }

    /// <summary>An expression written as <c>{rhs: "..."}</c> or as a plain string.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The expression's node.</param>
    /// <param name="what">What it is, for messages.</param>
    public static string Expression(YamlSource src, YamlNode node, string what)
    {
        if (node is YamlMappingNode em)
        {
            src.SchemaKeys(em, what, TvboSchema.Equation, unknownIsError: true);
            var rhs = YamlSource.Get(em, "rhs") ?? YamlSource.Get(em, "righthandside") ?? throw src.Error(node, $"{what} has no 'rhs:'.");
            return src.Text(rhs, $"{what}.rhs");
        }

        return src.Text(node, what);
    }
}
