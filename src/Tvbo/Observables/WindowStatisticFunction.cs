namespace Tvbo.Observables;

/// <summary>A <see cref="WindowStatistic"/> of each channel over the last <c>window</c> fraction of the samples:
/// dimensions <c>[channel]</c>.</summary>
internal sealed class WindowStatisticFunction : ObservableFunction
{
    private static readonly ObservableArgument[] Args =
    [
        Window.Argument("the statistic is taken"),
    ];

    /// <summary>Creates the function of a statistic.</summary>
    /// <param name="statistic">The statistic.</param>
    public WindowStatisticFunction(WindowStatistic statistic) => Statistic = statistic;

    /// <summary>The statistic.</summary>
    public WindowStatistic Statistic { get; }

    /// <inheritdoc/>
    public override string Name => Statistic switch
    {
        WindowStatistic.Mean => "mean",
        WindowStatistic.Variance => "var",
        WindowStatistic.StandardDeviation => "std",
        WindowStatistic.Min => "min",
        WindowStatistic.Max => "max",
        _ => "ptp",
    };

    /// <inheritdoc/>
    public override string Description => $"the {Statistic} of each channel over the last 'window' fraction of the samples";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => Args;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = Window.Start(context, Name);
        return [ObservableDimension.Of("channel", context.Channels)];
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = context.ChannelCount;
        var start = Window.Start(context, Name);
        var n = context.Samples - start;
        for (var k = 0; k < c; k++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var s = start; s < context.Samples; s++)
            {
                var v = series[(s * c) + k];
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            var mean = sum / n;
            double squares = 0;
            if (Statistic is WindowStatistic.Variance or WindowStatistic.StandardDeviation)
            {
                for (var s = start; s < context.Samples; s++)
                {
                    var d = series[(s * c) + k] - mean;
                    squares += d * d;
                }
            }

            destination[k] = Statistic switch
            {
                WindowStatistic.Mean => mean,
                WindowStatistic.Variance => squares / n,
                WindowStatistic.StandardDeviation => Math.Sqrt(squares / n),
                WindowStatistic.Min => min,
                WindowStatistic.Max => max,
                _ => max - min,
            };
        }
    }
}
