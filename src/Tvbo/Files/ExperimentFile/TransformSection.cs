using System.Globalization;
using Tvbo.Expressions;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The network's <c>transforms:</c> (TVBO's Function entries: <c>name</c> (or <c>target</c>) names the matrix,
/// <c>equation.rhs</c> its new value, <c>arguments</c> and <c>equation.parameters</c> named numbers; a <c>callable</c>
/// of TVBO's own <c>tvbo.classes.network</c> graph Laplacians), applied to the network in order
/// (<see cref="Network.ApplyTransforms"/>), each error located at its transform.</summary>
internal static class TransformSection
{
    /// <summary>The callables of TVBO (module <c>tvbo.classes.network</c>) a transform may name, written in the matrix
    /// language.</summary>
    private static readonly string[] Callables = ["graph_laplacian", "normalized_graph_laplacian"];

    private const string CallableModule = "tvbo.classes.network";

    /// <summary>Reads <c>network.transforms</c>, if any, and applies them to the network.</summary>
    /// <param name="src">The file.</param>
    /// <param name="m">The network's mapping.</param>
    /// <param name="network">The network, its matrices, nodes and conduction speed read.</param>
    public static void Apply(YamlSource src, YamlMappingNode m, Network network)
    {
        if (YamlSource.Get(m, "transforms") is not { } node || YamlSource.IsEmpty(node))
        {
            return;
        }

        var entries = src.Sequence(node, "network.transforms").Children;
        if (network.NodeCount == 1 && !network.HasEdges)
        {
            src.Warn(YamlSource.KeyNode(m, "transforms")!, "network.transforms has no effect on a single node without edges (TVBO gives it a 1×1 zero weight matrix); it is ignored.");
            return;
        }

        var transforms = new List<MatrixTransform>();
        var at = new List<YamlNode>();
        for (var k = 0; k < entries.Count; k++)
        {
            var (transform, where) = ReadOne(src, entries[k], string.Create(CultureInfo.InvariantCulture, $"network.transforms[{k}]"));
            transforms.Add(transform);
            at.Add(where);
        }

        try
        {
            network.ApplyTransforms(transforms);
        }
        catch (MatrixTransformException ex)
        {
            throw src.Error(at[ex.Index], ex.Message, ex);
        }
    }

    /// <summary>One transform, and the node its errors point at (its equation, else the entry).</summary>
    private static (MatrixTransform Transform, YamlNode At) ReadOne(YamlSource src, YamlNode entry, string what)
    {
        var m = src.Mapping(entry, what);
        src.SchemaKeys(m, what, TransformKeys, unknownIsError: true);
        var target = Target(src, m, what, out var targetNode);
        if (YamlSource.Get(m, "source_code") is { } code && !YamlSource.IsEmpty(code))
        {
            throw src.Error(code, $"{what} ('{target}'): source_code is Python, which this project does not run; write the transform as equation: {{rhs: ...}} (e.g. weight / max(weight)).");
        }

        var callable = YamlSource.Get(m, "callable") is { } cn && !YamlSource.IsEmpty(cn) ? cn : null;
        var equation = YamlSource.Get(m, "equation") is { } en && !YamlSource.IsEmpty(en) ? en : null;
        string expression;
        YamlNode at;
        if (callable is not null)
        {
            expression = Callable(src, callable, m, what, target);
            at = callable;
            if (equation is not null)
            {
                src.Warn(equation, $"{what} ('{target}') has both a callable and an equation; as in TVBO the callable is applied and the equation is ignored.");
            }
        }
        else
        {
            at = equation ?? throw src.Error(targetNode, $"{what} ('{target}') has no equation; give equation: {{rhs: \"...\"}}, e.g. {target} / max({target}).");
            expression = SectionValue.Expression(src, equation, $"{what}.equation");
        }

        MatrixTransform transform;
        try
        {
            transform = new MatrixTransform(target, expression);
        }
        catch (ArgumentException ex)
        {
            throw src.Error(targetNode, $"{what}: {ErrorText.Of(ex)}", ex);
        }

        ReadNumbers(src, equation is YamlMappingNode em ? YamlSource.Get(em, "parameters") : null, $"{what}.equation.parameters", transform, overwrite: false);
        ReadNumbers(src, YamlSource.Get(m, "arguments"), $"{what}.arguments", transform, overwrite: true);
        try
        {
            _ = MatrixExpressionParser.Parse(transform.Expression, $"{what} ('{target}')");
        }
        catch (ExpressionSyntaxException ex)
        {
            throw src.Error(at, ex.Message, ex);
        }

        return (transform, at);
    }

