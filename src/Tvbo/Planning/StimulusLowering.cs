using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>
/// Applies an experiment's stimuli to its model: the driven symbol <c>K</c> (a parameter or a coupling input) is read
/// through a derived variable <c>K__stimulated = K + Σ factor·equation(t)</c> in every equation, and each stimulus's
/// parameter <c>p</c> becomes a model parameter <c>&lt;stimulus&gt;__p</c> (explored as <c>&lt;stimulus&gt;.p</c>).
/// On a network a stimulus with node weights gets a factor parameter, 0 except at its nodes.
/// </summary>
internal static class StimulusLowering
{
    /// <summary>The model parameter that carries a stimulus's parameter.</summary>
    public static string ParameterName(string stimulus, string parameter) => $"{stimulus}__{parameter}";

    /// <summary>The per-node factor parameter of a stimulus with node weights on a network.</summary>
    public static string FactorName(string stimulus) => $"{stimulus}__node_factor";

    /// <summary>The derived variable through which equations read a stimulated symbol.</summary>
    public static string StimulatedName(string symbol) => $"{symbol}__stimulated";

    /// <summary>The symbol a stimulus drives.</summary>
    public static string TargetOf(string name, Stimulus stimulus) => stimulus.Target ?? name;

    /// <summary>Checks the stimuli against the model (and network).</summary>
    /// <exception cref="ExperimentException">The first problem, naming the stimulus and the symbol.</exception>
    public static void Validate(Dynamics model, IDictionary<string, Stimulus> stimuli, Network? network)
    {
        foreach (var (name, s) in stimuli)
        {
            if (!Identifier.IsValid(name))
            {
                throw new ExperimentException($"Stimulus '{name}': a stimulus's name is an identifier (letters, digits, underscores).");
            }

            var target = TargetOf(name, s);
            var kind = model.Resolve(target);
            if (kind is not (SymbolKind.Parameter or SymbolKind.CouplingTerm))
            {
                var what = kind is null or SymbolKind.Constant ? "is not a symbol of the model" : $"is a {Dynamics.KindName(kind.Value)}";
                throw new ExperimentException($"Stimulus '{name}' drives '{target}', which {what} '{model.Name}'; a stimulus is added to a parameter or a coupling input (parameters: {string.Join(", ", model.Parameters.Select(p => p.Name))}{(model.CouplingTerms.Count > 0 ? "; coupling inputs: " + string.Join(", ", model.CouplingTerms.Select(c => c.Name)) : "")}).");
            }

            foreach (var (p, v) in s.Parameters)
            {
                if (!Identifier.IsValid(p) || !double.IsFinite(v))
                {
                    throw new ExperimentException($"Stimulus '{name}': parameter '{p}' = {v}; parameters are identifiers with finite values.");
                }
            }

            var e = Parse(model, name, s);
            foreach (var sym in e.FreeSymbols())
            {
                if (sym == Dynamics.TimeSymbol || s.Parameters.ContainsKey(sym) || Functions.Constants.ContainsKey(sym) || model.Resolve(sym) == SymbolKind.Parameter)
                {
                    continue;
                }

                throw new ExperimentException($"Stimulus '{name}': its equation ('{s.Equation}') uses '{sym}', which is not t, one of its parameters ({(s.Parameters.Count == 0 ? "it has none" : string.Join(", ", s.Parameters.Keys))}) or a parameter of model '{model.Name}'; a stimulus is a function of time.");
            }

            var nodes = network?.NodeCount ?? 1;
            foreach (var (node, factor) in s.NodeWeights)
            {
                if (node < 0 || node >= nodes || !double.IsFinite(factor))
                {
                    throw new ExperimentException($"Stimulus '{name}': node {node} with weight {factor}; nodes are 0 to {nodes - 1} and weights finite.");
                }
            }
        }
    }

