namespace Tvbo.Validation;

/// <summary>
/// One variable of one condition compared between two results. The errors are taken over the compared samples: every
/// sample up to (not including) the first one where either result is not finite, so a divergence never shows up as a
/// huge or NaN error.
/// </summary>
public sealed class VariableCheck
{
    /// <summary>The variable's name.</summary>
    public required string Variable { get; init; }

    /// <summary>The verdict for this variable alone (<see cref="CheckVerdict.Diverged"/> when it became NaN or
    /// infinite in either result).</summary>
    public required CheckVerdict Verdict { get; init; }

    /// <summary>The largest |a − b| over the compared samples.</summary>
    public required double MaxAbsoluteError { get; init; }

    /// <summary>The sample time of <see cref="MaxAbsoluteError"/>.</summary>
    public required double TimeOfMaxError { get; init; }

    /// <summary>The largest |a − b| relative to <see cref="Scale"/> (<see cref="MaxAbsoluteError"/> / scale; 0 when
    /// both are 0, infinite when only the scale is).</summary>
    public required double MaxRelativeError { get; init; }

    /// <summary>The root mean square of a − b over the compared samples.</summary>
    public required double RmsError { get; init; }

    /// <summary>The variable's scale in the condition: its largest |value| over the compared samples, the smaller of
    /// the two results' (so a result that runs away cannot widen the tolerance).</summary>
    public required double Scale { get; init; }

    /// <summary>The largest difference that agrees: <c>Absolute + Relative × Scale</c>.</summary>
    public required double Threshold { get; init; }

    /// <summary>The first sample time where |a − b| exceeds <see cref="Threshold"/>, or <see langword="null"/> when it
    /// never does.</summary>
    public required double? FirstExceedTime { get; init; }

    /// <summary>|a − b| at <see cref="FirstExceedTime"/>, or <see langword="null"/>.</summary>
    public required double? DifferenceAtFirstExceed { get; init; }

    /// <summary>The largest |a − b| over the first 1 % of the samples (at least the first two): how far apart the
    /// results start.</summary>
    public required double InitialDifference { get; init; }

    /// <summary>How the difference grew, when it exceeds the tolerance and a fit was possible (at least five slices
    /// with a nonzero difference); <see langword="null"/> otherwise.</summary>
    public required GrowthFit? Growth { get; init; }

    /// <summary>The number of samples compared.</summary>
    public required int ComparedSamples { get; init; }

    /// <summary>Whether this variable passes the tolerance at some compared sample.</summary>
    public bool Exceeds => FirstExceedTime is not null;
}
