using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Tvbo.Expressions;
using Tvbo.Files;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Model;

/// <summary>
/// Reads TVBO model YAML (a Dynamics) as TVBO reads it: <c>parameters</c>, <c>state_variables</c>,
/// <c>derived_variables</c> (with <c>equation</c>, <c>cases</c> or <c>equation.conditionals</c>),
/// <c>derived_parameters</c>, <c>functions</c> with <c>arguments</c> (inlined where called), <c>coupling_inputs</c> and
/// <c>coupling_terms</c> (held at 0 for a single node), <c>output</c>, state <c>domain: {lo, hi, enforce}</c> and legacy
/// <c>boundaries</c>. Collections may be mappings keyed by name or lists with <c>name:</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A missing <c>initial_value</c> is TVBO's schema default, 0.1 (logged at debug level, marked in the report).</item>
/// <item>An equation's <c>lhs</c> is documentation: the derivative belongs to the variable's key, whatever the lhs says
/// (<c>\dot{X}</c>, <c>thetadot</c>, <c>Derivative(X, t)</c>, a YAML-split <c>Derivative(X</c>), except a lhs
/// <c>Derivative(y, t)</c> naming another state variable (a contradiction) or a map's <c>x_next</c> (refused, as is
/// <c>system_type: discrete</c>).</item>
/// <item>A derived variable named like a parameter wins (TVBO's symbol table); the parameter is recorded as
/// shadowed, a warning names both, and exploring it is an error.</item>
/// <item><c>local_coupling</c> (or the symbol <c>local_coupling_term</c> names), used without a declaration, becomes a
/// parameter of value 0 (TVB's single-node default).</item>
/// <item>Keys of TVBO's schema are accepted; a key close to one is an error with the suggestion; any other key is a
/// warning (an error when <c>strict</c>, i.e. inside experiment files).</item>
/// </list>
/// </remarks>
internal static partial class TvboModelReader
{
    /// <summary>The undeclared symbol TVBO files may use, added as a parameter with this value.</summary>
    public const string LocalCoupling = "local_coupling";

    /// <summary>TVBO's default initial value of a state variable (its schema's <c>ifabsent: float(0.1)</c>).</summary>
    public const double DefaultInitialValue = 0.1;

    /// <summary>TVBO's default model name (its schema's <c>ifabsent</c>).</summary>
    public const string DefaultName = "Generic2dOscillator";

    public static Dynamics ReadFile(string path, ILogger? logger = null)
    {
        var src = YamlSource.Load(path, logger);
        return Read(src, src.Root, Path.GetFileNameWithoutExtension(path), strict: false);
    }

    public static Dynamics ReadText(string yaml, string sourceName, ILogger? logger = null)
    {
        var src = YamlSource.Parse(yaml, sourceName, logger);
        return Read(src, src.Root, null, strict: false);
    }

