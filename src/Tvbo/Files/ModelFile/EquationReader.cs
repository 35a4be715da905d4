using System.Text.RegularExpressions;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>An element's equation: a plain expression, <c>{rhs, lhs}</c> (or TVBO's long spellings), a nested
/// <c>{equation: ...}</c>, or <c>conditionals</c> (a Piecewise). The lhs is documentation, except where it contradicts
/// the element's key or says the system is a map.</summary>
internal static partial class EquationReader
{
    /// <summary>The right-hand side and the node it was read from.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="eq">The equation's node.</param>
    /// <param name="what">What the equation belongs to, for messages.</param>
    /// <param name="name">The element's name (the key).</param>
    /// <param name="isDerivative">Whether the equation is a state variable's derivative.</param>
    /// <param name="stateNames">The model's state variables (for a derivative's lhs check).</param>
    public static (string Rhs, YamlNode Node) Read(ModelBuilder b, YamlNode eq, string what, string name, bool isDerivative, ISet<string>? stateNames = null)
    {
        var src = b.Source;
        if (eq is not YamlMappingNode m)
        {
            return (src.Text(eq, $"the equation of {what}"), eq);
        }

        // A derived variable may be given as {equation: {...}} or directly as {lhs, rhs}.
        if (!isDerivative && YamlSource.Get(m, "equation") is { } inner)
        {
            return inner is YamlMappingNode ? Read(b, inner, what, name, isDerivative, stateNames) : (src.Text(inner, $"the equation of {what}"), inner);
        }

        DropSplitLhs(m);
        b.SchemaKeys(m, $"the equation of {what}", TvboSchema.Equation);
        if (YamlSource.Get(m, "latex") is { } latex && src.Boolean(latex, $"latex of the equation of {what}"))
        {
            throw src.Error(latex, $"the equation of {what} is written in LaTeX (latex: true); write the rhs in Python/sympy syntax.");
        }

        var rhsNode = Aliased(src, m, "rhs", "righthandside", what);
        var lhsNode = Aliased(src, m, "lhs", "lefthandside", what);
        if (lhsNode is not null)
        {
            CheckLhs(src, lhsNode, what, name, b.Model, isDerivative, stateNames);
        }

        if (rhsNode is null && YamlSource.Get(m, "conditionals") is { } conditionals)
        {
            return (Conditionals(src, conditionals, what), conditionals);
        }

        if (rhsNode is null)
        {
            throw src.Error(eq, $"the equation of {what} has no 'rhs:'.");
        }

        return (src.Text(rhsNode, $"the rhs of {what}"), rhsNode);
    }

    /// <summary>A flow mapping <c>{lhs: Derivative(X, t), rhs: ...}</c> written without quotes splits at the comma
    /// into <c>lhs: Derivative(X</c> and a key <c>t)</c>: the stray key is part of the lhs, and is dropped.</summary>
    private static void DropSplitLhs(YamlMappingNode m)
    {
        foreach (var (k, v) in m.Children.ToList())
        {
            if (k is YamlScalarNode { Value: { } kv } && YamlSource.IsNull(v) && kv.TrimEnd().EndsWith(')'))
            {
                m.Children.Remove(k);
            }
        }
    }

    /// <summary><c>conditionals: [{condition, expression}]</c> as a Piecewise.</summary>
    private static string Conditionals(YamlSource src, YamlNode conditionals, string what)
    {
        var parts = src.Sequence(conditionals, $"the conditionals of {what}").Children.Select(c =>
        {
            var cm = src.Mapping(c, $"a conditional of {what}");
            src.OnlyKeys(cm, $"a conditional of {what}", "condition", "expression", "equation");
            var value = YamlSource.Get(cm, "expression") ?? YamlSource.Get(cm, "equation") ?? throw src.Error(c, $"a conditional of {what} has no 'expression:'.");
            var cond = YamlSource.Get(cm, "condition") is { } cn ? src.Text(cn, "condition") : "True";
            return $"({src.Text(value, $"a conditional of {what}")}, {cond})";
        });
        return $"Piecewise({string.Join(", ", parts)})";
    }

    /// <summary>The node under <paramref name="canonical"/> or, failing it, <paramref name="alias"/> (a warning when
    /// both are given).</summary>
    private static YamlNode? Aliased(YamlSource src, YamlMappingNode m, string canonical, string alias, string what)
    {
        var c = YamlSource.Get(m, canonical);
        var a = YamlSource.Get(m, alias);
        if (c is not null && a is not null)
        {
            src.Warn(a, $"the equation of {what} has both '{canonical}' and '{alias}'; '{canonical}' is used.");
        }

        return c ?? a;
    }

    /// <summary>The lhs is documentation, except where it contradicts the key or the model's <c>system_type</c>: a
    /// next value (<c>x_next</c>, <c>x[n+1]</c>) in a continuous model, a derivative in a discrete map, or either
    /// naming another state variable.</summary>
    private static void CheckLhs(YamlSource src, YamlNode lhsNode, string what, string name, Dynamics model, bool isDerivative, ISet<string>? stateNames)
    {
        var modelName = model.Name;
        var lhs = WhiteSpace().Replace(src.Text(lhsNode, $"the lhs of {what}"), string.Empty);
        if (NextState().Match(lhs) is { Success: true } next)
        {
            if (!model.IsDiscrete)
            {
                throw src.Error(lhsNode, $"the lhs of {what} is '{lhs}', the next value of a discrete map, but model '{modelName}' is continuous; declare 'system_type: discrete' for a map (each state variable's rhs is then its next value).");
            }

            var of = lhs[..next.Index];
            if (isDerivative && of != name && stateNames is not null && stateNames.Contains(of))
            {
                throw src.Error(lhsNode, $"the lhs of {what} is '{lhs}', the next value of another state variable; the equation under the key '{name}' defines {name}'s next value (fix the key or the lhs).");
            }

            return;
        }

        if (model.IsDiscrete && isDerivative && DerivativeOf().IsMatch(lhs))
        {
            throw src.Error(lhsNode, $"the lhs of {what} is '{lhs}', a time derivative, but model '{modelName}' is a discrete map (system_type: discrete), whose equations are next values; write '{name}_next' or make the model continuous.");
        }

        if (isDerivative && DerivativeOf().Match(lhs) is { Success: true } d && d.Groups[1].Value is var target && target != name
            && stateNames is not null && stateNames.Contains(target))
        {
            throw src.Error(lhsNode, $"the lhs of {what} is 'Derivative({target}, t)', the derivative of another state variable; the equation under the key '{name}' defines d{name}/dt (fix the key or the lhs).");
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^Derivative\(([^,()]+)(,[^)]*)?\)?$")]
    private static partial Regex DerivativeOf();

    [GeneratedRegex(@"(_next|\[n\+1\]|\(n\+1\)|\[k\+1\]|\(k\+1\))$")]
    private static partial Regex NextState();
}
