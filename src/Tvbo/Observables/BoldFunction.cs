using System.Globalization;

namespace Tvbo.Observables;

/// <summary>
/// TVB's Bold monitor (<c>tvb.simulator.monitors.Bold</c>) with its default haemodynamic response, the
/// FirstOrderVolterra kernel G(t) = ⅓ e^(−t/(2τ_s)) sin(ω t)/ω, ω = √(1/τ_f − 1/(4τ_s²)), t in s, replayed over the
/// whole series as TVB samples it during a run: sample s is the state after integration step s + 1 (the sample
/// interval is TVB's dt, in ms). Every i = round(4 ms / dt) steps the mean of the last i samples enters a stock of
/// ceil(hrf_length / 4 ms) such means; every round(period / dt) steps the stock is weighted by the reversed kernel,
/// rolled as TVB rolls it, and the BOLD value is (Σ − 1)·k_1·V_0. The stock starts at zero, so early values carry the
/// kernel's start-up as in TVB. Dimensions <c>[time, channel]</c>, times as <see cref="SamplingPeriod"/> (TVB's time
/// is step·dt, one sample interval later).
/// </summary>
internal sealed class BoldFunction : ObservableFunction
{
    private const double StockInterval = 4.0;

    private static readonly ObservableArgument[] Args =
    [
        new("period", 2000.0, "The BOLD sampling period (TR) in ms, a positive multiple of the sample interval (TVB: 2000)."),
        new("hrf_length", 20000.0, "The duration of the haemodynamic response kernel in ms (positive; TVB: 20000)."),
        new("tau_s", 0.8, "The kernel's exponential decay τ_s in s (positive)."),
        new("tau_f", 0.4, "The kernel's oscillatory parameter τ_f in s (positive, 1/τ_f > 1/(4τ_s²))."),
        new("k_1", 5.6, "The first Volterra kernel coefficient k_1."),
        new("V_0", 0.02, "The resting blood volume fraction V_0."),
    ];

    /// <inheritdoc/>
    public override string Name => "bold";

    /// <inheritdoc/>
    public override string Description => "TVB's Bold monitor with the FirstOrderVolterra haemodynamic response, sampled every 'period' ms over the whole series";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => Args;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = Kernel(context);
        return SamplingPeriod.Dimensions(context, Name);
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hrf = Kernel(context);
        var interim = InterimSteps(context);
        var istep = SamplingPeriod.Samples(context, Name);
        var c = context.ChannelCount;
        var stockSteps = hrf.Length;
        var scale = context.Argument("k_1") * context.Argument("V_0");
        var buffer = new double[interim * c];
        var stock = new double[stockSteps * c];
        var output = 0;
        for (var step = 1; step <= context.Samples; step++)
        {
            // TVB: _interim_stock[(step % istep) − 1] = state (Python's −1: the last slot).
            var slot = Mod((step % interim) - 1, interim);
            series.Slice((step - 1) * c, c).CopyTo(buffer.AsSpan(slot * c, c));
            if (step % interim == 0)
            {
                var target = Mod((step / interim % stockSteps) - 1, stockSteps);
                for (var k = 0; k < c; k++)
                {
                    double sum = 0;
                    for (var j = 0; j < interim; j++)
                    {
                        sum += buffer[(j * c) + k];
                    }

                    stock[(target * c) + k] = sum / interim;
                }
            }

            if (step % istep == 0)
            {
                // TVB: numpy.roll(hrf, r) weights stock slot j by hrf[(j − r) mod S].
                var roll = (step / interim % stockSteps) - 1;
                for (var k = 0; k < c; k++)
                {
                    double sum = 0;
                    for (var j = 0; j < stockSteps; j++)
                    {
                        sum += hrf[Mod(j - roll, stockSteps)] * stock[(j * c) + k];
                    }

                    destination[(output * c) + k] = (sum - 1.0) * scale;
                }

                output++;
            }
        }
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    private int InterimSteps(ObservableContext context)
    {
        var interim = Math.Round(StockInterval / context.SampleInterval);
        if (!(interim >= 1 && interim <= int.MaxValue))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{Name}: the sample interval is {context.SampleInterval} ms; TVB's Bold monitor averages the samples of every {StockInterval} ms, which needs a sample interval below {2 * StockInterval} ms."));
        }

        return (int)interim;
    }

    /// <summary>The reversed kernel at the stock's times, as TVB's <c>hemodynamic_response_function</c>.</summary>
    private double[] Kernel(ObservableContext context)
    {
        _ = InterimSteps(context);
        _ = SamplingPeriod.Samples(context, Name);
        var length = context.Argument("hrf_length");
        double tauS = context.Argument("tau_s"), tauF = context.Argument("tau_f");
        if (!(length > 0 && double.IsFinite(length) && length / StockInterval <= 1e8))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{Name}: argument 'hrf_length' is {length}; it is the kernel's duration in ms, positive (TVB: 20000)."));
        }

        var omega2 = (1.0 / tauF) - (1.0 / (4.0 * tauS * tauS));
        if (!(tauS > 0 && tauF > 0 && omega2 > 0))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{Name}: arguments 'tau_s' = {tauS} and 'tau_f' = {tauF} do not make an oscillating kernel; give positive values with 1/tau_f > 1/(4 tau_s²) (TVB: 0.8 and 0.4)."));
        }

        // TVB: _stock_steps = ceil(hrf_length / 4 ms), times arange(0, hrf_length/1000, step) in s.
        var steps = (int)Math.Ceiling(length / StockInterval);
        var max = length / 1000.0;
        var dt = max / steps;
        var omega = Math.Sqrt(omega2);
        var hrf = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            var t = i * dt;
            hrf[steps - 1 - i] = 1 / 3.0 * Math.Exp(-0.5 * (t / tauS)) * Math.Sin(omega * t) / omega;
        }

        return hrf;
    }
}
