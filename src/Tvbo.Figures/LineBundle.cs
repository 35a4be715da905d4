using ScottPlot;
using SkiaSharp;

namespace Tvbo.Figures;

/// <summary>
/// Many lines of one panel drawn as one plottable: each line's points mapped to pixels once and drawn as a polyline
/// (<see cref="SKCanvas.DrawPoints(SKPointMode, SKPoint[], SKPaint)"/>), clipped to the data area. For a network's
/// hundreds of outputs this is far cheaper than one ScottPlot scatter per line; lines at most 1 pixel wide are Skia
/// hairlines, its fastest stroke.
/// </summary>
internal sealed class LineBundle : IPlottable
{
    private readonly List<(double[] X, double[] Y, Color Color)> _lines = [];

    /// <summary>The lines' width in pixels (at most 1: a hairline, drawn segment by segment; wider: a stroked path).</summary>
    public float LineWidth { get; set; } = 1;

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    public int Count => _lines.Count;

    /// <summary>Adds a line (its points in data units, finite).</summary>
    public void Add(double[] x, double[] y, Color color) => _lines.Add((x, y, color));

    public AxisLimits GetAxisLimits()
    {
        double left = double.PositiveInfinity, right = double.NegativeInfinity, bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        foreach (var (x, y, _) in _lines)
        {
            for (var i = 0; i < x.Length; i++)
            {
                left = Math.Min(left, x[i]);
                right = Math.Max(right, x[i]);
                bottom = Math.Min(bottom, y[i]);
                top = Math.Max(top, y[i]);
            }
        }

        return left <= right ? new AxisLimits(left, right, bottom, top) : AxisLimits.NoLimits;
    }

    public void Render(RenderPack rp)
    {
        var canvas = rp.Canvas;
        if (canvas is SKNoDrawCanvas || rp.Plot.RenderManager.RenderCount == 0)
        {
            return; // a layout pass (see FigureCanvas.Render): nothing is drawn
        }

        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = LineWidth <= 1 ? 0 : LineWidth, StrokeJoin = SKStrokeJoin.Round };
        var data = rp.DataRect;
        canvas.Save();
        canvas.ClipRect(new SKRect(data.Left, data.Top, data.Right, data.Bottom));
        SKPoint[] points = [];
        foreach (var (x, y, color) in _lines)
        {
            if (points.Length != x.Length)
            {
                points = new SKPoint[x.Length];
            }

            for (var i = 0; i < x.Length; i++)
            {
                points[i] = new SKPoint(Axes.GetPixelX(x[i]), Axes.GetPixelY(y[i]));
            }

            paint.Color = new SKColor(color.R, color.G, color.B, color.A);
            if (paint.StrokeWidth == 0)
            {
                canvas.DrawPoints(SKPointMode.Polygon, points, paint);
            }
            else
            {
                using var path = new SKPath();
                path.AddPoly(points, close: false);
                canvas.DrawPath(path, paint);
            }
        }

        canvas.Restore();
    }
}
