using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>
/// The figures of one exploration's result, chosen by what it holds: time series and phase portraits when the series
/// was stored; a bifurcation-like diagram for a 1-D sweep; heatmaps of peak-to-peak amplitude and mean for a 2-D
/// product sweep; for a network (outputs <c>variable[node]</c>) time series, a node raster and a node summary, which show
/// every node, and phase portraits at a few nodes; the observables that are one number per condition against a 1-D sweep's parameter or over a 2-D product sweep; a spectrum and a matrix (FC) observable. <c>FigureSet.Write(result, "out/mu_sweep/figures")</c> writes them as PNG (and SVG if asked).
/// </summary>
public static class FigureSet
{
    /// <summary>The figures drawn for a result, in the order <see cref="Write(ExplorationResult, string, FigureOptions?, ICollection{string}?, CancellationToken)"/> writes them.</summary>
    /// <param name="result">The result.</param>
    public static IReadOnlyList<FigureKind> KindsFor(ExplorationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kinds = new List<FigureKind>();
        if (ObservableFigure.Fits(result) && ObservableFigure.Drawn(result).Count > 0)
        {
            kinds.Add(FigureKind.Observables);
        }

        if (SpectrumFigure.Drawn(result) is not null)
        {
            kinds.Add(FigureKind.Spectra);
        }

        if (ConnectivityFigure.Drawn(result) is not null)
        {
            kinds.Add(FigureKind.Connectivity);
        }

        if (result.Nodes.Count > 0)
        {
            // A network: every node, not the first outputs (which are the first nodes of the first variable).
            if (result.HasSeries && result.SampleCount > 0)
            {
                kinds.Add(FigureKind.TimeSeries);
                kinds.Add(FigureKind.NodeRaster);
                if (result.Variables.Count >= 2)
                {
                    kinds.Add(FigureKind.PhasePortraits);
                }
            }

            if (result.SampleCount > 0)
            {
                kinds.Add(FigureKind.NodeSummary);
            }

            return kinds;
        }

        if (result.HasSeries && result.SampleCount > 0)
        {
            kinds.Add(FigureKind.TimeSeries);
            if (result.OutputNames.Count >= 2)
            {
                kinds.Add(FigureKind.PhasePortraits);
            }
        }

        var axes = PanelGrid.EffectiveAxes(result);
        if (axes.Length == 1 && result.SampleCount > 0)
        {
            kinds.Add(FigureKind.Bifurcation);
        }
        else if (axes.Length == 2 && result.Grid.Mode == ExplorationMode.Product && result.SampleCount > 0)
        {
            kinds.Add(FigureKind.HeatmapPeakToPeak);
            kinds.Add(FigureKind.HeatmapMean);
        }

        return kinds;
    }

    /// <summary>The file name (without extension) of a kind of figure.</summary>
    /// <param name="kind">The kind.</param>
    public static string FileName(FigureKind kind) => kind switch
    {
        FigureKind.TimeSeries => TimeSeriesFigure.FileName,
        FigureKind.PhasePortraits => PhasePortraitFigure.FileName,
        FigureKind.Bifurcation => BifurcationFigure.FileName,
        FigureKind.HeatmapPeakToPeak => HeatmapFigure.PeakToPeakFileName,
        FigureKind.HeatmapMean => HeatmapFigure.MeanFileName,
        FigureKind.NodeRaster => NodeRasterFigure.FileName,
        FigureKind.NodeSummary => NodeSummaryFigure.FileName,
        FigureKind.Observables => ObservableFigure.FileName,
        FigureKind.Spectra => SpectrumFigure.FileName,
        FigureKind.Connectivity => ConnectivityFigure.FileName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Writes one figure into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="result">The result.</param>
    /// <param name="kind">The figure.</param>
    /// <param name="directory">The target directory.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ExplorationResult result, FigureKind kind, string directory, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var basePath = Path.Combine(directory, FileName(kind));
        return kind switch
        {
            FigureKind.TimeSeries => TimeSeriesFigure.Write(result, basePath, options),
            FigureKind.PhasePortraits => PhasePortraitFigure.Write(result, basePath, options),
            FigureKind.Bifurcation => BifurcationFigure.Write(result, basePath, options),
            FigureKind.HeatmapPeakToPeak => HeatmapFigure.Write(result, HeatmapQuantity.PeakToPeak, basePath, options),
            FigureKind.HeatmapMean => HeatmapFigure.Write(result, HeatmapQuantity.Mean, basePath, options),
            FigureKind.NodeRaster => EveryVariable(result, basePath, (path, v) => NodeRasterFigure.Write(result, path, options, v)),
            FigureKind.NodeSummary => EveryVariable(result, basePath, (path, v) => NodeSummaryFigure.Write(result, path, options, v)),
            FigureKind.Observables => ObservableFigure.Write(result, basePath, options),
            FigureKind.Spectra => SpectrumFigure.Write(result, basePath, options),
            FigureKind.Connectivity => ConnectivityFigure.Write(result, basePath, options),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A network's node figure for each of its variables: the first under the kind's file name, the others
    /// under <c>&lt;name&gt;_&lt;variable&gt;</c> (characters other than letters, digits and '_' written '_').</summary>
    private static IReadOnlyList<string> EveryVariable(ExplorationResult result, string basePath, Func<string, string, IReadOnlyList<string>> write)
    {
        var written = new List<string>();
        for (var i = 0; i < result.Variables.Count; i++)
        {
            var variable = result.Variables[i];
            var suffix = new string(variable.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
            written.AddRange(write(i == 0 ? basePath : $"{basePath}_{suffix}", variable));
        }

        return written;
    }

    /// <summary>Writes every figure of <see cref="KindsFor"/> into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="result">The result.</param>
    /// <param name="directory">The target directory, e.g. <c>out/&lt;exploration&gt;/figures</c>.</param>
    /// <param name="options">Sizes, formats, labels; <see cref="FigureOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="warnings">When given, a figure that fails adds <c>"&lt;file&gt;: &lt;message&gt;"</c> here and
    /// the others are still written; when <see langword="null"/> the first failure is thrown.</param>
    /// <param name="cancellationToken">Stops between figures.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="IOException">The directory cannot be created (thrown whether or not <paramref name="warnings"/> is given).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static IReadOnlyList<string> Write(ExplorationResult result, string directory, FigureOptions? options = null, ICollection<string>? warnings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        (options ?? FigureOptions.Default).Validate();
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var kind in KindsFor(result))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                written.AddRange(Write(result, kind, directory, options));
            }
            catch (Exception ex) when (warnings is not null && ex is not OutOfMemoryException)
            {
                warnings.Add($"{FileName(kind)}: {ex.Message}");
            }
        }

        return written;
    }
}
