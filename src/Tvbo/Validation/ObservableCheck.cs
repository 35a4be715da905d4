namespace Tvbo.Validation;

/// <summary>One observable compared between two results, condition by condition: a value agrees when
/// <c>|a − b| ≤ Absolute + Relative × max(|a|, |b|)</c> (the check's tolerance) or both are NaN.</summary>
public sealed class ObservableCheck
{
    /// <summary>The observable's name.</summary>
    public required string Name { get; init; }

    /// <summary>The number of conditions.</summary>
    public required int Conditions { get; init; }

    /// <summary>The conditions all of whose values agree.</summary>
    public required int Agree { get; init; }

    /// <summary>The condition with the largest absolute error.</summary>
    public required int WorstCondition { get; init; }

    /// <summary>The largest |a − b| over every value (NaN pairs left out).</summary>
    public required double MaxAbsoluteError { get; init; }

    /// <summary>The largest |a − b| / max(|a|, |b|) over every value (0 where both are 0).</summary>
    public required double MaxRelativeError { get; init; }

    /// <summary>Whether every condition agrees.</summary>
    public bool Passed => Agree == Conditions;
}
