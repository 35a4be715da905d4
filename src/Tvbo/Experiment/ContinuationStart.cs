using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>Where a continuation starts (TVBO's <c>initial_state</c>).</summary>
public sealed record ContinuationStart
{
    private ContinuationStart(ContinuationStartKind kind, double duration, string? sourceBranch, string? sourcePoint)
    {
        Kind = kind;
        Duration = duration;
        SourceBranch = sourceBranch;
        SourcePoint = sourcePoint;
    }

    /// <summary>Start from the model's initial state.</summary>
    public static ContinuationStart ModelInitialState { get; } = new(ContinuationStartKind.InitialState, 0, null, null);

    /// <summary>Start from the state reached by integrating the model for a time (TVBO's <c>method: time_integration,
    /// duration</c>).</summary>
    /// <param name="duration">How long to integrate, in the model's time unit (positive).</param>
    /// <returns>The start.</returns>
    public static ContinuationStart TimeIntegration(double duration) =>
        double.IsFinite(duration) && duration > 0
            ? new(ContinuationStartKind.TimeIntegration, duration, null, null)
            : throw new ExperimentException($"initial_state: duration is {duration.ToString(CultureInfo.InvariantCulture)}; valid: a positive time to integrate before the continuation starts.");

    /// <summary>Start from a special point of another continuation (TVBO's <c>method: from_branch, source_branch,
    /// source_point</c>).</summary>
    /// <param name="sourceBranch">The continuation whose branch holds the point.</param>
    /// <param name="sourcePoint">The point: <c>fold:1</c> (the first fold), <c>hopf:2</c>, … (<c>kind:index</c>, counted
    /// from 1 along the branch).</param>
    /// <returns>The start.</returns>
    public static ContinuationStart FromBranch(string sourceBranch, string sourcePoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceBranch);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePoint);
        _ = Tvbo.Bifurcation.SpecialPointReference.Parse(sourcePoint, allowAll: false);
        return new(ContinuationStartKind.FromBranch, 0, sourceBranch, sourcePoint);
    }

    /// <summary>How the start is found.</summary>
    public ContinuationStartKind Kind { get; }

    /// <summary>The integration time of <see cref="ContinuationStartKind.TimeIntegration"/> (0 otherwise).</summary>
    public double Duration { get; }

    /// <summary>The continuation holding the start of <see cref="ContinuationStartKind.FromBranch"/>, or
    /// <see langword="null"/>.</summary>
    public string? SourceBranch { get; }

    /// <summary>The special point of <see cref="ContinuationStartKind.FromBranch"/> (<c>fold:1</c>), or
    /// <see langword="null"/>.</summary>
    public string? SourcePoint { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ContinuationStartKind.TimeIntegration => FormattableString.Invariant($"time_integration for {Duration}"),
        ContinuationStartKind.FromBranch => $"{SourcePoint} of {SourceBranch}",
        _ => "the model's initial state",
    };
}
