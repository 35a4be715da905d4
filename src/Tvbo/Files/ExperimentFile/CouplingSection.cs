using Tvbo.Expressions;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The couplings (<c>network.coupling</c> and the top-level <c>coupling</c>), keyed by the model's coupling
/// input or by their own name: the library function an <c>iri</c> names — or, without one and without expressions, the
/// one its name is (TVBO fills a record from the database entry its name knows) — else pre <c>x_j</c>, post <c>gx</c>,
/// with the file's parameters, expressions, states and <c>delayed</c> laid over it. The top-level <c>coupling</c> may also
/// be one coupling (TVBO's single <c>Coupling</c>: its keys are a coupling's), named by its <c>name:</c>.</summary>
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
        if (where == "coupling" && node is YamlMappingNode single && IsOneCoupling(single))
        {
            var nameNode = YamlSource.Get(single, "name");
            var name = nameNode is null ? "coupling" : src.Text(nameNode, "coupling.name").Trim();
            Add(name, nameNode ?? single.Children.Keys.First(), single);
            return;
        }

        foreach (var (name, key, body) in src.Collection(node, $"'{where}'"))
        {
            Add(name, key, body is null ? null : src.Mapping(body, $"{where}.{name}"));
        }

        void Add(string name, YamlNode key, YamlMappingNode? m)
        {
            if (block.Couplings.TryGetValue(name, out var first))
            {
                throw src.Error(key, $"coupling '{name}' is given twice: under '{first.Where}' (line {first.Key.Start.Line}) and under '{where}'; give each coupling input once.");
            }

            var what = m is not null && ReferenceEquals(m, node) ? where : $"{where}.{name}";
            block.Couplings[name] = (key, m, where, ReadOne(src, m, what, name));
        }
    }

    /// <summary>Whether the experiment's <c>coupling:</c> is one coupling (its keys are a coupling's) rather than couplings
    /// keyed by name.</summary>
    private static bool IsOneCoupling(YamlMappingNode m) =>
        m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value is { } key && TvboSchema.Coupling.Contains(key) && key is not ("name" or "label" or "description"))
        || (YamlSource.Get(m, "name") is YamlScalarNode && m.Children.Values.All(v => v is YamlScalarNode));

    /// <summary>One coupling; the default coupling for an entry without a body (or the library function its name is).</summary>
    private static Coupling ReadOne(YamlSource src, YamlMappingNode? m, string what, string name)
    {
        if (m is null)
        {
            return CouplingLibrary.IsTvboName(name) ? Coupling.FromLibrary(name) : new Coupling();
        }

        src.SchemaKeys(m, what, TvboSchema.Coupling, unknownIsError: true);
        foreach (var k in UnsupportedCouplingKeys)
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{k} is not supported: give the coupling as pre_expression/post_expression (or an iri such as tvbo:Linear) with parameters.");
            }
        }

        var c = YamlSource.Get(m, "iri") is { } iriNode ? FromLibrary(src, iriNode, what)
            : CouplingLibrary.IsTvboName(name) ? Coupling.FromLibrary(name)
            : new Coupling();
        if (YamlSource.Get(m, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, pkey, body) in src.Collection(pn, $"{what}.parameters"))
            {
                c.Parameters[p] = SectionValue.Number(src, body, pkey, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
            }
        }

        if (YamlSource.Get(m, "pre_expression") is { } pre)
        {
            c.PreExpression = PreExpression(src, pre, $"{what}.pre_expression");
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

        DefaultG(src, m, c, what);
        return c;
    }

    /// <summary>A pre-expression: text, <c>{rhs: ...}</c>, or a list of them (one per component of a multi-component
    /// input), kept as TVBO writes a list: <c>[pre0, pre1]</c>.</summary>
    private static string PreExpression(YamlSource src, YamlNode node, string what)
    {
        var rhs = node is YamlMappingNode em && YamlSource.Get(em, "rhs") is YamlSequenceNode inner ? inner : node as YamlSequenceNode;
        if (rhs is null)
        {
            return SectionValue.Expression(src, node, what);
        }

        if (node is YamlMappingNode mapping)
        {
            src.SchemaKeys(mapping, what, TvboSchema.Equation, unknownIsError: true);
        }

        return "[" + string.Join(", ", rhs.Children.Select((e, k) => SectionValue.Expression(src, e, $"{what}[{k}]"))) + "]";
    }

    /// <summary>TVBO's generated coupling reads <c>G</c> in the post-expression as 1 when the coupling has no parameter
    /// of that name; the same here, said at information level.</summary>
    private static void DefaultG(YamlSource src, YamlMappingNode m, Coupling c, string what)
    {
        if (c.Parameters.ContainsKey("G"))
        {
            return;
        }

        try
        {
            if (ExpressionParser.Parse(c.PostExpression).FreeSymbols().Contains("G"))
            {
                c.Parameters["G"] = 1.0;
                src.Default(YamlSource.Get(m, "post_expression") ?? m, $"{what}: the post_expression uses G, which the coupling's parameters do not give; G = 1 (TVBO's default).");
            }
        }
        catch (ExpressionSyntaxException)
        {
            // Reported where the coupling is validated, with its line.
        }
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
