using ScottPlot;

namespace Tvbo.Figures;

/// <summary>
/// The marked points of a diagram (LP1, HB1, BT1, …): a marker and a bold label beside it. Each label goes to the side
/// of its point (upper right, lower right, upper left, lower left, then further out) where, measured in pixels on the
/// panel's data area, it covers the fewest other labels, markers and curve points and stays inside the data area: so
/// labels of points close together do not overlap.
/// </summary>
internal sealed class PointLabels
{
    private const float FontSize = 13, MarkerSize = 9, Gap = 6;

    private readonly List<(double X, double Y, string Text, MarkerShape Shape, Color Color)> _points = [];
    private readonly List<(double X, double Y)> _avoid = [];
    private readonly List<(double L, double T, double R, double B)> _placed = [];

    /// <summary>The labels' boxes as placed by <see cref="Draw"/>, in pixels from the data area's upper left corner.</summary>
    internal IReadOnlyList<(double L, double T, double R, double B)> Placed => _placed;

    /// <summary>Adds a point to mark (skipped when not finite).</summary>
    public void Add(double x, double y, string text, MarkerShape shape = MarkerShape.FilledCircle, Color? color = null)
    {
        if (double.IsFinite(x) && double.IsFinite(y))
        {
            _points.Add((x, y, text, shape, color ?? Style.Text));
        }
    }

    /// <summary>Points of the curves drawn, which labels should not cover.</summary>
    public void Avoid(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                _avoid.Add((x[i], y[i]));
            }
        }
    }

    /// <summary>Whether a point at about the same place (within 1e-6 of the axes' spans) has the same label kind
    /// (its text without the number): the same codimension-two point found on two curves is marked once.</summary>
    public bool Has(double x, double y, string text, double xSpan, double ySpan)
    {
        var kind = text.TrimEnd("0123456789".ToCharArray());
        return _points.Any(p => p.Text.TrimEnd("0123456789".ToCharArray()) == kind
            && Math.Abs(p.X - x) <= 1e-6 * Math.Max(xSpan, double.Epsilon) && Math.Abs(p.Y - y) <= 1e-6 * Math.Max(ySpan, double.Epsilon));
    }

    /// <summary>Draws the markers and places the labels, for a data area of <paramref name="width"/> × <paramref name="height"/>
    /// pixels showing <paramref name="limits"/>.</summary>
    public void Draw(Plot plot, AxisLimits limits, double width, double height)
    {
        double Px(double x) => (x - limits.Left) / Math.Max(limits.Right - limits.Left, double.Epsilon) * width;
        double Py(double y) => (limits.Top - y) / Math.Max(limits.Top - limits.Bottom, double.Epsilon) * height;
        var markers = _points.Select(p => (X: Px(p.X), Y: Py(p.Y))).ToArray();
        var curve = _avoid.Select(p => (X: Px(p.X), Y: Py(p.Y))).ToArray();
        var placed = _placed;
        placed.Clear();
        for (var k = 0; k < _points.Count; k++)
        {
            var (x, y, text, shape, color) = _points[k];
            plot.Add.Marker(x, y, shape, MarkerSize, color);
            var w = FigureCanvas.MeasureText(text, bold: true, FontSize);
            var h = FontSize;
            var best = (Score: double.MaxValue, Dx: 0f, Dy: 0f, Alignment: Alignment.LowerLeft);
            foreach (var (dx, dy, alignment) in Candidates())
            {
                var (px, py) = markers[k];
                var left = alignment is Alignment.LowerLeft or Alignment.UpperLeft ? px + dx : px + dx - w;
                var top = alignment is Alignment.UpperLeft or Alignment.UpperRight ? py + dy : py + dy - h;
                var box = (L: left, T: top, R: left + w, B: top + h);
                var score = placed.Count(b => Overlap(b, box)) * 1000.0
                    + markers.Where((m, i) => i != k && Inside(m, box, MarkerSize / 2.0)).Count() * 100.0
                    + curve.Count(c => Inside(c, box, 1)) * 1.0
                    + (box.L < 0 || box.T < 0 || box.R > width || box.B > height ? 500.0 : 0)
                    + (Math.Abs(dx) + Math.Abs(dy)) * 0.01;
                if (score < best.Score)
                {
                    best = (score, dx, dy, alignment);
                }
            }

            var label = plot.Add.Text(text, x, y);
            label.Alignment = best.Alignment;
            label.LabelFontSize = FontSize;
            label.LabelFontName = Style.FontFamily;
            label.LabelFontColor = Style.Text;
            label.LabelBold = true;
            label.OffsetX = best.Dx;
            label.OffsetY = best.Dy;
            var (qx, qy) = markers[k];
            var l = best.Alignment is Alignment.LowerLeft or Alignment.UpperLeft ? qx + best.Dx : qx + best.Dx - w;
            var t = best.Alignment is Alignment.UpperLeft or Alignment.UpperRight ? qy + best.Dy : qy + best.Dy - h;
            placed.Add((l, t, l + w, t + h));
        }
    }

    // Offsets in pixels (y down) with the label's corner at the point: right-above first, as the labels have always been.
    private static IEnumerable<(float Dx, float Dy, Alignment Alignment)> Candidates()
    {
        foreach (var far in new[] { 1f, 2.5f, 4.5f })
        {
            yield return (Gap * far, -4 * far, Alignment.LowerLeft);
            yield return (Gap * far, 4 * far, Alignment.UpperLeft);
            yield return (-Gap * far, -4 * far, Alignment.LowerRight);
            yield return (-Gap * far, 4 * far, Alignment.UpperRight);
        }
    }

    private static bool Overlap((double L, double T, double R, double B) a, (double L, double T, double R, double B) b) =>
        a.L < b.R && b.L < a.R && a.T < b.B && b.T < a.B;

    private static bool Inside((double X, double Y) p, (double L, double T, double R, double B) box, double margin) =>
        p.X >= box.L - margin && p.X <= box.R + margin && p.Y >= box.T - margin && p.Y <= box.B + margin;
}
