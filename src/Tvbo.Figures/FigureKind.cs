namespace Tvbo.Figures;

/// <summary>The kinds of figure <see cref="FigureSet"/> draws.</summary>
public enum FigureKind
{
    /// <summary>A grid of time-series panels, one per condition (<see cref="TimeSeriesFigure"/>); needs a series.</summary>
    TimeSeries,

    /// <summary>Phase portraits of the first two outputs (<see cref="PhasePortraitFigure"/>); needs a series of two or more outputs.</summary>
    PhasePortraits,

    /// <summary>Min/max band and mean against the swept parameter (<see cref="BifurcationFigure"/>); 1-D sweeps.</summary>
    Bifurcation,

    /// <summary>Heatmap of the first output's peak-to-peak amplitude (<see cref="HeatmapFigure"/>); 2-D product sweeps.</summary>
    HeatmapPeakToPeak,

    /// <summary>Heatmap of the first output's mean (<see cref="HeatmapFigure"/>); 2-D product sweeps.</summary>
    HeatmapMean,

    /// <summary>A network's first variable at every node against time, a raster per condition (<see cref="NodeRasterFigure"/>); needs a series.</summary>
    NodeRaster,

    /// <summary>A network's first variable at every node over the summary window (<see cref="NodeSummaryFigure"/>).</summary>
    NodeSummary,

    /// <summary>The observables that are one number per condition against a 1-D sweep's parameter or over a 2-D product sweep (<see cref="ObservableFigure"/>).</summary>
    Observables,

    /// <summary>The first spectrum observable, mean over channels, for up to eight conditions (<see cref="SpectrumFigure"/>).</summary>
    Spectra,

    /// <summary>The first matrix observable (FC, phase locking) of the first and last conditions (<see cref="ConnectivityFigure"/>).</summary>
    Connectivity,
}
