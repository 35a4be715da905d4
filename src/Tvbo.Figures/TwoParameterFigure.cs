using ScottPlot;
using Tvbo.Bifurcation;

namespace Tvbo.Figures;

/// <summary>
/// The two-parameter bifurcation diagram of an experiment, as MATCONT and AUTO draw it: all fold and Hopf curves of
/// its continuations that share a pair of parameters in one plane (fold curves in one colour, Hopf curves in another,
/// each named in the legend by its continuation), their codimension-two points (CP, BT, GH, ZH) marked and labelled,
/// and the folds and Hopf points (LP, HB) of the one-parameter continuations the curves start from, at the other
/// parameter's fixed value. The regions between the curves are the model's regimes. One figure per pair of parameters,
/// <c>bifurcation_&lt;p1&gt;_&lt;p2&gt;</c>.
/// </summary>
public static class TwoParameterFigure
{
    private static readonly PixelPadding Padding = new(84, 16, 50, 10);

    /// <summary>The file name (without extension) of the diagram in (<paramref name="parameter1"/>,
    /// <paramref name="parameter2"/>): <c>bifurcation_&lt;p1&gt;_&lt;p2&gt;</c>.</summary>
    /// <param name="parameter1">The parameter along the horizontal axis.</param>
    /// <param name="parameter2">The parameter along the vertical axis.</param>
    public static string FileName(string parameter1, string parameter2) => $"{ContinuationFigure.FilePrefix}{parameter1}_{parameter2}";

    /// <summary>The pairs of parameters that have at least one fold or Hopf curve among <paramref name="results"/>, as
    /// (horizontal, vertical): the first curve's order.</summary>
    /// <param name="results">The continuations of an experiment.</param>
    public static IReadOnlyList<(string Parameter1, string Parameter2)> Planes(IEnumerable<ContinuationResult> results) =>
        CurvePlane.Of(results).Select(p => (p.X, p.Y)).ToArray();

    /// <summary>Writes one diagram per pair of parameters with curves (<see cref="Planes"/>) as
    /// <c>bifurcation_&lt;p1&gt;_&lt;p2&gt;.png</c> (and <c>.svg</c> if the options ask) in <paramref name="directory"/>;
    /// nothing when no continuation has a curve.</summary>
    /// <param name="results">The continuations of an experiment.</param>
    /// <param name="directory">The folder (created if there is a figure to write).</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(IEnumerable<ContinuationResult> results, string directory, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(directory);
        options ??= FigureOptions.Default;
        options.Validate();
        var written = new List<string>();
        foreach (var plane in CurvePlane.Of(results))
        {
            Directory.CreateDirectory(directory);
            written.AddRange(Draw(plane, Path.Combine(directory, FileName(plane.X, plane.Y)), options, null, null));
        }

        return written;
    }

    /// <summary>Draws one plane into <c>basePath</c>: all its curves, or with <paramref name="emphasised"/> those in full
    /// and the others faint (a continuation's own figure of its curves).</summary>
    internal static IReadOnlyList<string> Draw(CurvePlane plane, string basePath, FigureOptions options, string? continuation, IReadOnlyCollection<Branch>? emphasised)
    {
        var labels = new Labels(options);
        var shown = plane.Curves.Where(c => emphasised is null || emphasised.Contains(c.Branch)).ToArray();
        var from = plane.Sources.Select(s => $"from '{s.Continuation}' at {labels.Name(s.Parameter == plane.X ? plane.Y : plane.X)} = {Labels.Number(s.Fixed)}").Distinct().ToArray();
        using var figure = new FigureCanvas(1, 1)
        {
            Title = continuation is null
                ? $"{options.Title ?? "Bifurcation diagram"}: two-parameter diagram in ({labels.Name(plane.X)}, {labels.Name(plane.Y)})"
                : $"{options.Title ?? continuation}: bifurcation curves in ({labels.Name(plane.X)}, {labels.Name(plane.Y)})",
            Subtitle = (continuation is null ? string.Empty : $"continuation '{continuation}': ")
                + string.Join("; ", shown.Select(c => $"{c.Branch.Name} ({CurvePlane.Describe(c.Branch.Kind)}, {c.Branch.Points.Count} points)"))
                + (from.Length == 0 ? string.Empty : $"; {string.Join(", ", from)}"),
        };
        figure.Width = options.SingleWidth;
        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);
        var plot = new Plot();
        Style.Panel(plot, null, tickSize: 12, labelSize: 14, padding: Padding);
        plane.Draw(plot, figure, labels, Padding, emphasised);
        figure.Panels[0] = plot;
        return figure.Save(basePath, options.Formats);
    }
}
