namespace Tvbo.Experiment;

/// <summary>
/// The noise of one target (state variable, at one node) as an input series: value <c>k</c> is <c>ξ_k/√dt</c>, added
/// to the right-hand side times the parameter <c>noise__sigma</c> (so a step adds <c>σ·√dt·ξ_k</c>, and σ can be
/// explored). ξ is a standard normal made by Box–Muller from two
/// SplitMix64 hashes of (seed, condition, stream, step) — no state, so any step of any condition is computed directly;
/// Ornstein–Uhlenbeck noise runs its AR(1) recursion from step 0 of its condition.
/// </summary>
internal sealed class NoiseSeries : InputSeries
{
    private readonly NoiseSettings _settings;
    private readonly double _scale;
    private readonly double _e;
    private readonly double _f;
    private readonly long _stream;
    private readonly int[]? _conditions;

    /// <summary>Creates the series of one target.</summary>
    /// <param name="settings">The noise.</param>
    /// <param name="dt">The step.</param>
    /// <param name="stream">The target's stream (variable index · nodes + node).</param>
    /// <param name="conditions">The grid condition of each backend condition, or null when they are the same.</param>
    public NoiseSeries(NoiseSettings settings, double dt, long stream, int[]? conditions)
    {
        _settings = settings;
        _scale = 1.0 / Math.Sqrt(dt);
        _stream = stream;
        _conditions = conditions;
        if (settings.Kind == NoiseKind.OrnsteinUhlenbeck)
        {
            _e = Math.Exp(-dt / settings.CorrelationTime);
            _f = Math.Sqrt(1 - (_e * _e));
        }
    }

    /// <inheritdoc/>
    public override int? Length => null;

    /// <inheritdoc/>
    public override void Fill(int condition, int firstStep, Span<double> into)
    {
        var c = _conditions is null ? condition : _conditions[condition];
        if (_settings.Kind == NoiseKind.Gaussian)
        {
            for (var k = 0; k < into.Length; k++)
            {
                into[k] = _scale * Normal(_settings.Seed, c, _stream, firstStep + k);
            }

            return;
        }

        // Stationary from the start: eta_0 = xi_0; eta_k+1 = E eta_k + sqrt(1 - E^2) xi_k+1.
        var eta = Normal(_settings.Seed, c, _stream, 0);
        for (var k = 1; k <= firstStep; k++)
        {
            eta = (_e * eta) + (_f * Normal(_settings.Seed, c, _stream, k));
        }

        for (var k = 0; k < into.Length; k++)
        {
            if (k > 0)
            {
                eta = (_e * eta) + (_f * Normal(_settings.Seed, c, _stream, firstStep + k));
            }

            into[k] = _scale * eta;
        }
    }

    /// <summary>A standard normal for (seed, condition, stream, step).</summary>
    internal static double Normal(long seed, int condition, long stream, long step) => unchecked(NormalUnchecked(seed, condition, stream, step));

    private static double NormalUnchecked(long seed, int condition, long stream, long step)
    {
        var key = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        key = Mix(key ^ (ulong)(uint)condition);
        key = Mix(key ^ (ulong)stream);
        key = Mix(key ^ (ulong)step);
        var a = Mix(unchecked(key + 0x9E3779B97F4A7C15UL));
        var b = Mix(unchecked(key + 0x3C6EF372FE94F82AUL)); // 2 x the golden gamma, mod 2^64
        var u1 = ((a >> 11) + 1) * (1.0 / 9007199254740993.0); // (0, 1]
        var u2 = (b >> 11) * (1.0 / 9007199254740992.0);        // [0, 1)
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>SplitMix64's step and finalizer (arithmetic modulo 2^64).</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
