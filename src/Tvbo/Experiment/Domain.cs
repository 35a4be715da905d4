namespace Tvbo.Experiment;

/// <summary>The values an exploration gives one parameter: a <see cref="RangeDomain"/> (evenly spaced,
/// like numpy's linspace/logspace) or a <see cref="ValuesDomain"/> (an explicit list).</summary>
public abstract class Domain
{
    private protected Domain()
    {
    }

    /// <summary>The most values an axis may have (checked before any value is made).</summary>
    public const int MaxValues = 50_000_000;

    /// <summary>The number of values.</summary>
    public abstract int Count { get; }

    /// <summary>An inclusive range of <paramref name="n"/> values from <paramref name="lo"/> to <paramref name="hi"/>,
    /// evenly spaced (or evenly spaced in log10 when <paramref name="logScale"/>).</summary>
    /// <param name="lo">The first value.</param>
    /// <param name="hi">The last value.</param>
    /// <param name="n">The number of values (at least 1).</param>
    /// <param name="logScale">Space the values evenly in log10 (both ends must be positive).</param>
    public static RangeDomain Range(double lo, double hi, int n, bool logScale = false) => new(lo, hi, n, logScale);

    /// <summary>An explicit list of values.</summary>
    /// <param name="values">The values, in order.</param>
    public static ValuesDomain Values(params double[] values) => new(values);

    /// <summary>The values, in order. Call <see cref="Validate"/> first for a clear error on bad input.</summary>
    public abstract double[] ToArray();

    /// <summary>Checks the domain.</summary>
    /// <param name="exploration">The exploration's name, for messages.</param>
    /// <param name="parameter">The parameter's name, for messages.</param>
    /// <exception cref="ExperimentException">The domain is empty, not finite or (log scale) not positive.</exception>
    public abstract void Validate(string exploration, string parameter);
}
