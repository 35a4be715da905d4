using ScottPlot;
using Tvbo.Bifurcation;

namespace Tvbo.Figures;

/// <summary>
/// The plane of two parameters and what continuations put in it: the fold and Hopf curves in those two parameters
/// (fold curves in one colour, Hopf curves in another, a curve in (p2, p1) drawn swapped), their codimension-two
/// points (CP, BT, GH, ZH; one found on two curves is marked once), and the folds and Hopf points (LP, HB) of the
/// one-parameter continuations in either parameter, at the other parameter's fixed value. That value is not part of a
/// continuation's result: it is read off a curve that starts at one of the branch's LP or HB points (the curve's
/// point with the same parameter and state), so a branch that no curve starts from is left out.
/// </summary>
internal sealed class CurvePlane
{
    /// <summary>The colour of fold curves and the folds they start from.</summary>
    public static readonly Color Fold = Style.Palette[0];

    /// <summary>The colour of Hopf curves and the Hopf points they start from.</summary>
    public static readonly Color Hopf = Style.Palette[1];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private CurvePlane(string x, string y) => (X, Y) = (x, y);

    /// <summary>The parameter along the horizontal axis.</summary>
    public string X { get; }

    /// <summary>The parameter along the vertical axis.</summary>
    public string Y { get; }

    /// <summary>The curves in the plane, with their continuation's name.</summary>
    public List<(string Continuation, Branch Branch)> Curves { get; } = [];

    /// <summary>The one-parameter branches placed in the plane: their continuation and branch, the free parameter,
    /// the other parameter's fixed value, and their LP and HB points.</summary>
    public List<(string Continuation, Branch Branch, string Parameter, double Fixed, SpecialPoint[] Points)> Sources { get; } = [];

    /// <summary>The planes of <paramref name="results"/>, one per pair of parameters that at least one curve has, in the
    /// order of their first curve (its parameters' order gives the axes).</summary>
    public static IReadOnlyList<CurvePlane> Of(IEnumerable<ContinuationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = results.ToArray();
        var planes = new List<CurvePlane>();
        foreach (var r in all)
        {
            foreach (var b in r.Branches.Where(IsCurve))
            {
                var (p, q) = (b.ParameterNames[0], b.ParameterNames[1]);
                var plane = planes.FirstOrDefault(c => (c.X == p && c.Y == q) || (c.X == q && c.Y == p));
                if (plane is null)
                {
                    plane = new CurvePlane(p, q);
                    planes.Add(plane);
                }

                plane.Curves.Add((r.Name, b));
            }
        }

        foreach (var plane in planes)
        {
            foreach (var r in all)
            {
                foreach (var b in r.Branches.Where(b => b.Kind == BranchKind.Equilibria && b.ParameterNames.Count == 1 && (b.ParameterNames[0] == plane.X || b.ParameterNames[0] == plane.Y)))
                {
                    var points = b.SpecialPoints.Where(s => s.Kind is SpecialPointKind.Fold or SpecialPointKind.Hopf && s.Parameters.Count == 1).ToArray();
                    if (points.Length > 0 && plane.FixedValue(b, b.ParameterNames[0], points) is { } value)
                    {
                        plane.Sources.Add((r.Name, b, b.ParameterNames[0], value, points));
                    }
                }
            }
        }

        return planes;
    }

    /// <summary>Whether a branch is a curve in two parameters (a fold or Hopf curve).</summary>
    public static bool IsCurve(Branch branch) => branch.ParameterNames.Count == 2 && branch.Kind is BranchKind.FoldCurve or BranchKind.HopfCurve;

    /// <summary>What a branch is, in words.</summary>
    public static string Describe(BranchKind kind) => kind switch
    {
        BranchKind.PeriodicOrbits => "periodic orbits",
        BranchKind.FoldCurve => "fold curve",
        BranchKind.HopfCurve => "Hopf curve",
        _ => "equilibria",
    };

    /// <summary>The file name's parameters part, <c>&lt;p1&gt;_&lt;p2&gt;</c>.</summary>
    public string Name => $"{X}_{Y}";