    /// <summary>The model with the stimuli applied (the model itself when there are none).</summary>
    public static Dynamics Apply(Dynamics model, IDictionary<string, Stimulus> stimuli, Network? network)
    {
        if (stimuli.Count == 0)
        {
            return model;
        }

        // The added terms, by driven symbol, in the order the stimuli are given.
        var added = new Dictionary<string, List<Expr>>(StringComparer.Ordinal);
        var parameters = new List<(string Name, double Value, string Description)>();
        foreach (var (name, s) in stimuli)
        {
            foreach (var (p, v) in s.Parameters)
            {
                parameters.Add((ParameterName(name, p), v, $"{p} of stimulus '{name}'"));
            }

            var e = Parse(model, name, s).Substitute(sym => new SymbolExpr(s.Parameters.ContainsKey(sym) ? ParameterName(name, sym) : sym));
            if (s.NodeWeights.Count > 0)
            {
                Expr factor;
                if (network is null)
                {
                    var w = s.NodeWeights.TryGetValue(0, out var f) ? f : 0.0;
                    factor = new NumberExpr(w, w.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    parameters.Add((FactorName(name), 0.0, $"the factor of stimulus '{name}' at a node"));
                    factor = new SymbolExpr(FactorName(name));
                }

                e = new BinaryExpr(BinaryOperator.Multiply, factor, e);
            }

            var target = TargetOf(name, s);
            if (!added.TryGetValue(target, out var list))
            {
                added[target] = list = [];
            }

            list.Add(e);
        }

        return model.Derive(
            e => e.Substitute(sym => new SymbolExpr(added.ContainsKey(sym) ? StimulatedName(sym) : sym)),
            m =>
            {
                foreach (var (n, v, d) in parameters)
                {
                    m.AddParameter(n, v, null, d);
                }
            },
            (_, rhs) => rhs,
            m =>
            {
                foreach (var (target, terms) in added)
                {
                    Expr sum = new SymbolExpr(target);
                    foreach (var t in terms)
                    {
                        sum = new BinaryExpr(BinaryOperator.Add, sum, t);
                    }

                    m.AddDerivedVariable(StimulatedName(target), sum, $"{target} with its stimuli");
                }
            });
    }

    /// <summary>The per-node values of the stimuli's factor parameters on a network.</summary>
    public static Dictionary<(int Node, string Parameter), double> NodeValues(IDictionary<string, Stimulus> stimuli)
    {
        var values = new Dictionary<(int, string), double>();
        foreach (var (name, s) in stimuli)
        {
            foreach (var (node, factor) in s.NodeWeights)
            {
                values[(node, FactorName(name))] = factor;
            }
        }

        return values;
    }

    /// <summary>The parameter of the stimulated model an axis address names without a network: <c>p</c>,
    /// <c>&lt;model&gt;.p</c> or <c>&lt;stimulus&gt;.p</c>.</summary>
    /// <exception cref="ExperimentException">The address names no parameter.</exception>
    public static string ResolveAxis(string address, Dynamics model, IDictionary<string, Stimulus> stimuli, string exploration)
    {
        if (address == InputLowering.SigmaAddress)
        {
            return InputLowering.SigmaName;
        }

        var dot = address.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && stimuli.TryGetValue(address[..dot], out var s))
        {
            var member = address[(dot + 1)..];
            return s.Parameters.ContainsKey(member)
                ? ParameterName(address[..dot], member)
                : throw new ExperimentException($"Exploration '{exploration}': axis '{address}': stimulus '{address[..dot]}' has no parameter '{member}'; its parameters: {(s.Parameters.Count == 0 ? "none" : string.Join(", ", s.Parameters.Keys))}.", exploration, address);
        }

        return dot > 0 && address[..dot] == model.Name ? address[(dot + 1)..] : address;
    }

    private static Expr Parse(Dynamics model, string name, Stimulus s)
    {
        try
        {
            return ExpressionParser.Parse(s.Equation, $"the equation of stimulus '{name}'", model.Functions);
        }
        catch (ExpressionSyntaxException ex)
        {
            throw new ExperimentException(ex.Message);
        }
    }
}
