using System.Text.RegularExpressions;
using Tvbo.Expressions;
using Tvbo.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Model;

/// <summary>
/// Reads TVBO model YAML (<c>name</c>, <c>parameters</c>, <c>state_variables</c> with
/// <c>equation: {lhs: Derivative(x, t), rhs: ...}</c> and <c>initial_value</c>, optional <c>boundaries</c>,
/// <c>derived_variables</c>, <c>coupling_terms</c>). Keys TVBO uses for documentation (<c>definition</c>,
/// <c>domain</c>, <c>references</c>, …) are accepted and ignored. <c>equation: "rhs"</c> is a short form.
/// </summary>
/// <remarks>
/// <c>local_coupling</c>: TVBO models use this symbol for a node's local connectivity without declaring it.
/// For a single node it is an ordinary constant whose TVB default is 0, so when a file uses it without
/// declaring it, the reader adds a parameter <c>local_coupling = 0.0</c> (which explorations may vary).
/// Any other undeclared symbol is an error.
/// </remarks>
internal static partial class TvboModelReader
{
    /// <summary>The undeclared symbol TVBO files may use, added as a parameter with this value.</summary>
    public const string LocalCoupling = "local_coupling";

    public static Dynamics ReadFile(string path)
    {
        var src = YamlSource.Load(path);
        return Read(src, src.Root, Path.GetFileNameWithoutExtension(path));
    }

    public static Dynamics ReadText(string yaml, string sourceName)
    {
        var src = YamlSource.Parse(yaml, sourceName);
        return Read(src, src.Root, null);
    }

    public static Dynamics Read(YamlSource src, YamlMappingNode map, string? fallbackName)
    {
        var nameNode = YamlSource.Get(map, "name");
        var name = nameNode is null
            ? fallbackName ?? throw src.Error(map, "the model has no 'name:'.")
            : src.Text(nameNode, "the model's 'name'");
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

        if (YamlSource.Get(map, "parameters") is { } parameters)
        {
            foreach (var (pname, key, body) in src.Entries(parameters, "'parameters'"))
            {
                var what = $"parameter '{pname}'";
                var m = body is null ? throw src.Error(key, $"{what} has no value; write '{pname}: {{value: 1.0}}'.") : src.Mapping(body, what);
                var value = YamlSource.Get(m, "value") is { } v ? src.FiniteNumber(v, $"the value of {what}") : throw src.Error(key, $"{what} has no 'value:'.");
                Add(key, pname, () => model.AddParameter(pname, value, OptionalText(src, m, "unit", what), Description(src, m, what)));
            }
        }

        if (YamlSource.Get(map, "coupling_terms") is { } couplings)
        {
            foreach (var (cname, key, body) in src.Entries(couplings, "'coupling_terms'"))
            {
                var desc = body is YamlMappingNode cm ? Description(src, cm, $"coupling term '{cname}'") : null;
                Add(key, cname, () => model.AddCouplingTerm(cname, desc));
            }
        }

        if (YamlSource.Get(map, "derived_variables") is { } derived)
        {
            foreach (var (dname, key, body) in src.Entries(derived, "'derived_variables'"))
            {
                var what = $"derived variable '{dname}'";
                var m = body is null ? throw src.Error(key, $"{what} has no equation.") : body as YamlMappingNode;
                var (rhs, rhsNode) = Equation(src, body!, m, what, dname, isDerivative: false, key);
                Add(rhsNode, dname, () => model.AddDerivedVariable(dname, rhs, m is null ? null : Description(src, m, what)));
            }
        }

        var states = YamlSource.Get(map, "state_variables") ?? throw src.Error(map, $"model '{name}' has no 'state_variables:'; a model needs at least one.");
        foreach (var (sname, key, body) in src.Entries(states, "'state_variables'"))
        {
            var what = $"state variable '{sname}'";
            var m = body is null ? throw src.Error(key, $"{what} has no equation.") : src.Mapping(body, what);
            var eqNode = YamlSource.Get(m, "equation") ?? throw src.Error(key, $"{what} has no 'equation:'; write 'equation: {{rhs: ...}}'.");
            var (rhs, rhsNode) = Equation(src, eqNode, eqNode as YamlMappingNode, what, sname, isDerivative: true, key);
            var init = YamlSource.Get(m, "initial_value") is { } iv
                ? src.FiniteNumber(iv, $"the initial_value of {what}")
                : throw src.Error(key, $"{what} has no 'initial_value:'.");
            Boundaries? bounds = null;
            if (YamlSource.Get(m, "boundaries") is { } bn)
            {
                var bm = src.Mapping(bn, $"the boundaries of {what}");
                src.OnlyKeys(bm, $"the boundaries of {what}", "lo", "hi");
                var lo = YamlSource.Get(bm, "lo") is { } l ? src.Number(l, $"boundaries.lo of {what}") : double.NegativeInfinity;
                var hi = YamlSource.Get(bm, "hi") is { } h ? src.Number(h, $"boundaries.hi of {what}") : double.PositiveInfinity;
                bounds = new Boundaries(lo, hi);
            }

            Add(rhsNode, sname, () => model.AddStateVariable(sname, rhs, init, bounds, Description(src, m, what)));
        }

        if (model.Resolve(LocalCoupling) is null
            && model.StateVariables.Select(s => s.Equation).Concat(model.DerivedVariables.Select(d => d.Equation))
                .Any(e => e.FreeSymbols().Contains(LocalCoupling)))
        {
            model.AddParameter(LocalCoupling, 0.0, description: "Local coupling strength (used by the file without a declaration; 0 for a single node)");
        }

        try
        {
            model.Validate();
        }
        catch (ModelException ex)
        {
            var node = ex.Element is not null && where.TryGetValue(ex.Element, out var n) ? n : map;
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

    private static (string Rhs, YamlNode Node) Equation(YamlSource src, YamlNode eq, YamlMappingNode? m, string what, string name, bool isDerivative, YamlNode key)
    {
        if (m is null)
        {
            return (src.Text(eq, $"the equation of {what}"), eq);
        }

        // A derived variable may be given as {equation: {...}} or directly as {lhs, rhs}.
        if (!isDerivative && YamlSource.Get(m, "equation") is { } inner)
        {
            return inner is YamlMappingNode im ? Equation(src, inner, im, what, name, isDerivative, key) : (src.Text(inner, $"the equation of {what}"), inner);
        }

        var rhsNode = YamlSource.Get(m, "rhs") ?? throw src.Error(eq, $"the equation of {what} has no 'rhs:'.");
        if (YamlSource.Get(m, "lhs") is { } lhsNode)
        {
            var lhs = WhiteSpace().Replace(src.Text(lhsNode, $"the lhs of {what}"), string.Empty);
            var expected = isDerivative ? $"Derivative({name},t)" : name;
            if (lhs != expected)
            {
                throw src.Error(lhsNode, $"the lhs of {what} is '{lhs}'; it must be '{(isDerivative ? $"Derivative({name}, t)" : name)}' (or be left out).");
            }
        }

        return (src.Text(rhsNode, $"the rhs of {what}"), rhsNode);
    }

    private static string? Description(YamlSource src, YamlMappingNode m, string what) => OptionalText(src, m, "description", what)?.Trim();

    private static string? OptionalText(YamlSource src, YamlMappingNode m, string key, string what) =>
        YamlSource.Get(m, key) is { } n ? src.Text(n, $"the {key} of {what}") : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
