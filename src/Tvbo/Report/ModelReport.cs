using System.Globalization;
using System.Text;
using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Report;

/// <summary>Renders a model as a report: name, description, state equations and derived variables in LaTeX,
/// coupling terms, and the table <c>Parameter | Value | Unit | Description</c>.</summary>
public static class ModelReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="model">The model (validated first).</param>
    /// <param name="format">The output format.</param>
    /// <returns>The report text.</returns>
    /// <exception cref="ModelException">The model is not valid.</exception>
    public static string Generate(Dynamics model, ReportFormat format = ReportFormat.Markdown)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (format != ReportFormat.Markdown)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Valid formats: Markdown.");
        }

        // Validates the model before anything is written.
        var derived = model.DerivedVariablesInEvaluationOrder;
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(model.Name).AppendLine();
        if (!string.IsNullOrWhiteSpace(model.Description))
        {
            sb.AppendLine(model.Description.Trim()).AppendLine();
        }

        Equations(sb, model, derived);
        Events(sb, model);
        CouplingTerms(sb, model);
        InitialValues(sb, model);
        Functions(sb, model);
        if (model.Outputs.Count > 0)
        {
            sb.Append("Outputs: ").AppendLine(string.Join(", ", model.Outputs.Select(o => $"${Symbol(o)}$"))).AppendLine();
        }

        Parameters(sb, model);
        return sb.ToString();
    }

    /// <summary>A value as Python prints a float (<c>1.0</c>, <c>0.22</c>, <c>1e-05</c>).</summary>
    /// <param name="value">The value.</param>
    public static string FormatValue(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.') || r.Contains('E') || r.Contains('e') || !double.IsFinite(value) ? r.Replace("E", "e") : r + ".0";
    }

    // The state equations, then the derived variables in evaluation order.
    private static void Equations(StringBuilder sb, Dynamics model, IReadOnlyList<DerivedVariable> derived)
    {
        sb.AppendLine("## State Equations").AppendLine();
        if (model.IsDiscrete)
        {
            sb.AppendLine("A discrete map (system_type: discrete): each state variable's next value from the previous iterate.").AppendLine();
        }

        foreach (var s in model.StateVariables)
        {
            var lhs = model.IsDiscrete ? $"{{{Symbol(s.Name)}}}_{{n+1}}" : $"\\dot{{{Symbol(s.Name)}}}";
            sb.Append("$$").Append(lhs).Append(" = ").Append(LatexPrinter.Print(s.Equation)).AppendLine("$$").AppendLine();
        }

        if (derived.Count > 0)
        {
            sb.AppendLine("## Derived Variables").AppendLine();
            foreach (var d in derived)
            {
                sb.Append("$$").Append(Symbol(d.Name)).Append(" = ").Append(LatexPrinter.Print(d.Equation)).AppendLine("$$").AppendLine();
            }
        }
    }

    // The spike-and-reset events, in the order they are applied.
    private static void Events(StringBuilder sb, Dynamics model)
    {
        if (model.Events.Count == 0)
        {
            return;
        }

        sb.AppendLine("## Events").AppendLine();
        sb.AppendLine("Checked after each step, in this order; where the condition holds, the assignments are applied, every right-hand side from the state before the event.").AppendLine();
        foreach (var ev in model.Events)
        {
            sb.Append("- **").Append(ev.Name).Append("**: when $").Append(LatexPrinter.Print(ev.Condition)).Append('$');
            if (ev.Assignments.Count > 0)
            {
                sb.Append(": ").Append(string.Join(", ", ev.Assignments.Select(a => $"${Symbol(a.Target)} \\leftarrow {LatexPrinter.Print(a.Value)}$")));
            }

            sb.AppendLine();
        }

        sb.AppendLine();
    }

    private static void CouplingTerms(StringBuilder sb, Dynamics model)
    {
        if (model.CouplingTerms.Count > 0)
        {
            sb.AppendLine("## Coupling Terms").AppendLine();
            foreach (var c in model.CouplingTerms)
            {
                sb.Append("- $").Append(Symbol(c.Name)).AppendLine("$: input from other nodes (0 for a single node)");
            }

            sb.AppendLine();
        }
    }

    private static void InitialValues(StringBuilder sb, Dynamics model)
    {
        sb.AppendLine("## Initial Values").AppendLine();
        sb.AppendLine("| State variable | Initial value | Bounds |");
        sb.AppendLine("|---|---|---|");
        foreach (var s in model.StateVariables)
        {
            var bounds = s.Boundaries is { } b
                ? $"[{FormatValue(b.Lower)}, {FormatValue(b.Upper)}]{(b.Mode == BoundaryMode.Wrap ? " (wrap)" : " (clamp)")}"
                : "N/A";
            sb.Append("| $").Append(Symbol(s.Name)).Append("$ | ").Append(FormatValue(s.InitialValue))
              .Append(s.InitialValueIsDefault ? " (not given; TVBO's default)" : string.Empty).Append(" | ").Append(bounds).AppendLine(" |");
        }

        sb.AppendLine();
    }

    private static void Functions(StringBuilder sb, Dynamics model)
    {
        if (model.Functions.Count > 0)
        {
            sb.AppendLine("## Functions").AppendLine();
            foreach (var f in model.Functions.Values)
            {
                sb.Append("$$").Append(Symbol(f.Name)).Append('(').Append(string.Join(", ", f.Arguments.Select(Symbol))).Append(") = ")
                  .Append(LatexPrinter.Print(f.Body)).AppendLine("$$").AppendLine();
            }
        }
    }

    // The table of parameters, then a note per parameter hidden by a derived variable of the same name.
    private static void Parameters(StringBuilder sb, Dynamics model)
    {
        sb.AppendLine("## Parameters").AppendLine();
        sb.AppendLine("| Parameter | Value | Unit | Description |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var p in model.Parameters)
        {
            sb.Append("| $").Append(Symbol(p.Name)).Append("$ | ").Append(FormatValue(p.Value)).Append(" | ")
              .Append(string.IsNullOrWhiteSpace(p.Unit) ? "N/A" : Cell(p.Unit)).Append(" | ")
              .Append(Cell(p.Description ?? string.Empty)).AppendLine(" |");
        }

        foreach (var sp in model.ShadowedParameters)
        {
            sb.AppendLine().Append("Parameter $").Append(Symbol(sp.Name)).Append("$ = ").Append(FormatValue(sp.Value))
              .AppendLine(" is declared but hidden by the derived variable of the same name (TVBO's symbol table), so it is not used.");
        }
    }

    private static string Symbol(string name) => LatexPrinter.Print(new SymbolExpr(name));

    private static string Cell(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim())).Replace("|", "\\|");
}
