using Microsoft.Extensions.Logging;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>state_variables:</c>: a first-order differential equation each, an initial value (TVBO's
/// default 0.1 when absent), bounds (<see cref="StateBounds"/>) and whether it is a coupling variable.</summary>
internal static class StateVariableSection
{
    /// <summary>Reads <c>state_variables:</c> into the model; a model without them is an error.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="map">The model's mapping.</param>
    public static void Read(ModelBuilder b, YamlMappingNode map)
    {
        var src = b.Source;
        var states = YamlSource.Get(map, "state_variables") ?? throw src.Error(map, $"model '{b.Model.Name}' has no 'state_variables:'; a model needs at least one.");
        var stateNames = src.Collection(states, "'state_variables'").Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (sname, key, body) in src.Collection(states, "'state_variables'"))
        {
            ReadOne(b, sname, key, body, stateNames);
        }
    }

    private static void ReadOne(ModelBuilder b, string sname, YamlNode key, YamlNode? body, ISet<string> stateNames)
    {
        var src = b.Source;
        var what = $"state variable '{sname}'";
        var m = body is null ? throw src.Error(key, $"{what} has no equation.") : src.Mapping(body, what);
        b.SchemaKeys(m, what, TvboSchema.StateVariable);
        RefuseUnsupported(b, m, what, sname);
        var eqNode = YamlSource.Get(m, "equation") ?? throw src.Error(key, $"{what} has no 'equation:'; write 'equation: {{rhs: ...}}'.");
        var (rhs, rhsNode) = EquationReader.Read(b, eqNode, what, sname, isDerivative: true, stateNames);
        var (init, defaulted) = InitialValue(src, m, key, what);
        var bounds = StateBounds.Read(src, m, what);
        var coupled = YamlSource.Get(m, "coupling_variable") is { } cv && src.Boolean(cv, $"coupling_variable of {what}");
        var unit = b.OptionalText(m, "unit", what)?.Trim();
        b.Add(rhsNode, sname, () =>
        {
            var sv = b.Model.AddStateVariable(sname, rhs, init, bounds, b.Description(m, what));
            sv.InitialValueIsDefault = defaulted;
            sv.IsCouplingVariable = coupled;
            sv.Unit = string.IsNullOrEmpty(unit) ? null : unit;
        });
    }

    /// <summary>Refuses algebraic and higher-order equations and histories; reads the variable's own noise; warns that
    /// a distribution is not used.</summary>
    private static void RefuseUnsupported(ModelBuilder b, YamlMappingNode m, string what, string sname)
    {
        var src = b.Source;
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
            ReadNoise(b, noise, what, sname);
        }

        if (YamlSource.Get(m, "distribution") is { } dist)
        {
            src.Warn(dist, $"the distribution of {what} is used by TVBO only for n_trials > 1; the initial_value is used.");
        }
    }

    /// <summary>The variable's own noise, as TVBO's simulators read it (<c>SimulationExperiment.noise_sigma_array</c>):
    /// only <c>parameters.sigma</c>, additive, with the kind and seed of the experiment's noise. A σ of 0 falls back to
    /// the experiment's noise, as in TVBO. Other forms are refused with the reason.</summary>
    private static void ReadNoise(ModelBuilder b, YamlNode node, string what, string sname)
    {
        var src = b.Source;
        var n = src.Mapping(node, $"the noise of {what}");
        var at = $"the noise of {what}";
        foreach (var (key, value) in n.Children)
        {
            var k = (key as YamlScalarNode)?.Value ?? "";
            switch (k)
            {
                case "additive" when src.Boolean(value, $"{at}: additive"):
                case "correlated" when !src.Boolean(value, $"{at}: correlated"):
                case "gaussian" or "label" or "description" or "name" or "parameters":
                    break;
                case "noise_type" when src.Text(value, $"{at}: noise_type").Trim().ToLowerInvariant() is "gaussian" or "white" or "additive":
                    break;
                case "additive":
                    throw src.Error(value, $"{at} is multiplicative (additive: false); only additive noise is supported.");
                case "correlated":
                    throw src.Error(value, $"{at} is correlated; correlated noise is not supported (the noise of each variable is independent).");
                case "noise_type":
                    throw src.Error(value, $"{at} has noise_type '{src.Text(value, "noise_type").Trim()}'; a variable's own noise gives only its sigma (TVBO takes the kind from integration.noise): write noise_type: ou under integration.noise.");
                default:
                    throw src.Error(key, $"{at}: '{k}' is not supported; TVBO's simulators read only parameters.sigma of a state variable's noise (kind, seed and correlation time come from integration.noise).");
            }
        }

        var ps = YamlSource.Get(n, "parameters") ?? throw src.Error(node, $"{at} has no parameters.sigma; give the noise's intensity.");
        double? sigma = null;
        foreach (var (p, pkey, body) in src.Collection(ps, $"{at}: parameters"))
        {
            if (p != "sigma")
            {
                throw src.Error(pkey, $"{at}: parameters.{p} is not supported; TVBO reads only parameters.sigma of a state variable's noise (for nsig D, write sigma = sqrt(2*D)).");
            }

            var v = body is YamlScalarNode sc ? src.FiniteNumber(sc, $"{at}: sigma")
                : YamlSource.Get(src.Mapping(body!, $"{at}: sigma"), "value") is { } vn ? src.FiniteNumber(vn, $"{at}: sigma")
                : throw src.Error(pkey, $"{at}: sigma has no value.");
            sigma = v >= 0 ? v : throw src.Error(pkey, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at}: sigma is {v:R}; it must not be negative."));
        }

        if (sigma is not { } s)
        {
            throw src.Error(node, $"{at} has no parameters.sigma; give the noise's intensity.");
        }

        if (s > 0)
        {
            b.Model.StateNoise[sname] = (s, node);
        }
    }

    /// <summary>The initial value, or TVBO's default (logged at debug level) and whether it was defaulted.</summary>
    private static (double Value, bool Defaulted) InitialValue(YamlSource src, YamlMappingNode m, YamlNode key, string what)
    {
        if (YamlSource.Get(m, "initial_value") is { } iv)
        {
            return (src.FiniteNumber(iv, $"the initial_value of {what}"), false);
        }

        src.Logger.LogDebug("{File}:{Line}: {What} has no initial_value; using TVBO's default 0.1.", src.FileOf(key), src.LineOf(key), what);
        return (TvboModelReader.DefaultInitialValue, true);
    }
}
