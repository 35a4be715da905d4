namespace Tvbo.Figures;

/// <summary>The image formats a figure is written in.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>No image (nothing is written).</summary>
    None = 0,

    /// <summary>PNG raster image (<c>.png</c>).</summary>
    Png = 1,

    /// <summary>SVG vector image (<c>.svg</c>), drawn from the same (decimated) data as the PNG.</summary>
    Svg = 2,
}
