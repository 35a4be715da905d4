using ScottPlot;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// The first observable that is a spectrum per channel (<c>[channel, frequency]</c>, e.g. <c>psd</c>): for up to eight
/// conditions spread over the grid, the spectrum averaged over the channels against frequency, the power on a log axis,
/// each condition a colour named by its parameters.
/// </summary>
public static class SpectrumFigure
{
    /// <summary>The file name (without extension) <see cref="FigureSet"/> writes.</summary>
    public const string FileName = "spectra";

    /// <summary>The most conditions drawn.</summary>
    public const int MaxConditions = 8;

    /// <summary>The observable the figure draws, or null: the first by name with dimensions <c>[channel, frequency]</c>.</summary>
    /// <param name="result">The result.</param>
    public static ObservableResult? Drawn(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Observables.Values.Where(o => o.Dimensions is [{ Labels: not null }, { Name: "frequency", Values: { Count: > 1 } }]).OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>Writes the figure.</summary>
    /// <param name="result">A result with a spectrum observable.</param>
    /// <param name="basePath">The path without extension; <c>.png</c> and/or <c>.svg</c> is added.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The result has no spectrum observable.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string basePath, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= FigureOptions.Default;
        options.Validate();
        var o = Drawn(result) ?? throw new ArgumentException($"Exploration '{result.Name}' has no observable that is a spectrum per channel ([channel, frequency]).", nameof(result));
        var labels = new Labels(options);
        var channels = o.Dimensions[0].Length;
        var frequencies = o.Dimensions[1].Values!.ToArray();
        var shown = Enumerable.Range(0, Math.Min(MaxConditions, o.ConditionCount)).Select(k => o.ConditionCount <= MaxConditions ? k : (int)Math.Round(k * (o.ConditionCount - 1) / (double)(MaxConditions - 1))).Distinct().ToArray();
        using var figure = new FigureCanvas(1, 1)
        {
            Title = $"{labels.Title(result)}: {labels.Name(o.Name)}, mean over {channels} channel{(channels == 1 ? string.Empty : "s")}",
            Subtitle = Labels.Provenance(result) + (shown.Length < o.ConditionCount ? $" · {shown.Length} of {o.ConditionCount} conditions" : string.Empty),
        };
        figure.Width = options.SingleWidth;
        figure.SetSize(options.Width, options.Height, figure.Width, options.SingleHeight);
        var plot = new Plot();
        Style.Panel(plot, null, tickSize: 12, labelSize: 14);
        var skipped = 0;
        for (var k = 0; k < shown.Length; k++)
        {
            var c = shown[k];
            var values = o.Condition(c);
            var mean = new double[frequencies.Length];
            for (var f = 0; f < frequencies.Length; f++)
            {
                for (var ch = 0; ch < channels; ch++)
                {
                    mean[f] += values[(ch * frequencies.Length) + f] / channels;
                }
            }

            // Log power: the frequencies whose mean power is positive and finite.
            var keep = Enumerable.Range(0, frequencies.Length).Where(f => mean[f] > 0 && double.IsFinite(mean[f])).ToArray();
            if (keep.Length == 0)
            {
                skipped++;
                continue;
            }

            var line = plot.Add.Scatter(keep.Select(f => frequencies[f]).ToArray(), keep.Select(f => Math.Log10(mean[f])).ToArray(), Style.Output(k));
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
            figure.Legend.Add(new LegendEntry(labels.Condition(result, c), Style.Output(k), LegendGlyph.Line));
        }

        if (skipped > 0)
        {
            figure.Warning = $"{skipped} condition(s) without positive finite power: left out";
        }

        plot.XLabel($"frequency ({o.Dimensions[1].Unit ?? "1/time"})");
        plot.YLabel($"log10 {labels.Name(o.Name)}");
        plot.Axes.AutoScale();
        plot.Axes.Margins(0.02, 0.08);
        figure.Panels[0] = plot;
        return figure.Save(basePath, options.Formats);
    }
}
