using System.Globalization;
using System.Text;
using Tvbo.Expressions;
using Tvbo.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Translates a <see cref="Dynamics"/> into a PyRates 1.2.3 YAML template: one operator holding every equation,
/// one node, one circuit. Derived variables become equations <c>h = ...</c> (with <c>h: variable</c>) written
/// before the differential equations; parameters become float constants (always with a decimal point);
/// coupling terms become constants 0.0 (a single node has no coupling input); the first state variable is the
/// operator's <c>output</c>. Symbols PyRates reserves are renamed (see <see cref="PyRatesTemplate.Renamed"/>),
/// <c>Piecewise</c> is rewritten with <c>sign()</c>, <c>abs(u)</c> as <c>u*sign(u)</c> (PyRates 1.2.3 cannot generate
/// code for <c>abs</c>), and the constant <c>e</c> is written as its value.
/// </summary>
/// <example>
/// <code>
/// string yaml = PyRatesTemplateWriter.Write(vdp);   // inspect what the PyRates backend runs
/// </code>
/// </example>
public static class PyRatesTemplateWriter
{
    /// <summary>The YAML text PyRates runs for <paramref name="model"/> (template names derived from the model's name).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The YAML text.</returns>
    /// <exception cref="ModelException">The model is not valid.</exception>
    /// <exception cref="PyRatesTranslationException">The model uses a construct PyRates cannot express.</exception>
    public static string Write(Dynamics model) => Create(model).Yaml;

    /// <summary>Translates <paramref name="model"/> into a template.</summary>
    /// <param name="model">The model.</param>
    /// <param name="nameSuffix">Appended to the template names (letters, digits, underscores) to make them unique,
    /// e.g. per run; <see langword="null"/> for names derived from the model's name only (<c>vdp_op</c>,
    /// <c>vdp_node</c>, <c>vdp</c>).</param>
    /// <returns>The template.</returns>
    /// <exception cref="ModelException">The model is not valid.</exception>
    /// <exception cref="PyRatesTranslationException">The model uses a construct PyRates cannot express.</exception>
    public static PyRatesTemplate Create(Dynamics model, string? nameSuffix = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (nameSuffix is not null && (nameSuffix.Length == 0 || !nameSuffix.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')))
        {
            throw new ArgumentException($"Template name suffix '{nameSuffix}' must be letters, digits and underscores.", nameof(nameSuffix));
        }

        var derived = model.DerivedVariablesInEvaluationOrder; // validates the model
        var names = Rename(model);
        var baseName = model.Name.ToLowerInvariant() + (nameSuffix is null ? string.Empty : "_" + nameSuffix);
        var op = baseName + "_op";
        var node = baseName + "_node";
        var circuit = baseName;

        string Print(Expr e, string where) =>
            PyRatesPrinter.Print(AbsRewriter.Rewrite(PiecewiseRewriter.Rewrite(e, where)), symbol =>
                names.TryGetValue(symbol, out var n) ? n
                : symbol == "e" ? PyRatesNumber.Format(Math.E)
                : symbol);

        var equations = new List<string>();
        foreach (var d in derived)
        {
            equations.Add($"{names[d.Name]} = {Print(d.Equation, $"Model '{model.Name}', derived variable '{d.Name}'")}");
        }

        foreach (var s in model.StateVariables)
        {
            equations.Add($"d/dt * {names[s.Name]} = {Print(s.Equation, $"Model '{model.Name}', state variable '{s.Name}'")}");
        }

        var variables = new List<(string Name, string Value)>();
        for (var i = 0; i < model.StateVariables.Count; i++)
        {
            var s = model.StateVariables[i];
            variables.Add((names[s.Name], $"{(i == 0 ? "output" : "variable")}({PyRatesNumber.Format(s.InitialValue)})"));
        }

        variables.AddRange(derived.Select(d => (names[d.Name], "variable")));
        variables.AddRange(model.Parameters.Select(p => (names[p.Name], PyRatesNumber.Format(p.Value))));
        variables.AddRange(model.CouplingTerms.Select(c => (names[c.Name], PyRatesNumber.Format(c.Value))));

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# PyRates 1.2.3 template for model '{model.Name}', written by Tvbo.PyRates.\n");
        foreach (var (from, to) in names.Where(kv => kv.Key != kv.Value).Select(kv => (kv.Key, kv.Value)))
        {
            text.Append(CultureInfo.InvariantCulture, $"# '{from}' is written '{to}' (reserved in PyRates/sympy).\n");
        }

        foreach (var c in model.CouplingTerms)
        {
            text.Append(CultureInfo.InvariantCulture, $"# coupling term '{c.Name}' is held at 0.0 (single node).\n");
        }

        foreach (var s in model.StateVariables.Where(s => s.Boundaries is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"# boundaries [{s.Boundaries!.Lower.ToString("R", CultureInfo.InvariantCulture)}, {s.Boundaries.Upper.ToString("R", CultureInfo.InvariantCulture)}] of '{s.Name}' are not enforced by PyRates; conditions leaving them are reported as failures.\n");
        }

        using (var writer = new StringWriter(CultureInfo.InvariantCulture))
        {
            var emitter = new Emitter(writer);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
            emitter.Emit(new MappingStart());

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

            Plain(emitter, node);
            emitter.Emit(new MappingStart());
            Plain(emitter, "base");
            Plain(emitter, "NodeTemplate");
            Plain(emitter, "operators");
            emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
            Plain(emitter, op);
            emitter.Emit(new SequenceEnd());
            emitter.Emit(new MappingEnd());

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

            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
            text.Append(writer.ToString());
        }

        return new PyRatesTemplate(
            model.Name,
            text.ToString(),
            op,
            node,
            circuit,
            names,
            model.StateVariables.Select(s => s.Name).ToArray(),
            model.Parameters.Select(p => p.Name).ToArray());
    }

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));

    private static Dictionary<string, string> Rename(Dynamics model)
    {
        var all = model.Parameters.Select(p => p.Name)
            .Concat(model.StateVariables.Select(s => s.Name))
            .Concat(model.DerivedVariables.Select(d => d.Name))
            .Concat(model.CouplingTerms.Select(c => c.Name))
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
