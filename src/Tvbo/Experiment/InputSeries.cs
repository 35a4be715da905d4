namespace Tvbo.Experiment;

/// <summary>
/// A value per integration step, fed into a model from outside: step <c>k</c> (from <c>t_k</c> to <c>t_k+1</c>) uses
/// value <c>k</c> in every stage of the method (as PyRates' grid_search <c>inputs</c> do). The same series for every
/// condition (<see cref="Shared"/>), one per condition (<see cref="PerCondition"/>), or generated (noise).
/// </summary>
public abstract class InputSeries
{
    /// <summary>The number of steps it covers, or <see langword="null"/> when it is generated for any length.</summary>
    public abstract int? Length { get; }

    /// <summary>The number of conditions it has series for, or <see langword="null"/> when it is the same (or generated)
    /// for every condition.</summary>
    public virtual int? Conditions => null;

    /// <summary>Writes the values of steps <paramref name="firstStep"/> … <paramref name="firstStep"/> +
    /// <c>into.Length</c> − 1 of one condition.</summary>
    /// <param name="condition">The condition (its index in the exploration's grid, C order).</param>
    /// <param name="firstStep">The first step.</param>
    /// <param name="into">Receives the values.</param>
    public abstract void Fill(int condition, int firstStep, Span<double> into);

    /// <summary>One series for every condition.</summary>
    /// <param name="values">A value per step (copied).</param>
    public static InputSeries Shared(double[] values) => new SharedSeries(Check(values, "the series"));

    /// <summary>One series per condition of the exploration's grid (C order).</summary>
    /// <param name="values">Per condition, a value per step; all of the same length (copied).</param>
    /// <exception cref="ArgumentException">No series, series of different lengths, or a value that is not finite.</exception>
    public static InputSeries PerCondition(IReadOnlyList<double[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Give at least one condition's series.", nameof(values));
        }

        var copies = values.Select((v, i) => Check(v, $"the series of condition {i}")).ToArray();
        if (copies.Any(c => c.Length != copies[0].Length))
        {
            throw new ArgumentException($"The conditions' series have different lengths ({string.Join(", ", copies.Select(c => c.Length).Distinct())}); give every condition a value per step.", nameof(values));
        }

        return new PerConditionSeries(copies);
    }

    private static double[] Check(double[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{what} has {values[i]} at step {i}; input values must be finite.", nameof(values));
            }
        }

        return (double[])values.Clone();
    }

    private sealed class SharedSeries(double[] values) : InputSeries
    {
        public override int? Length => values.Length;

        public override void Fill(int condition, int firstStep, Span<double> into) => values.AsSpan(firstStep, into.Length).CopyTo(into);
    }

    private sealed class PerConditionSeries(double[][] values) : InputSeries
    {
        public override int? Length => values[0].Length;

        public override int? Conditions => values.Length;

        public override void Fill(int condition, int firstStep, Span<double> into) => values[condition].AsSpan(firstStep, into.Length).CopyTo(into);
    }
}