    /// <summary>A curve's points in the plane's (X, Y) order.</summary>
    public (double[] X, double[] Y) Coordinates(Branch curve) => (curve.Parameter(X), curve.Parameter(Y));

    /// <summary>Draws the curves, their codimension-two points and the one-parameter branches' LP and HB points onto
    /// <paramref name="plot"/>, with a legend entry per curve and per branch placed; the curves other than
    /// <paramref name="emphasised"/> faint when it is given. Sets the axes' labels and limits.</summary>
    /// <param name="plot">The panel (styled with <paramref name="padding"/>).</param>
    /// <param name="figure">The figure, for its legend and the panel's size.</param>
    /// <param name="labels">Names and units.</param>
    /// <param name="padding">The panel's fixed padding.</param>
    /// <param name="emphasised">The curves drawn in full, or <see langword="null"/> for all.</param>
    public void Draw(Plot plot, FigureCanvas figure, Labels labels, PixelPadding padding, IReadOnlyCollection<Branch>? emphasised = null)
    {
        var marks = new PointLabels();
        var kinds = new Dictionary<BranchKind, int>();
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (continuation, b) in Curves)
        {
            var faint = emphasised is not null && !emphasised.Contains(b);
            var n = kinds.TryGetValue(b.Kind, out var seen) ? seen : 0;
            kinds[b.Kind] = n + 1;
            var color = (b.Kind == BranchKind.FoldCurve ? Fold : Hopf).WithAlpha(faint ? 0.3 : 1);
            var (x, y) = Coordinates(b);
            var keep = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
            if (keep.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(), color);
            line.LineWidth = faint ? 1.5f : 2.5f;
            line.MarkerSize = 0;
            line.LinePattern = Patterns[n % Patterns.Length];
            xs.AddRange(keep.Select(i => x[i]));
            ys.AddRange(keep.Select(i => y[i]));
            marks.Avoid(x, y);
            figure.Legend.Add(new LegendEntry($"{Describe(b.Kind)} '{continuation}'{(b.Name == continuation ? string.Empty : $" ({b.Name})")}", color, n % 2 == 0 ? LegendGlyph.Line : LegendGlyph.Dashed));
        }

        foreach (var (_, _, parameter, value, points) in Sources)
        {
            foreach (var s in points)
            {
                xs.Add(parameter == X ? s.Parameters[0] : value);
                ys.Add(parameter == X ? value : s.Parameters[0]);
            }
        }

        var (xLo, xHi) = Span(xs, 0.05);
        var (yLo, yHi) = Span(ys, 0.1);
        var codimensionTwo = 0;
        foreach (var (_, b) in Curves.Where(c => emphasised is null || emphasised.Contains(c.Branch)))
        {
            var ix = b.ParameterNames.ToList().IndexOf(X);
            var iy = b.ParameterNames.ToList().IndexOf(Y);
            foreach (var s in b.SpecialPoints.Where(s => s.Kind != SpecialPointKind.EndPoint && s.Parameters.Count == 2))
            {
                var text = $"{s.Label}{s.Number}";
                if (!marks.Has(s.Parameters[ix], s.Parameters[iy], text, xHi - xLo, yHi - yLo))
                {
                    marks.Add(s.Parameters[ix], s.Parameters[iy], text);
                    codimensionTwo++;
                }
            }
        }

        foreach (var (continuation, _, parameter, value, points) in Sources)
        {
            foreach (var s in points)
            {
                var color = s.Kind == SpecialPointKind.Fold ? Fold : Hopf;
                marks.Add(parameter == X ? s.Parameters[0] : value, parameter == X ? value : s.Parameters[0], $"{s.Label}{s.Number}", MarkerShape.FilledSquare, color);
            }

            var other = parameter == X ? Y : X;
            figure.Legend.Add(new LegendEntry($"LP, HB of '{continuation}' ({labels.Name(other)} = {Labels.Number(value)})", Style.Muted, LegendGlyph.Square));
        }

