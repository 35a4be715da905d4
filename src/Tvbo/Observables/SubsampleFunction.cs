namespace Tvbo.Observables;

/// <summary>TVB's SubSample monitor over the whole series: every k-th sample, k = period / sample interval, starting
/// at sample k − 1 (the last of each block), dimensions <c>[time, channel]</c>; see <see cref="SamplingPeriod"/>.</summary>
internal sealed class SubsampleFunction : ObservableFunction
{
    /// <inheritdoc/>
    public override string Name => "subsample";

    /// <inheritdoc/>
    public override string Description => "TVB's SubSample monitor: every sample at a multiple of 'period' (a multiple of the sample interval) of the whole series";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => SamplingPeriod.Arguments;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context) => SamplingPeriod.Dimensions(context, Name);

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        var k = SamplingPeriod.Samples(context, Name);
        var c = context.ChannelCount;
        for (var b = 0; b < context.Samples / k; b++)
        {
            series.Slice((((b + 1) * k) - 1) * c, c).CopyTo(destination[(b * c)..]);
        }
    }
}
