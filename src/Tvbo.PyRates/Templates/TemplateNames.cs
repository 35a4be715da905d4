using Tvbo.Model;

namespace Tvbo.PyRates.Templates;

/// <summary>The names a template uses: the name written for each model symbol (reserved, builtin, dunder and non-ASCII
/// names renamed, see <see cref="ReservedNames"/>), and the template's own names (constants, helpers, rates), each
/// different from every model symbol and every name written for one.</summary>
internal sealed class TemplateNames
{
    private readonly HashSet<string> _taken;

    /// <summary>Names the symbols of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    public TemplateNames(Dynamics model)
    {
        Written = Rename(model);
        _taken = new HashSet<string>(Written.Keys.Concat(Written.Values), StringComparer.Ordinal);
    }

    /// <summary>The name written for each model symbol (model name → template name).</summary>
    public Dictionary<string, string> Written { get; }

    /// <summary>Whether <paramref name="symbol"/> is a symbol of the model.</summary>
    /// <param name="symbol">The symbol.</param>
    public bool IsModelSymbol(string symbol) => Written.ContainsKey(symbol);

    /// <summary>The template name of model symbol <paramref name="symbol"/>.</summary>
    /// <param name="symbol">The model symbol.</param>
    public string this[string symbol] => Written[symbol];

    /// <summary>A new template-internal name, as close to <paramref name="wanted"/> as is free.</summary>
    /// <param name="wanted">The name wanted.</param>
    /// <returns>A name no other symbol of the template has.</returns>
    public string Internal(string wanted)
    {
        var name = ReservedNames.SafeName(wanted, _taken);
        while (!_taken.Add(name))
        {
            name = ReservedNames.SafeName(name + "_", _taken);
        }

        return name;
    }

    private static Dictionary<string, string> Rename(Dynamics model)
    {
        var all = model.Parameters.Select(p => p.Name)
            .Concat(model.StateVariables.Select(s => s.Name))
            .Concat(model.DerivedVariables.Select(d => d.Name))
            .Concat(model.CouplingTerms.Select(c => c.Name))
            .Concat(model.Inputs)
            .ToArray();
        var taken = new HashSet<string>(all, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in all)
        {
            var safe = ReservedNames.SafeName(name, taken);
            taken.Add(safe);
            names[name] = safe;
        }

        return names;
    }
}
