namespace Tvbo.Results;

/// <summary>
/// Compares two results of the same exploration (e.g. the native and the PyRates backend) condition by
/// condition. Both must have the same grid, outputs and time grid; samples that are NaN on both sides agree.
/// </summary>
public sealed class ResultComparison
{
    private ResultComparison(ExplorationResult expected, ExplorationResult actual, IReadOnlyList<ConditionDifference> conditions)
    {
        Expected = expected;
        Actual = actual;
        Conditions = conditions;
    }

    /// <summary>The reference result.</summary>
    public ExplorationResult Expected { get; }

    /// <summary>The result compared with it.</summary>
    public ExplorationResult Actual { get; }

    /// <summary>One entry per condition, in C order.</summary>
    public IReadOnlyList<ConditionDifference> Conditions { get; }

    /// <summary>The largest difference over all conditions (NaN if any condition differs in NaN-ness).</summary>
    public double MaxAbsoluteDifference =>
        Conditions.Any(c => double.IsNaN(c.MaxAbsoluteDifference)) ? double.NaN : Conditions.Max(c => c.MaxAbsoluteDifference);

    /// <summary>The conditions whose largest difference exceeds <paramref name="tolerance"/> (or is NaN).</summary>
    /// <param name="tolerance">The allowed absolute difference.</param>
    public IEnumerable<ConditionDifference> Exceeding(double tolerance) =>
        Conditions.Where(c => !(c.MaxAbsoluteDifference <= tolerance));

    /// <summary>Compares two series results.</summary>
    /// <param name="expected">The reference.</param>
    /// <param name="actual">The result to check.</param>
    /// <exception cref="ArgumentException">The results are not of the same grid, outputs and time grid, or lack a series.</exception>
    public static ResultComparison Compare(ExplorationResult expected, ExplorationResult actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!expected.HasSeries || !actual.HasSeries)
        {
            throw new ArgumentException("Both results need a stored series (Store = Series) to be compared.");
        }

        if (expected.ConditionCount != actual.ConditionCount || !expected.OutputNames.SequenceEqual(actual.OutputNames) || expected.SampleCount != actual.SampleCount)
        {
            throw new ArgumentException(
                $"The results differ in shape: {expected.TimeseriesShape} [{string.Join(", ", expected.OutputNames)}] vs {actual.TimeseriesShape} [{string.Join(", ", actual.OutputNames)}].");
        }

        for (var c = 0; c < expected.ConditionCount; c++)
        {
            if (!expected.ParameterValues(c).SequenceEqual(actual.ParameterValues(c)))
            {
                throw new ArgumentException($"Condition {c} has different parameter values in the two results; they are not of the same grid.");
            }
        }

        var nv = expected.OutputNames.Count;
        var list = new ConditionDifference[expected.ConditionCount];
        for (var c = 0; c < list.Length; c++)
        {
            ReadOnlySpan<double> a = expected.ConditionSeries(c), b = actual.ConditionSeries(c);
            double worst = 0, scale = 0;
            var at = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var both = double.IsNaN(a[i]) && double.IsNaN(b[i]);
                var d = both ? 0 : Math.Abs(a[i] - b[i]);
                if (double.IsNaN(d) || d > worst)
                {
                    worst = d;
                    at = i;
                    if (double.IsNaN(d))
                    {
                        break;
                    }
                }

                if (double.IsFinite(a[i]))
                {
                    scale = Math.Max(scale, Math.Abs(a[i]));
                }
            }

            list[c] = new ConditionDifference(c, worst, expected.OutputNames[at % nv], expected.Time[at / nv], scale);
        }

        return new ResultComparison(expected, actual, list);
    }
}
