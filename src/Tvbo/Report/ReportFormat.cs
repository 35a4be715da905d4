namespace Tvbo.Report;

/// <summary>The output format of a model report.</summary>
public enum ReportFormat
{
    /// <summary>Markdown with LaTeX math (<c>$$…$$</c>), as in the TVBO guide.</summary>
    Markdown,
}
