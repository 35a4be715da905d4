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

        var derived = model.DerivedVariablesInEvaluationOrder;
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(model.Name).AppendLine();
        if (!string.IsNullOrWhiteSpace(model.Description))
        {
            sb.AppendLine(model.Description.Trim()).AppendLine();
        }

        sb.AppendLine("## State Equations").AppendLine();
        foreach (var s in model.StateVariables)
        {
            sb.Append("$$\\dot{").Append(Symbol(s.Name)).Append("} = ").Append(LatexPrinter.Print(s.Equation)).AppendLine("$$").AppendLine();
        }

        if (derived.Count > 0)
        {
            sb.AppendLine("## Derived Variables").AppendLine();
            foreach (var d in derived)
            {
                sb.Append("$$").Append(Symbol(d.Name)).Append(" = ").Append(LatexPrinter.Print(d.Equation)).AppendLine("$$").AppendLine();
            }
        }

        if (model.CouplingTerms.Count > 0)
        {
            sb.AppendLine("## Coupling Terms").AppendLine();
            foreach (var c in model.CouplingTerms)
            {
                sb.Append("- $").Append(Symbol(c.Name)).AppendLine("$: input from other nodes (0 for a single node)");
            }

            sb.AppendLine();
        }

        sb.AppendLine("## Parameters").AppendLine();
        sb.AppendLine("| Parameter | Value | Unit | Description |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var p in model.Parameters)
        {
            sb.Append("| $").Append(Symbol(p.Name)).Append("$ | ").Append(FormatValue(p.Value)).Append(" | ")
              .Append(string.IsNullOrWhiteSpace(p.Unit) ? "N/A" : Cell(p.Unit)).Append(" | ")
              .Append(Cell(p.Description ?? string.Empty)).AppendLine(" |");
        }

        return sb.ToString();
    }

    /// <summary>A value as Python prints a float (<c>1.0</c>, <c>0.22</c>, <c>1e-05</c>).</summary>
    /// <param name="value">The value.</param>
    public static string FormatValue(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.') || r.Contains('E') || r.Contains('e') || !double.IsFinite(value) ? r.Replace("E", "e") : r + ".0";
    }

    private static string Symbol(string name) => LatexPrinter.Print(new SymbolExpr(name));

    private static string Cell(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim())).Replace("|", "\\|");
}
