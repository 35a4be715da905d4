namespace Tvbo.Observables;

/// <summary>The Kuramoto order parameter of the channels read as phases θ (radians): R = the mean over the window's
/// samples of |(1/C) Σ_k exp(iθ_k)|, a number (no dimensions). 1 for identical phases, near 0 for phases spread
/// uniformly around the circle.</summary>
internal sealed class OrderParameterFunction : ObservableFunction
{
    private static readonly ObservableArgument[] Args =
    [
        Window.Argument("the order parameter is averaged"),
    ];

    /// <inheritdoc/>
    public override string Name => "order_parameter";

    /// <inheritdoc/>
    public override string Description => "the Kuramoto order parameter R of the channels read as phases (radians), averaged over the last 'window' fraction of the samples";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => Args;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = Window.Start(context, Name);
        if (context.ChannelCount < 1)
        {
            throw new ObservableException($"{Name}: there is no channel; it needs at least one phase.");
        }

        return [];
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = context.ChannelCount;
        var start = Window.Start(context, Name);
        double total = 0;
        for (var s = start; s < context.Samples; s++)
        {
            double re = 0, im = 0;
            for (var k = 0; k < c; k++)
            {
                var (sin, cos) = Math.SinCos(series[(s * c) + k]);
                re += cos;
                im += sin;
            }

            total += Math.Sqrt((re * re) + (im * im)) / c;
        }

        destination[0] = total / (context.Samples - start);
    }
}
