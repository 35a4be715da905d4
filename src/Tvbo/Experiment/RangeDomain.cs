using System.Globalization;

namespace Tvbo.Experiment;

/// <summary><see cref="N"/> values from <see cref="Lo"/> to <see cref="Hi"/>, both included, evenly spaced
/// (numpy <c>linspace</c>) or evenly spaced in log10 (numpy <c>logspace</c> of the logs of the ends).</summary>
public sealed class RangeDomain : Domain
{
    /// <summary>Creates the range.</summary>
    /// <param name="lo">The first value.</param>
    /// <param name="hi">The last value.</param>
    /// <param name="n">The number of values (at least 1; with 1 the value is <paramref name="lo"/>).</param>
    /// <param name="logScale">Space the values evenly in log10.</param>
    public RangeDomain(double lo, double hi, int n, bool logScale = false)
    {
        Lo = lo;
        Hi = hi;
        N = n;
        LogScale = logScale;
    }

    /// <summary>The first value.</summary>
    public double Lo { get; }

    /// <summary>The last value.</summary>
    public double Hi { get; }

    /// <summary>The number of values.</summary>
    public int N { get; }

    /// <summary>Whether values are evenly spaced in log10.</summary>
    public bool LogScale { get; }

    /// <inheritdoc/>
    public override int Count => N;

    /// <inheritdoc/>
    public override void Validate(string exploration, string parameter)
    {
        var where = $"Exploration '{exploration}', parameter '{parameter}'";
        if (N < 1)
        {
            throw new ExperimentException($"{where}: a range needs n >= 1 values, got n = {N}.", exploration, parameter);
        }

        if (N > MaxValues)
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"{where}: a range of n = {N} values; an axis has at most {MaxValues}. Split the exploration, or run shards of it (RunOptions.Conditions; in the CLI run --conditions START:STOP)."), exploration, parameter);
        }

        if (!double.IsFinite(Lo) || !double.IsFinite(Hi))
        {
            throw new ExperimentException($"{where}: range ends must be finite numbers, got lo = {Format(Lo)}, hi = {Format(Hi)}.", exploration, parameter);
        }

        if (!double.IsFinite(Hi - Lo))
        {
            throw new ExperimentException($"{where}: the range from {Format(Lo)} to {Format(Hi)} is wider than float64 can hold (hi - lo overflows), so its values would not be finite; use a narrower range.", exploration, parameter);
        }

        if (LogScale && (Lo <= 0 || Hi <= 0))
        {
            throw new ExperimentException($"{where}: a log-scale range needs positive ends, got lo = {Format(Lo)}, hi = {Format(Hi)}; use a linear range or positive ends.", exploration, parameter);
        }
    }

    /// <inheritdoc/>
    public override double[] ToArray()
    {
        var values = new double[N];
        if (N == 1)
        {
            values[0] = Lo;
            return values;
        }

        double start = LogScale ? Math.Log10(Lo) : Lo, stop = LogScale ? Math.Log10(Hi) : Hi;

        // numpy.linspace: start + i*step, last value set to stop exactly.
        var step = (stop - start) / (N - 1);
        for (var i = 0; i < N; i++)
        {
            var x = i == N - 1 ? stop : start + (i * step);
            values[i] = LogScale ? Math.Pow(10.0, x) : x;
        }

        if (LogScale)
        {
            values[0] = Lo;
            values[N - 1] = Hi;
        }

        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Range(lo={Format(Lo)}, hi={Format(Hi)}, n={N}{(LogScale ? ", log_scale=True" : string.Empty)})";

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
