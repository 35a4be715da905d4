using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Figures;
using Tvbo.Results;

namespace Tvbo.Cli.Commands;

/// <summary>The figures <c>run --out DIR</c> writes into <c>DIR/&lt;exploration&gt;/figures/</c> (unless
/// <c>--no-figures</c>) and <c>plot</c> writes from a result folder. A figure that fails is a warning on stderr: the
/// results are already written.</summary>
/// <param name="Wanted">Whether to write figures.</param>
/// <param name="Formats">PNG and/or SVG.</param>
/// <param name="Width">A fixed width of every figure, or <see langword="null"/> for the default sizes.</param>
/// <param name="Height">A fixed height of every figure.</param>
/// <param name="MaxPanels">The most conditions drawn as panels.</param>
internal sealed record FigureOutput(bool Wanted, FigureFormats Formats, int? Width, int? Height, int MaxPanels)
{
    /// <summary>The folder of an exploration's figures, inside its result folder.</summary>
    public const string Folder = "figures";

    /// <summary>Reads <c>--figures</c> / <c>--no-figures</c> (on by default when there is an output folder),
    /// <c>--figure-format png|svg|png,svg</c>, <c>--figure-size WxH</c> and <c>--max-panels N</c>.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="hasOutput">Whether the command writes a result folder.</param>
    public static FigureOutput Parse(ParseResult parse, bool hasOutput)
    {
        bool on = parse.GetValue(TvboCommands.Figures), off = parse.GetValue(TvboCommands.NoFigures);
        if (on && off)
        {
            throw new UsageException("give --figures or --no-figures, not both.");
        }

        if (on && !hasOutput)
        {
            throw new UsageException("--figures needs --out DIR (figures are written into DIR/<exploration>/figures/).");
        }

        var formats = FigureFormats.Png;
        if (parse.GetValue(TvboCommands.FigureFormat) is { } text)
        {
            formats = FigureFormats.None;
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                formats |= part.ToLowerInvariant() switch
                {
                    "png" => FigureFormats.Png,
                    "svg" => FigureFormats.Svg,
                    _ => throw new UsageException($"--figure-format takes png, svg or png,svg; got '{text}'."),
                };
            }

            if (formats == FigureFormats.None)
            {
                throw new UsageException("--figure-format names no format; use png, svg or png,svg.");
            }
        }

        int? width = null, height = null;
        if (parse.GetValue(TvboCommands.FigureSize) is { } size)
        {
            var parts = size.Split('x', 'X');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                || w is < 200 or > 20000 || h is < 150 or > 20000)
            {
                throw new UsageException($"--figure-size takes WIDTHxHEIGHT in pixels (200x150 to 20000x20000), e.g. 800x600; got '{size}'.");
            }

