using System.Globalization;
using System.Text.RegularExpressions;
using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>Where a symbol of a pre-expression reads: a state of the source (delayed), a state of the target, or a
/// coupling parameter (or constant).</summary>
internal enum PreSource
{
    /// <summary>The source node's state, delayed by the edge.</summary>
    Source,

    /// <summary>The target node's state.</summary>
    Target,

    /// <summary>A coupling parameter or a constant.</summary>
    Parameter,
}

/// <summary>
/// A network coupling resolved against the model, with TVBO's meanings: the coupling input it drives (its key, its
/// <see cref="Coupling.Input"/>, or — keyed by its own name — the model's only coupling input no other coupling drives),
/// its components (one per key of a multi-component input), the incoming and local states, and each component's
/// pre-expression with every symbol resolved to the source's or the target's state or a parameter.
/// </summary>
internal sealed partial class CouplingPlan
{
    private CouplingPlan(string key, Coupling coupling, string input, IReadOnlyList<CouplingTerm> terms)
    {
        Key = key;
        Coupling = coupling;
        Input = input;
        Terms = terms;
    }

    /// <summary>The coupling's key in <see cref="Network.Coupling"/> (its parameters are explored as
    /// <c>&lt;key&gt;.&lt;parameter&gt;</c>).</summary>
    public string Key { get; }

    /// <summary>The coupling.</summary>
    public Coupling Coupling { get; }

    /// <summary>The coupling input it drives.</summary>
    public string Input { get; }

    /// <summary>The input's components (one coupling term for a scalar input), in order.</summary>
    public IReadOnlyList<CouplingTerm> Terms { get; }

    /// <summary>Per component, the pre-expression.</summary>
    public IReadOnlyList<Expr> Pre { get; private set; } = [];

    /// <summary>Per component, where each symbol of its pre-expression reads (by symbol).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, (PreSource Where, string Name)>> Symbols { get; private set; } = [];

    /// <summary>The post-expression.</summary>
    public Expr Post { get; private set; } = new SymbolExpr("gx");

