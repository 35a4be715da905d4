using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tvbo.PyRates.Templates;

/// <summary>Emits a template's YAML document: one operator (its equations, double-quoted, and its variables), one
/// node holding the operator, one circuit holding the node as <see cref="PyRatesTemplate.NodeLabel"/>, and the edge
/// templates of a network circuit (each one operator).</summary>
internal static class TemplateYaml
{
    /// <summary>The YAML document.</summary>
    /// <param name="op">The operator template's name.</param>
    /// <param name="node">The node template's name.</param>
    /// <param name="circuit">The circuit template's name.</param>
    /// <param name="equations">The operator's equations, in evaluation order.</param>
    /// <param name="variables">The operator's variables and their PyRates declarations.</param>
    /// <param name="edges">The edge templates: each one's name, its operator's name, equations and variables.</param>
    /// <returns>The YAML text.</returns>
    public static string Write(string op, string node, string circuit, IReadOnlyList<string> equations, IReadOnlyList<(string Name, string Value)> variables, IReadOnlyList<(string Edge, string Op, IReadOnlyList<string> Equations, IReadOnlyList<(string Name, string Value)> Variables)>? edges = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Operator(emitter, op, equations, variables);
        Node(emitter, node, op);
        Circuit(emitter, circuit, node);
        foreach (var edge in edges ?? [])
        {
            Operator(emitter, edge.Op, edge.Equations, edge.Variables);
            Edge(emitter, edge.Edge, edge.Op);
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Operator(IEmitter emitter, string op, IReadOnlyList<string> equations, IReadOnlyList<(string Name, string Value)> variables)
    {
        Plain(emitter, op);
        emitter.Emit(new MappingStart());
        Plain(emitter, "base");
        Plain(emitter, "OperatorTemplate");
        Plain(emitter, "equations");
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        foreach (var eq in equations)
        {
            emitter.Emit(new Scalar(null, null, eq, ScalarStyle.DoubleQuoted, false, true));
        }

        emitter.Emit(new SequenceEnd());
        Plain(emitter, "variables");
        emitter.Emit(new MappingStart());
        foreach (var (name, value) in variables)
        {
            Plain(emitter, name);
            Plain(emitter, value);
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
    }

    private static void Node(IEmitter emitter, string node, string op)
    {
        Plain(emitter, node);
        emitter.Emit(new MappingStart());
        Plain(emitter, "base");
        Plain(emitter, "NodeTemplate");
        Plain(emitter, "operators");
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        Plain(emitter, op);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
    }

    private static void Edge(IEmitter emitter, string edge, string op)
    {
        Plain(emitter, edge);
        emitter.Emit(new MappingStart());
        Plain(emitter, "base");
        Plain(emitter, "EdgeTemplate");
        Plain(emitter, "operators");
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        Plain(emitter, op);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
    }

    private static void Circuit(IEmitter emitter, string circuit, string node)
    {
        Plain(emitter, circuit);
        emitter.Emit(new MappingStart());
        Plain(emitter, "base");
        Plain(emitter, "CircuitTemplate");
        Plain(emitter, "nodes");
        emitter.Emit(new MappingStart());
        Plain(emitter, PyRatesTemplate.NodeLabel);
        Plain(emitter, node);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
    }

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));
}
