namespace Tvbo.Observables;

/// <summary>The power spectral density of each channel over the window by Welch's method, as
/// <c>scipy.signal.welch</c> with its defaults (see <see cref="WelchSpectrum"/>): dimensions
/// <c>[channel, frequency]</c>, frequencies in Hz (the sample interval is in ms), densities in the series' unit² / Hz.</summary>
internal sealed class WelchSpectrumFunction : ObservableFunction
{
    /// <inheritdoc/>
    public override string Name => "psd";

    /// <inheritdoc/>
    public override string Description => "the power spectral density of each channel over the last 'window' fraction of the samples (scipy.signal.welch's defaults, Hann segments of 'segment' samples, half overlapping; frequencies in Hz)";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => WelchSpectrum.Arguments;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            ObservableDimension.Of("channel", context.Channels),
            new ObservableDimension("frequency", null, WelchSpectrum.Frequencies(context, Name), "Hz"),
        ];
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        WelchSpectrum.Density(context, series, Name).CopyTo(destination);
    }
}
