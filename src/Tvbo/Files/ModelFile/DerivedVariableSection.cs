using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>derived_variables:</c>: an equation, <c>equation.conditionals</c> or <c>cases</c> (a
/// Piecewise).</summary>
internal static class DerivedVariableSection
{
    /// <summary>Reads <c>derived_variables:</c>, if present, into the model.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        if (YamlSource.Get(map, "derived_variables") is not { } derived)
        {
            return;
        }

        var src = b.Source;
        foreach (var (dname, key, body) in src.Collection(derived, "'derived_variables'"))
        {
            var what = $"derived variable '{dname}'";
            var m = body is null ? throw src.Error(key, $"{what} has no equation.") : body as YamlMappingNode;
            if (m is not null)
            {
                b.SchemaKeys(m, what, TvboSchema.DerivedVariable);
            }

            // The cases give the value when the equation is absent or has no rhs (TVBO writes equation: {lhs: Ux} beside them).
            var (rhs, rhsNode) = m is not null && YamlSource.Get(m, "cases") is { } cases && !YamlSource.IsEmpty(cases)
                && (YamlSource.Get(m, "equation") is not { } eqNode || (eqNode is YamlMappingNode eqMap && YamlSource.Get(eqMap, "rhs") is null))
                ? (Cases(src, cases, what), cases)
                : EquationReader.Read(b, body!, what, dname, isDerivative: false);
            b.Add(rhsNode, dname, () => b.Model.AddDerivedVariable(dname, rhs, m is null ? null : b.Description(m, what)));
        }
    }

    /// <summary><c>cases: [{condition, equation}]</c> as a Piecewise; a case without a condition (or with
    /// <c>True</c>/<c>otherwise</c>) is the default.</summary>
    private static string Cases(YamlSource src, YamlNode cases, string what)
    {
        var parts = new List<string>();
        foreach (var c in src.Sequence(cases, $"the cases of {what}").Children)
        {
            var cm = src.Mapping(c, $"a case of {what}");
            src.OnlyKeys(cm, $"a case of {what}", "condition", "equation", "expression", "description");
            var eq = YamlSource.Get(cm, "equation") ?? YamlSource.Get(cm, "expression") ?? throw src.Error(c, $"a case of {what} has no 'equation:'.");
            var value = eq is YamlMappingNode em
                ? src.Text(YamlSource.Get(em, "rhs") ?? throw src.Error(eq, $"the equation of a case of {what} has no 'rhs:'."), $"a case of {what}")
                : src.Text(eq, $"a case of {what}");
            var cond = YamlSource.Get(cm, "condition") is { } cn ? src.Text(cn, $"the condition of a case of {what}").Trim() : "True";
            if (cond is "otherwise" or "else" or "true")
            {
                cond = "True";
            }

            parts.Add($"({value}, {cond})");
        }

        return parts.Count == 0 ? throw src.Error(cases, $"the cases of {what} are empty.") : $"Piecewise({string.Join(", ", parts)})";
    }
}
