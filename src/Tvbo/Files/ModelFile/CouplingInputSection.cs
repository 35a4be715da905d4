using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>coupling_inputs:</c> and <c>coupling_terms:</c> (the same thing under TVBO's two names):
/// inputs the network's coupling drives, 0 for a single node; an input with <c>dimension: k</c> and <c>keys</c> has k
/// components the equations name by the keys (<see cref="Dynamics.AddCouplingInput"/>).</summary>
internal static class CouplingInputSection
{
    /// <summary>Reads both sections, if present, into the model; an input declared in both is added once.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        var (src, model) = (b.Source, b.Model);
        foreach (var section in new[] { "coupling_inputs", "coupling_terms" })
        {
            if (YamlSource.Get(map, section) is not { } couplings)
            {
                continue;
            }

            foreach (var (cname, key, body) in src.Collection(couplings, $"'{section}'"))
            {
                var cm = body as YamlMappingNode;
                var dimension = cm is not null && YamlSource.Get(cm, "dimension") is { } dim ? src.Integer(dim, $"the dimension of coupling input '{cname}'") : 1;
                var keysNode = cm is null ? null : YamlSource.Get(cm, "keys");
                if (keysNode is not null && !YamlSource.IsEmpty(keysNode))
                {
                    var keys = (keysNode is YamlSequenceNode seq ? seq.Children : [keysNode]).Select(k => src.Text(k, $"a key of coupling input '{cname}'").Trim()).ToArray();
                    if (keys.Length != dimension)
                    {
                        throw src.Error(keysNode, $"coupling input '{cname}' has dimension {dimension} but {keys.Length} key{(keys.Length == 1 ? "" : "s")} ({string.Join(", ", keys)}); give one key per component.");
                    }

                    b.Add(key, cname, () => model.AddCouplingInput(cname, keys, b.Description(cm!, $"coupling input '{cname}'")));
                    continue;
                }

                if (dimension != 1)
                {
                    throw src.Error(YamlSource.Get(cm!, "dimension")!, $"coupling input '{cname}' has dimension {dimension} but no keys; name its components with keys: [...], which the equations use (TVBO's multi-output couplings).");
                }

                if (model.Resolve(cname) == SymbolKind.CouplingTerm)
                {
                    continue; // declared in both sections
                }

                b.Add(key, cname, () => model.AddCouplingTerm(cname, cm is null ? null : b.Description(cm, $"coupling input '{cname}'")));
            }
        }
    }
}
