namespace Tvbo.Observables;

/// <summary>Each channel's largest power spectral density in the band <c>fmin ≤ f ≤ fmax</c> (f = 0 excluded), from
/// the same Welch spectrum as <c>psd</c> (see <see cref="WelchSpectrum"/>): its frequency (<c>peak_frequency</c>, in
/// Hz) or its value (<c>peak_power</c>, in the series' unit² / Hz); dimensions <c>[channel]</c>.</summary>
internal sealed class SpectralPeakFunction : ObservableFunction
{
    /// <summary>Creates the function of the peak's frequency or of its power.</summary>
    /// <param name="power">True for the power, false for the frequency.</param>
    public SpectralPeakFunction(bool power) => Power = power;

    /// <summary>Whether the function gives the peak's power (else its frequency).</summary>
    public bool Power { get; }

    /// <inheritdoc/>
    public override string Name => Power ? "peak_power" : "peak_frequency";

    /// <inheritdoc/>
    public override string Description => Power
        ? "each channel's largest power spectral density (as psd) in the band fmin ≤ f ≤ fmax, f > 0"
        : "the frequency of each channel's largest power spectral density (as psd) in the band fmin ≤ f ≤ fmax, f > 0";

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
        if (Power)
        {
            WelchSpectrum.Peaks(context, series, Name, [], destination);
        }
        else
        {
            WelchSpectrum.Peaks(context, series, Name, destination, []);
        }
    }
}
