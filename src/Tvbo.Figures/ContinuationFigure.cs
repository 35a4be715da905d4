using ScottPlot;
using Tvbo.Bifurcation;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// The bifurcation diagram of a continuation (<see cref="ContinuationResult"/>): one state variable against the free
/// parameter, stable parts of a branch solid and unstable parts dashed (a branch is split where its stability changes),
/// periodic-orbit branches as the minimum and the maximum of the variable along the orbit, and the special points marked
/// with their label and number (LP1, HB1, …). Given a brute-force sweep of the same parameter (an exploration with one
/// swept axis), its minimum and maximum over the summary window are drawn underneath as grey markers: the continuation
/// over what the simulations showed. Two-parameter curves (fold and Hopf curves) are drawn in the plane of their two
/// parameters, in a figure of their own (<see cref="CurvesSuffix"/>), over the other continuations' curves in that plane
/// drawn faintly; all of them together are <see cref="TwoParameterFigure"/>.
/// </summary>
public static class ContinuationFigure
{
    /// <summary>The start of the file name (without extension): <c>bifurcation_&lt;continuation&gt;</c>.</summary>
    public const string FilePrefix = "bifurcation_";

    /// <summary>Appended to the file name of the figure of two-parameter curves.</summary>
    public const string CurvesSuffix = "_curves";

    /// <summary>The file name (without extension) of a continuation's diagram.</summary>
    /// <param name="continuation">The continuation's name.</param>
    public static string FileName(string continuation) => FilePrefix + continuation;

    /// <summary>The variable drawn: <paramref name="variable"/>, else <see cref="FigureOptions.ContinuationVariable"/>,
    /// else the sweep's first output when it is a state of the continuation, else the first state.</summary>
    /// <param name="result">The continuation.</param>
    /// <param name="variable">The variable asked for, or <see langword="null"/>.</param>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <param name="sweep">The sweep drawn underneath, or <see langword="null"/>.</param>
    /// <returns>The state variable's name.</returns>
    /// <exception cref="ArgumentException">The variable asked for is not a state of the continuation.</exception>
    public static string Variable(ContinuationResult result, string? variable = null, FigureOptions? options = null, ExplorationResult? sweep = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var states = result.Main.StateNames;
        var asked = variable ?? options?.ContinuationVariable;
        if (asked is not null)
        {
            return states.Contains(asked) ? asked
                : throw new ArgumentException($"'{asked}' is not a state variable of continuation '{result.Name}'; its states are {string.Join(", ", states)}.", nameof(variable));
        }

        return sweep is { OutputNames.Count: > 0 } && states.Contains(sweep.OutputNames[0]) ? sweep.OutputNames[0] : states[0];
    }