    /// <summary>The couplings of a network, each resolved against the model, in the network's order.</summary>
    /// <exception cref="ExperimentException">A coupling drives no input, two drive one input, or an expression, state,
    /// parameter or key is invalid; the message names the coupling.</exception>
    public static IReadOnlyList<CouplingPlan> Resolve(Dynamics model, Network network)
    {
        if (!TryDrivenInputs(model, network, out var driven, out var error))
        {
            throw new ExperimentException(error!.Value.Message);
        }

        var plans = new List<CouplingPlan>();
        foreach (var (key, coupling) in network.Coupling)
        {
            var input = driven[key];
            var plan = new CouplingPlan(key, coupling, input, model.CouplingTerms.Where(t => t.Input == input).OrderBy(t => t.Component).ToArray());
            plan.Check(model, network);
            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>The coupling input each coupling drives (by the coupling's key): its <see cref="Coupling.Input"/>, else
    /// the input its key names, else — as TVBO does for a coupling keyed by its own name — the model's only coupling
    /// input no other coupling drives.</summary>
    /// <param name="model">The model.</param>
    /// <param name="network">The network.</param>
    /// <param name="driven">The input of each coupling, by the coupling's key.</param>
    /// <param name="error">Otherwise, the coupling at fault and why.</param>
    /// <returns>Whether every coupling drives one input and no input has two couplings.</returns>
    public static bool TryDrivenInputs(Dynamics model, Network network, out Dictionary<string, string> driven, out (string Key, string Message)? error)
    {
        var inputs = model.CouplingTerms.Select(t => t.Input).Distinct(StringComparer.Ordinal).ToArray();
        var byInput = new Dictionary<string, string>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        driven = byKey;
        error = null;
        var unmapped = new List<string>();
        foreach (var (key, coupling) in network.Coupling)
        {
            if (!Identifier.IsValid(key))
            {
                error = (key, $"Network coupling '{key}': its name is used in axis addresses ('{key}.<parameter>') and in the lowered model, so it must be a name (letters, digits and underscores, starting with a letter or underscore).");
                return false;
            }

            var target = coupling.Input ?? key;
            if (inputs.Contains(target))
            {
                if (!Drive(target, key, out error))
                {
                    return false;
                }
            }
            else if (coupling.Input is not null)
            {
                error = (key, $"Network coupling '{key}' drives '{coupling.Input}', which is not a coupling input of model '{model.Name}' ({InputList(model)}).");
                return false;
            }
            else
            {
                unmapped.Add(key);
            }
        }

        var free = inputs.Where(i => !byInput.ContainsKey(i)).ToArray();
        if (unmapped.Count == 1 && free.Length == 1)
        {
            // TVBO: a coupling keyed by its own name drives the model's only coupling input left.
            return Drive(free[0], unmapped[0], out error);
        }

        if (unmapped.Count > 0)
        {
            var key = unmapped[0];
            var why = inputs.Length == 0 ? string.Empty
                : free.Length == 0 ? $"; each is driven by the coupling of its name, so '{key}' has none left to drive"
                : $"; keyed by its own name, a coupling drives the model's one coupling input that no other coupling drives, but {(unmapped.Count > 1 ? $"{unmapped.Count} couplings ({string.Join(", ", unmapped)}) share" : "there are")} {free.Length} ({string.Join(", ", free)}), so which one is ambiguous (TVBO would pair them by position); key each coupling by the input it drives";
            error = (key, $"Network coupling '{key}' does not name a coupling input of model '{model.Name}' ({InputList(model)}){why}.");
            return false;
        }

        return true;

        bool Drive(string input, string key, out (string Key, string Message)? problem)
        {
            problem = null;
            if (byInput.TryGetValue(input, out var other))
            {
                problem = (key, $"Network couplings '{other}' and '{key}' both drive the coupling input '{input}' of model '{model.Name}'; give each input one coupling.");
                return false;
            }

            byInput[input] = key;
            byKey[key] = input;
            return true;
        }
    }

    private static string InputList(Dynamics model) => model.CouplingTerms.Count == 0
        ? "it has none"
        : "its coupling inputs: " + string.Join(", ", model.CouplingTerms.GroupBy(t => t.Input).Select(g => g.Count() == 1 && g.Key == g.First().Name ? g.Key : $"{g.Key} ({string.Join(", ", g.Select(t => t.Name))})"));

    /// <summary>Checks parameters, states and expressions, and resolves each pre-expression's symbols.</summary>
    private void Check(Dynamics model, Network network)
    {
        foreach (var (p, v) in Coupling.Parameters)
        {
            if (!Identifier.IsValid(p))
            {
                throw new ExperimentException($"Network coupling '{Key}' has a parameter named '{p}'; parameter names are identifiers.");
            }

            if (!double.IsFinite(v))
            {
                throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"Network coupling '{Key}': parameter '{p}' is {v}; values must be finite."));
            }
        }

        var (incoming, local, vectorized) = StatesAndMode(model);
        var texts = Components(Coupling.PreExpression);
        var count = Terms.Count;
        var what = $"the pre_expression of network coupling '{Key}'";
        if (vectorized)
        {
            var trivial = texts.Count == 1 && (texts[0] is "local_states" or "x_j" || (local.Count == 1 && texts[0] == local[0]));
            if (!trivial)
            {
                throw new ExperimentException($"Network coupling '{Key}': {what} ('{Coupling.PreExpression}') is not used: with local_states and no incoming_states, TVBO sums the sources' local states as they are (its vectorized coupling) and ignores the pre-expression; give incoming_states to apply one, or write pre_expression: local_states.");
            }

            if (local.Count != count)
            {
                throw new ExperimentException($"Network coupling '{Key}': with local_states and no incoming_states TVBO sums the sources' local states, one per component of the input '{Input}' ({count}), but local_states lists {local.Count} ({string.Join(", ", local)}).");
            }

            if (Coupling.Delayed && network.HasDelays)
            {
                throw new ExperimentException($"Network coupling '{Key}': with local_states and no incoming_states TVBO sums the sources' current local states (its vectorized coupling), which it defines without delays, and the network has delays; set delayed: false, or give incoming_states.");
            }

            texts = Enumerable.Range(0, count).Select(k => string.Create(CultureInfo.InvariantCulture, $"x_j{k}")).ToArray();
        }
        else if (texts.Count != count)
        {
            throw new ExperimentException(count == 1
                ? $"Network coupling '{Key}': {what} is a list of {texts.Count} ('{Coupling.PreExpression}'), but the coupling input '{Input}' has one component; give one pre-expression."
                : $"Network coupling '{Key}': the coupling input '{Input}' has {count} components ({string.Join(", ", Terms.Select(t => t.Name))}), so {what} must be a list of {count}, one per component: [pre0, pre1, ...]; it is '{Coupling.PreExpression}'.");
        }

        var pre = new List<Expr>();
        var symbols = new List<IReadOnlyDictionary<string, (PreSource, string)>>();
        foreach (var text in texts)
        {
            var e = Parse(XIndex().Replace(text, "$1$2"), what);
            pre.Add(e);
            symbols.Add(ResolveSymbols(model, e, text, incoming, local, vectorized, what));
        }

        Pre = pre;
        Symbols = symbols;
        Post = ParsePost();
    }

    /// <summary>The incoming and local states and whether the coupling is TVBO's vectorized one (local states only, and
    /// a pre-expression that does not read <c>x_j</c>): the declared lists; only local states and an expression over
    /// <c>x_j</c>, the local states for both; neither declared, the states the pre-expression names (else the model's
    /// coupling variables, the k-th coupling input starting from the k-th, as TVB); local states default to the
    /// incoming ones.</summary>
    private (IReadOnlyList<string> Incoming, IReadOnlyList<string> Local, bool Vectorized) StatesAndMode(Dynamics model)
    {
        foreach (var (what, names) in new[] { ("incoming_states", Coupling.IncomingStates), ("local_states", Coupling.LocalStates) })
        {
            foreach (var s in names)
            {
                if (model.StateVariables.All(x => x.Name != s))
                {
                    throw new ExperimentException($"Network coupling '{Key}': {what} names '{s}', which is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(x => x.Name))}.");
                }
            }
        }

        if (Coupling.IncomingStates.Count == 0 && Coupling.LocalStates.Count > 0)
        {
            // TVBO: an expression over x_j reads the local states of the sources (incoming = local); otherwise the
            // coupling is its vectorized one, which sums the sources' local states.
            var l = Coupling.LocalStates.ToArray();
            var readsSources = Components(Coupling.PreExpression).SelectMany(t => SafeSymbols(t)).Any(x => TryStateIndex(x, "x_j", out _));
            return (l, l, !readsSources);
        }

        IReadOnlyList<string> incoming;
        if (Coupling.IncomingStates.Count > 0)
        {
            incoming = Coupling.IncomingStates.ToArray();
        }
        else
        {
            var named = new HashSet<string>(Components(Coupling.PreExpression).SelectMany(t => SafeSymbols(t)), StringComparer.Ordinal);
            var inferred = model.StateVariables.Select(s => s.Name)
                .Where(s => !Coupling.Parameters.ContainsKey(s) && (named.Contains(s) || named.Contains(s + "_j") || named.Contains(s + "_i"))).ToArray();
            if (inferred.Length > 0)
            {
                incoming = inferred;
            }
            else
            {
                // As TVB: the k-th coupling input reads the coupling variables starting from the k-th (c_pop1 <- cvar 1).
                var cvars = model.StateVariables.Where(s => s.IsCouplingVariable).Select(s => s.Name).ToArray();
                if (cvars.Length == 0)
                {
                    cvars = [model.StateVariables[0].Name];
                }

                var first = Terms[0];
                var k = model.CouplingTerms.Select((c, i) => (c, i)).First(x => x.c.Name == first.Name).i % cvars.Length;
                incoming = cvars.Skip(k).Concat(cvars.Take(k)).ToArray();
            }
        }

        IReadOnlyList<string> local = Coupling.LocalStates.Count > 0 ? Coupling.LocalStates.ToArray() : incoming;
        return (incoming, local, false);
    }

    /// <summary>Where each symbol of a pre-expression reads.</summary>
    private Dictionary<string, (PreSource, string)> ResolveSymbols(Dynamics model, Expr e, string text, IReadOnlyList<string> incoming, IReadOnlyList<string> local, bool vectorized, string what)
    {
        var states = new HashSet<string>(model.StateVariables.Select(s => s.Name), StringComparer.Ordinal);
        var declaredIncoming = incoming; // declared, or inferred from the expression when neither list is given
        var declaredLocal = Coupling.LocalStates.ToArray();
        var result = new Dictionary<string, (PreSource, string)>(StringComparer.Ordinal);
        foreach (var s in e.FreeSymbols())
        {
            result[s] = Resolve(s);
        }

        return result;

        (PreSource, string) Resolve(string s)
        {
            if (TryStateIndex(s, "x_j", out var k) || TryStateIndex(s, "x_i", out k))
            {
                var source = s.StartsWith("x_j", StringComparison.Ordinal);
                var list = source ? incoming : local;
                if (k >= list.Count)
                {
                    throw new ExperimentException($"Network coupling '{Key}': {what} ('{text}') uses '{s}', but the coupling reads {list.Count} state{(list.Count == 1 ? "" : "s")} ({(source ? "incoming_states" : "local_states")}); valid: x_{s[2]}{(list.Count > 1 ? $", x_{s[2]}0 … x_{s[2]}{list.Count - 1}" : "")}.");
                }

                return (source ? PreSource.Source : PreSource.Target, list[k]);
            }

            if (s == "incoming_states")
            {
                return (PreSource.Source, incoming[0]);
            }

            if (s == "local_states")
            {
                return (PreSource.Target, local[0]);
            }

            foreach (var (suffix, where, list, name) in new[] { ("_j", PreSource.Source, incoming, "incoming_states"), ("_i", PreSource.Target, local, "local_states") })
            {
                if (s.Length > 2 && s.EndsWith(suffix, StringComparison.Ordinal) && s[..^2] is var state && states.Contains(state))
                {
                    if (list.Contains(state))
                    {
                        return (where, state);
                    }

                    if (!Coupling.Parameters.ContainsKey(s))
                    {
                        throw new ExperimentException($"Network coupling '{Key}': {what} ('{text}') uses '{s}', the {(where == PreSource.Source ? "source's" : "target's")} {state}, but {state} is not one of its {name} ({string.Join(", ", list)}); add it there.");
                    }
                }
            }

            if (states.Contains(s))
            {
                var isIncoming = declaredIncoming.Contains(s);
                var isLocal = declaredLocal.Contains(s);
                if (isIncoming && isLocal)
                {
                    throw new ExperimentException($"Network coupling '{Key}': {what} ('{text}') uses '{s}', which is both an incoming and a local state, so it is ambiguous (TVBO leaves it undefined); write {s}_j for the source's value or {s}_i for the target's.");
                }

                if (isIncoming || isLocal)
                {
                    return (isIncoming ? PreSource.Source : PreSource.Target, s);
                }

                if (!Coupling.Parameters.ContainsKey(s))
                {
                    throw new ExperimentException($"Network coupling '{Key}': {what} ('{text}') uses the state variable '{s}', which is neither one of its incoming_states ({string.Join(", ", declaredIncoming)}) nor of its local_states ({string.Join(", ", declaredLocal)}); list it in incoming_states to read the source's value, or in local_states for the target's.");
                }
            }

            if (Coupling.Parameters.ContainsKey(s) || Functions.Constants.ContainsKey(s))
            {
                return (PreSource.Parameter, s);
            }

            throw new ExperimentException($"Network coupling '{Key}': {what} ('{text}') uses '{s}', which is not x_i, x_j (x_i0…, x_j0…) or a parameter of the coupling ({(Coupling.Parameters.Count == 0 ? "it has none" : string.Join(", ", Coupling.Parameters.Keys))}); the model's state variables ({string.Join(", ", model.StateVariables.Select(x => x.Name))}) are also read by name, with _j for the source's and _i for the target's.");
        }
    }

    private Expr ParsePost()
    {
        var what = $"the post_expression of network coupling '{Key}'";
        if (Components(Coupling.PostExpression) is { Count: > 1 })
        {
            throw new ExperimentException($"Network coupling '{Key}': {what} ('{Coupling.PostExpression}') is a list; the post-expression applies to each component's sum gx, so give one expression.");
        }

        var e = Parse(Coupling.PostExpression, what);
        foreach (var s in e.FreeSymbols())
        {
            if (s is not ("gx" or "N") && !Coupling.Parameters.ContainsKey(s) && !Functions.Constants.ContainsKey(s))
            {
                throw new ExperimentException($"Network coupling '{Key}': {what} ('{Coupling.PostExpression}') uses '{s}', which is not gx, N (the number of nodes) or a parameter of the coupling ({(Coupling.Parameters.Count == 0 ? "it has none" : string.Join(", ", Coupling.Parameters.Keys))}).");
            }
        }

        return e;
    }

    /// <summary>The expressions of a list <c>[a, b, …]</c> (split at its top-level commas), or the text alone.</summary>
    public static IReadOnlyList<string> Components(string text)
    {
        var t = text.Trim();
        if (t.Length < 2 || t[0] != '[' || t[^1] != ']' || Matching(t, 0) != t.Length - 1)
        {
            return [text];
        }

        var parts = new List<string>();
        var depth = 0;
        var start = 1;
        for (var i = 1; i < t.Length - 1; i++)
        {
            depth += t[i] switch
            {
                '(' or '[' => 1,
                ')' or ']' => -1,
                _ => 0,
            };
            if (t[i] == ',' && depth == 0)
            {
                parts.Add(t[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(t[start..^1].Trim());
        return parts;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1.</summary>
    private static int Matching(string t, int open)
    {
        var depth = 0;
        for (var i = open; i < t.Length; i++)
        {
            depth += t[i] switch
            {
                '[' => 1,
                ']' => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The symbols of an expression's text, or none when it does not parse (the parse error is reported where
    /// the expression is checked).</summary>
    private static IReadOnlyList<string> SafeSymbols(string text)
    {
        try
        {
            return ExpressionParser.Parse(XIndex().Replace(text, "$1$2")).FreeSymbols();
        }
        catch (ExpressionSyntaxException)
        {
            return [];
        }
    }

    private static Expr Parse(string text, string what)
    {
        try
        {
            return ExpressionParser.Parse(text, what);
        }
        catch (ExpressionSyntaxException ex)
        {
            throw new ExperimentException(ex.Message);
        }
    }

    /// <summary>Whether a symbol is <paramref name="prefix"/> (index 0) or <paramref name="prefix"/> followed by an index.</summary>
    private static bool TryStateIndex(string name, string prefix, out int index)
    {
        index = 0;
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && (name.Length == prefix.Length || int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index));
    }

    /// <summary>TVBO's <c>x_j[0]</c>, <c>x_i[1]</c> (a state by position), written as <c>x_j0</c>, <c>x_i1</c>.</summary>
    [GeneratedRegex(@"(?<![\w])(x_[ij])\s*\[\s*(\d+)\s*\]")]
    private static partial Regex XIndex();
}
