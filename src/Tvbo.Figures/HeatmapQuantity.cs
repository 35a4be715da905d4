namespace Tvbo.Figures;

/// <summary>What a heatmap of a 2-D sweep shows, per condition, of one output over the summary window.</summary>
public enum HeatmapQuantity
{
    /// <summary>Peak-to-peak amplitude: max − min over the window (0 at a fixed point).</summary>
    PeakToPeak,

    /// <summary>The window mean.</summary>
    Mean,
}
