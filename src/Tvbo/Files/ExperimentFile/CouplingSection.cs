using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The couplings (<c>network.coupling</c> and the top-level <c>coupling</c>), keyed by the model's coupling
/// input: the library function an <c>iri</c> names (else pre <c>x_j</c>, post <c>gx</c>), with the file's parameters,
/// expressions, states and <c>delayed</c> laid over it.</summary>
internal static class CouplingSection
{
    /// <summary>Coupling keys that stay unsupported.</summary>
    private static readonly string[] UnsupportedCouplingKeys = ["coupling_function", "inner_coupling", "region_mapping", "regional_connectivity", "aggregation", "distribution"];

    /// <summary>Reads couplings (a mapping keyed by coupling input, or a list with <c>name:</c>s) into the block; a key
    /// given twice, in either place, is an error.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The couplings' node.</param>
    /// <param name="where">Where they are: <c>network.coupling</c> or <c>coupling</c>.</param>
    /// <param name="block">The network block, which receives them.</param>
    public static void Read(YamlSource src, YamlNode node, string where, NetworkBlock block)
    {
        foreach (var (name, key, body) in src.Collection(node, $"'{where}'"))
        {
            if (block.Couplings.TryGetValue(name, out var first))
            {
                throw src.Error(key, $"coupling '{name}' is given twice: under '{first.Where}' (line {first.Key.Start.Line}) and under '{where}'; give each coupling input once.");
            }

            var m = body is null ? null : src.Mapping(body, $"{where}.{name}");
            block.Couplings[name] = (key, m, where, ReadOne(src, m, $"{where}.{name}"));
        }
    }

    /// <summary>One coupling; the default coupling for an entry without a body.</summary>
    private static Coupling ReadOne(YamlSource src, YamlMappingNode? m, string what)
    {
        if (m is null)
        {
            return new Coupling();
        }

        src.SchemaKeys(m, what, TvboSchema.Coupling, unknownIsError: true);
        foreach (var k in UnsupportedCouplingKeys)
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{k} is not supported: give the coupling as pre_expression/post_expression (or an iri such as tvbo:Linear) with parameters.");
            }
        }

        var c = YamlSource.Get(m, "iri") is { } iriNode ? FromLibrary(src, iriNode, what) : new Coupling();
        if (YamlSource.Get(m, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, pkey, body) in src.Collection(pn, $"{what}.parameters"))
            {
                c.Parameters[p] = SectionValue.Number(src, body, pkey, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
            }
        }

        if (YamlSource.Get(m, "pre_expression") is { } pre)
        {
            c.PreExpression = SectionValue.Expression(src, pre, $"{what}.pre_expression");
        }

        if (YamlSource.Get(m, "post_expression") is { } post)
        {
            c.PostExpression = SectionValue.Expression(src, post, $"{what}.post_expression");
        }

        ReadStates(src, m, c, what);
        if (YamlSource.Get(m, "delayed") is { } delayed)
        {
            c.Delayed = src.Boolean(delayed, $"{what}.delayed");
        }

        return c;
    }

    /// <summary>The library coupling function an iri names.</summary>
    private static Coupling FromLibrary(YamlSource src, YamlNode iriNode, string what)
    {
        var iri = src.Text(iriNode, $"{what}.iri").Trim();
        try
        {
            return Coupling.FromLibrary(iri);
        }
        catch (ArgumentException ex)
        {
            throw src.Error(iriNode, $"{what}: iri '{iri}' is not a library coupling function; known: {string.Join(", ", Coupling.LibraryNames.Select(n => "tvbo:" + n))}.", ex);
        }
    }

    /// <summary><c>incoming_states</c> and <c>local_states</c>: one name or a list, replacing the defaults.</summary>
    private static void ReadStates(YamlSource src, YamlMappingNode m, Coupling c, string what)
    {
        foreach (var (k, list) in new[] { ("incoming_states", c.IncomingStates), ("local_states", c.LocalStates) })
        {
            if (YamlSource.Get(m, k) is { } sn)
            {
                list.Clear();
                foreach (var s in sn is YamlSequenceNode seq ? seq.Children : [sn])
                {
                    list.Add(src.Text(s, $"an entry of {what}.{k}").Trim());
                }
            }
        }
    }
}