    private static readonly IReadOnlySet<string> TransformKeys = new HashSet<string>(TvboSchema.Function.Append("target"), StringComparer.Ordinal);

    /// <summary>The matrix a transform rewrites: its <c>name</c> (TVBO's identifier) or <c>target</c> (its alias).</summary>
    private static string Target(YamlSource src, YamlMappingNode m, string what, out YamlNode node)
    {
        var name = YamlSource.Get(m, "name");
        var target = YamlSource.Get(m, "target");
        if (name is not null && target is not null && src.Text(name, $"{what}.name").Trim() != src.Text(target, $"{what}.target").Trim())
        {
            throw src.Error(target, $"{what} has name '{src.Text(name, "name")}' and target '{src.Text(target, "target")}'; 'target' is another spelling of 'name' (the matrix rewritten), so give one.");
        }

        node = name ?? target ?? throw src.Error(m, $"{what} has no 'name:'; name the matrix it rewrites (weight, length or delay).");
        var text = src.Text(node, $"{what}.name").Trim();
        return MatrixTransform.Canonical(text) is not null
            ? text
            : throw src.Error(node, $"{what}: '{text}' is not a matrix of the network; a transform rewrites weight, length (tract_length) or delay.");
    }

    /// <summary>A callable of TVBO's <c>tvbo.classes.network</c>, as the matrix language writes it.</summary>
    private static string Callable(YamlSource src, YamlNode node, YamlMappingNode m, string what, string target)
    {
        var c = src.Mapping(node, $"{what}.callable");
        var module = YamlSource.Get(c, "module") is { } mn ? src.Text(mn, $"{what}.callable.module").Trim() : null;
        var name = YamlSource.Get(c, "name") is { } nn ? src.Text(nn, $"{what}.callable.name").Trim() : null;
        if (module != CallableModule || name is null || !Callables.Contains(name))
        {
            throw src.Error(node, $"{what} ('{target}'): the callable {module ?? "?"}.{name ?? "?"} is Python code, which this project does not run; the callables it knows are {string.Join(" and ", Callables.Select(x => $"{CallableModule}.{x}"))}, else write an equation.");
        }

        if (YamlSource.Get(m, "arguments") is { } args && !YamlSource.IsEmpty(args))
        {
            throw src.Error(args, $"{what} ('{target}'): {name} takes no arguments besides the matrix.");
        }

        return $"{name}({target})";
    }

    /// <summary>Named numbers (<c>{k: {value: 2}}</c>, <c>{k: 2}</c> or <c>[{name: k, value: 2}]</c>); an entry without
    /// a value is skipped (TVBO substitutes nothing for it).</summary>
    private static void ReadNumbers(YamlSource src, YamlNode? node, string what, MatrixTransform transform, bool overwrite)
    {
        if (node is null || YamlSource.IsEmpty(node))
        {
            return;
        }

        foreach (var (name, key, body) in src.Collection(node, what))
        {
            if (body is null || (body is YamlMappingNode bm && YamlSource.Get(bm, "value") is null))
            {
                continue;
            }

            var v = SectionValue.Number(src, body, key, $"{what}.{name}", TvboSchema.Parameter, "value");
            if (overwrite || !transform.Arguments.ContainsKey(name))
            {
                transform.Arguments[name] = v;
            }
        }
    }
}
