namespace Tvbo.Observables;

/// <summary>TVB's TemporalAverage monitor over the whole series: the mean of each block of k = period / sample
/// interval consecutive samples (non-overlapping, a partial last block dropped), dimensions <c>[time, channel]</c>;
/// see <see cref="SamplingPeriod"/> for the times.</summary>
internal sealed class TemporalAverageFunction : ObservableFunction
{
    /// <inheritdoc/>
    public override string Name => "temporal_average";

    /// <inheritdoc/>
    public override string Description => "TVB's TemporalAverage monitor: the mean of each channel over consecutive blocks of 'period' (a multiple of the sample interval) of the whole series";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => SamplingPeriod.Arguments;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context) => SamplingPeriod.Dimensions(context, Name);

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        var k = SamplingPeriod.Samples(context, Name);
        var c = context.ChannelCount;
        var blocks = context.Samples / k;
        for (var b = 0; b < blocks; b++)
        {
            for (var ch = 0; ch < c; ch++)
            {
                double sum = 0;
                for (var s = b * k; s < (b + 1) * k; s++)
                {
                    sum += series[(s * c) + ch];
                }

                destination[(b * c) + ch] = sum / k;
            }
        }
    }
}