        if (codimensionTwo > 0)
        {
            figure.Legend.Add(new LegendEntry("codimension-two points", Style.Text, LegendGlyph.Circle));
        }

        plot.XLabel(labels.WithUnit(X));
        plot.YLabel(labels.WithUnit(Y));
        var limits = new AxisLimits(xLo, xHi, yLo, yHi);
        plot.Axes.SetLimits(limits);
        var (width, height) = figure.PanelSize;
        marks.Draw(plot, limits, width - padding.Left - padding.Right, height - padding.Top - padding.Bottom);
    }

    /// <summary>The fixed value of the parameter other than <paramref name="parameter"/> along a one-parameter branch,
    /// or <see langword="null"/>: a curve of this plane starts at one of <paramref name="points"/>, so one of its points
    /// has that point's parameter, state and eigenvalues (a Hopf point's frequency). Where the state does not tell the
    /// points of a curve apart (an equilibrium that stays put along a Hopf curve), the value most of the branch's
    /// points agree on is taken, and among those the one of the point with the fewest candidates.</summary>
    private double? FixedValue(Branch branch, string parameter, SpecialPoint[] points)
    {
        var other = parameter == X ? Y : X;
        var candidates = new List<List<double>>();
        foreach (var s in points)
        {
            var at = s.PointIndex >= 0 && s.PointIndex < branch.Points.Count && Close(branch.Points[s.PointIndex].Parameters[0], s.Parameters[0])
                ? Sorted(branch.Points[s.PointIndex].Eigenvalues)
                : null;
            var values = new List<double>();
            foreach (var (_, curve) in Curves)
            {
                var ip = curve.ParameterNames.ToList().IndexOf(parameter);
                var io = curve.ParameterNames.ToList().IndexOf(other);
                values.AddRange(curve.Points.Where(p => Matches(p, ip, s, at)).Select(p => p.Parameters[io]));
            }

            if (values.Count > 0)
            {
                candidates.Add(values);
            }
        }

        return candidates
            .SelectMany(c => c.Select(v => (Value: v, Agree: candidates.Count(d => d.Any(w => Close(v, w))), Among: c.Count)))
            .OrderByDescending(c => c.Agree).ThenBy(c => c.Among)
            .Select(c => (double?)c.Value).FirstOrDefault();
    }

    private static bool Matches(BranchPoint p, int parameter, SpecialPoint s, System.Numerics.Complex[]? eigenvalues) =>
        Close(p.Parameters[parameter], s.Parameters[0]) && p.State.Count == s.State.Count && p.State.Select((v, i) => Close(v, s.State[i])).All(c => c)
        && (eigenvalues is null || (p.Eigenvalues.Count == eigenvalues.Length && Sorted(p.Eigenvalues).Zip(eigenvalues).All(e => Close(e.First.Real, e.Second.Real, 1e-6) && Close(e.First.Imaginary, e.Second.Imaginary, 1e-6))))
        && (s.Kind != SpecialPointKind.Hopf || !double.IsFinite(s.Frequency) || p.Eigenvalues.Any(e => Close(Math.Abs(e.Imaginary), s.Frequency, 1e-6)));

    private static System.Numerics.Complex[] Sorted(IEnumerable<System.Numerics.Complex> values) =>
        values.OrderBy(v => Math.Round(v.Real, 6)).ThenBy(v => v.Imaginary).ToArray();

    private static bool Close(double a, double b, double tolerance = 1e-7) => Math.Abs(a - b) <= tolerance * (1 + Math.Max(Math.Abs(a), Math.Abs(b)));

    private static (double Lo, double Hi) Span(List<double> values, double margin)
    {
        if (values.Count == 0)
        {
            return (0, 1);
        }

        double lo = values.Min(), hi = values.Max();
        var span = hi - lo;
        if (span <= 0)
        {
            span = Math.Abs(lo) > 0 ? Math.Abs(lo) * 0.1 : 1;
            return (lo - span, hi + span);
        }

        return (lo - (margin * span), hi + (margin * span));
    }
}
