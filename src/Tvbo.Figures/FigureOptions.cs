namespace Tvbo.Figures;

/// <summary>How figures are drawn: sizes, formats, how many panels, labels and units.</summary>
public sealed record FigureOptions
{
    /// <summary>The options used when none are given.</summary>
    public static FigureOptions Default { get; } = new();

    /// <summary>The width in pixels of every figure, or <see langword="null"/> to size it by its kind: a single-panel
    /// figure is <see cref="SingleWidth"/> wide, a grid of panels <see cref="PanelWidth"/> per column.</summary>
    public int? Width { get; init; }

    /// <summary>The height in pixels of every figure, or <see langword="null"/> to size it by its kind (see
    /// <see cref="Width"/>; a grid adds its header to <see cref="PanelHeight"/> per row).</summary>
    public int? Height { get; init; }

    /// <summary>The width of a single-panel figure (bifurcation-like diagram, heatmap, check overlay) when
    /// <see cref="Width"/> is not set. Default 800.</summary>
    public int SingleWidth { get; init; } = 800;

    /// <summary>The height of a single-panel figure when <see cref="Height"/> is not set. Default 600.</summary>
    public int SingleHeight { get; init; } = 600;

    /// <summary>The width of one panel of a grid (time series, phase portraits) when <see cref="Width"/> is not
    /// set. Default 300.</summary>
    public int PanelWidth { get; init; } = 300;

    /// <summary>The height of one panel of a grid when <see cref="Height"/> is not set. Default 220.</summary>
    public int PanelHeight { get; init; } = 220;

    /// <summary>The most conditions drawn as panels of a grid; larger sweeps show an evenly spaced subset that
    /// includes the first and the last condition. Default 16.</summary>
    public int MaxPanels { get; init; } = 16;

    /// <summary>The formats written. Default <see cref="FigureFormats.Png"/>.</summary>
    public FigureFormats Formats { get; init; } = FigureFormats.Png;

    /// <summary>The fraction of samples at the end over which the summary (min, max, mean, peak-to-peak) is taken,
    /// as in <see cref="Tvbo.Results.ExplorationResult.Summarize"/>. Default 0.2. A result stored as a summary
    /// only uses its own window.</summary>
    public double SummaryWindow { get; init; } = 0.2;

    /// <summary>The most points drawn per line and panel: long series are reduced to the minimum and maximum of
    /// each of <c>MaxPointsPerLine / 2</c> time buckets, which keeps every peak and trough. Default 2000.</summary>
    public int MaxPointsPerLine { get; init; } = 2000;

    /// <summary>The title put before each figure's own title, e.g. the experiment's label; by default the
    /// exploration's label or name.</summary>
    public string? Title { get; init; }

    /// <summary>The unit of time (e.g. <c>ms</c>), shown on time axes; <see langword="null"/> when the model's time is
    /// dimensionless or its unit unknown.</summary>
    public string? TimeUnit { get; init; }

    /// <summary>For the results of a discrete map (<see cref="Tvbo.Model.Dynamics.IsDiscrete"/>), the time between two
    /// iterates (the integration's step size): time axes then read <c>iteration n</c> (a step of 1) or
    /// <c>time t = n·dt</c>, and time series and phase portraits draw each iterate as a point, not joined by lines
    /// (a map jumps; lines would suggest a flow). <see langword="null"/> (the default) for continuous systems.</summary>
    public double? IterationStep { get; init; }

    /// <summary>Units of parameters and variables by name (e.g. <c>{"I_ext": "mA"}</c>), shown on axes and
    /// colorbars.</summary>
    public IReadOnlyDictionary<string, string>? Units { get; init; }

    /// <summary>Whether names that spell a Greek letter (<c>mu</c>, <c>eta</c>, <c>tau_e</c>) are shown as the letter
    /// (μ, η, τ_e). Default <see langword="true"/>.</summary>
    public bool GreekLetters { get; init; } = true;

    /// <summary>The state variable a continuation's bifurcation diagram draws (<see cref="ContinuationFigure"/>), or
    /// <see langword="null"/> (the default) for the sweep's first output when it is a state, else the first state.</summary>
    public string? ContinuationVariable { get; init; }

    internal void Validate()
    {
        if (Width is <= 0 || Height is <= 0 || SingleWidth <= 0 || SingleHeight <= 0 || PanelWidth <= 0 || PanelHeight <= 0)
        {
            throw new ArgumentException("Figure sizes must be positive numbers of pixels.");
        }

        if (Width > 20000 || Height > 20000)
        {
            throw new ArgumentException($"A figure of {Width} x {Height} pixels is too large; use at most 20000 pixels a side.");
        }

        if (MaxPanels < 1)
        {
            throw new ArgumentException($"MaxPanels must be at least 1, got {MaxPanels}.");
        }

        if (!(SummaryWindow > 0 && SummaryWindow <= 1))
        {
            throw new ArgumentException($"SummaryWindow must be in (0, 1], got {SummaryWindow}.");
        }

        if (MaxPointsPerLine < 4)
        {
            throw new ArgumentException($"MaxPointsPerLine must be at least 4, got {MaxPointsPerLine}.");
        }
    }
}
