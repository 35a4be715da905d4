using System.Globalization;
using System.Text;
using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.PyRates.Templates;

/// <summary>
/// Translates a <see cref="Dynamics"/> into a PyRates 1.2.3 YAML template: one operator holding every equation,
/// one node, one circuit. Derived variables become equations <c>h = ...</c> (with <c>h: variable</c>) written
/// before the differential equations; parameters become float constants (always with a decimal point);
/// coupling terms become constants 0.0 (a single node has no coupling input); the first state variable is the
/// operator's <c>output</c>. Symbols PyRates reserves are renamed (see <see cref="PyRatesTemplate.Renamed"/>),
/// <c>Piecewise</c> is written with numpy's <c>where</c>, <c>abs(u)</c> as <c>u*sign(u)</c> (PyRates 1.2.3 cannot generate
/// code for <c>abs</c>), and the constant <c>e</c> is written as its value.
/// </summary>
/// <remarks>
/// <para>Every valid model translates; what PyRates 1.2.3 would reject or compute differently is rewritten
/// (measured, see each class): names (<see cref="ReservedNames"/>: reserved, builtin, dunder and non-ASCII names
/// are renamed and mapped back), numbers (<see cref="ConstantRewriter"/>: literals as floats, constant
/// subexpressions computed in IEEE double, infinities and NaN as template constants, division by a literal zero
/// as a division by a template constant 0.0), Piecewise (<see cref="PiecewiseRewriter"/>), <c>%</c> and the functions PyRates knows under other names (<see cref="EquationPrinter"/>).</para>
/// <para>Every equation is split into helper equations of one operation each (<see cref="OperationSplitter"/>: PyRates'
/// parser mishandles many multi-operation equations, <c>v**2 + v**3</c> among them, and sympy reorders the rest),
/// written before the equation that uses them and declared <c>variable</c>, named after their variable
/// (<c>v_1</c>, <c>v_2</c>, ...). The model's equations are repeated as comments at the top of the YAML.</para>
/// <para>A model without parameters gets one constant that no equation uses (<c>sweep</c>, or a name close to it that no
/// model symbol has; <see cref="PyRatesTemplate.SweepConstant"/>): grid_search needs a constant to sweep, and sweeps it
/// over one value. Results never show it.</para>
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
    public static PyRatesTemplate Create(Dynamics model, string? nameSuffix = null) => Create(model, nameSuffix, []);

    /// <summary>Translates <paramref name="model"/> into a template with the edge templates of a network circuit: edge
    /// operator <c>k</c> is operator <c>&lt;base&gt;_edge&lt;k&gt;_op</c> of edge template <c>&lt;base&gt;_edge&lt;k&gt;</c>, its
    /// names written by the same rules as the node's.</summary>
    /// <param name="model">The model.</param>
    /// <param name="nameSuffix">As for <see cref="Create(Dynamics, string?)"/>.</param>
    /// <param name="edgeOperators">The edge operators.</param>
    /// <returns>The template.</returns>
    internal static PyRatesTemplate Create(Dynamics model, string? nameSuffix, IReadOnlyList<EdgeOperator> edgeOperators)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckSuffix(nameSuffix);
        CheckNoDelays(model);
        var derived = model.DerivedVariablesInEvaluationOrder; // validates the model
        var names = new TemplateNames(model);
        var baseName = ReservedNames.Transliterate(model.Name).ToLowerInvariant() + (nameSuffix is null ? string.Empty : "_" + nameSuffix);
        var (op, node, circuit) = (baseName + "_op", baseName + "_node", baseName);
        var constants = new TemplateConstants(names);
        var equations = new OperatorEquations(model, derived, names, constants);
        var sweep = model.Parameters.Count == 0 ? names.Internal("sweep") : null;
        var edges = edgeOperators.Select((e, k) => EdgeTemplate(model, e, string.Create(CultureInfo.InvariantCulture, $"{baseName}_edge{k}"))).ToArray();
        var yaml = Header(model, derived, names, constants, sweep)
            + TemplateYaml.Write(op, node, circuit, equations.Equations, Variables(model, derived, names, equations, constants, sweep), edges.Select(e => e.Yaml).ToArray());
        return new PyRatesTemplate(
            model.Name,
            yaml,
            op,
            node,
            circuit,
            names.Written,
            model.StateVariables.Select(s => s.Name).ToArray(),
            model.Parameters.Select(p => p.Name).ToArray())
        {
            EdgeOperators = edges.Select(e => e.Template).ToArray(),
            SweepConstant = sweep,
        };
    }

    // An edge operator as an operator of its own (inputs, its output computed as the node's equations are, helpers,
    // constants) and its edge template.
    private static ((string Edge, string Op, IReadOnlyList<string> Equations, IReadOnlyList<(string Name, string Value)> Variables) Yaml, EdgeOperatorTemplate Template) EdgeTemplate(Dynamics model, EdgeOperator edge, string name)
    {
        var edgeModel = new Dynamics(name, $"edge operator of model '{model.Name}'");
        foreach (var input in edge.Inputs)
        {
            edgeModel.AddInput(input);
        }

        edgeModel.AddDerivedVariable(edge.Output, edge.Expression, $"edge operator of model '{model.Name}'");
        var names = new TemplateNames(edgeModel);
        var constants = new TemplateConstants(names);
        var equations = new OperatorEquations(edgeModel, edgeModel.DerivedVariables, names, constants);
        var variables = new List<(string Name, string Value)> { (names[edge.Output], "output(0.0)") };
        variables.AddRange(edge.Inputs.Select(u => (names[u], "input(0.0)")));
        variables.AddRange(equations.Helpers.Select(h => (h, "variable")));
        variables.AddRange(constants.All.Select(c => (c.Name, TemplateConstants.Format(c.Value))));
        var op = name + "_op";
        return ((name, op, equations.Equations, variables), new EdgeOperatorTemplate(name, op, names.Written));
    }

    private static void CheckSuffix(string? nameSuffix)
    {
        if (nameSuffix is not null && (nameSuffix.Length == 0 || !nameSuffix.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')))
        {
            throw new ArgumentException($"Template name suffix '{nameSuffix}' must be letters, digits and underscores.", nameof(nameSuffix));
        }
    }

    private static void CheckNoDelays(Dynamics model)
    {
        if (model.DelayedStates.Count > 0)
        {
            throw new PyRatesTranslationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{model.Name}' runs on a network with delays ({model.DelayedStates.Count} delayed sources, up to {model.MaxDelaySteps} steps). PyRates 1.2.3 cannot integrate them as defined here (a source reads its initial state before the start, and each stage reads the delay back from its own time): its edge history starts at 0, Heun writes its intermediate stage into the history, which halves the delays, and a one-step delay acts as none. Run delayed networks with the native backend, or set 'delayed: false' on the coupling."));
        }
    }

    // The operator's variables: states (the first is the output), derived variables, parameters (or the constant swept in
    // their place), coupling terms, inputs, helpers, rates and constants.
    private static List<(string Name, string Value)> Variables(Dynamics model, IReadOnlyList<DerivedVariable> derived, TemplateNames names, OperatorEquations equations, TemplateConstants constants, string? sweep)
    {
        var variables = model.StateVariables
            .Select((s, i) => (names[s.Name], $"{(i == 0 ? "output" : "variable")}({PyRatesNumber.Format(s.InitialValue)})"))
            .ToList();
        variables.AddRange(derived.Select(d => (names[d.Name], "variable")));
        variables.AddRange(model.Parameters.Select(p => (names[p.Name], PyRatesNumber.Format(p.Value))));
        if (sweep is not null)
        {
            variables.Add((sweep, "0.0"));
        }

        variables.AddRange(model.CouplingTerms.Select(c => (names[c.Name], PyRatesNumber.Format(c.Value))));
        variables.AddRange(model.Inputs.Select(u => (names[u], "input(0.0)")));
        variables.AddRange(equations.Helpers.Select(h => (h, "variable")));
        variables.AddRange(equations.Rates.Select(r => (r, "variable")));
        variables.AddRange(constants.All.Select(c => (c.Name, TemplateConstants.Format(c.Value))));
        return variables;
    }

    // The comments at the top of the YAML: renamed symbols, the model's equations, constants, coupling terms and
    // boundaries.
    private static string Header(Dynamics model, IReadOnlyList<DerivedVariable> derived, TemplateNames names, TemplateConstants constants, string? sweep)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# PyRates 1.2.3 template for model '{model.Name}', written by Tvbo.PyRates.\n");
        foreach (var (from, to) in names.Written.Where(kv => kv.Key != kv.Value).Select(kv => (kv.Key, kv.Value)))
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

        foreach (var c in constants.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"# '{c.Name}' holds {TemplateConstants.Format(c.Value)} (a value sympy cannot hold, or a divisor), so numpy computes with it.\n");
        }

        if (sweep is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"# '{sweep}' is a constant no equation uses: the model has no parameters, and grid_search sweeps it over one value.\n");
        }

        foreach (var c in model.CouplingTerms)
        {
            text.Append(CultureInfo.InvariantCulture, $"# coupling term '{c.Name}' is held at 0.0 (single node).\n");
        }

        foreach (var s in model.StateVariables.Where(s => s.Boundaries is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"# boundaries [{s.Boundaries!.Lower.ToString("R", CultureInfo.InvariantCulture)}, {s.Boundaries.Upper.ToString("R", CultureInfo.InvariantCulture)}] of '{s.Name}' are not enforced by PyRates; conditions leaving them are reported as failures.\n");
        }

        return text.ToString();
    }
}