            (width, height) = (w, h);
        }

        var maxPanels = parse.GetValue(TvboCommands.MaxPanels) ?? FigureOptions.Default.MaxPanels;
        return new FigureOutput(hasOutput && !off, formats, width, height, maxPanels);
    }

    /// <summary>Figure options for an experiment: its label as the title, its parameters' units.</summary>
    /// <param name="experiment">The experiment, or <see langword="null"/> when unknown.</param>
    /// <param name="summaryWindow">The summary window of the run.</param>
    public FigureOptions For(SimulationExperiment? experiment, double summaryWindow)
    {
        var units = experiment?.Model.Parameters
            .Where(p => !string.IsNullOrWhiteSpace(p.Unit))
            .ToDictionary(p => p.Name, p => p.Unit!, StringComparer.Ordinal);
        return new FigureOptions
        {
            Title = experiment?.Label,
            Units = units is { Count: > 0 } ? units : null,
            Formats = Formats,
            SummaryWindow = summaryWindow,
            Width = Width,
            Height = Height,
            MaxPanels = MaxPanels,
            IterationStep = experiment is { Model.IsDiscrete: true } ? experiment.Integration.StepSize : null,
            TimeUnit = experiment?.Integration.TimeUnit,
        };
    }

    /// <summary>Writes the figures of one exploration into <c>explorationDirectory/figures</c>, listing each file on
    /// stdout (as <paramref name="shownAs"/> shows it: a run's staged file as where it will be) and each failure as a
    /// warning on stderr; never throws for a figure, only <see cref="OperationCanceledException"/>.</summary>
    /// <returns>The number of figures that failed.</returns>
    public static int Write(ExplorationResult result, string explorationDirectory, FigureOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default, ICollection<string>? writtenFiles = null, Func<string, string>? shownAs = null)
    {
        var dir = Path.Combine(explorationDirectory, Folder);
        var warnings = new List<string>();
        var started = Stopwatch.StartNew();
        IReadOnlyList<string> written;
        try
        {
            written = FigureSet.Write(result, dir, options, warnings, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Even the set-up failed (e.g. the folder cannot be made): the results are written, so warn and go on.
            stderr.WriteLine($"tvbo: warning: no figures for '{result.Name}': {ex.Message}");
            return 1;
        }

        foreach (var path in written)
        {
            stdout.WriteLine($"    wrote {shownAs?.Invoke(path) ?? path}");
            writtenFiles?.Add(path);
        }

        foreach (var w in warnings)
        {
            stderr.WriteLine($"tvbo: warning: a figure of '{result.Name}' was not written: {w}");
        }

        if (written.Count > 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {written.Count} figure file(s) in {started.Elapsed.TotalSeconds:0.##} s"));
        }

        return warnings.Count;
    }

    /// <summary>Writes a continuation's bifurcation diagram into <paramref name="directory"/>, over the first of
    /// <paramref name="explorations"/> that sweeps its free parameter (<see cref="ContinuationFigure.Overlays"/>); the
    /// variable is that sweep's first output when it is a state (else the first exploration's, else the first state).
    /// A fold or Hopf curve is drawn over the curves of <paramref name="others"/> in the same plane. A failure is a
    /// warning on stderr.</summary>
    /// <returns>The number of figures that failed (0 or 1).</returns>
    public static int Write(Tvbo.Bifurcation.ContinuationResult result, IReadOnlyList<ExplorationResult> explorations, string directory, FigureOptions options, TextWriter stdout, TextWriter stderr, ICollection<string>? writtenFiles = null, Func<string, string>? shownAs = null, IReadOnlyList<Tvbo.Bifurcation.ContinuationResult>? others = null) =>
        Report("    ", $"the bifurcation diagram of '{result.Name}'", stdout, stderr, writtenFiles, shownAs, () =>
        {
            var sweep = explorations.FirstOrDefault(e => ContinuationFigure.Overlays(result, e, ContinuationFigure.Variable(result, null, options, e)));
            var variable = ContinuationFigure.Variable(result, null, options, sweep ?? explorations.FirstOrDefault());
            return ContinuationFigure.Write(result, directory, options, sweep, variable, others);
        });

    /// <summary>Writes the two-parameter bifurcation diagrams of a run's continuations (<see cref="TwoParameterFigure"/>:
    /// one per pair of parameters with fold or Hopf curves) into <paramref name="directory"/>, the run's own
    /// <c>figures/</c> folder. Nothing when no continuation has a curve; a failure is a warning on stderr.</summary>
    /// <returns>The number of figures that failed (0 or 1).</returns>
    public static int WritePlanes(IReadOnlyList<Tvbo.Bifurcation.ContinuationResult> continuations, string directory, FigureOptions options, TextWriter stdout, TextWriter stderr, ICollection<string>? writtenFiles = null, Func<string, string>? shownAs = null) =>
        Report("  ", "the two-parameter bifurcation diagram", stdout, stderr, writtenFiles, shownAs, () => TwoParameterFigure.Write(continuations, directory, options));

    /// <summary>Runs a figure writer, printing each file written (and recording it), or a warning naming
    /// <paramref name="what"/> when it fails.</summary>
    /// <returns>The number of figures that failed (0 or 1).</returns>
    private static int Report(string indent, string what, TextWriter stdout, TextWriter stderr, ICollection<string>? writtenFiles, Func<string, string>? shownAs, Func<IReadOnlyList<string>> write)
    {
        try
        {
            foreach (var path in write())
            {
                stdout.WriteLine($"{indent}wrote {shownAs?.Invoke(path) ?? path}");
                writtenFiles?.Add(path);
            }

            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            stderr.WriteLine($"tvbo: warning: {what} was not written: {ex.Message}");
            return 1;
        }
    }
}
