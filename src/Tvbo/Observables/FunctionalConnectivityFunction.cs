namespace Tvbo.Observables;

/// <summary>The functional connectivity of the channels over the window: their Pearson correlation matrix, as
/// <c>numpy.corrcoef</c> computes it (covariance divided by both standard deviations, clipped to [−1, 1]; a constant
/// channel has NaN in its whole row and column, its diagonal cell included): dimensions <c>[channel, channel_2]</c>.</summary>
internal sealed class FunctionalConnectivityFunction : ObservableFunction
{
    private static readonly ObservableArgument[] Args =
    [
        Window.Argument("the correlations are taken"),
    ];

    /// <inheritdoc/>
    public override string Name => "fc";

    /// <inheritdoc/>
    public override string Description => "the Pearson correlation matrix of the channels over the last 'window' fraction of the samples (numpy.corrcoef)";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => Args;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = Window.Start(context, Name);
        return ObservableDimension.Pairs(context.Channels);
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        Correlations(context, series, Name, destination);
    }

    /// <summary>The correlation matrix of the channels over the window, [channel, channel] row-major.</summary>
    /// <param name="context">The run's context (its <c>window</c> argument).</param>
    /// <param name="series">The condition's series, [sample, channel] row-major.</param>
    /// <param name="function">The function, for the message.</param>
    /// <param name="destination">C × C cells.</param>
    public static void Correlations(ObservableContext context, ReadOnlySpan<double> series, string function, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = context.ChannelCount;
        var start = Window.Start(context, function);
        var n = context.Samples - start;
        var centred = new double[n * c];
        for (var k = 0; k < c; k++)
        {
            double sum = 0;
            for (var s = 0; s < n; s++)
            {
                sum += series[((start + s) * c) + k];
            }

            var mean = sum / n;
            for (var s = 0; s < n; s++)
            {
                centred[(s * c) + k] = series[((start + s) * c) + k] - mean;
            }
        }

        // numpy.cov (divided by n − 1: NaN for one sample, as numpy), then corrcoef's c / d_i / d_j and clip.
        var covariance = new double[c * c];
        for (var a = 0; a < c; a++)
        {
            for (var b = a; b < c; b++)
            {
                double sum = 0;
                for (var s = 0; s < n; s++)
                {
                    sum += centred[(s * c) + a] * centred[(s * c) + b];
                }

                covariance[(a * c) + b] = covariance[(b * c) + a] = sum / (n - 1);
            }
        }

        for (var a = 0; a < c; a++)
        {
            for (var b = 0; b < c; b++)
            {
                var r = covariance[(a * c) + b] / Math.Sqrt(covariance[(a * c) + a]) / Math.Sqrt(covariance[(b * c) + b]);
                destination[(a * c) + b] = double.IsNaN(r) ? r : Math.Clamp(r, -1, 1);
            }
        }
    }
}
