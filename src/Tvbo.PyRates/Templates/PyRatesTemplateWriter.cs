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
/// <remarks>
/// <para>Every valid model translates; what PyRates 1.2.3 would reject or compute differently is rewritten
/// (measured, see each class): names (<see cref="ReservedNames"/>: reserved, builtin, dunder and non-ASCII names
/// are renamed and mapped back), numbers (<see cref="ConstantRewriter"/>: literals as floats, constant
/// subexpressions computed in IEEE double, infinities and NaN as template constants, division by a literal zero
/// as a division by a template constant 0.0), Piecewise with compound conditions
/// (<see cref="PiecewiseRewriter"/>) and <c>%</c> (<see cref="ModuloPrinter"/>).</para>
/// <para>Every equation is split into helper equations of one operation each (<see cref="Hoister"/>: PyRates'
/// parser mishandles many multi-operation equations, <c>v**2 + v**3</c> among them, and sympy reorders the rest),
/// written before the equation that uses them and declared <c>variable</c>, named after their variable
/// (<c>v_1</c>, <c>v_2</c>, ...). The model's equations are repeated as comments at the top of the YAML.</para>
/// <para>A state variable's right-hand side is the derived variable <c>rate_x</c> (<c>d/dt * x = rate_x</c>) unless it
/// is a single symbol (<c>d/dt * x = k</c>). A constant right-hand side written directly (<c>t' = 1</c>,
/// <c>x' = k - k</c>) makes PyRates fail ("Shapes of state variable x and its right-hand side update
/// no_op(dummy_constant_0) do not match": sympy folds it to a number, which PyRates does not vectorise over the
/// grid; so do <c>1.0 + 0.0*x</c> and <c>pi</c>); through a derived variable (<c>rate_t_ = 1.0</c>) PyRates accepts it and
/// computes exactly Euler's <c>t + dt*1.0</c> and Heun's <c>t + dt/2*(1.0 + 1.0)</c>, bit for bit as the native
/// backend.</para>
/// </remarks>
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

        if (model.DelayedStates.Count > 0)
        {
            throw new PyRatesTranslationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{model.Name}' runs on a network with delays ({model.DelayedStates.Count} delayed sources, up to {model.MaxDelaySteps} steps). PyRates 1.2.3 cannot integrate them as defined here (a source reads its initial state before the start, and each stage reads the delay back from its own time): its edge history starts at 0, Heun writes its intermediate stage into the history, which halves the delays, and a one-step delay acts as none. Run delayed networks with the native backend, or set 'delayed: false' on the coupling."));
        }

        var derived = model.DerivedVariablesInEvaluationOrder; // validates the model
        var names = Rename(model);
        var baseName = ReservedNames.Transliterate(model.Name).ToLowerInvariant() + (nameSuffix is null ? string.Empty : "_" + nameSuffix);
        var op = baseName + "_op";
        var node = baseName + "_node";
        var circuit = baseName;

        // Template-internal names (constants for non-finite values and divisors, helpers, rates) must differ from
        // every model symbol and every name written for one.
        var taken = new HashSet<string>(names.Keys.Concat(names.Values), StringComparer.Ordinal);
        string Internal(string wanted)
        {
            var name = ReservedNames.SafeName(wanted, taken);
            while (!taken.Add(name))
            {
                name = ReservedNames.SafeName(name + "_", taken);
            }

            return name;
        }

        var constants = new Dictionary<long, (string Name, double Value)>();
        string ConstantName(double value)
        {
            var bits = double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(value);
            if (!constants.TryGetValue(bits, out var c))
            {
                var wanted = double.IsNaN(value) ? "const_nan"
                    : double.IsPositiveInfinity(value) ? "const_inf"
                    : double.IsNegativeInfinity(value) ? "const_neg_inf"
                    : value == 0 ? (double.IsNegative(value) ? "const_neg_zero" : "const_zero")
                    : "const_" + PyRatesNumber.Format(value).Replace("-", "neg_", StringComparison.Ordinal).Replace('.', 'p').Replace("+", string.Empty, StringComparison.Ordinal);
                c = (Internal(wanted), value);
                constants[bits] = c;
            }

            return c.Name;
        }

        var rewriter = new ConstantRewriter(names.ContainsKey, ConstantName);
        var hoister = new Hoister(Internal);
        var helpers = new List<string>();
        var equations = new List<string>();
        string Print(Expr e) =>
            ModuloPrinter.Print(e, symbol =>
                names.TryGetValue(symbol, out var n) ? n
                : symbol == "e" ? PyRatesNumber.Format(Math.E)
                : symbol);

        // The rewritten right-hand side, after its helper equations (written first, in evaluation order).
        Expr Rewrite(Expr e, string owner, string where)
        {
            var (steps, remaining) = hoister.Split(rewriter.Rewrite(AbsRewriter.Rewrite(PiecewiseRewriter.Rewrite(e, where))), owner);
            foreach (var (name, step) in steps)
            {
                helpers.Add(name);
                equations.Add($"{name} = {Print(step)}");
            }

            return remaining;
        }

        foreach (var d in derived)
        {
            var rhs = Rewrite(d.Equation, names[d.Name], $"Model '{model.Name}', derived variable '{d.Name}'");
            equations.Add($"{names[d.Name]} = {Print(rhs)}");
        }

        var rates = new List<(string State, string Rate)>();
        var odes = new List<string>();
        foreach (var s in model.StateVariables)
        {
            var rhs = Rewrite(s.Equation, names[s.Name], $"Model '{model.Name}', state variable '{s.Name}'");
            if (rhs is SymbolExpr { Name: var symbol } && (symbol != "pi" || names.ContainsKey("pi")))
            {
                odes.Add($"d/dt * {names[s.Name]} = {Print(rhs)}");
            }
            else
            {
                var rate = Internal("rate_" + names[s.Name]);
                rates.Add((s.Name, rate));
                equations.Add($"{rate} = {Print(rhs)}");
                odes.Add($"d/dt * {names[s.Name]} = {rate}");
            }
        }

        equations.AddRange(odes);

        var variables = new List<(string Name, string Value)>();
        for (var i = 0; i < model.StateVariables.Count; i++)
        {
            var s = model.StateVariables[i];
            variables.Add((names[s.Name], $"{(i == 0 ? "output" : "variable")}({PyRatesNumber.Format(s.InitialValue)})"));
        }

        variables.AddRange(derived.Select(d => (names[d.Name], "variable")));
        variables.AddRange(model.Parameters.Select(p => (names[p.Name], PyRatesNumber.Format(p.Value))));
        variables.AddRange(model.CouplingTerms.Select(c => (names[c.Name], PyRatesNumber.Format(c.Value))));
        variables.AddRange(model.Inputs.Select(u => (names[u], "input(0.0)")));
        variables.AddRange(helpers.Select(h => (h, "variable")));
        variables.AddRange(rates.Select(r => (r.Rate, "variable")));
        variables.AddRange(constants.Values.Select(c => (c.Name, FormatConstant(c.Value))));

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# PyRates 1.2.3 template for model '{model.Name}', written by Tvbo.PyRates.\n");
        foreach (var (from, to) in names.Where(kv => kv.Key != kv.Value).Select(kv => (kv.Key, kv.Value)))
        {
            text.Append(CultureInfo.InvariantCulture, $"# '{from}' is written '{to}' (reserved in PyRates/sympy, or not ASCII).\n");
        }

        foreach (var d in derived)
        {
            text.Append(CultureInfo.InvariantCulture, $"# {d.Name} = {PyRatesPrinter.PrintPython(d.Equation)}\n");
        }

        foreach (var s in model.StateVariables)
        {
            text.Append(CultureInfo.InvariantCulture, $"# {s.Name}' = {PyRatesPrinter.PrintPython(s.Equation)}\n");
        }

        foreach (var c in constants.Values)
        {
            text.Append(CultureInfo.InvariantCulture, $"# '{c.Name}' holds {FormatConstant(c.Value)} (a value sympy cannot hold, or a divisor), so numpy computes with it.\n");
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

    // YAML's spellings of the non-finite floats (PyRates 1.2.3 reads them as float constants); 0.0 and -0.0 as usual.
    private static string FormatConstant(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : PyRatesNumber.Format(value);

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));

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
