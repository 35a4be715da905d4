using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>coupling_inputs:</c> and <c>coupling_terms:</c> (the same thing under TVBO's two names):
/// scalar inputs the network's coupling drives, 0 for a single node.</summary>
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
                if (cm is not null && YamlSource.Get(cm, "dimension") is { } dim && src.Integer(dim, $"the dimension of coupling input '{cname}'") != 1)
                {
                    throw src.Error(dim, $"coupling input '{cname}' has dimension {src.Text(dim, "dimension")}; only scalar coupling inputs (dimension 1) are supported.");
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
