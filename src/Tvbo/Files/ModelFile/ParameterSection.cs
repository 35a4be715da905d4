using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>parameters:</c>: a value (a number or <c>{value | default}</c>), or an equation, which
/// makes the parameter a derived one. A parameter named like a derived variable is shadowed by it (TVBO's symbol
/// table).</summary>
internal static class ParameterSection
{
    /// <summary>Reads <c>parameters:</c>, if present, into the model.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        if (YamlSource.Get(map, "parameters") is not { } parameters)
        {
            return;
        }

        // Names of derived variables first: a parameter of the same name is shadowed (TVBO's symbol table).
        var derivedNames = YamlSource.Get(map, "derived_variables") is { } dv
            ? b.Source.Collection(dv, "'derived_variables'").Select(e => e.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (name, key, body) in b.Source.Collection(parameters, "'parameters'"))
        {
            ReadOne(b, name, key, body, derivedNames);
        }
    }

    private static void ReadOne(ModelBuilder b, string pname, YamlNode key, YamlNode? body, HashSet<string> derivedNames)
    {
        var (src, model) = (b.Source, b.Model);
        var what = $"parameter '{pname}'";
        double value;
        double[]? perNode = null;
        YamlNode? listNode = null;
        YamlMappingNode? m = null;
        if (body is YamlScalarNode scalar)
        {
            value = src.FiniteNumber(scalar, $"the value of {what}");
        }
        else if (body is YamlSequenceNode bare)
        {
            (perNode, listNode) = (NodeList(src, bare, what), bare);
            value = perNode[0];
        }
        else
        {
            m = body is null ? throw src.Error(key, $"{what} has no value; write '{pname}: {{value: 1.0}}'.") : src.Mapping(body, what);
            b.SchemaKeys(m, what, TvboSchema.Parameter);
            if (YamlSource.Get(m, "explored_values") is { } explored && !YamlSource.IsEmpty(explored))
            {
                // TVBO keeps a model parameter's explored_values as data; neither TVBO nor this reader sweeps them.
                src.Warn(YamlSource.KeyNode(m, "explored_values")!, $"{what}: explored_values in a model are not swept (by TVBO either); the parameter's value is used. To sweep it, write in the experiment: explorations: {{{pname}_sweep: {{space: {{{pname}: {{explored_values: [...]}}}}}}}}.");
            }

            var v = YamlSource.Get(m, "value") ?? YamlSource.Get(m, "default");
            if (v is null && YamlSource.Get(m, "equation") is { } peq)
            {
                // A parameter defined by an equation is a derived parameter.
                var (rhs, rhsNode) = EquationReader.Read(b, peq, what, pname, isDerivative: false);
                b.Add(rhsNode, pname, () => model.AddDerivedVariable(pname, rhs, b.Description(m, what)));
                return;
            }

            if (v is YamlSequenceNode seq)
            {
                (perNode, listNode) = (NodeList(src, seq, what), seq);
                value = perNode[0];
            }
            else
            {
                value = v is not null ? src.FiniteNumber(v, $"the value of {what}") : throw src.Error(key, $"{what} has no 'value:'.");
            }
        }

        if (derivedNames.Contains(pname))
        {
            src.Warn(key, $"parameter '{pname}' of model '{model.Name}' has the name of a derived variable; as in TVBO, the derived variable '{pname}' is used and the parameter is ignored (it cannot be explored).");
            model.AddShadowedParameter(pname, value);
            return;
        }

        if (perNode is not null)
        {
            model.NodeValueLists[pname] = (perNode, listNode!);
        }

        var unit = m is null ? null : b.OptionalText(m, "unit", what);
        b.Add(key, pname, () => model.AddParameter(pname, value, unit, m is null ? null : b.Description(m, what)));
    }

    /// <summary>A parameter's value given as a list: one finite number per node (TVBO's heterogeneous parameter).</summary>
    private static double[] NodeList(YamlSource src, YamlSequenceNode seq, string what)
    {
        if (seq.Children.Count == 0)
        {
            throw src.Error(seq, $"{what} is an empty list; give one value per node, or a number.");
        }

        return seq.Children.Select((c, i) => c is YamlScalarNode
            ? src.FiniteNumber(c, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"value {i} of {what}"))
            : throw src.Error(c, $"{what} is a list of lists; give one number per node.")).ToArray();
    }
}
