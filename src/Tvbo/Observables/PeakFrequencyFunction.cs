namespace Tvbo.Observables;

/// <summary>The frequency of each channel's largest power spectral density in the band <c>fmin ≤ f ≤ fmax</c> (f = 0 excluded), from the same Welch spectrum as <c>psd</c>
/// (see <see cref="WelchSpectrum"/>): dimensions <c>[channel]</c>, in Hz.</summary>
internal sealed class PeakFrequencyFunction : ObservableFunction
{
    /// <inheritdoc/>
    public override string Name => "peak_frequency";

    /// <inheritdoc/>
    public override string Description => "the frequency of each channel's largest power spectral density (as psd) in the band fmin ≤ f ≤ fmax, f > 0";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => WelchSpectrum.PeakArguments;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = WelchSpectrum.Band(context, Name);
        return [ObservableDimension.Of("channel", context.Channels)];
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        WelchSpectrum.Peaks(context, series, Name, destination, []);
    }
}
