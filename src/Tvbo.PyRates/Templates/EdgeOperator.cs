using Tvbo.Expressions;

namespace Tvbo.PyRates.Templates;

/// <summary>An operator a network circuit's edges carry: <c>Output = Expression</c> of its inputs (the source node's
/// variable and the target node's), whose value PyRates weights and sums into the target, like a plain edge's.</summary>
/// <param name="Output">The output's name.</param>
/// <param name="Expression">The expression, of the inputs and constants.</param>
/// <param name="Inputs">The inputs' names.</param>
internal sealed record EdgeOperator(string Output, Expr Expression, IReadOnlyList<string> Inputs);

/// <summary>An edge operator as written in a template.</summary>
/// <param name="Edge">The edge template's name.</param>
/// <param name="Operator">The operator template's name.</param>
/// <param name="Names">The name written for each of its symbols (output and inputs), reserved names renamed as a node's.</param>
internal sealed record EdgeOperatorTemplate(string Edge, string Operator, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The variable (<c>edge/op/var</c>) of one of its symbols.</summary>
    /// <param name="symbol">The symbol.</param>
    public string Variable(string symbol) => $"{Edge}/{Operator}/{Names[symbol]}";
}
