using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>derived_parameters:</c>: an equation (or a <c>value</c> written as an expression) of the
/// parameters, added as a derived variable.</summary>
internal static class DerivedParameterSection
{
    /// <summary>Reads <c>derived_parameters:</c>, if present, into the model.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        if (YamlSource.Get(map, "derived_parameters") is not { } derivedParameters)
        {
            return;
        }

        var src = b.Source;
        foreach (var (dname, key, body) in src.Collection(derivedParameters, "'derived_parameters'"))
        {
            var what = $"derived parameter '{dname}'";
            var m = body is null ? throw src.Error(key, $"{what} has no equation.") : body as YamlMappingNode;
            if (m is not null)
            {
                b.SchemaKeys(m, what, TvboSchema.DerivedParameter);
            }

            var (rhs, rhsNode) = m is not null && YamlSource.Get(m, "equation") is null && YamlSource.Get(m, "value") is { } val
                ? (src.Text(val, $"the value of {what}"), val)
                : EquationReader.Read(b, body!, what, dname, isDerivative: false);
            b.Add(rhsNode, dname, () => b.Model.AddDerivedVariable(dname, rhs, m is null ? null : b.Description(m, what)));
        }
    }
}