    public static Dynamics Read(YamlSource src, YamlMappingNode map, string? fallbackName, bool strict)
    {
        src.SchemaKeys(map, "a model (Dynamics)", TvboSchema.Dynamics, strict);
        var nameNode = YamlSource.Get(map, "name");
        string name;
        if (nameNode is not null)
        {
            name = src.Text(nameNode, "the model's 'name'");
        }
        else if (fallbackName is not null)
        {
            name = fallbackName;
        }
        else
        {
            name = DefaultName;
            src.Default(map, $"the model has no 'name:'; using TVBO's default '{DefaultName}'.");
        }

        if (YamlSource.Get(map, "system_type") is { } st && src.Text(st, "system_type").Trim().ToLowerInvariant() is var type && type != "continuous")
        {
            throw type == "discrete"
                ? src.Error(st, $"model '{name}' is a discrete map (system_type: discrete); only continuous systems are supported.")
                : src.Error(st, $"system_type '{type}' is not known; valid: continuous, discrete.");
        }

        if (YamlSource.Get(map, "number_of_modes") is { } nm && src.Integer(nm, "number_of_modes") != 1)
        {
            throw src.Error(nm, $"model '{name}' has {src.Text(nm, "number_of_modes")} modes; only single-mode models (number_of_modes: 1) are supported.");
        }

        foreach (var key in new[] { "modes", "components" })
        {
            if (YamlSource.Get(map, key) is { } modes && !YamlSource.IsEmpty(modes))
            {
                throw src.Error(modes, $"model '{name}' declares '{key}'; multi-mode models are not supported.");
            }
        }

        foreach (var key in new[] { "events", "stimulus" })
        {
            if (YamlSource.Get(map, key) is { } ev && !YamlSource.IsEmpty(ev))
            {
                throw src.Error(ev, $"model '{name}' declares '{key}'; events and stimuli are not supported yet (they change the dynamics).");
            }
        }

        var descriptionNode = YamlSource.Get(map, "description");
        var where = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        Dynamics model;
        try
        {
            model = new Dynamics(name, descriptionNode is null ? null : src.Text(descriptionNode, "'description'").Trim());
        }
        catch (ModelException ex)
        {
            throw src.Error(nameNode ?? map, ex.Message, ex);
        }

        // Names of derived variables first: a parameter of the same name is shadowed (TVBO's symbol table).
        var derivedNames = YamlSource.Get(map, "derived_variables") is { } dv
            ? src.Collection(dv, "'derived_variables'").Select(e => e.Name).ToHashSet(StringComparer.Ordinal)
            : [];

        if (YamlSource.Get(map, "parameters") is { } parameters)
        {
            foreach (var (pname, key, body) in src.Collection(parameters, "'parameters'"))
            {
                var what = $"parameter '{pname}'";
                double value;
                YamlMappingNode? m = null;
                if (body is YamlScalarNode scalar)
                {
                    value = src.FiniteNumber(scalar, $"the value of {what}");
                }
                else
                {
                    m = body is null ? throw src.Error(key, $"{what} has no value; write '{pname}: {{value: 1.0}}'.") : src.Mapping(body, what);
                    src.SchemaKeys(m, what, TvboSchema.Parameter, strict);
                    var v = YamlSource.Get(m, "value") ?? YamlSource.Get(m, "default");
                    if (v is null && YamlSource.Get(m, "equation") is { } peq)
                    {
                        // A parameter defined by an equation is a derived parameter.
                        var (rhs, rhsNode) = Equation(src, peq, peq as YamlMappingNode, what, pname, model, isDerivative: false, strict);
                        Add(rhsNode, pname, () => model.AddDerivedVariable(pname, rhs, Description(src, m, what)));
                        continue;
                    }

                    value = v is not null ? src.FiniteNumber(v, $"the value of {what}") : throw src.Error(key, $"{what} has no 'value:'.");
                }

                if (derivedNames.Contains(pname))
                {
                    src.Warn(key, $"parameter '{pname}' of model '{name}' has the name of a derived variable; as in TVBO, the derived variable '{pname}' is used and the parameter is ignored (it cannot be explored).");
                    model.AddShadowedParameter(pname, value);
                    continue;
                }

                var unit = m is null ? null : OptionalText(src, m, "unit", what);
                Add(key, pname, () => model.AddParameter(pname, value, unit, m is null ? null : Description(src, m, what)));
            }
        }

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

                Add(key, cname, () => model.AddCouplingTerm(cname, cm is null ? null : Description(src, cm, $"coupling input '{cname}'")));
            }
        }

        if (YamlSource.Get(map, "functions") is { } functions)
        {
            ReadFunctions(src, functions, model, strict);
        }

        if (YamlSource.Get(map, "derived_parameters") is { } derivedParameters)
        {
            foreach (var (dname, key, body) in src.Collection(derivedParameters, "'derived_parameters'"))
            {
                var what = $"derived parameter '{dname}'";
                var m = body is null ? throw src.Error(key, $"{what} has no equation.") : body as YamlMappingNode;
                if (m is not null)
                {
                    src.SchemaKeys(m, what, TvboSchema.DerivedParameter, strict);
                }

                var (rhs, rhsNode) = m is not null && YamlSource.Get(m, "equation") is null && YamlSource.Get(m, "value") is { } val
                    ? (src.Text(val, $"the value of {what}"), val)
                    : Equation(src, body!, m, what, dname, model, isDerivative: false, strict);
                Add(rhsNode, dname, () => model.AddDerivedVariable(dname, rhs, m is null ? null : Description(src, m, what)));
            }
        }

        if (YamlSource.Get(map, "derived_variables") is { } derived)
        {
            foreach (var (dname, key, body) in src.Collection(derived, "'derived_variables'"))
            {
                var what = $"derived variable '{dname}'";
                var m = body is null ? throw src.Error(key, $"{what} has no equation.") : body as YamlMappingNode;
                if (m is not null)
                {
                    src.SchemaKeys(m, what, TvboSchema.DerivedVariable, strict);
                }

                var (rhs, rhsNode) = m is not null && YamlSource.Get(m, "equation") is null && YamlSource.Get(m, "cases") is { } cases
                    ? (Cases(src, cases, what), cases)
                    : Equation(src, body!, m, what, dname, model, isDerivative: false, strict);
                Add(rhsNode, dname, () => model.AddDerivedVariable(dname, rhs, m is null ? null : Description(src, m, what)));
            }
        }

        var states = YamlSource.Get(map, "state_variables") ?? throw src.Error(map, $"model '{name}' has no 'state_variables:'; a model needs at least one.");
        var stateNames = src.Collection(states, "'state_variables'").Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (sname, key, body) in src.Collection(states, "'state_variables'"))
        {
            var what = $"state variable '{sname}'";
            var m = body is null ? throw src.Error(key, $"{what} has no equation.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.StateVariable, strict);
            if (YamlSource.Get(m, "equation_type") is { } et && src.Text(et, "equation_type").Trim() is var etText && etText != "differential")
            {
                throw src.Error(et, $"{what} has equation_type '{etText}'; only differential equations are supported (write algebraic relations as derived variables).");
            }

            if (YamlSource.Get(m, "equation_order") is { } eo && src.Integer(eo, $"equation_order of {what}") != 1)
            {
                throw src.Error(eo, $"{what} has equation_order {src.Text(eo, "equation_order")}; only first-order equations are supported (write a second-order equation as two first-order ones).");
            }

            if (YamlSource.Get(m, "history") is { } history && !YamlSource.IsEmpty(history))
            {
                throw src.Error(history, $"{what} gives a history; a delayed network's source reads its initial_value before the start, and other histories are not supported.");
            }

            if (YamlSource.Get(m, "noise") is { } noise && !YamlSource.IsEmpty(noise))
            {
                throw src.Error(noise, $"{what} declares its own noise, which is not supported; give the experiment's integration.noise with targets: [{sname}].");
            }

            if (YamlSource.Get(m, "distribution") is { } dist)
            {
                src.Warn(dist, $"the distribution of {what} is used by TVBO only for n_trials > 1; the initial_value is used.");
            }

            var eqNode = YamlSource.Get(m, "equation") ?? throw src.Error(key, $"{what} has no 'equation:'; write 'equation: {{rhs: ...}}'.");
            var (rhs, rhsNode) = Equation(src, eqNode, eqNode as YamlMappingNode, what, sname, model, isDerivative: true, strict, stateNames);
            double init;
            var defaulted = false;
            if (YamlSource.Get(m, "initial_value") is { } iv)
            {
                init = src.FiniteNumber(iv, $"the initial_value of {what}");
            }
            else
            {
                init = DefaultInitialValue;
                defaulted = true;
                src.Logger.LogDebug("{File}:{Line}: {What} has no initial_value; using TVBO's default 0.1.", src.FileOf(key), key.Start.Line, what);
            }

            var bounds = Bounds(src, m, what);
            var coupled = YamlSource.Get(m, "coupling_variable") is { } cv && src.Boolean(cv, $"coupling_variable of {what}");
            Add(rhsNode, sname, () =>
            {
                var sv = model.AddStateVariable(sname, rhs, init, bounds, Description(src, m, what));
                sv.InitialValueIsDefault = defaulted;
                sv.IsCouplingVariable = coupled;
            });
        }

        var local = YamlSource.Get(map, "local_coupling_term") is { } lct ? src.Text(lct, "local_coupling_term").Trim() : LocalCoupling;
        if (model.Resolve(local) is null
            && model.StateVariables.Select(s => s.Equation).Concat(model.DerivedVariables.Select(d => d.Equation))
                .Any(e => e.FreeSymbols().Contains(local)))
        {
            model.AddParameter(local, 0.0, description: "Local coupling strength (used by the file without a declaration; 0 for a single node)");
        }

        if (YamlSource.Get(map, "output") is { } output)
        {
            var names = output is YamlScalarNode
                ? [src.Text(output, "'output'")]
                : src.Sequence(output, "'output'").Children.Select(n => src.Text(n, "an entry of 'output'")).ToList();
            model.SetOutputs(names);
            where[""] = output;
        }

        if (YamlSource.Get(map, "output_transforms") is { } transforms)
        {
            src.Warn(transforms, "'output_transforms' (TVBO's older post-processing) is not applied; declare derived outputs with 'output:' or experiment 'observations:'.");
        }

        try
        {
            model.Validate();
        }
        catch (ModelException ex)
        {
            var node = ex.Element is not null && where.TryGetValue(ex.Element, out var n) ? n
                : model.Outputs.Contains(ex.Element ?? "\0") && where.TryGetValue("", out var o) ? o
                : map;
            throw src.Error(node, ex.Message, ex);
        }

        return model;

        void Add(YamlNode node, string element, Action add)
        {
            where[element] = node;
            try
            {
                add();
            }
            catch (TvboException ex)
            {
                throw src.Error(node, ex.Message, ex);
            }
        }
    }

    /// <summary>Reads <c>functions:</c>: each body may call functions defined anywhere in the block (read in dependency
    /// order; a cycle is an error).</summary>
    private static void ReadFunctions(YamlSource src, YamlNode node, Dynamics model, bool strict)
    {
        var pending = new List<(string Name, YamlNode Key, string[] Args, string Body, YamlNode BodyNode)>();
        foreach (var (fname, key, body) in src.Collection(node, "'functions'"))
        {
            var what = $"function '{fname}'";
            var m = body is null ? throw src.Error(key, $"{what} has no equation.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Function, strict);
            var args = YamlSource.Get(m, "arguments") is { } an
                ? (an is YamlSequenceNode seq ? seq.Children : src.Mapping(an, $"the arguments of {what}").Children.Keys)
                    .Select(a => a is YamlMappingNode am
                        ? src.Text(YamlSource.Get(am, "name") ?? throw src.Error(a, $"an argument of {what} has no 'name:'."), $"an argument name of {what}")
                        : src.Text(a, $"an argument of {what}"))
                    .ToArray()
                : [];
            var eq = YamlSource.Get(m, "equation");
            if (eq is null)
            {
                if (YamlSource.Get(m, "callable") is { } callable)
                {
                    throw src.Error(callable, $"{what} is a Python callable; only functions with an equation can be used.");
                }

                src.Warn(key, $"{what} has no equation; TVBO puts only its name in scope, so calling it is an error.");
                continue;
            }

            var (text, textNode) = Equation(src, eq, eq as YamlMappingNode, what, fname, model, isDerivative: false, strict);
            pending.Add((fname, key, args, text, textNode));
        }

        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(f => !pending.Any(o => Calls(f.Body, o.Name))); // a function calling itself is a cycle too
            if (ready < 0)
            {
                var f0 = pending[0];
                throw src.Error(f0.Key, $"functions {string.Join(", ", pending.Select(p => $"'{p.Name}'"))} call each other in a cycle; a function may only call functions that do not call it.");
            }

            var f = pending[ready];
            pending.RemoveAt(ready);
            try
            {
                model.AddFunction(f.Name, f.Args, f.Body);
            }
            catch (TvboException ex)
            {
                throw src.Error(f.BodyNode, ex.Message, ex);
            }
        }

        static bool Calls(string body, string name) => Regex.IsMatch(body, $@"(?<![\w]){Regex.Escape(name)}\s*\(");
    }

    /// <summary>A state variable's <c>domain: {lo, hi, enforce}</c> (plain domains do not clamp) or legacy
    /// <c>boundaries: {lo, hi}</c> (clamp).</summary>
    private static Boundaries? Bounds(YamlSource src, YamlMappingNode m, string what)
    {
        Boundaries? result = null;
        if (YamlSource.Get(m, "domain") is { } dn)
        {
            var dm = src.Mapping(dn, $"the domain of {what}");
            src.SchemaKeys(dm, $"the domain of {what}", TvboSchema.Range, unknownIsError: true);
            var enforce = YamlSource.Get(dm, "enforce") is { } en ? src.Text(en, $"domain.enforce of {what}").Trim().ToLowerInvariant() : "none";
            var mode = enforce switch
            {
                "none" => (BoundaryMode?)null,
                "clamp" => BoundaryMode.Clamp,
                "wrap" => BoundaryMode.Wrap,
                _ => throw src.Error(YamlSource.Get(dm, "enforce")!, $"domain.enforce of {what} is '{enforce}'; valid: none, clamp, wrap."),
            };
            if (mode is { } bm)
            {
                var lo = YamlSource.Get(dm, "lo") is { } l ? src.Number(l, $"domain.lo of {what}") : double.NegativeInfinity;
                var hi = YamlSource.Get(dm, "hi") is { } h ? src.Number(h, $"domain.hi of {what}") : double.PositiveInfinity;
                if (bm == BoundaryMode.Wrap && !(double.IsFinite(lo) && double.IsFinite(hi) && lo < hi))
                {
                    throw src.Error(dm, $"domain of {what}: 'enforce: wrap' needs finite lo < hi, got [{lo.ToString("R", CultureInfo.InvariantCulture)}, {hi.ToString("R", CultureInfo.InvariantCulture)}].");
                }

                result = new Boundaries(lo, hi, bm);
            }
        }

        if (YamlSource.Get(m, "boundaries") is { } bn)
        {
            if (result is not null)
            {
                throw src.Error(bn, $"{what} has both 'boundaries' and a domain with 'enforce'; give one.");
            }

            var bm = src.Mapping(bn, $"the boundaries of {what}");
            src.OnlyKeys(bm, $"the boundaries of {what}", "lo", "hi");
            var lo = YamlSource.Get(bm, "lo") is { } l ? src.Number(l, $"boundaries.lo of {what}") : double.NegativeInfinity;
            var hi = YamlSource.Get(bm, "hi") is { } h ? src.Number(h, $"boundaries.hi of {what}") : double.PositiveInfinity;
            result = new Boundaries(lo, hi);
        }

        return result;
    }

    /// <summary><c>cases: [{condition, equation}]</c> as a Piecewise; a case without a condition (or with
    /// <c>True</c>/<c>otherwise</c>) is the default.</summary>
    private static string Cases(YamlSource src, YamlNode cases, string what)
    {
        var parts = new List<string>();
        foreach (var c in src.Sequence(cases, $"the cases of {what}").Children)
        {
            var cm = src.Mapping(c, $"a case of {what}");
            src.OnlyKeys(cm, $"a case of {what}", "condition", "equation", "expression", "description");
            var eq = YamlSource.Get(cm, "equation") ?? YamlSource.Get(cm, "expression") ?? throw src.Error(c, $"a case of {what} has no 'equation:'.");
            var value = eq is YamlMappingNode em
                ? src.Text(YamlSource.Get(em, "rhs") ?? throw src.Error(eq, $"the equation of a case of {what} has no 'rhs:'."), $"a case of {what}")
                : src.Text(eq, $"a case of {what}");
            var cond = YamlSource.Get(cm, "condition") is { } cn ? src.Text(cn, $"the condition of a case of {what}").Trim() : "True";
            if (cond is "otherwise" or "else" or "true")
            {
                cond = "True";
            }

            parts.Add($"({value}, {cond})");
        }

        return parts.Count == 0 ? throw src.Error(cases, $"the cases of {what} are empty.") : $"Piecewise({string.Join(", ", parts)})";
    }

    private static (string Rhs, YamlNode Node) Equation(YamlSource src, YamlNode eq, YamlMappingNode? m, string what, string name, Dynamics model, bool isDerivative, bool strict, ISet<string>? stateNames = null)
    {
        if (m is null)
        {
            return (src.Text(eq, $"the equation of {what}"), eq);
        }

        // A derived variable may be given as {equation: {...}} or directly as {lhs, rhs}.
        if (!isDerivative && YamlSource.Get(m, "equation") is { } inner)
        {
            return inner is YamlMappingNode im ? Equation(src, inner, im, what, name, model, isDerivative, strict, stateNames) : (src.Text(inner, $"the equation of {what}"), inner);
        }

        // A flow mapping {lhs: Derivative(X, t), rhs: ...} written without quotes splits at the comma into
        // 'lhs: Derivative(X' and a key 't)': the stray key is part of the lhs.
        foreach (var (k, v) in m.Children.ToList())
        {
            if (k is YamlScalarNode { Value: { } kv } && YamlSource.IsNull(v) && kv.TrimEnd().EndsWith(')'))
            {
                m.Children.Remove(k);
            }
        }

        src.SchemaKeys(m, $"the equation of {what}", TvboSchema.Equation, strict);
        if (YamlSource.Get(m, "latex") is { } latex && src.Boolean(latex, $"latex of the equation of {what}"))
        {
            throw src.Error(latex, $"the equation of {what} is written in LaTeX (latex: true); write the rhs in Python/sympy syntax.");
        }

        var rhsNode = Aliased(src, m, "rhs", "righthandside", what);
        var lhsNode = Aliased(src, m, "lhs", "lefthandside", what);
        if (rhsNode is null && YamlSource.Get(m, "conditionals") is { } conditionals)
        {
            var parts = src.Sequence(conditionals, $"the conditionals of {what}").Children.Select(c =>
            {
                var cm = src.Mapping(c, $"a conditional of {what}");
                src.OnlyKeys(cm, $"a conditional of {what}", "condition", "expression", "equation");
                var value = YamlSource.Get(cm, "expression") ?? YamlSource.Get(cm, "equation") ?? throw src.Error(c, $"a conditional of {what} has no 'expression:'.");
                var cond = YamlSource.Get(cm, "condition") is { } cn ? src.Text(cn, "condition") : "True";
                return $"({src.Text(value, $"a conditional of {what}")}, {cond})";
            });
            return ($"Piecewise({string.Join(", ", parts)})", conditionals);
        }

        if (rhsNode is null)
        {
            throw src.Error(eq, $"the equation of {what} has no 'rhs:'.");
        }

        if (lhsNode is not null)
        {
            CheckLhs(src, lhsNode, what, name, model, isDerivative, stateNames);
        }

        return (src.Text(rhsNode, $"the rhs of {what}"), rhsNode);
    }

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

    /// <summary>The lhs is documentation, except where it contradicts the key or says the system is a map.</summary>
    private static void CheckLhs(YamlSource src, YamlNode lhsNode, string what, string name, Dynamics model, bool isDerivative, ISet<string>? stateNames)
    {
        var lhs = WhiteSpace().Replace(src.Text(lhsNode, $"the lhs of {what}"), string.Empty);
        if (NextState().IsMatch(lhs))
        {
            throw src.Error(lhsNode, $"the lhs of {what} is '{lhs}': model '{model.Name}' is a discrete map; only continuous systems are supported.");
        }

        if (isDerivative && DerivativeOf().Match(lhs) is { Success: true } d && d.Groups[1].Value is var target && target != name
            && stateNames is not null && stateNames.Contains(target))
        {
            throw src.Error(lhsNode, $"the lhs of {what} is 'Derivative({target}, t)', the derivative of another state variable; the equation under the key '{name}' defines d{name}/dt (fix the key or the lhs).");
        }
    }

    private static string? Description(YamlSource src, YamlMappingNode m, string what) => OptionalText(src, m, "description", what)?.Trim();

    private static string? OptionalText(YamlSource src, YamlMappingNode m, string key, string what) =>
        YamlSource.Get(m, key) is { } n ? (n is YamlScalarNode ? src.Text(n, $"the {key} of {what}") : null) : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^Derivative\(([^,()]+)(,[^)]*)?\)?$")]
    private static partial Regex DerivativeOf();

    [GeneratedRegex(@"(_next|\[n\+1\]|\(n\+1\)|\[k\+1\]|\(k\+1\))$")]
    private static partial Regex NextState();
}