    /// <summary>Whether <paramref name="sweep"/> is a 1-D sweep of the continuation's free parameter that records the
    /// variable, so that it can be drawn underneath.</summary>
    /// <param name="result">The continuation.</param>
    /// <param name="sweep">An exploration's result.</param>
    /// <param name="variable">The variable drawn.</param>
    public static bool Overlays(ContinuationResult result, ExplorationResult sweep, string variable)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sweep);
        var axes = PanelGrid.EffectiveAxes(sweep);
        return result.Main.ParameterNames.Count == 1 && axes.Length == 1 && sweep.Axes[axes[0]].Name == result.Main.ParameterNames[0]
            && sweep.SampleCount > 0 && sweep.OutputNames.Contains(variable);
    }

    /// <summary>Writes the diagram as <c>bifurcation_&lt;continuation&gt;.png</c> (and <c>.svg</c> if the options ask)
    /// in <paramref name="directory"/>, and the two-parameter curves, if any, as
    /// <c>bifurcation_&lt;continuation&gt;_curves</c>.</summary>
    /// <param name="result">The continuation.</param>
    /// <param name="directory">The folder (created if needed).</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="sweep">A sweep of the same parameter to draw underneath, or <see langword="null"/> (a result that
    /// does not <see cref="Overlays"/> is left out).</param>
    /// <param name="variable">The state variable drawn, or <see langword="null"/> (see <see cref="Variable"/>).</param>
    /// <param name="others">The experiment's other continuations, or <see langword="null"/>: their curves in the plane
    /// of this continuation's curves are drawn faintly behind them, and the LP and HB points those start from are
    /// marked (the whole plane is <see cref="TwoParameterFigure"/>).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ContinuationResult result, string directory, FigureOptions? options = null, ExplorationResult? sweep = null, string? variable = null, IEnumerable<ContinuationResult>? others = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        options ??= FigureOptions.Default;
        options.Validate();
        Directory.CreateDirectory(directory);
        var basePath = Path.Combine(directory, FileName(result.Name));
        var written = new List<string>();
        var oneParameter = result.Branches.Where(b => b.Kind is BranchKind.Equilibria or BranchKind.PeriodicOrbits && b.ParameterNames.Count == 1).ToArray();
        var curves = result.Branches.Where(CurvePlane.IsCurve).ToArray();
        var v = Variable(result, variable, options, sweep);
        if (oneParameter.Length > 0)
        {
            written.AddRange(Diagram(result, oneParameter, v, sweep is not null && Overlays(result, sweep, v) ? sweep : null, basePath, options));
        }

        if (curves.Length > 0)
        {
            written.AddRange(Curves(result, others, oneParameter.Length > 0 ? basePath + CurvesSuffix : basePath, options));
        }

        return written;
    }

    private static IReadOnlyList<string> Diagram(ContinuationResult result, Branch[] branches, string variable, ExplorationResult? sweep, string basePath, FigureOptions options)
    {
        var labels = new Labels(options);
        var parameter = branches[0].ParameterNames[0];
        using var figure = new FigureCanvas(1, 1)
        {
            Title = $"{options.Title ?? result.Name}: {labels.Name(variable)} against {labels.Name(parameter)}",
            Subtitle = $"continuation '{result.Name}': {string.Join("; ", branches.Select(b => $"{b.Name} ({CurvePlane.Describe(b.Kind)}, {b.Points.Count} points)"))}",
        };
        figure.Width = options.SingleWidth;
        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);
        var plot = new Plot();
        var padding = new PixelPadding(84, 16, 50, 10);
        Style.Panel(plot, null, tickSize: 12, labelSize: 14, padding: padding);
        var marks = new PointLabels();
        if (sweep is not null)
        {
            AddSweep(plot, sweep, variable, options);
            figure.Legend.Add(new LegendEntry($"simulations '{sweep.Name}': min and max over the last {options.SummaryWindow:P0}", Style.Muted.WithAlpha(0.6), LegendGlyph.Circle));
        }

        for (var k = 0; k < branches.Length; k++)
        {
            var b = branches[k];
            var color = Style.Output(k);
            var i = b.StateNames.ToList().IndexOf(variable);
            if (i < 0)
            {
                continue;
            }

            var x = b.Parameter(parameter);
            if (b.Kind == BranchKind.PeriodicOrbits)
            {
                AddStability(plot, marks, x, b.Points.Select(p => p.Minimum[i]).ToArray(), b, color);
                AddStability(plot, marks, x, b.Points.Select(p => p.Maximum[i]).ToArray(), b, color);
            }
            else
            {
                AddStability(plot, marks, x, b.Points.Select(p => p.State[i]).ToArray(), b, color);
            }

            AddSpecialPoints(marks, b, parameter, i);
        }

        figure.Legend.Add(new LegendEntry("stable", Style.Text, LegendGlyph.Line));
        figure.Legend.Add(new LegendEntry("unstable", Style.Text, LegendGlyph.Dashed));
        if (branches.Any(b => b.Kind == BranchKind.PeriodicOrbits))
        {
            figure.Legend.Add(new LegendEntry("periodic orbits: min and max", Style.Output(branches.ToList().FindIndex(b => b.Kind == BranchKind.PeriodicOrbits)), LegendGlyph.Line));
        }

        plot.XLabel(labels.WithUnit(parameter));
        plot.YLabel(labels.WithUnit(variable));
        plot.Axes.AutoScale();
        plot.Axes.Margins(0.05, 0.1);
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(limits);
        var (width, height) = figure.PanelSize;
        marks.Draw(plot, limits, width - padding.Left - padding.Right, height - padding.Top - padding.Bottom);
        figure.Panels[0] = plot;
        return figure.Save(basePath, options.Formats);
    }

    private static IReadOnlyList<string> Curves(ContinuationResult result, IEnumerable<ContinuationResult>? others, string basePath, FigureOptions options)
    {
        var own = result.Branches.Where(CurvePlane.IsCurve).ToArray();
        var written = new List<string>();
        var first = true;
        foreach (var plane in CurvePlane.Of([result, .. (others ?? []).Where(o => o.Name != result.Name)]).Where(p => p.Curves.Any(c => own.Contains(c.Branch))))
        {
            written.AddRange(TwoParameterFigure.Draw(plane, first ? basePath : $"{basePath}_{plane.Name}", options, result.Name, own));
            first = false;
        }

        return written;
    }

    /// <summary>The runs of equal stability along a branch, as (first, last, stable) index ranges; neighbouring runs
    /// share their boundary point, so the line is unbroken where the stability changes.</summary>
    internal static List<(int First, int Last, bool Stable)> StabilityRuns(IReadOnlyList<BranchPoint> points)
    {
        var runs = new List<(int, int, bool)>();
        var start = 0;
        for (var i = 1; i <= points.Count; i++)
        {
            if (i == points.Count || points[i].Stable != points[start].Stable)
            {
                runs.Add((start, Math.Min(i, points.Count - 1), points[start].Stable));
                start = i;
            }
        }

        return points.Count == 0 ? [] : runs;
    }

    private static void AddStability(Plot plot, PointLabels marks, double[] x, double[] y, Branch branch, Color color)
    {
        marks.Avoid(x, y);
        foreach (var (first, last, stable) in StabilityRuns(branch.Points))
        {
            var keep = Enumerable.Range(first, last - first + 1).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
            if (keep.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(), color);
            line.LineWidth = stable ? 2.5f : 1.8f;
            line.MarkerSize = 0;
            line.LinePattern = stable ? LinePattern.Solid : LinePattern.Dashed;
        }
    }

    private static void AddSpecialPoints(PointLabels marks, Branch branch, string parameter, int variable)
    {
        var k = branch.ParameterNames.ToList().IndexOf(parameter);
        foreach (var s in branch.SpecialPoints.Where(s => s.Kind != SpecialPointKind.EndPoint && s.PointIndex >= 0 && s.PointIndex < branch.Points.Count))
        {
            var p = branch.Points[s.PointIndex];
            var y = branch.Kind == BranchKind.PeriodicOrbits ? p.Maximum[variable] : s.State.Count > variable ? s.State[variable] : p.State[variable];
            marks.Add(s.Parameters.Count > k ? s.Parameters[k] : p.Parameters[k], y, $"{s.Label}{s.Number}");
        }
    }

    private static void AddSweep(Plot plot, ExplorationResult sweep, string variable, FigureOptions options)
    {
        var summary = sweep.HasSeries ? sweep.Summarize(options.SummaryWindow) : sweep.Summary!;
        var axis = PanelGrid.EffectiveAxes(sweep)[0];
        var nv = sweep.OutputNames.Count;
        var v = sweep.OutputNames.ToList().IndexOf(variable);
        var failed = sweep.Failures.Select(f => f.Condition).ToHashSet();
        var conditions = Enumerable.Range(0, sweep.ConditionCount).Where(c => !failed.Contains(c)).ToArray();
        var x = conditions.Select(c => sweep.ParameterValues(c)[axis]).ToArray();
        ReadOnlySpan<double> mins = summary.Min.Span, maxes = summary.Max.Span;
        var lo = new double[conditions.Length];
        var hi = new double[conditions.Length];
        for (var i = 0; i < conditions.Length; i++)
        {
            lo[i] = mins[(conditions[i] * nv) + v];
            hi[i] = maxes[(conditions[i] * nv) + v];
        }

        foreach (var ys in new[] { lo, hi })
        {
            var points = plot.Add.ScatterPoints(x, ys, Style.Muted.WithAlpha(0.6));
            points.MarkerSize = 8;
            points.MarkerShape = MarkerShape.OpenCircle;
        }
    }
}
