namespace Tvbo.Observables;

/// <summary>The phase locking value of each pair of channels read as phases θ (radians): PLV_ab = |mean over the
/// window's samples of exp(i(θ_a − θ_b))|, dimensions <c>[channel, channel_2]</c> (1 on the diagonal, up to rounding, for finite phases).</summary>
internal sealed class PhaseLockingFunction : ObservableFunction
{
    private static readonly ObservableArgument[] Args =
    [
        Window.Argument("the phase locking is taken"),
    ];

    /// <inheritdoc/>
    public override string Name => "phase_locking";

    /// <inheritdoc/>
    public override string Description => "the phase locking value |⟨exp(i(θ_a − θ_b))⟩| of each pair of channels read as phases (radians) over the last 'window' fraction of the samples";

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
        var c = context.ChannelCount;
        var start = Window.Start(context, Name);
        var n = context.Samples - start;

        // exp(i(θa − θb)) = exp(iθa)·conj(exp(iθb)): one sine and cosine per sample and channel.
        var cos = new double[n * c];
        var sin = new double[n * c];
        for (var i = 0; i < n * c; i++)
        {
            (sin[i], cos[i]) = Math.SinCos(series[(start * c) + i]);
        }

        for (var a = 0; a < c; a++)
        {
            for (var b = a; b < c; b++)
            {
                double re = 0, im = 0;
                for (var s = 0; s < n; s++)
                {
                    int ia = (s * c) + a, ib = (s * c) + b;
                    re += (cos[ia] * cos[ib]) + (sin[ia] * sin[ib]);
                    im += (sin[ia] * cos[ib]) - (cos[ia] * sin[ib]);
                }

                var plv = Math.Sqrt((re * re) + (im * im)) / n;
                destination[(a * c) + b] = plv;
                destination[(b * c) + a] = plv;
            }
        }
    }
}
