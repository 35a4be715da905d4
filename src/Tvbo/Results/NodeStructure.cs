namespace Tvbo.Results;

/// <summary>The node structure of a network result's outputs: names <c>variable[node]</c>, variable-major (every
/// node of the first variable, then of the next), the same nodes for every variable.</summary>
internal static class NodeStructure
{
    /// <summary>Splits output names into variables and nodes; false (and empty lists) when they are not a network's.</summary>
    /// <param name="outputs">The output names.</param>
    /// <param name="variables">The variables, in order.</param>
    /// <param name="nodes">The node labels, in order.</param>
    public static bool TryParse(IReadOnlyList<string> outputs, out string[] variables, out string[] nodes)
    {
        variables = [];
        nodes = [];
        if (outputs.Count == 0)
        {
            return false;
        }

        var parsed = new (string Variable, string Node)[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var name = outputs[i];
            var open = name.IndexOf('[', StringComparison.Ordinal);
            if (open <= 0 || !name.EndsWith(']') || open == name.Length - 2)
            {
                return false;
            }

            parsed[i] = (name[..open], name[(open + 1)..^1]);
        }

        var n = Array.FindIndex(parsed, p => p.Variable != parsed[0].Variable);
        n = n < 0 ? parsed.Length : n;
        if (parsed.Length % n != 0)
        {
            return false;
        }

        var labels = parsed.Take(n).Select(p => p.Node).ToArray();
        var names = new string[parsed.Length / n];
        for (var v = 0; v < names.Length; v++)
        {
            names[v] = parsed[v * n].Variable;
            for (var k = 0; k < n; k++)
            {
                if (parsed[(v * n) + k] != (names[v], labels[k]))
                {
                    return false;
                }
            }
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length || labels.Distinct(StringComparer.Ordinal).Count() != n)
        {
            return false;
        }

        variables = names;
        nodes = labels;
        return true;
    }
}
